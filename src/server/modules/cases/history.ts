/**
 * A citizen's earlier applications (table `cases`) as the forms module's prefill reads them:
 * `CaseHistory` is its PastApplications; and where cases stand, for the assistance module's
 * CaseStatuses (the cases a helper applied for from a help request).
 */
import type { Deps } from '../../deps.js';
import type { PastApplication, PastApplications } from '../forms/index.js';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { progressOf, recentFormDataOf, statusesOf } from './repo.js';

export class CaseHistory implements PastApplications {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  async recentOf(citizenId: string, limit: number): Promise<PastApplication[]> {
    const rows = await recentFormDataOf(this.deps.dbh.db, citizenId, limit);
    return rows.map((r) => ({ caseNo: r.case_no, createdAt: r.created_at, formData: r.form_data }));
  }

  async statusLabels(caseIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await statusesOf(this.deps.dbh.db, caseIds);
    return new Map(rows.map((r) => [r.id, CASE_STATUSES[r.status as CaseStatus] ?? r.status]));
  }

  /** Where each case stands, for a 一件事's combined progress (the themes module's ThemeCaseProgress). */
  async progress(caseIds: readonly string[]): Promise<Map<string, { status: CaseStatus; statusLabel: string; dueDate: string | null; decidedAt: string | null }>> {
    const rows = await progressOf(this.deps.dbh.db, caseIds);
    return new Map(rows.map((r) => [r.id, { status: r.status as CaseStatus, statusLabel: CASE_STATUSES[r.status as CaseStatus] ?? r.status, dueDate: r.due_date, decidedAt: r.decided_at }]));
  }
}
