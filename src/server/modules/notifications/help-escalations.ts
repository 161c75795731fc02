/**
 * The assistance module's EscalationNotifier: a help request that missed a time limit is told, as a
 * site message (站内消息) written in the escalation's transaction, to the coordinator it went to
 * when they work in the system, else to the staff who coordinate 帮办代办 over its village (the
 * town's administrators). Helpers are on village time, not on their phones all day: no SMS.
 */
import type { Escalation, EscalationNotifier } from '../assistance/index.js';
import type { DbOrTx } from '../../db/index.js';
import type { RegionRef } from '../../platform/permissions.js';
import type { Deps } from '../../deps.js';
import { iso, newId } from '../../platform/ids.js';
import type { StaffDirectory } from './ports.js';
import { insertMessages } from './repo.js';

const LIMITS: Record<Escalation['limit'], string> = { accept: '2 个工作小时内未接单', contact: '1 个工作日内未首次联系' };

export class HelpEscalationNotices implements EscalationNotifier {
  constructor(
    private readonly deps: Pick<Deps, 'regions' | 'clock'>,
    private readonly staff: StaffDirectory,
  ) {}

  async escalated(tx: DbOrTx, e: Escalation): Promise<void> {
    const village = await this.deps.regions.get(e.villageCode);
    const recipients = await this.recipients(tx, e, village ? this.deps.regions.ref(village) : null);
    if (recipients.length === 0) return;
    const place = village?.shortName ?? e.villageCode;
    const who = e.helperName ? `帮办代办员${e.helperName}` : '帮办代办员';
    const title = `帮办求助超时：${e.requestNo}`;
    const body = e.limit === 'accept' && e.coordinator
      ? `${place}的帮办求助 ${e.requestNo}，${who}${LIMITS.accept}，已转由您（${e.coordinator.name}）处理，请尽快联系求助人。`
      : `${place}的帮办求助 ${e.requestNo}，${who}${LIMITS[e.limit]}，请督促跟进。`;
    const now = iso(this.deps.clock.now());
    await insertMessages(tx, recipients.map((id) => ({
      id: newId(), recipient_kind: 'staff' as const, recipient_id: id, event: `help_request.escalated_${e.limit}`,
      title, body, case_id: null, case_no: null, created_at: now, read_at: null,
    })));
  }

  private async recipients(tx: DbOrTx, e: Escalation, village: RegionRef | null): Promise<string[]> {
    if (e.coordinator?.staffId) return [e.coordinator.staffId];
    return village ? (await this.staff.holdersOver(village, ['assist.coordinate'], tx)).map((s) => s.id) : [];
  }
}
