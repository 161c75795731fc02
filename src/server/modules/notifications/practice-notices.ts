/**
 * The practices module's PracticeNotifier: the city's decision on a 典型案例 — returned with its
 * reasons, published on the portal, withdrawn with its reasons — is told, as a site message written
 * in the decision's transaction, to the staff holding practice.submit nearest to the practice's
 * place (a town's practice to the town's administrators, not to every city administrator).
 */
import type { PracticeDecision, PracticeNotifier } from '../practices/index.js';
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { iso, newId } from '../../platform/ids.js';
import type { StaffDirectory } from './ports.js';
import { insertMessages } from './repo.js';

const WORDING: Record<PracticeDecision['decision'], { event: string; title: string; body: (n: PracticeDecision) => string }> = {
  return: {
    event: 'practice.returned', title: '典型案例被退回',
    body: (n) => `市级退回了${n.placeName}的典型案例「${n.title}」，理由：${n.reason ?? ''}。请修改后再次报送。`,
  },
  publish: {
    event: 'practice.published', title: '典型案例已发布',
    body: (n) => `${n.placeName}的典型案例「${n.title}」已由市级审核，在门户“典型案例”栏目发布。`,
  },
  withdraw: {
    event: 'practice.withdrawn', title: '典型案例已撤下',
    body: (n) => `市级从门户撤下了${n.placeName}的典型案例「${n.title}」，理由：${n.reason ?? ''}。可修改后再次报送。`,
  },
};

export class PracticeNotices implements PracticeNotifier {
  constructor(private readonly deps: Pick<Deps, 'clock'>, private readonly staff: StaffDirectory) {}

  async decided(tx: DbOrTx, n: PracticeDecision): Promise<void> {
    const recipients = [...new Set((await this.staff.nearestHoldersOver({ path: n.regionPath }, ['practice.submit'], tx)).map((s) => s.id))];
    if (recipients.length === 0) return;
    const w = WORDING[n.decision];
    const now = iso(this.deps.clock.now());
    await insertMessages(tx, recipients.map((id) => ({
      id: newId(), recipient_kind: 'staff' as const, recipient_id: id, event: w.event, title: `${w.title}：${n.title}`, body: w.body(n),
      case_id: null, case_no: null, created_at: now, read_at: null,
    })));
  }
}
