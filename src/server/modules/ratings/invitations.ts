/**
 * The SMS invitation (DOMAIN.md §4; issue 17): a case handled INVITE_AFTER_DAYS days ago and not
 * yet rated gets one text with a rating link, while it may still be rated. The scan looks back a
 * few more days so a stopped server catches up; rating_invitations (its primary key) makes sure no
 * case is invited twice, by several processes or a rerun. The words are the city's notification
 * template «邀请评价» (rating.invite), sent by the RatingInviter (the notifications module).
 */
import type { Deps } from '../../deps.js';
import { chinaDate } from '../../platform/calendar.js';
import { iso } from '../../platform/ids.js';
import { INVITE_AFTER_DAYS, RATING_WINDOW_WORKING_DAYS } from '../../../shared/ratings.js';
import type { RatedCases, RatingInviter } from './ports.js';
import { insertInvitation, invitedOrRated } from './repo.js';
import type { RatingService } from './service.js';

const DAY_MS = 86_400_000;
/** How far back beyond the invitation age the scan looks (a server stopped over a long holiday still catches up). */
const LOOK_BACK_DAYS = 7;
const BATCH = 200;

export class RatingInvitations {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'calendar' | 'regions'>,
    private readonly cases: RatedCases,
    private readonly ratings: RatingService,
    private readonly inviter: RatingInviter,
  ) {}

  async inviteDue(now: Date): Promise<{ invited: number }> {
    const to = iso(new Date(now.getTime() - INVITE_AFTER_DAYS * DAY_MS));
    const from = iso(new Date(now.getTime() - (INVITE_AFTER_DAYS + LOOK_BACK_DAYS) * DAY_MS));
    const today = chinaDate(now);
    let invited = 0;
    let after: { handledAt: string; id: string } | undefined;
    for (;;) {
      const batch = await this.cases.handledBetween(from, to, BATCH, after);
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!;
      after = { handledAt: last.handledAt!, id: last.id };
      const skip = await invitedOrRated(this.deps.dbh.db, batch.map((c) => c.id));
      for (const c of batch) {
        if (skip.has(c.id)) continue;
        const until = this.deps.calendar.addWorkingDays(chinaDate(new Date(c.handledAt!)), RATING_WINDOW_WORKING_DAYS);
        if (today > until) continue;
        const applicant = await this.cases.applicantOf(c.id);
        if (!applicant?.phone) continue;
        const place = await this.deps.regions.get(c.handlingRegionCode);
        await this.deps.dbh.db.transaction().execute(async (tx) => {
          if ((await insertInvitation(tx, c.id, iso(now))).numInsertedOrUpdatedRows !== 1n) return;
          const { url } = await this.ratings.newLink(c.id, 'sms', null, tx);
          await this.inviter.invite(tx, {
            caseId: c.id, caseNo: c.caseNo, itemName: c.itemName, citizenId: c.citizenId, applicantName: applicant.name, phone: applicant.phone,
            handlingPlace: place?.shortName ?? c.handlingRegionCode, url, until,
          });
          invited++;
        });
      }
      if (batch.length < BATCH) break;
    }
    return { invited };
  }
}
