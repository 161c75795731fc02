/**
 * A citizen's earlier applications (table `cases`) as the forms module's prefill reads them:
 * `CaseHistory` is its PastApplications; and where cases stand, for the assistance module's
 * CaseStatuses (the cases a helper applied for from a help request).
 */
import type { Deps } from '../../deps.js';
import type { PastApplication, PastApplications } from '../forms/index.js';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { progressOf, recentFormDataOf, statusesOf } from './repo.js';

/** Where a case stands, as the applicant's 一件事 shows it. */
export interface CaseProgress {
  status: CaseStatus;
  statusLabel: string;
  dueDate: string | null;
  decidedAt: string | null;
  /** the decision, once made, and its note (证号, amount) */
  result: 'approved' | 'denied' | null;
  resultNote: string | null;
  /** the place that decides it (钢山街道; 邹城市 for an item a city body decides) */
  handlingPlace: string;
}

export class CaseHistory implements PastApplications {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions'>) {}

  async recentOf(citizenId: string, limit: number): Promise<PastApplication[]> {
    const rows = await recentFormDataOf(this.deps.dbh.db, citizenId, limit);
    return rows.map((r) => ({ caseNo: r.case_no, createdAt: r.created_at, formData: r.form_data }));
  }

  async statusLabels(caseIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await statusesOf(this.deps.dbh.db, caseIds);
    return new Map(rows.map((r) => [r.id, CASE_STATUSES[r.status as CaseStatus] ?? r.status]));
  }

  /** Where each case stands, for a 一件事's combined progress (the themes module's ThemeCaseProgress). */
  async progress(caseIds: readonly string[]): Promise<Map<string, CaseProgress>> {
    const rows = await progressOf(this.deps.dbh.db, caseIds);
    const out = new Map<string, CaseProgress>();
    for (const r of rows) {
      const place = await this.deps.regions.get(r.handling_region_code);
      out.set(r.id, {
        status: r.status as CaseStatus, statusLabel: CASE_STATUSES[r.status as CaseStatus] ?? r.status, dueDate: r.due_date, decidedAt: r.decided_at,
        result: r.result === 'approved' || r.result === 'denied' ? r.result : null, resultNote: r.result_note, handlingPlace: place?.shortName ?? r.handling_region_code,
      });
    }
    return out;
  }
}
