/**
 * The ratings module's RatingNotifier: a 差评 is told, as a site message written in the rating's
 * transaction, to the staff who follow up ratings at the handling place (the nearest of them: a
 * town's 差评 to the town, not to every city administrator); a follow-up past its limit to those
 * who review at the top of the tree (the city's 好差评 office), once.
 */
import type { BadRatingNotice, OverdueFollowUpNotice, RatingNotifier } from '../ratings/index.js';
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { iso, newId } from '../../platform/ids.js';
import type { StaffDirectory } from './ports.js';
import { insertMessages } from './repo.js';

export class RatingNotices implements RatingNotifier {
  constructor(private readonly deps: Pick<Deps, 'regions' | 'clock'>, private readonly staff: StaffDirectory) {}

  async badRating(tx: DbOrTx, n: BadRatingNotice): Promise<void> {
    const recipients = await this.staff.nearestHoldersOver({ path: n.handlingRegionPath }, ['rating.followup'], tx);
    await this.tell(tx, recipients.map((s) => s.id), 'rating.bad', `差评待回访：${n.itemName}`,
      `${n.handlingPlace}办理的「${n.itemName}」（办件 ${n.caseNo}）收到${n.levelLabel}评价。请于 ${n.visitDueOn} 前回访，${n.rectifyDueOn} 前完成整改。`);
  }

  async followUpOverdue(tx: DbOrTx, n: OverdueFollowUpNotice): Promise<void> {
    // the county of the handling place, not the first county of the tree: another county's
    // reviewers must not hear of this one's cases
    const place = await this.deps.regions.get(n.handlingRegionCode);
    const top = place ? await this.deps.regions.get(place.path.split('/').filter(Boolean)[0]!) : undefined;
    if (!top) return;
    const recipients = await this.staff.holdersOver(this.deps.regions.ref(top), ['rating.review'], tx);
    const what = n.limit === 'visit' ? '回访' : '整改';
    await this.tell(tx, recipients.map((s) => s.id), `rating.overdue_${n.limit}`, `差评${what}超期：${n.itemName}`,
      `${n.handlingPlace}办理的「${n.itemName}」（办件 ${n.caseNo}）的差评${what}时限为 ${n.dueOn}，已超期，请督办。`);
  }

  private async tell(tx: DbOrTx, ids: string[], event: string, title: string, body: string): Promise<void> {
    if (ids.length === 0) return;
    const now = iso(this.deps.clock.now());
    await insertMessages(tx, [...new Set(ids)].map((id) => ({
      id: newId(), recipient_kind: 'staff' as const, recipient_id: id, event, title, body, case_id: null, case_no: null, created_at: now, read_at: null,
    })));
  }
}
