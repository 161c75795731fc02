/** The venue-standards module's queries (it owns `assessment_checklists` and `venue_assessments`). */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/index.js';
import type { AssessmentChecklistTable, VenueAssessmentTable } from '../../db/types.js';

export type ChecklistRow = Selectable<AssessmentChecklistTable>;
export type AssessmentRow = Selectable<VenueAssessmentTable>;
export type NewAssessmentRow = Insertable<VenueAssessmentTable>;

/** The columns lists need (no scores or photos): the overview and a venue's history. */
const SUMMARY = [
  'id', 'venue_id', 'checklist_id', 'assessed_on', 'assessor_name', 'status', 'level', 'total', 'max_points', 'percent', 'photos', 'updated_at', 'finalised_at',
] as const;
export type AssessmentSummaryRow = Pick<AssessmentRow, (typeof SUMMARY)[number]>;

export const allChecklists = (db: DbOrTx) => db.selectFrom('assessment_checklists').selectAll().orderBy('version', 'desc').execute();
export const findChecklist = (db: DbOrTx, id: string) => db.selectFrom('assessment_checklists').selectAll().where('id', '=', id).executeTakeFirst();
export const checklistVersions = (db: DbOrTx) => db.selectFrom('assessment_checklists').select(['id', 'version', 'applies_to', 'active']).execute();
export const insertChecklist = (db: DbOrTx, row: ChecklistRow) => db.insertInto('assessment_checklists').values(row).execute();
export const setChecklistActive = (db: DbOrTx, ids: string[], active: 0 | 1) =>
  db.updateTable('assessment_checklists').set({ active }).where('id', 'in', ids).execute();

export const findAssessment = (db: DbOrTx, id: string) => db.selectFrom('venue_assessments').selectAll().where('id', '=', id).executeTakeFirst();
export const insertAssessment = (db: DbOrTx, row: NewAssessmentRow) => db.insertInto('venue_assessments').values(row).execute();

export const draftOf = (db: DbOrTx, venueId: string) =>
  db.selectFrom('venue_assessments').select(SUMMARY).where('venue_id', '=', venueId).where('status', '=', 'draft').executeTakeFirst();

/** A venue's finalised assessments, newest visit first (two on one day: the later finalised first). */
export const finalsOf = (db: DbOrTx, venueId: string) =>
  db.selectFrom('venue_assessments').select(SUMMARY).where('venue_id', '=', venueId).where('status', '=', 'final')
    .orderBy('assessed_on', 'desc').orderBy('finalised_at', 'desc').execute();

/** A draft's change, only from the version read and only while a draft (a finalised one never changes). */
export const updateDraft = (db: DbOrTx, id: string, version: number, set: Partial<Pick<AssessmentRow, 'assessed_on' | 'scores' | 'summary' | 'updated_at'>>) =>
  db.updateTable('venue_assessments').set({ ...set, version: version + 1 })
    .where('id', '=', id).where('status', '=', 'draft').where('version', '=', version).executeTakeFirst();

export const finaliseDraft = (db: DbOrTx, id: string, version: number, set: Pick<AssessmentRow, 'total' | 'max_points' | 'percent' | 'level' | 'finalised_at' | 'updated_at'>) =>
  db.updateTable('venue_assessments').set({ ...set, status: 'final', version: version + 1 })
    .where('id', '=', id).where('status', '=', 'draft').where('version', '=', version).executeTakeFirst();

/** The photo list of a draft, only from the list read (two uploads at once: the second is told to retry). */
export const replacePhotos = (db: DbOrTx, id: string, before: string, after: string, updatedAt: string) =>
  db.updateTable('venue_assessments').set({ photos: after, updated_at: updatedAt })
    .where('id', '=', id).where('status', '=', 'draft').where('photos', '=', before).executeTakeFirst();

export const deleteDraft = (db: DbOrTx, id: string) =>
  db.deleteFrom('venue_assessments').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();

/** IN lists are sent in chunks: a county's venues are hundreds, a large deployment's tens of thousands. */
const CHUNK = 500;

/**
 * Per venue, its latest finalised assessment and its open draft (the overview's answer): rows
 * of the given venues, reduced in order (newest visit first per venue).
 */
export async function standingOf(db: DbOrTx, venueIds: readonly string[]): Promise<{ latest: Map<string, AssessmentSummaryRow>; drafts: Map<string, AssessmentSummaryRow> }> {
  const latest = new Map<string, AssessmentSummaryRow>();
  const drafts = new Map<string, AssessmentSummaryRow>();
  for (let i = 0; i < venueIds.length; i += CHUNK) {
    const ids = venueIds.slice(i, i + CHUNK);
    const rows = await db.selectFrom('venue_assessments').select(SUMMARY).where('venue_id', 'in', ids)
      .orderBy('venue_id').orderBy('assessed_on', 'desc').orderBy('finalised_at', 'desc').execute();
    for (const r of rows) {
      if (r.status === 'draft') drafts.set(r.venue_id, r);
      else if (!latest.has(r.venue_id)) latest.set(r.venue_id, r);
    }
  }
  return { latest, drafts };
}

export const countAssessments = async (db: DbOrTx): Promise<number> =>
  Number((await db.selectFrom('venue_assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
