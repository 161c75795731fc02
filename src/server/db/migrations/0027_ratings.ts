import type { Kysely } from 'kysely';

/**
 * 好差评 (issue 17; the ratings module's tables, DOMAIN.md §4).
 *
 * ratings: one row per rating of a case. round 1 is the rating; round 2 the one re-rating a rater
 * may give after a 差评 was rectified. Unique (case_id, round): one rating per case and service.
 * - level: shared/ratings.ts RATING_LEVELS key (stored as the level, never as a number: the two
 *   numberings in use are converted at each interface); dimensions JSON { dimension: level };
 *   tags JSON array; text: the rater's words.
 * - channel (RATING_CHANNELS); mode online | onsite (which dimensions apply); rater_kind citizen |
 *   link (an SMS or window-QR link) | terminal (a hall tablet or kiosk) | staff (a phone rating
 *   typed in by the city's 好差评 office); rater_ref: the account, terminal or staff id;
 *   named 1 when the rater is known (an account, or the applicant's own link).
 * - bad 1 for 不满意 / 非常不满意; counted 1 for the rating that counts for the case (a re-rating
 *   replaces the first; an upheld appeal voids it).
 * - the case as it was rated: case_no, item, places (received: region_*, handled: handling_*),
 *   case_channel (how it was applied for), handled_at (办结 or 不予受理).
 *
 * rating_followups: the 差评's follow-up, one per bad round-1 rating, at the handling place.
 * status FOLLOW_UP_STATUSES; visit_due_on, rectify_due_on China dates (working days from the
 * rating); the visit, the rectification, the appeal (申诉) and the city's review (复核), each with
 * who and when; rerate_until: the last day the rater may re-rate; escalated_*: when each missed
 * limit was reported to the city (once).
 *
 * rating_links: the token of a rating link (SMS invitation, window QR code), stored hashed.
 * rating_invitations: the one SMS invitation a handled, unrated case gets.
 *
 * rating_daily: counted ratings per (China date rated, handling place, channel, level),
 * kept by the ratings service in the transaction of every rating, re-rating and upheld appeal,
 * so dashboards sum a few thousand rows instead of counting half a million; rating_monthly the
 * same by month (a long period is read as its whole months and the days at its ends).
 *
 * Two indexes on cases serve the invitation scan (cases handled some days ago; the cases
 * module's RatedCases port reads them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('handling_region_code', 'text', (c) => c.notNull())
    .addColumn('handling_region_path', 'text', (c) => c.notNull())
    .addColumn('case_channel', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('dimensions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('rater_kind', 'text', (c) => c.notNull())
    .addColumn('rater_ref', 'text')
    .addColumn('named', 'integer', (c) => c.notNull())
    .addColumn('bad', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ratings_case_round').on('ratings').columns(['case_id', 'round']).unique().execute();
  await db.schema.createIndex('ratings_handling').on('ratings').columns(['handling_region_path', 'rated_at']).execute();
  await db.schema.createIndex('ratings_rated_at').on('ratings').column('rated_at').execute();

  await db.schema
    .createTable('rating_followups')
    .addColumn('rating_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('handling_region_code', 'text', (c) => c.notNull())
    .addColumn('handling_region_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visit_due_on', 'text', (c) => c.notNull())
    .addColumn('rectify_due_on', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text')
    .addColumn('visit_method', 'text')
    .addColumn('visit_note', 'text')
    .addColumn('visited_by', 'text')
    .addColumn('rectified_at', 'text')
    .addColumn('rectification', 'text')
    .addColumn('rectified_by', 'text')
    .addColumn('rerate_until', 'text')
    .addColumn('appeal_reason', 'text')
    .addColumn('appealed_at', 'text')
    .addColumn('appealed_by', 'text')
    .addColumn('appeal_from', 'text')
    .addColumn('review_decision', 'text')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('escalated_visit_at', 'text')
    .addColumn('escalated_rectify_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rating_followups_place').on('rating_followups').columns(['handling_region_path', 'status']).execute();
  await db.schema.createIndex('rating_followups_due').on('rating_followups').columns(['status', 'rectify_due_on']).execute();
  await db.schema.createIndex('rating_followups_made').on('rating_followups').column('created_at').execute();

  await db.schema
    .createTable('rating_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('rating_invitations')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rating_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_daily_pk', ['day', 'region_code', 'channel', 'level'])
    .execute();

  await db.schema
    .createTable('rating_monthly')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_monthly_pk', ['month', 'region_code', 'channel', 'level'])
    .execute();

  await db.schema.createIndex('cases_decided_at').on('cases').column('decided_at').execute();
  await db.schema.createIndex('cases_closed_at').on('cases').column('closed_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_closed_at').execute();
  await db.schema.dropIndex('cases_decided_at').execute();
  for (const t of ['rating_monthly', 'rating_daily', 'rating_invitations', 'rating_links', 'rating_followups', 'ratings']) await db.schema.dropTable(t).execute();
}
