/**
 * Time-limit warnings (DOMAIN.md §3): yellow when ≤ 1 working day or < 40 % of the limit is left,
 * red once overdue — the same rule as timeLeft() in workflow.ts and warningLevel() in shared/cases.
 *
 * To find the yellow and red cases among a million open ones without computing every case, each
 * case with a running clock stores `warn_on`: the China date from which it shows yellow (red
 * comes later still, after the due date). The scan is then an index range query (`warn_on <=
 * today`) plus the paused cases (usually few, found by `paused_since`), whose level is frozen
 * while the clock stands and is computed exactly. `queue_rank` (open/closed, with/without a due
 * date) lets the staff queue read its urgency order from an index.
 *
 * Both columns are derived from the case's clock and the working calendar by clockColumns(), which
 * the case service applies to every state change. If the calendar changes (an administrator adds
 * a holiday, next year's 调休 is loaded), the next scan recomputes `warn_on` for the running cases
 * before it reads them; the calendar they were computed with is recorded in `meta`.
 */
import type { Db } from '../../db/index.js';
import type { CaseTable } from '../../db/types.js';
import { calendarFingerprint, type WorkingDays } from '../../platform/calendar.js';
import { CLOCK_RUNNING_STATUSES, OPEN_STATUSES, warningLevel, type CaseStatus } from '../../../shared/cases.js';

const thresholds = new Map<number, number>();
/**
 * The most working days left at which a case with this limit is yellow (warningLevel): with 20
 * days, 7 (8 is 40 %); with 3 days or fewer, 1.
 */
export function yellowThreshold(limitDays: number): number {
  let t = thresholds.get(limitDays);
  if (t === undefined) {
    t = 0;
    for (let d = 0; d <= Math.max(1, limitDays); d++) if (warningLevel(d, limitDays) === 'yellow') t = d;
    thresholds.set(limitDays, t);
  }
  return t;
}

/**
 * The first China date on which a running clock due on `due` shows yellow: the day from which at
 * most yellowThreshold(limit) working days are left until the due date.
 */
export function yellowStart(cal: WorkingDays, due: string, limitDays: number): string {
  return cal.workingDayBack(due, yellowThreshold(limitDays) + 1);
}

/** The clock fields of a case row, as stored. */
export interface ClockRow {
  status: string;
  /** 绿色通道 (1): ahead of every other open case in the queue */
  green_channel?: number;
  accepted_on: string | null;
  promised_days: number | null;
  extended_days: number;
  paused_days: number;
  paused_since: string | null;
  due_date: string | null;
}

/**
 * The urgency order's first key: 0 open with a due date, 1 open without, 2 closed with, 3 closed
 * without; an open 绿色通道 case two less (−2, −1), ahead of all other open ones.
 */
export const queueRank = (open: boolean, hasDueDate: boolean, greenChannel: boolean) =>
  (open ? 0 : 2) + (hasDueDate ? 0 : 1) - (open && greenChannel ? 2 : 0);

/**
 * The derived columns of a case: `warn_on` (set only while the clock runs: accepted or deciding,
 * with a limit in working days, not paused) and `queue_rank` (0 open with a due date, 1 open
 * without, 2 closed with, 3 closed without: the urgency order's first key).
 */
export function clockColumns(cal: WorkingDays, c: ClockRow): { warn_on: string | null; queue_rank: number } {
  const open = OPEN_STATUSES.includes(c.status as CaseStatus);
  const queue_rank = queueRank(open, c.due_date !== null, c.green_channel === 1);
  if (!CLOCK_RUNNING_STATUSES.includes(c.status as CaseStatus) || !c.accepted_on || c.promised_days === null || c.paused_since) {
    return { warn_on: null, queue_rank };
  }
  const limit = c.promised_days + c.extended_days;
  const due = cal.addWorkingDays(c.accepted_on, limit + c.paused_days);
  return { warn_on: yellowStart(cal, due, limit), queue_rank };
}

// ───────────────────────── the scan ─────────────────────────

export interface TimeLimitWarning {
  id: string;
  caseNo: string;
  itemName: string;
  applicantName: string;
  status: CaseStatus;
  /** the body that decides (its staff are the ones to warn), and its region path */
  handlingRegionCode: string;
  handlingRegionPath: string;
  acceptedOn: string;
  /** the due date in force (a pause in progress moves it: counted up to today) */
  dueDate: string;
  /** working days left: 0 = due today, negative = overdue */
  daysLeft: number;
  /** 承诺时限 + extension, in working days */
  limitDays: number;
  warning: 'yellow' | 'red';
  /** the clock stands (special procedure or correction after acceptance): the level is frozen until it resumes */
  paused: boolean;
}

export interface ScanDeps {
  dbh: { db: Db };
  calendar: { fresh(): Promise<WorkingDays> };
}

const META_KEY = 'cases_warn_on_calendar';
const BATCH = 500;

/** What the scan reads of a case: the columns of the covering indexes cases_warn_on and cases_paused (migration 0007). */
export const SCAN_COLUMNS = [
  'status', 'id', 'case_no', 'item_name', 'applicant_name', 'handling_region_path', 'accepted_on', 'promised_days', 'extended_days', 'paused_days', 'paused_since',
] as const;

/**
 * The holiday calendar's fingerprint (every exception), to know when warn_on must be recomputed:
 * platform/calendar.ts, which owns calendar_days, computes it (re-exported for the benchmark data).
 */
export { calendarFingerprint };

/**
 * Recomputes `warn_on` of every case whose clock runs, when the calendar is not the one they were
 * computed with. Each row is updated only if it has not changed meanwhile (version guard). Returns
 * how many rows were rewritten.
 */
export async function refreshWarnOn(deps: ScanDeps, cal: WorkingDays, opts: { force?: boolean } = {}): Promise<number> {
  const { db } = deps.dbh;
  const fingerprint = await calendarFingerprint(db);
  const stored = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (!opts.force && stored?.value === fingerprint) return 0;
  let changed = 0;
  let after = '';
  for (;;) {
    const page = await db.selectFrom('cases')
      .select(['id', 'version', 'status', 'accepted_on', 'promised_days', 'extended_days', 'paused_days', 'paused_since', 'due_date', 'warn_on'])
      .where('status', 'in', [...CLOCK_RUNNING_STATUSES]).where('id', '>', after).orderBy('id').limit(5000).execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const updates = page.map((r) => ({ r, warnOn: clockColumns(cal, r).warn_on })).filter(({ r, warnOn }) => warnOn !== r.warn_on);
    for (let i = 0; i < updates.length; i += BATCH) {
      await db.transaction().execute(async (tx) => {
        for (const { r, warnOn } of updates.slice(i, i + BATCH)) {
          const res = await tx.updateTable('cases').set({ warn_on: warnOn }).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst();
          changed += Number(res.numUpdatedRows);
        }
      });
    }
  }
  await db.insertInto('meta').values({ key: META_KEY, value: fingerprint }).onConflict((oc) => oc.column('key').doUpdateSet({ value: fingerprint })).execute();
  return changed;
}

/**
 * Every open case in yellow or red on `today` (China date), most urgent first: red before yellow,
 * then the fewest working days left. Cases whose clock runs come from the `warn_on` index; paused
 * cases are computed one by one (their level stays what it was when the clock stopped) and are
 * flagged `paused` — leave them out with { pausedToo: false }.
 */
export async function scanTimeLimitWarnings(deps: ScanDeps, today: string, opts: { pausedToo?: boolean } = {}): Promise<TimeLimitWarning[]> {
  const { db } = deps.dbh;
  // The calendar's arithmetic is O(1) (WorkingDayIndex), so each case costs a few array reads.
  const idx = await deps.calendar.fresh();
  await refreshWarnOn(deps, idx);
  const out: TimeLimitWarning[] = [];

  type Row = Pick<CaseTable, (typeof SCAN_COLUMNS)[number]>;
  const judge = (r: Row, paused: boolean) => {
    if (!r.accepted_on || r.promised_days === null || !OPEN_STATUSES.includes(r.status as CaseStatus)) return;
    const limit = r.promised_days + r.extended_days;
    const stopped = r.paused_since ? Math.max(0, idx.workingDaysBetween(r.paused_since, today)) : 0;
    const due = idx.addWorkingDays(r.accepted_on, limit + r.paused_days + stopped);
    const daysLeft = idx.workingDaysBetween(today, due);
    const warning = warningLevel(daysLeft, limit);
    if (warning === 'none') return;
    const path = r.handling_region_path;
    out.push({
      id: r.id, caseNo: r.case_no, itemName: r.item_name, applicantName: r.applicant_name, status: r.status as CaseStatus,
      handlingRegionCode: path.slice(path.lastIndexOf('/', path.length - 2) + 1, -1), handlingRegionPath: path,
      acceptedOn: r.accepted_on, dueDate: due, daysLeft, limitDays: limit, warning, paused,
    });
  };

  // warn_on is set only while the clock runs (clockColumns), so the range alone finds them; no
  // status condition, which would tempt SQLite's planner away from the covering index.
  const running = await db.selectFrom('cases').select([...SCAN_COLUMNS]).where('warn_on', '<=', today).execute();
  for (const r of running) if (CLOCK_RUNNING_STATUSES.includes(r.status as CaseStatus)) judge(r, false);

  if (opts.pausedToo !== false) {
    // A pause in progress: paused_since is set only after acceptance (special procedure, correction)
    // and cleared when the case resumes or closes.
    const paused = await db.selectFrom('cases').select([...SCAN_COLUMNS]).where('paused_since', 'is not', null).execute();
    for (const r of paused) judge(r, true);
  }

  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => (a.warning === b.warning ? 0 : a.warning === 'red' ? -1 : 1) || a.daysLeft - b.daysLeft || cmp(a.dueDate, b.dueDate) || cmp(a.caseNo, b.caseNo));
}
