/**
 * A citizen's real-name profile (实名信息): the name and ID number they apply under, an address,
 * and how far the platform trusts them — none, declared (本人申报、未核验) or verified (checked by
 * the RealNameVerifier). Online applications are made in the profile's name (cases' CitizenDirectory).
 *
 * Rules: a verified name and ID number are locked (corrections at a window); an ID number belongs
 * to one account; a name and ID number the verifier says do not belong together are not stored.
 * The ID number and the address are stored encrypted (the ID number also as its lookup hash), and
 * only masked in the audit log.
 */
import type { DbOrTx } from '../../db/index.js';
import type { RealNameStatus } from '../../db/types.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, validationFailed } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { forgetSessions } from '../../platform/sessions.js';
import { maskIdNumber, maskName } from '../../../shared/validators.js';
import type { RealNameCheck, RealNameVerifier } from './real-name.js';
import type { ProfileBody, ProfileView } from './schemas.js';

export const realNameLocked = () =>
  conflict('REAL_NAME_LOCKED', '已通过实名核验，姓名和身份证号码不能修改；如需更正，请到政务服务中心窗口办理');
export const idNumberInUse = () =>
  conflict('ID_NUMBER_IN_USE', '该身份证号码已绑定其他手机号。如需更换手机号，请到政务服务中心窗口办理');
export const realNameMismatch = () => new AppError(422, 'REAL_NAME_MISMATCH', '姓名与身份证号码不一致，请核对后重新填写');

const PROFILE_COLUMNS = ['name', 'id_number_enc', 'id_number_hash', 'address_enc', 'real_name_status', 'real_name_source', 'real_name_at'] as const;

/** A profile write with both halves of the identity settled. */
type Identity = ProfileBody & { name: string; idNumber: string };

interface ProfileRow {
  name: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  address_enc: string | null;
  real_name_status: RealNameStatus;
  real_name_source: string | null;
  real_name_at: string | null;
}

/** Attempts of an update whose row changed status between its read and its write (a second tab). */
const MAX_ATTEMPTS = 3;
/** Thrown inside the write's transaction, so its audit entry rolls back with it, and caught to try again. */
class StatusMoved extends Error {}

export class CitizenProfiles {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'protector' | 'clock' | 'log'>,
    private readonly verifier: RealNameVerifier,
  ) {}

  private read(db: DbOrTx, citizenId: string): Promise<ProfileRow | undefined> {
    return db.selectFrom('citizens').select(PROFILE_COLUMNS).where('id', '=', citizenId).executeTakeFirst();
  }

  private async require(citizenId: string): Promise<ProfileRow> {
    const row = await this.read(this.deps.dbh.db, citizenId);
    if (!row) throw new Error(`no citizen account ${citizenId}`);
    return row;
  }

  private viewOf(row: ProfileRow): ProfileView {
    const { protector } = this.deps;
    const idNumber = row.id_number_enc ? protector.decrypt(row.id_number_enc) : null;
    return {
      name: row.name,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      address: row.address_enc ? protector.decrypt(row.address_enc) : null,
      realName: { status: row.real_name_status, source: row.real_name_source, at: row.real_name_at },
      complete: !!row.name && !!idNumber,
    };
  }

  async view(citizenId: string): Promise<ProfileView> {
    return this.viewOf(await this.require(citizenId));
  }

  /** Replaces the profile (PUT): checks, asks the verifier unless already verified, then writes it with its audit entry. */
  async update(ctx: RequestContext, citizenId: string, given: ProfileBody, attempt = 1): Promise<ProfileView> {
    const { protector } = this.deps;
    const db = this.deps.dbh.db;
    const current = await this.require(citizenId);
    const body = this.identityOf(current, given);
    const idHash = protector.lookupHash(body.idNumber);
    const sameIdentity = current.name === body.name && current.id_number_hash === idHash;
    const newIdNumber = current.id_number_hash !== idHash;
    if (current.real_name_status === 'verified' && !sameIdentity) throw realNameLocked();
    // Before the verifier is asked: an ID number another account holds is refused whatever it says.
    if (newIdNumber && (await this.boundElsewhere(db, citizenId, idHash))) throw idNumberInUse();

    const now = iso(this.deps.clock.now());
    let next: Pick<ProfileRow, 'real_name_status' | 'real_name_source' | 'real_name_at'>;
    if (current.real_name_status === 'verified') {
      next = current;
    } else {
      const check = await this.check(body);
      if (check.outcome === 'mismatch') throw realNameMismatch();
      next = check.outcome === 'verified'
        ? { real_name_status: 'verified', real_name_source: check.source, real_name_at: now }
        : { real_name_status: 'declared', real_name_source: null, real_name_at: sameIdentity && current.real_name_status === 'declared' ? current.real_name_at : now };
    }
    const oldAddress = current.address_enc ? protector.decrypt(current.address_enc) : null;
    const changed = [
      ...(current.name !== body.name ? ['name'] : []),
      ...(newIdNumber ? ['idNumber'] : []),
      ...(oldAddress !== body.address ? ['address'] : []),
    ];
    if (changed.length === 0 && next.real_name_status === current.real_name_status) return this.viewOf(current);

    try {
      await db.transaction().execute(async (tx) => {
        // The audit entry first: bumping the chain's head locks it (a row lock on PostgreSQL, the
        // write lock on SQLite), so profile writes run one at a time and the check below sees any
        // account that took the same ID number meanwhile.
        await recordAudit(tx, ctx, {
          action: 'citizen.profile_update', entityType: 'citizen', entityId: citizenId,
          summary: {
            name: maskName(body.name), idNumber: maskIdNumber(body.idNumber), changed,
            realName: next.real_name_status, ...(next.real_name_source ? { source: next.real_name_source } : {}),
          },
        }, this.deps.clock);
        if (newIdNumber && (await this.boundElsewhere(tx, citizenId, idHash))) throw idNumberInUse();
        const result = await tx.updateTable('citizens').set({
          name: body.name,
          id_number_enc: protector.encrypt(body.idNumber), id_number_hash: idHash,
          address_enc: body.address === null ? null : protector.encrypt(body.address),
          real_name_status: next.real_name_status, real_name_source: next.real_name_source, real_name_at: next.real_name_at,
          updated_at: now,
        })
          .where('id', '=', citizenId)
          // as read above: a verification that landed meanwhile is neither undone nor bypassed
          .where('real_name_status', '=', current.real_name_status)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new StatusMoved();
      });
    } catch (err) {
      if (!(err instanceof StatusMoved)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw conflict('PROFILE_CHANGED', '实名信息已在别处更新，请刷新后重试');
      return this.update(ctx, citizenId, given, attempt + 1);
    }
    // The session's display name is the profile's name from now on.
    forgetSessions();
    return this.view(citizenId);
  }

  /**
   * The name and ID number the write is about: as given, or — for a verified profile whose holder
   * changes only the address — the verified ones (the page only ever shows the number masked).
   */
  private identityOf(current: ProfileRow, given: ProfileBody): Identity {
    if (given.name !== undefined && given.idNumber !== undefined) return { ...given, name: given.name, idNumber: given.idNumber };
    if (current.real_name_status === 'verified' && given.name === undefined && given.idNumber === undefined && current.name && current.id_number_enc) {
      return { ...given, name: current.name, idNumber: this.deps.protector.decrypt(current.id_number_enc) };
    }
    throw validationFailed([
      ...(given.name === undefined ? [{ field: 'name', message: '请输入姓名' }] : []),
      ...(given.idNumber === undefined ? [{ field: 'idNumber', message: '请输入身份证号码' }] : []),
    ], '请填写姓名和身份证号码');
  }

  private async boundElsewhere(db: DbOrTx, citizenId: string, idHash: string): Promise<boolean> {
    const other = await db.selectFrom('citizens').select('id').where('id_number_hash', '=', idHash).where('id', '<>', citizenId).limit(1).executeTakeFirst();
    return !!other;
  }

  /** The verifier's answer; an error (the identity service down) counts as no answer. */
  private async check(body: Identity): Promise<RealNameCheck> {
    try {
      return await this.verifier.verify({ name: body.name, idNumber: body.idNumber });
    } catch (err) {
      // Only the error: the name and ID number stay out of the log.
      this.deps.log.warn({ err: err instanceof Error ? { message: err.message, name: err.name } : String(err) }, 'real-name verifier failed; the profile is stored as declared');
      return { outcome: 'unavailable', source: 'error' };
    }
  }
}
