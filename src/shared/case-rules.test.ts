/**
 * The case rules the server and the web pages share (case-rules.ts): whether an item takes online
 * applications, 情形引导 → materials, and the actions allowed on a case. The pages (IntakePage, ApplyPage, the guide's Materials, CaseDetailPage)
 * rely on what is checked here; the server's use is covered by the cases API tests.
 */
import { describe, expect, it } from 'vitest';
import {
  actionFitsPlace, actionProblem, allowedActions, AWAITED_ACTIONS, awaitedActions, awaitedRoles, awaitsActor, collectsForAnotherBody, materialApplies, materialRequired, missingMaterials, onlineApplicationProblem,
  onlineApplicationRefusal, situationMaterials, situationsCalling, type MaterialNeed, type SituationQuestion,
} from './case-rules.js';
import { ITEM_TYPES } from './catalog.js';
import { CASE_ACTION_NAMES, CASE_STATUS_CODES, actionsFrom, transitionFor, type CaseActorRole } from './cases.js';

const situations: SituationQuestion[] = [
  { id: 's1', question: '是否委托他人办理？', options: [{ id: 'yes', label: '是', materialIds: ['proxy', 'agent-id'] }, { id: 'no', label: '否', materialIds: [] }] },
  { id: 's2', question: '是否有残疾？', options: [{ id: 'yes', label: '有', materialIds: ['disability'] }, { id: 'no', label: '没有', materialIds: [] }] },
];

describe('onlineApplicationProblem: which items take online applications', () => {
  /** 最低生活保障（新申请） in the demo catalog: 行政给付, 窗口 + 电脑端 + 移动端, 咨询 … 受理. */
  const dibao = { type: '05', channels: ['1', '2', '3'], onlineDepth: ['1', '2', '3', '4'] };

  it('an item people apply for, with 网上办理 among its 办理形式 and 互联网收件 or deeper, takes them', () => {
    expect(onlineApplicationProblem(dibao)).toBeNull();
    // 移动端网上申请 alone, 互联网收件 alone (level Ⅱ) is enough
    expect(onlineApplicationProblem({ type: '20', channels: ['3'], onlineDepth: ['2'] })).toBeNull();
    expect(onlineApplicationProblem({ type: '01', channels: ['2'], onlineDepth: ['5', '6'] })).toBeNull();
  });

  it('every 依申请 type qualifies; 行政处罚, 行政强制, 行政征收 and 行政检查 (依职权) never do', () => {
    const refused = Object.keys(ITEM_TYPES).filter((type) => onlineApplicationProblem({ ...dibao, type }) !== null);
    expect(refused).toEqual(['02', '03', '04', '06']);
    expect(onlineApplicationProblem({ ...dibao, type: '02' })).toBe('该事项不支持网上申请：行政处罚由行政机关依法主动作出，不受理申请。');
  });

  it('window only (最低生活保障（停止保障）: 窗口办理, 互联网咨询): only at the window', () => {
    expect(onlineApplicationProblem({ type: '05', channels: ['1'], onlineDepth: ['1'] })).toBe('该事项不支持网上申请：只能到窗口办理。');
    // 快递申请 and 其他 are not online either
    expect(onlineApplicationProblem({ type: '20', channels: ['1', '4', '9'], onlineDepth: ['2'] })).toBe('该事项不支持网上申请：只能到窗口办理。');
  });

  it('网上办理 listed but no deeper than 互联网咨询 (level Ⅰ), or no depth at all', () => {
    expect(onlineApplicationProblem({ type: '20', channels: ['1', '2'], onlineDepth: ['1'] })).toBe('该事项不支持网上申请：网上只提供咨询，须到窗口提交申请。');
    expect(onlineApplicationProblem({ type: '20', channels: ['1', '2'], onlineDepth: [] })).toBe('该事项不支持网上申请：只能到窗口办理。');
    // result feedback online does not take an application in
    expect(onlineApplicationProblem({ type: '20', channels: ['2'], onlineDepth: ['6', '7'] })).not.toBeNull();
  });

  it('the refusal says where to go instead: the place and its phone, or whom to ask for an item nobody applies for', () => {
    const place = { location: '钢山街道为民服务中心', phone: '0537-5383001' };
    expect(onlineApplicationRefusal('该事项不支持网上申请：只能到窗口办理。', '05', place))
      .toBe('该事项不支持网上申请：只能到窗口办理。请携带材料到钢山街道为民服务中心办理，咨询电话 0537-5383001。');
    expect(onlineApplicationRefusal('该事项不支持网上申请：只能到窗口办理。', '05', { location: '', phone: '' }))
      .toBe('该事项不支持网上申请：只能到窗口办理。请携带材料到办理地点办理。');
    const penalty = onlineApplicationProblem({ type: '02', channels: ['9'], onlineDepth: [] })!;
    expect(onlineApplicationRefusal(penalty, '02', place)).toBe(`${penalty}如有疑问，请拨打咨询电话 0537-5383001。`);
  });
});

describe('situationMaterials', () => {
  it('collects the materials the valid answers call for, with no problems when every question is answered', () => {
    const r = situationMaterials(situations, { s1: 'yes', s2: 'no' });
    expect([...r.selected].sort()).toEqual(['agent-id', 'proxy']);
    expect(r.problems).toEqual([]);
  });

  it('an item without questions needs no answers', () => {
    expect(situationMaterials([], {})).toEqual({ selected: new Set(), problems: [] });
  });

  it('names each unanswered question (IntakePage shows the message under it; ApplyPage lists the questions)', () => {
    const r = situationMaterials(situations, { s2: 'yes' });
    expect([...r.selected]).toEqual(['disability']);
    expect(r.problems).toEqual([{ field: 'situationAnswers.s1', situationId: 's1', question: '是否委托他人办理？', kind: 'unanswered', message: '请回答「是否委托他人办理？」' }]);
    const none = situationMaterials(situations, {});
    expect(none.problems.map((p) => [p.kind, p.situationId])).toEqual([['unanswered', 's1'], ['unanswered', 's2']]);
    expect(none.selected.size).toBe(0);
  });

  it('refuses an answer that is not one of the options and a question the item does not have (the server answers 400 with these fields)', () => {
    const r = situationMaterials(situations, { s1: 'maybe', s2: 'no', s9: 'yes' });
    expect(r.problems).toEqual([
      { field: 'situationAnswers.s9', situationId: 's9', question: null, kind: 'unknown_question', message: '本事项没有这个情形问题' },
      { field: 'situationAnswers.s1', situationId: 's1', question: '是否委托他人办理？', kind: 'invalid_option', message: '「是否委托他人办理？」的选项不正确' },
    ]);
    // an invalid answer calls for nothing; the valid ones still count
    expect(r.selected.size).toBe(0);
    expect(situationMaterials(situations, { s1: '', s2: 'yes' }).problems.map((p) => p.kind)).toEqual(['invalid_option']);
  });

  it('lists the answers that call for a material (IntakePage: 以下情形需要…)', () => {
    expect(situationsCalling(situations, 'proxy')).toEqual([{ question: '是否委托他人办理？', label: '是' }]);
    expect(situationsCalling(situations, 'id-card')).toEqual([]);
  });
});

describe('which materials an application needs', () => {
  const materials: (MaterialNeed & { name: string })[] = [
    { id: 'id-card', name: '身份证', necessityCode: 'required' },
    { id: 'photo', name: '照片', necessityCode: 'optional' },
    { id: 'later', name: '容缺材料', necessityCode: 'deferrable', conditional: false },
    { id: 'proxy', name: '委托书', necessityCode: 'required', conditional: true },
    { id: 'disability', name: '残疾证', necessityCode: 'optional', conditional: true },
  ];
  const none = new Set<string>();
  const chosen = new Set(['proxy', 'disability']);

  it('required: 必要 and not a 情形材料, or called for by the answers', () => {
    expect(materials.filter((m) => materialRequired(m, none)).map((m) => m.id)).toEqual(['id-card']);
    expect(materials.filter((m) => materialRequired(m, chosen)).map((m) => m.id)).toEqual(['id-card', 'proxy', 'disability']);
    // a 非必要 material that an answer names is needed too
    expect(materialRequired({ id: 'photo', necessityCode: 'optional' }, new Set(['photo']))).toBe(true);
  });

  it('shown: every material but the 情形材料 the answers do not call for (ApplyPage, the guide page)', () => {
    expect(materials.filter((m) => materialApplies(m, none)).map((m) => m.id)).toEqual(['id-card', 'photo', 'later']);
    expect(materials.filter((m) => materialApplies(m, new Set(['proxy']))).map((m) => m.id)).toEqual(['id-card', 'photo', 'later', 'proxy']);
  });

  it('missing: the required ones not given (the server answers MATERIALS_MISSING with them)', () => {
    expect(missingMaterials(materials, new Set(), chosen).map((m) => m.id)).toEqual(['id-card', 'proxy', 'disability']);
    expect(missingMaterials(materials, new Set(['id-card', 'proxy', 'disability']), chosen)).toEqual([]);
    expect(missingMaterials(materials, new Set(['id-card']), none)).toEqual([]);
  });
});

describe('actions allowed on a case', () => {
  const atVillage = { currentRegionCode: '370883001004', handlingRegionCode: '370883001000' };
  const atTown = { currentRegionCode: '370883001000', handlingRegionCode: '370883001000' };
  const receiver = new Set<CaseActorRole>(['receiver']);
  const handler = new Set<CaseActorRole>(['receiver', 'handler_intake']);

  it('收件转报 only where the receiving place collects for another body', () => {
    expect(collectsForAnotherBody(atVillage)).toBe(true);
    expect(collectsForAnotherBody(atTown)).toBe(false);
    expect(actionFitsPlace('forward', atVillage)).toBe(true);
    expect(actionFitsPlace('forward', atTown)).toBe(false);
    expect(CASE_ACTION_NAMES.filter((a) => a !== 'forward').every((a) => actionFitsPlace(a, atTown))).toBe(true);
    expect(allowedActions('pending_review', receiver, atVillage)).toContain('forward');
    expect(allowedActions('pending_review', handler, atTown)).not.toContain('forward');
    expect(actionProblem('forward', 'pending_review', receiver, atTown)).toEqual({ kind: 'not_collect_only' });
  });

  it('by role: a collecting village receives; the body that decides accepts', () => {
    expect(allowedActions('pending_review', receiver, atVillage)).toEqual(['forward', 'transfer', 'request-correction', 'withdraw']);
    expect(allowedActions('pending_review', handler, atTown)).toEqual(['transfer', 'accept', 'refuse', 'request-correction', 'withdraw']);
    expect(allowedActions('pending_review', new Set(), atTown)).toEqual([]);
    expect(actionProblem('accept', 'pending_review', receiver, atVillage)).toEqual({ kind: 'not_permitted' });
    expect(actionProblem('accept', 'pending_review', handler, atTown)).toBeNull();
  });

  it('by status: an action the workflow does not allow from the status is the first problem, with what is allowed', () => {
    expect(actionProblem('deliver', 'pending_review', new Set(), atTown)).toEqual({ kind: 'wrong_state', allowed: actionsFrom('pending_review') });
    const everyone = new Set<CaseActorRole>(['receiver', 'handler_intake', 'decider', 'applicant']);
    for (const status of CASE_STATUS_CODES) {
      expect(allowedActions(status, everyone, atVillage)).toEqual(actionsFrom(status));
      for (const action of CASE_ACTION_NAMES) expect(actionProblem(action, status, everyone, atVillage) === null).toBe(Boolean(transitionFor(action, status)));
    }
    expect(allowedActions('delivered', everyone, atTown)).toEqual([]);
  });
});

describe('等我处理: what a case waits for', () => {
  const atVillage = { currentRegionCode: '370883001004', handlingRegionCode: '370883001' };
  const atTown = { currentRegionCode: '370883001', handlingRegionCode: '370883001' };
  const roles = (...r: CaseActorRole[]) => new Set<CaseActorRole>(r);

  it('names only transitions of the workflow, from the status it is listed under', () => {
    for (const status of CASE_STATUS_CODES) {
      for (const action of AWAITED_ACTIONS[status]) expect(transitionFor(action, status), `${status} ${action}`).toBeDefined();
    }
  });

  it('waits for the window before acceptance, the decider in review, the one who hands the result over after it', () => {
    expect(awaitedActions('pending_review', roles('receiver'), atVillage)).toEqual(['forward', 'transfer', 'request-correction']);
    expect(awaitsActor('pending_acceptance', roles('receiver', 'handler_intake'), atTown)).toBe(true);
    expect(awaitsActor('accepted', roles('receiver', 'handler_intake'), atTown)).toBe(false);
    expect(awaitsActor('accepted', roles('decider'), atTown)).toBe(true);
    expect(awaitedActions('deciding', roles('decider'), atTown)).toEqual(['approve', 'deny', 'return']);
    expect(awaitsActor('approved', roles('handler_intake'), atTown)).toBe(true);
  });

  it('does not wait for staff while it waits for the applicant (补正) or a special procedure, nor when it is closed', () => {
    const everyone = roles('receiver', 'handler_intake', 'decider', 'applicant');
    // the window may take the applicant's 补正 or 撤回 in, and the decider may end the case, but neither is awaited
    expect(allowedActions('correction', everyone, atTown).length).toBeGreaterThan(0);
    for (const status of ['correction', 'suspended', 'delivered', 'refused', 'withdrawn', 'terminated'] as const) {
      expect(awaitsActor(status, everyone, atTown), status).toBe(false);
    }
    expect(awaitsActor('pending_review', roles('applicant'), atTown)).toBe(false);
  });

  it('as data for SQL: per status the roles waited for, 收件转报 only where the place collects for another body', () => {
    const byStatus = Object.fromEntries(awaitedRoles().map((s) => [s.status, s.roles]));
    expect(byStatus.correction).toBeUndefined();
    expect(byStatus.pending_review).toEqual(expect.arrayContaining([{ role: 'receiver', collectOnly: false }, { role: 'handler_intake', collectOnly: false }]));
    expect(byStatus.accepted).toEqual([{ role: 'decider', collectOnly: false }]);
    // The data gives the same answer as the function, for every status, set of roles and place.
    const all: CaseActorRole[] = ['receiver', 'handler_intake', 'decider', 'applicant'];
    for (const status of CASE_STATUS_CODES) {
      for (let mask = 0; mask < 16; mask++) {
        const held = new Set(all.filter((_, i) => mask & (1 << i)));
        for (const place of [atVillage, atTown]) {
          const fromData = (byStatus[status] ?? []).some((r) => held.has(r.role) && (!r.collectOnly || collectsForAnotherBody(place)));
          expect(fromData, `${status} ${[...held].join('+')} ${place.currentRegionCode}`).toBe(awaitsActor(status, held, place));
        }
      }
    }
  });
});
