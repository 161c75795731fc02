/** The ratings module's queries: its tables only (ratings, rating_followups, rating_links, rating_invitations, rating_daily). */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { RatingDailyTable, RatingFollowUpTable, RatingTable } from '../../db/types.js';
import { containsText } from '../../db/like.js';
import type { FollowUpStatus, RatingChannel, RatingLevel } from '../../../shared/ratings.js';

export type RatingRow = RatingTable;
export type FollowUpRow = RatingFollowUpTable;

export const ratingsOfCase = (db: DbOrTx, caseId: string) =>
  db.selectFrom('ratings').selectAll().where('case_id', '=', caseId).orderBy('round').execute();

export const findRating = (db: DbOrTx, id: string) => db.selectFrom('ratings').selectAll().where('id', '=', id).executeTakeFirst();

export const findFollowUp = (db: DbOrTx, ratingId: string) => db.selectFrom('rating_followups').selectAll().where('rating_id', '=', ratingId).executeTakeFirst();

export const insertRating = (db: DbOrTx, row: RatingRow) => db.insertInto('ratings').values(row).execute();
export const insertFollowUp = (db: DbOrTx, row: FollowUpRow) => db.insertInto('rating_followups').values(row).execute();

/** A follow-up's change, only if it is still at `version` (a concurrent change wins; the loser gets 0 rows). */
export const updateFollowUp = (db: DbOrTx, ratingId: string, version: number, set: Partial<FollowUpRow>) =>
  db.updateTable('rating_followups').set({ ...set, version: version + 1 }).where('rating_id', '=', ratingId).where('version', '=', version).executeTakeFirst();

export const setCounted = (db: DbOrTx, ratingId: string, counted: 0 | 1) => db.updateTable('ratings').set({ counted }).where('id', '=', ratingId).execute();

/** rating_daily and rating_monthly += delta for one counted rating (a new one +1; one replaced by a re-rating or voided by an appeal −1). */
export async function countDaily(db: DbOrTx, key: Omit<RatingDailyTable, 'n'>, delta: 1 | -1): Promise<void> {
  await db.insertInto('rating_daily').values({ ...key, n: delta })
    .onConflict((oc) => oc.columns(['day', 'region_code', 'channel', 'level']).doUpdateSet((eb) => ({ n: eb('rating_daily.n', '+', delta) })))
    .execute();
  const { day, ...rest } = key;
  await db.insertInto('rating_monthly').values({ ...rest, month: day.slice(0, 7), n: delta })
    .onConflict((oc) => oc.columns(['month', 'region_code', 'channel', 'level']).doUpdateSet((eb) => ({ n: eb('rating_monthly.n', '+', delta) })))
    .execute();
}

export const findLink = (db: DbOrTx, tokenHash: string) => db.selectFrom('rating_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
export const insertLink = (db: DbOrTx, row: { token_hash: string; case_id: string; channel: 'sms' | 'window_qr'; created_at: string; created_by: string | null }) =>
  db.insertInto('rating_links').values(row).execute();

/** Of these cases, those already invited or rated (the invitation scan skips them). */
export async function invitedOrRated(db: DbOrTx, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const [invited, rated] = await Promise.all([
    db.selectFrom('rating_invitations').select('case_id').where('case_id', 'in', [...caseIds]).execute(),
    db.selectFrom('ratings').select('case_id').where('case_id', 'in', [...caseIds]).execute(),
  ]);
  return new Set([...invited, ...rated].map((r) => r.case_id));
}

export const insertInvitation = (db: DbOrTx, caseId: string, at: string) =>
  db.insertInto('rating_invitations').values({ case_id: caseId, sent_at: at }).onConflict((oc) => oc.column('case_id').doNothing()).executeTakeFirst();

const underAny = (column: 'handling_region_path' | 'ratings.handling_region_path' | 'rating_followups.handling_region_path', paths: readonly string[]) =>
  sql<boolean>`(${sql.join(paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`), sql` or `)})`;

export interface RatingFilter {
  scopePaths: string[];
  regionPath?: string;
  fromAt?: string;
  toAt?: string;
  level?: RatingLevel;
  bad?: boolean;
  channel?: RatingChannel;
  q?: string;
}

export async function listRatings(db: DbOrTx, f: RatingFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] as (RatingRow & { followup_status: string | null })[] };
  let q = db.selectFrom('ratings').leftJoin('rating_followups', 'rating_followups.rating_id', 'ratings.id').where(underAny('ratings.handling_region_path', f.scopePaths));
  if (f.regionPath) q = q.where('ratings.handling_region_path', 'like', `${f.regionPath}%`);
  if (f.fromAt) q = q.where('ratings.rated_at', '>=', f.fromAt);
  if (f.toAt) q = q.where('ratings.rated_at', '<', f.toAt);
  if (f.level) q = q.where('ratings.level', '=', f.level);
  if (f.bad !== undefined) q = q.where('ratings.bad', '=', f.bad ? 1 : 0);
  if (f.channel) q = q.where('ratings.channel', '=', f.channel);
  if (f.q) q = /^\d{1,25}$/.test(f.q) ? q.where('ratings.case_no', 'like', `${f.q}%`) : q.where(containsText('ratings.item_name', f.q));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q.selectAll('ratings').select('rating_followups.status as followup_status').orderBy('ratings.rated_at', 'desc').orderBy('ratings.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}

export interface FollowUpFilter {
  scopePaths: string[];
  regionPath?: string;
  status?: FollowUpStatus;
  /** overdue as of this China date */
  overdueOn?: string;
}

export async function listFollowUps(db: DbOrTx, f: FollowUpFilter, page: number, pageSize: number) {
  if (f.scopePaths.length === 0) return { total: 0, rows: [] as (FollowUpRow & { r: RatingRow })[] };
  let q = db.selectFrom('rating_followups').where(underAny('handling_region_path', f.scopePaths));
  if (f.regionPath) q = q.where('handling_region_path', 'like', `${f.regionPath}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.overdueOn) {
    const today = f.overdueOn;
    q = q.where((eb) => eb.or([
      eb.and([eb('status', '=', 'visiting'), eb('visit_due_on', '<', today)]),
      eb.and([eb('status', 'in', ['visiting', 'rectifying']), eb('rectify_due_on', '<', today)]),
    ]));
  }
  // open first (待回访, 整改中, 申诉中), then the rest; the oldest limit first
  const openFirst = sql<number>`case when status in ('visiting', 'rectifying', 'appealing') then 0 else 1 end`;
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q.selectAll().orderBy(openFirst).orderBy('rectify_due_on').orderBy('rating_id').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  const ratings = rows.length ? await db.selectFrom('ratings').selectAll().where('id', 'in', rows.map((r) => r.rating_id)).execute() : [];
  const byId = new Map(ratings.map((r) => [r.id, r]));
  return { total: Number(count?.n ?? 0), rows: rows.map((r) => ({ ...r, r: byId.get(r.rating_id)! })) };
}

/** The follow-ups past a limit not yet reported (the escalation scan), and the rectified ones whose re-rating time is over. */
export const overdueVisits = (db: DbOrTx, today: string, limit: number) =>
  db.selectFrom('rating_followups').selectAll().where('status', '=', 'visiting').where('visit_due_on', '<', today).where('escalated_visit_at', 'is', null).limit(limit).execute();
export const overdueRectifications = (db: DbOrTx, today: string, limit: number) =>
  db.selectFrom('rating_followups').selectAll().where('status', 'in', ['visiting', 'rectifying']).where('rectify_due_on', '<', today).where('escalated_rectify_at', 'is', null).limit(limit).execute();
export const rerateTimeOver = (db: DbOrTx, today: string, limit: number) =>
  db.selectFrom('rating_followups').selectAll().where('status', '=', 'rectified').where('rerate_until', '<', today).limit(limit).execute();
