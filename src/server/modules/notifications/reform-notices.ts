/**
 * The reform module's ReformNotifier: a 督办 reminder is told, as a site message written in the
 * reminder's transaction, to the staff who report on the task's lead region (the nearest of them:
 * a town's task to the town's administrators, not to every city administrator).
 */
import type { ReformNotifier, ReformReminder } from '../reform/index.js';
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { iso, newId } from '../../platform/ids.js';
import type { StaffDirectory } from './ports.js';
import { insertMessages } from './repo.js';

export class ReformNotices implements ReformNotifier {
  constructor(private readonly deps: Pick<Deps, 'clock'>, private readonly staff: StaffDirectory) {}

  async remind(tx: DbOrTx, n: ReformReminder): Promise<void> {
    const recipients = [...new Set((await this.staff.nearestHoldersOver({ path: n.leadRegionPath }, ['reform.report'], tx)).map((s) => s.id))];
    if (recipients.length === 0) return;
    const now = iso(this.deps.clock.now());
    await insertMessages(tx, recipients.map((id) => ({
      id: newId(), recipient_kind: 'staff' as const, recipient_id: id, event: 'reform.remind', title: `改革任务督办${n.overdue ? '（已超期）' : ''}：${n.title}`,
      body: `${n.from}督办「${n.title}」（牵头单位：${n.leadUnit}，完成时限 ${n.deadline}）：${n.message}`, case_id: null, case_no: null, created_at: now, read_at: null,
    })));
  }
}
