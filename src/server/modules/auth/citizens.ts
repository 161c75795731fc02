/**
 * Citizen accounts (table `citizens`): this module keeps them — an account is made at the first SMS
 * sign-in — and other modules read them only through here. `CitizenAccounts` is the cases
 * module's CitizenDirectory and the forms module's ApplicantProfiles (prefill); the citizen edits
 * their real-name profile through `CitizenProfiles` (profile.ts).
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import type { CitizenDirectory, CitizenProfile } from '../cases/index.js';
import type { ApplicantProfiles } from '../forms/index.js';

export class CitizenAccounts implements CitizenDirectory, ApplicantProfiles {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'protector'>) {}

  async profile(citizenId: string): Promise<CitizenProfile | undefined> {
    const row = await this.deps.dbh.db.selectFrom('citizens')
      .select(['id', 'name', 'phone_enc', 'id_number_enc', 'address_enc', 'real_name_status']).where('id', '=', citizenId).executeTakeFirst();
    if (!row) return undefined;
    const { protector } = this.deps;
    return {
      id: row.id, name: row.name, phone: protector.decrypt(row.phone_enc), idNumber: row.id_number_enc ? protector.decrypt(row.id_number_enc) : null,
      address: row.address_enc ? protector.decrypt(row.address_enc) : null, realName: row.real_name_status,
    };
  }

  async idNumberHash(citizenId: string): Promise<string | null | undefined> {
    const row = await this.deps.dbh.db.selectFrom('citizens').select('id_number_hash').where('id', '=', citizenId).executeTakeFirst();
    return row && row.id_number_hash;
  }

  accountsByIdNumberHash(db: DbOrTx, idNumberHashes: readonly string[]) {
    return db.selectFrom('citizens').select(['id', 'id_number_hash']).where('id_number_hash', 'in', idNumberHashes);
  }
}
