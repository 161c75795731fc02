/**
 * Who may change a venue: administrators holding `venue.manage` over its place (a town admin their
 * town's, the city admin any). Any other venue is "not found", so ids leak nothing. The editor and
 * the photos ask the same question here.
 */
import type { DbOrTx } from '../../db/index.js';
import { notFound } from '../../platform/errors.js';
import { can } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { venueRecord, type VenueRecordRow } from './repo.js';

export const venueNotFound = () => notFound('办事地点', 'VENUE_NOT_FOUND');

/** The venue, if the actor may edit it; else not found (outside the subtree it does not exist for them). */
export async function editableVenue(db: DbOrTx, actor: StaffActor, id: string): Promise<VenueRecordRow> {
  const row = await venueRecord(db, id);
  if (!row || !can(actor, 'venue.manage', { code: row.region_code, path: row.region_path })) throw venueNotFound();
  return row;
}
