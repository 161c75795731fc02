/**
 * The demo's 代办 case (SEED_DEMO only), made through the real services once the roster exists:
 * 王桂兰 (78, 孟庄社区) asks for help with her 高龄津贴 by phone; 刘桂芝 (mengzhuang.helper) accepts,
 * visits her at home, records her consent by SMS code, takes in the application for her (村代办)
 * and forwards it to 钢山街道, which decides (镇办结). The case carries the help request and the
 * consent; as a special-group request (老年人) it is 绿色通道 in the town's queue.
 *
 * The code is read from the demo deployment's answer (DEMO_MODE): without it nothing is made.
 */
import type { Deps } from '../deps.js';
import type { RequestContext } from '../platform/context.js';
import type { Services } from '../services.js';
import { staffActor } from './cases.js';
import { DEMO_CITIZENS } from './demo.js';

const MENGZHUANG = '370883001004';
/** 80 周岁以上老年人高龄津贴发放 at 孟庄社区 (村代办、镇办结) */
const ITEM = '37200150400001';

export async function seedDemoAssistedCase(deps: Deps, services: Pick<Services, 'assistance' | 'consents' | 'cases' | 'catalog' | 'helpers'>): Promise<boolean> {
  const liu = await staffActor(deps, 'mengzhuang.helper');
  const clerk = await staffActor(deps, 'gangshan.clerk');
  const wang = DEMO_CITIZENS[2]!;
  const ctx = (actor: RequestContext['actor'], channel: RequestContext['channel']): RequestContext => ({ actor, ip: null, channel });
  const asLiu = ctx(liu, 'assist');

  const { request } = await services.assistance.create(ctx(clerk, 'window'), clerk, {
    channel: 'phone', name: wang.name, phone: wang.phone, address: '孟庄社区孟庄村 3 组 12 号', villageCode: MENGZHUANG, itemCode: ITEM,
    need: '今年满 80 岁，想申领高龄津贴，腿脚不便去不了服务站', preferredTime: '上午', homeVisit: true, flags: ['elderly', 'limited_mobility'],
  });
  const liuHelper = (await services.helpers.helperOfStaff(liu.id))?.helperId ?? null;
  if (!liuHelper) return false;
  let seen = request;
  if (liuHelper && seen.helperId !== liuHelper) {
    const admin = await staffActor(deps, 'gangshan.admin');
    seen = await services.assistance.assign(ctx(admin, 'pc'), admin, seen.id, { helperId: liuHelper, note: '刘桂芝熟悉王桂兰家情况', version: seen.version });
  }
  if (seen.helperId !== liuHelper) return false;
  seen = await services.assistance.accept(asLiu, liu, seen.id, seen.version);
  seen = await services.assistance.contact(asLiu, liu, seen.id, { method: 'visit', note: '上门核实年龄和银行账户，老人同意由帮办员代为申请', version: seen.version, photoIds: [] });
  const sent = await services.consents.sendCode(asLiu, liu, seen.id);
  if (!sent.demoCode) return false;
  await services.consents.confirmCode(asLiu, liu, seen.id, sent.demoCode);

  const guide = await services.catalog.publicCatalog.guide(ITEM, MENGZHUANG);
  const materials = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional)
    .map((m) => ({ materialId: m.id, source: 'paper' as const, checkedOriginal: true, copies: 1 }));
  const { result } = await services.cases.submit(asLiu, liu, {
    itemCode: ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: seen.id, materials, situationAnswers: {}, deliveryMethod: 'pickup', declaration: true,
    applicant: { kind: 'person', name: wang.name, idType: 'id_card', idNumber: wang.idNumber, phone: wang.phone, address: '邹城市钢山街道孟庄社区孟庄村 3 组 12 号' },
    formData: {
      address: { regionCode: MENGZHUANG, regionName: '钢山街道孟庄社区', detail: '孟庄村 3 组 12 号' },
      bankName: 'rcb', accountNo: '6228480319870001111',
    },
  });
  await services.cases.act(asLiu, liu, result.id, 'forward', { opinion: '入户收件，材料齐全' });
  return true;
}
