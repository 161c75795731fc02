/**
 * Demo cases (SEED_DEMO only), made through the real case service so each has its events and audit
 * entries: a few applications of the demo citizens in several statuses — one online awaiting
 * 预审, one waiting for 补正, one overdue, one in review at 千泉街道, one done and delivered. (The helper's
 * 代办 at 孟庄社区 needs the roster and a help request: seed/assisted-case.ts.)
 */
import type { Deps } from '../deps.js';
import type { RequestContext } from '../platform/context.js';
import type { Clock } from '../platform/ids.js';
import type { Grant } from '../platform/permissions.js';
import type { CitizenActor, StaffActor } from '../platform/request.js';
import type { StaffRole } from '../../shared/roles.js';
import { CaseService, type SubmitInput } from '../modules/cases/index.js';
import { detectFileType } from '../modules/files/index.js';
import { createServices } from '../services.js';
import { LicenceService } from '../modules/licences/index.js';
import { DEMO_CITIZENS } from './demo.js';
import { seedDemoForms } from './forms.js';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n% 便民演示材料\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A demo staff member as the services see them signed in (also the demo help requests'). */
export async function staffActor(deps: Deps, username: string): Promise<StaffActor> {
  const { db } = deps.dbh;
  const u = await db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants as g').innerJoin('regions as r', 'r.code', 'g.region_code')
    .select(['g.id', 'g.role', 'g.region_code', 'r.short_name', 'r.path']).where('g.user_id', '=', u.id).execute();
  return {
    kind: 'staff', id: u.id, name: u.name, username: u.username, sessionId: 'seed',
    grants: grants.map((g): Grant => ({ id: g.id, role: g.role as StaffRole, regionCode: g.region_code, regionName: g.short_name, regionPath: g.path })),
  };
}

export async function citizenActor(deps: Deps, phone: string): Promise<CitizenActor> {
  const c = await deps.dbh.db.selectFrom('citizens').selectAll().where('phone_hash', '=', deps.protector.lookupHash(phone)).executeTakeFirstOrThrow();
  return { kind: 'citizen', id: c.id, name: c.name, sessionId: 'seed' };
}

/** Seeding asks no licence for a staff member's view of a case. */
const noCaseMaterials = (): never => {
  throw new Error('not used while seeding');
};

export async function seedDemoCases(deps: Deps): Promise<number> {
  await seedDemoForms(deps);
  // One set of services; each backdated CaseService shares its catalog, forms and notifier (a
  // catalog snapshot with its search index is tens of MiB: one per backdated clock stayed in RSS).
  const base = createServices(deps);
  const catalog = base.catalog.publicCatalog;
  const now = deps.clock.now().getTime();
  /** The service as it was `days` calendar days ago (09:30 China time). */
  const ago = (days: number) => {
    const d = new Date(now - days * DAY);
    d.setUTCHours(1, 30, 0, 0);
    const clock: Clock = { now: () => new Date(d) };
    // licences issued by approvals carry the same backdated day (the demo's libraries are asked by the wallet, not here)
    const licences = new LicenceService({ ...deps, clock }, { holders: base.citizens, items: catalog, caseMaterials: noCaseMaterials, libraries: [] });
    return new CaseService({ ...deps, clock }, { catalog, forms: base.forms, notifier: base.notifications, citizens: base.citizens, drafts: base.forms, licences, results: licences });
  };
  const ctx = (actor: RequestContext['actor'], channel: RequestContext['channel']): RequestContext => ({ actor, ip: null, channel });
  const [zhang, li, wang] = await Promise.all(DEMO_CITIZENS.map((c) => citizenActor(deps, c.phone)));
  const gangshanClerk = await staffActor(deps, 'gangshan.clerk');
  const approver = await staffActor(deps, 'gangshan.approver');
  const qianquanClerk = await staffActor(deps, 'qianquan.clerk');
  const citizenOf = { [zhang!.id]: DEMO_CITIZENS[0]!, [li!.id]: DEMO_CITIZENS[1]!, [wang!.id]: DEMO_CITIZENS[2]! };

  /** Every required material: uploaded by a citizen online, on paper at a window. */
  const materials = async (code: string, region: string, uploadedBy: CitizenActor | null) => {
    const guide = await catalog.guide(code, region);
    const required = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional);
    if (!uploadedBy) return required.map((m) => ({ materialId: m.id, source: 'paper' as const, checkedOriginal: true, copies: 1 }));
    const file = await ago(0).storeUpload(ctx(uploadedBy, 'mobile'), uploadedBy, { fileName: '申请材料.pdf', data: PDF }, detectFileType);
    return required.map((m) => ({ materialId: m.id, source: 'upload' as const, fileId: file.id, checkedOriginal: false, copies: 0 }));
  };
  const walkIn = (c: CitizenActor) => {
    const p = citizenOf[c.id]!;
    return { kind: 'person' as const, name: p.name, idType: 'id_card' as const, idNumber: p.idNumber, phone: p.phone, address: '邹城市钢山街道' };
  };
  const input = (code: string, region: string, m: SubmitInput['materials'], over: Partial<SubmitInput> = {}): SubmitInput =>
    ({ itemCode: code, regionCode: region, materials: m, formData: {}, situationAnswers: {}, deliveryMethod: 'pickup', declaration: true, ...over });
  /** 情形引导: the applicant comes in person and has no conditional circumstances (each question's first option). */
  const plainAnswers = async (code: string, region: string) =>
    Object.fromEntries((await catalog.guide(code, region)).situations.map((q) => [q.id, q.options[0]!.id]));
  const home = (regionCode: string, regionName: string, detail: string) => ({ regionCode, regionName, detail });
  const bank = (accountNo: string) => ({ bankName: 'rcb', accountNo });

  let n = 0;
  // 1. 张秀英 applies for 高龄津贴 on her phone this morning: 待预审 at 钢山街道.
  await ago(0).submit(ctx(zhang!, 'mobile'), zhang!, input('37050100700001', '370883001', await materials('37050100700001', '370883001', zhang!), {
    deliveryMethod: 'electronic', situationAnswers: await plainAnswers('37050100700001', '370883001'),
    formData: { address: home('370883001004', '钢山街道孟庄社区', '建设路 18 号 3 单元 201 室'), ...bank('6228480319876543210'), contactPhone: DEMO_CITIZENS[0]!.phone },
  }));
  n++;

  // 2. 李建国's 临时救助 online two days ago: the clerk asked for one missing document (待补正).
  {
    const s = await ago(2).submit(ctx(li!, 'pc'), li!, input('37050100600001', '370883001', await materials('37050100600001', '370883001', li!), {
      formData: { reason: '家中老人突发重病住院，医疗费用负担很重', happenedOn: '2026-11-20', amount: 5000, address: home('370883001', '钢山街道', '岗山路 66 号'), ...bank('6217002260001234567') },
    }));
    await ago(1).act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'request-correction', {
      opinion: '请一次性补齐以下材料后重新提交', items: [{ materialId: 'hardship-proof', reason: '请提供医院出具的住院证明或费用清单' }],
    });
    n++;
  }

  // 3. 王桂兰's 最低生活保障 taken in at the 钢山街道 window six weeks ago and still in review: overdue (红灯).
  {
    const s = await ago(42).submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37050100100001', '370883001', await materials('37050100100001', '370883001', null), {
      applicant: walkIn(wang!), intakeChannel: 'window', situationAnswers: await plainAnswers('37050100100001', '370883001'),
      formData: {
        members: [{ name: '王桂兰', relation: 'self', idNumber: DEMO_CITIZENS[2]!.idNumber, income: 380 }],
        housing: 'own', hardships: ['old', 'illness'], reason: '本人年老体弱，无固定收入，常年服药，生活困难',
        address: home('370883001', '钢山街道', '北关路 9 号'), ...bank('6228480319870001111'),
      },
    }));
    await ago(42).act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '材料齐全，予以受理' });
    n++;
  }

  // 4. 张秀英's 老年人优待证 (即办) at the window ten days ago: accepted, decided and handed over.
  {
    const svc = ago(10);
    const s = await svc.submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37200101100001', '370883001', await materials('37200101100001', '370883001', null), {
      applicant: walkIn(zhang!), intakeChannel: 'window', formData: { contactPhone: DEMO_CITIZENS[0]!.phone, emergencyName: '刘明', emergencyPhone: '13905371234' },
    }));
    const id = s.result.id;
    await svc.act(ctx(gangshanClerk, 'window'), gangshanClerk, id, 'accept', { opinion: '' });
    await svc.act(ctx(approver, 'pc'), approver, id, 'approve', { opinion: '符合条件' });
    await svc.act(ctx(approver, 'pc'), approver, id, 'approve', { opinion: '准予办理', resultNote: '山东省老年人优待证已签发，可在「我的电子证照」查看和亮证' });
    await svc.act(ctx(gangshanClerk, 'window'), gangshanClerk, id, 'deliver', { method: 'pickup', opinion: '本人当场领取' });
    n++;
  }

  // 5. 李建国's 困难残疾人生活补贴 at 千泉街道 (全省通办), accepted 12 days ago, in review.
  {
    const s = await ago(12).submit(ctx(qianquanClerk, 'window'), qianquanClerk, input('37050100900101', '370883002', await materials('37050100900101', '370883002', null), {
      applicant: walkIn(li!), intakeChannel: 'window', situationAnswers: await plainAnswers('37050100900101', '370883002'),
      formData: { disabilityCategory: 'c4', disabilityGrade: 'g2', certNo: `${DEMO_CITIZENS[1]!.idNumber}42`, address: home('370883002', '千泉街道', '千泉路 120 号'), ...bank('6228480319870002222') },
    }));
    await ago(12).act(ctx(qianquanClerk, 'window'), qianquanClerk, s.result.id, 'accept', { opinion: '' });
    n++;
  }

  // (The 孟庄社区 helper's 代办 for 王桂兰 comes with the help requests, once the roster exists: seed/assisted-case.ts.)

  const tempRelief = (detail: string, reason: string) => ({
    reason, happenedOn: null, amount: 2000, address: home('370883001', '钢山街道', detail), ...bank('6217002260001234567'),
  });

  // 7. 李建国's 临时救助 at the 钢山街道 window eight days ago: reviewed, waiting for the decision (待决定).
  {
    const svc = ago(8);
    const s = await svc.submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37050100600001', '370883001', await materials('37050100600001', '370883001', null), {
      applicant: walkIn(li!), intakeChannel: 'window', formData: tempRelief('岗山路 66 号', '妻子患病住院，家中无其他收入来源'),
    }));
    await svc.act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '材料齐全，予以受理' });
    await ago(6).act(ctx(approver, 'pc'), approver, s.result.id, 'approve', { opinion: '经入户核查，情况属实，建议给予救助' });
    n++;
  }

  // 8. 王桂兰's 困难残疾人生活补贴 at 钢山街道: accepted six days ago, now in a special procedure (现场核查, clock stopped).
  {
    const s = await ago(6).submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37050100900101', '370883001', await materials('37050100900101', '370883001', null), {
      applicant: walkIn(wang!), intakeChannel: 'window', situationAnswers: await plainAnswers('37050100900101', '370883001'),
      formData: { disabilityCategory: 'c1', disabilityGrade: 'g2', certNo: `${DEMO_CITIZENS[2]!.idNumber}12`, address: home('370883001', '钢山街道', '北关路 9 号'), ...bank('6228480319870001111') },
    }));
    await ago(6).act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '' });
    await ago(2).act(ctx(approver, 'pc'), approver, s.result.id, 'pause', { procedure: '现场核查', reason: '需会同残联入户核实残疾状况和家庭收入' });
    n++;
  }

  // 9. 孟繁英's (85, no account) 高龄津贴 at the window three weeks ago: approved, the result waiting at the window (已办结，待送达).
  //    (张秀英, 70, applies online in 1. — the form's eligibility rules warn about her: under 80.)
  {
    const svc = ago(21);
    const s = await svc.submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37050100700001', '370883001', await materials('37050100700001', '370883001', null), {
      applicant: { kind: 'person', name: '孟繁英', idType: 'id_card', idNumber: '370883194106180422', phone: '13905378806', address: '邹城市钢山街道孟庄社区' },
      intakeChannel: 'window', situationAnswers: await plainAnswers('37050100700001', '370883001'),
      formData: { address: home('370883001004', '钢山街道孟庄社区', '孟庄村 5 组 8 号'), ...bank('6228480319870003333'), contactPhone: '13905378806' },
    }));
    await svc.act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '' });
    await ago(18).act(ctx(approver, 'pc'), approver, s.result.id, 'approve', { opinion: '年龄、户籍符合条件' });
    await ago(17).act(ctx(approver, 'pc'), approver, s.result.id, 'approve', { opinion: '准予发放', resultNote: '自次月起按月发放高龄津贴' });
    n++;
  }

  // 10. 李建国's 最低生活保障 online a month ago: reviewed and denied (家庭收入超过当地低保标准).
  {
    const s = await ago(30).submit(ctx(li!, 'pc'), li!, input('37050100100001', '370883001', await materials('37050100100001', '370883001', li!), {
      situationAnswers: await plainAnswers('37050100100001', '370883001'), deliveryMethod: 'electronic',
      formData: {
        members: [{ name: '李建国', relation: 'self', idNumber: DEMO_CITIZENS[1]!.idNumber, income: 2600 }],
        housing: 'rent', rentMonthly: 600, hardships: ['illness'], reason: '本人患慢性病，收入不稳定，房租负担重',
        address: home('370883001', '钢山街道', '岗山路 66 号'), ...bank('6217002260001234567'),
      },
    }));
    await ago(29).act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '材料齐全，予以受理' });
    await ago(20).act(ctx(approver, 'pc'), approver, s.result.id, 'approve', { opinion: '经家庭经济状况核对，月人均收入 2600 元' });
    await ago(19).act(ctx(approver, 'pc'), approver, s.result.id, 'deny', { reason: '经核对，家庭月人均收入超过本市城乡低保标准，不符合申请条件' });
    n++;
  }

  // 11. 王桂兰's 老年人优待证 asked for at 千泉街道 three days ago: refused (户籍不在本街道，已告知到户籍地办理).
  {
    const s = await ago(3).submit(ctx(qianquanClerk, 'window'), qianquanClerk, input('37200101100001', '370883002', await materials('37200101100001', '370883002', null), {
      applicant: walkIn(wang!), intakeChannel: 'window', formData: { contactPhone: DEMO_CITIZENS[2]!.phone },
    }));
    await ago(3).act(ctx(qianquanClerk, 'window'), qianquanClerk, s.result.id, 'refuse', { reason: '申请人户籍在钢山街道，老年人优待证由户籍所在地办理，请到钢山街道便民服务中心申请' });
    n++;
  }

  // 12. 张秀英's 临时救助 online four days ago, withdrawn by her the next day (困难已解决).
  {
    const s = await ago(4).submit(ctx(zhang!, 'mobile'), zhang!, input('37050100600001', '370883001', await materials('37050100600001', '370883001', zhang!), {
      deliveryMethod: 'electronic', formData: { ...tempRelief('建设路 18 号', '老伴住院，医疗费用一时难以支付'), amount: 3000 },
    }));
    await ago(3).act(ctx(zhang!, 'mobile'), zhang!, s.result.id, 'withdraw', { reason: '子女已帮忙支付医疗费用，不再申请' });
    n++;
  }

  // 13. 李建国's 困难残疾人生活补贴 at 钢山街道 fifteen days ago: terminated (户籍迁出本市).
  {
    const s = await ago(15).submit(ctx(gangshanClerk, 'window'), gangshanClerk, input('37050100900101', '370883001', await materials('37050100900101', '370883001', null), {
      applicant: walkIn(li!), intakeChannel: 'window', situationAnswers: await plainAnswers('37050100900101', '370883001'),
      formData: { disabilityCategory: 'c4', disabilityGrade: 'g3', certNo: `${DEMO_CITIZENS[1]!.idNumber}43`, address: home('370883001', '钢山街道', '岗山路 66 号'), ...bank('6217002260001234567') },
    }));
    await ago(15).act(ctx(gangshanClerk, 'window'), gangshanClerk, s.result.id, 'accept', { opinion: '' });
    await ago(5).act(ctx(approver, 'pc'), approver, s.result.id, 'terminate', { reason: '申请人户籍已迁出本市，依规终止办理，请到新户籍地申请' });
    n++;
  }
  return n;
}
