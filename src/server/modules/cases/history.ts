/**
 * A citizen's earlier applications (table `cases`) as the forms module's prefill reads them:
 * `CaseHistory` is its PastApplications.
 */
import type { Deps } from '../../deps.js';
import type { PastApplication, PastApplications } from '../forms/index.js';
import { recentFormDataOf } from './repo.js';

export class CaseHistory implements PastApplications {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  async recentOf(citizenId: string, limit: number): Promise<PastApplication[]> {
    const rows = await recentFormDataOf(this.deps.dbh.db, citizenId, limit);
    return rows.map((r) => ({ caseNo: r.case_no, createdAt: r.created_at, formData: r.form_data }));
  }
}
