/**
 * What the cases module needs from others, declared here and implemented elsewhere (the
 * composition root wires them), so arrows run one way: notifications depends on cases, never the
 * reverse.
 */
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import type { CaseTable } from '../../db/types.js';
import type { CaseAction, CaseStatus } from '../../../shared/cases.js';

/** The fields of a case row that its notices use. */
export type CaseNoticeRow = Pick<
  CaseTable,
  'id' | 'case_no' | 'status' | 'applicant_name' | 'item_name' | 'handling_region_code' | 'due_date' | 'correction_notice' | 'result' | 'result_note' | 'citizen_id' | 'phone_enc'
>;

/** A case event, as the notifier is told of it: the case as it stands after the event. */
export interface CaseChange {
  caseId: string;
  action: CaseAction;
  from: CaseStatus | null;
  to: CaseStatus;
  opinion: string;
  row: CaseNoticeRow;
  /** The applicant's phone in clear, when the caller has it (saves decrypting the row's). */
  phone?: string;
}

/**
 * Notifies the applicant of case events (site message, SMS). Asked inside the event's
 * transaction, it reads through `tx` only and returns the inserts, which the cases module writes
 * with the event — a notice is never written without its event, nor an event without its notice.
 */
export interface CaseNotifier {
  noticeWrites(tx: DbOrTx, changes: readonly CaseChange[]): Promise<{ query: WriteQuery }[]>;
}

/** For tools that act on cases without telling anyone (seeding demo data). */
export const silentNotifier: CaseNotifier = { noticeWrites: async () => [] };
