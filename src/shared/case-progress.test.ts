/**
 * The applicant's words for a case (case-progress.ts): every action is either a plain milestone or
 * a step inside the office, and every status has a label; the server's use (the citizen's case
 * view, 我的办件, 办件查询) is covered by cases/progress.api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { citizenStatusLabel, decisionWords, milestoneOf, officeName, resultOfEvents, stepsAfterSubmission, type NextStepFacts } from './case-progress.js';
import { CASE_ACTIONS, CASE_STATUS_CODES, CASE_TRANSITIONS, caseNoGroups, type CaseAction } from './cases.js';

const facts = (action: string, toStatus: string, over: Partial<Parameters<typeof milestoneOf>[0]> = {}) => ({ action, toStatus, opinion: '', details: {}, ...over });

describe('milestoneOf', () => {
  it('words every action but the steps inside the office (审查通过 to the decision, 退回审查)', () => {
    const shown = new Map<string, string>();
    for (const action of Object.keys(CASE_ACTIONS) as CaseAction[]) {
      const targets = action === 'submit' ? ['pending_review'] : CASE_TRANSITIONS.filter((t) => t.action === action).map((t) => (typeof t.to === 'string' && t.to !== 'previous' && t.to !== 'same' ? t.to : 'accepted'));
      for (const to of targets) {
        const m = milestoneOf(facts(action, to));
        const internal = action === 'return' || (action === 'approve' && to === 'deciding');
        expect(m === null, `${action} → ${to}`).toBe(internal);
        if (m) shown.set(`${action}:${to}`, m.label);
      }
    }
    expect([...shown.values()]).not.toContain('审查通过');
    expect(shown.get('approve:approved')).toBe('决定准予（已办结）');
    expect(shown.get('deny:denied')).toBe('决定不予许可（已办结）');
  });

  it('gives the reasons the applicant is owed, and the words of the facts', () => {
    expect(milestoneOf(facts('refuse', 'refused', { opinion: ' 不属于本事项受理范围 ' }))).toEqual({ label: '不予受理', note: '不属于本事项受理范围' });
    expect(milestoneOf(facts('accept', 'accepted', { opinion: '材料齐全' }))).toEqual({ label: '已受理', note: '' });
    expect(milestoneOf(facts('extend', 'accepted', { details: { days: 5 }, opinion: '需现场核查' }))?.label).toBe('办理时限延长 5 个工作日');
    expect(milestoneOf(facts('pause', 'suspended', { details: { procedure: '专家评审' } }))?.label).toBe('进入特别程序：专家评审（暂停计时）');
    expect(milestoneOf(facts('deliver', 'delivered', { details: { method: 'post' } }))?.label).toBe('已送达（邮寄）');
    expect(milestoneOf(facts('forward', 'pending_acceptance', { toOffice: '钢山街道为民服务中心' }))?.label).toBe('已转报钢山街道为民服务中心办理');
  });
});

describe('citizenStatusLabel and officeName', () => {
  it('labels every status; the outcome stays in it once delivered', () => {
    for (const s of CASE_STATUS_CODES) expect(citizenStatusLabel(s, null)).toMatch(/\S/);
    expect(citizenStatusLabel('accepted', null)).toBe(citizenStatusLabel('deciding', null));
    expect(citizenStatusLabel('delivered', 'approved')).toBe('已送达（准予）');
    expect(citizenStatusLabel('delivered', resultOfEvents([{ toStatus: 'accepted' }, { toStatus: 'denied' }, { toStatus: 'delivered' }]))).toBe('已送达（不予许可）');
  });

  it('names the public office of a place', () => {
    expect(officeName({ level: 'county', shortName: '邹城市' })).toBe('邹城市政务服务中心');
    expect(officeName({ level: 'town', shortName: '钢山街道' })).toBe('钢山街道为民服务中心');
    expect(officeName({ level: 'village', shortName: '孟庄社区' })).toBe('孟庄社区便民服务站');
  });
});

describe('decisionWords: the outcome in the words of the item\'s type', () => {
  it('行政给付 is 不予给付, 行政确认 予以确认 / 不予确认; 行政许可 and unknown types keep 不予许可', () => {
    expect(decisionWords('05')).toEqual({ approved: '准予', denied: '不予给付' });
    expect(decisionWords('07')).toEqual({ approved: '予以确认', denied: '不予确认' });
    expect(decisionWords('01')).toEqual({ approved: '准予', denied: '不予许可' });
    expect(decisionWords('20').denied).toBe('不予办理');
    expect(decisionWords(null).denied).toBe('不予许可');
  });

  it('words statuses and milestones for the item\'s type', () => {
    expect(citizenStatusLabel('denied', 'denied', '05')).toBe('已办结（不予给付）');
    expect(citizenStatusLabel('delivered', 'denied', '07')).toBe('已送达（不予确认）');
    expect(citizenStatusLabel('approved', 'approved', '07')).toBe('已办结（予以确认）');
    expect(milestoneOf(facts('deny', 'denied', { opinion: '家庭收入超过标准' }), '05')).toEqual({ label: '决定不予给付（已办结）', note: '家庭收入超过标准' });
    expect(milestoneOf(facts('approve', 'approved'), '07')?.label).toBe('决定予以确认（已办结）');
    // without a type: as before
    expect(citizenStatusLabel('denied', 'denied')).toBe('已办结（不予许可）');
  });
});

describe('stepsAfterSubmission: what the confirmation says happens next', () => {
  const dibao: NextStepFacts = {
    typeCode: '05', promisedDays: 20, promisedLimitText: '20 个工作日', promisedLimitNote: '不含公示期',
    steps: [
      { name: '申请', description: '申请人提出申请' },
      { name: '受理', description: '材料齐全的当场受理；不齐全的一次性告知需补正的材料' },
      { name: '家庭经济状况核对', description: '通过核对平台核查家庭成员的收入和财产信息' },
      { name: '入户调查', description: '镇（街道）会同村（社区）入户调查' },
      { name: '审核确认', description: '提出审核确认意见，在村（社区）公示 7 天无异议后确认。' },
    ],
    specialProcedures: [{ name: '入户调查' }, { name: '公示' }],
  };

  it('受理 → 审查 (with what the guide mentions) → 决定, and the promised limit with its note', () => {
    const next = stepsAfterSubmission(dibao);
    expect(next.steps.map((s) => s.name)).toEqual(['受理', '审查', '决定']);
    expect(next.steps[1]!.text).toBe('工作人员审查您的申请，包括家庭经济状况核对、入户调查、公示。');
    expect(next.steps[2]!.text).toContain('准予或不予给付');
    expect(next.timeLimit).toBe('承诺在受理后 20 个工作日内办结（不含公示期）。需要补正的，补正的时间不计算在内。');
    for (const s of next.steps) expect(s.text).not.toMatch(/。。/);
  });

  it('a 即办件 is 当场办结, never "承诺在 0 个工作日内"', () => {
    const next = stepsAfterSubmission({ ...dibao, promisedDays: 0, promisedLimitText: '即办', promisedLimitNote: '' });
    expect(next.steps.map((s) => s.name)).toEqual(['受理', '办结']);
    expect(next.timeLimit).toBe('本事项为即办件，材料齐全的当场办结。');
    expect(JSON.stringify(next)).not.toMatch(/0 个工作日/);
  });

  it('a guide without steps still says what happens; a limit not in working days is given as written', () => {
    const next = stepsAfterSubmission({ typeCode: '01', promisedDays: null, promisedLimitText: '3 个月', steps: [] });
    expect(next.steps[1]!.text).toBe('工作人员审查您的申请和材料。');
    expect(next.steps[2]!.text).toContain('准予或不予许可');
    expect(next.timeLimit).toBe('承诺时限：3 个月。');
    expect(stepsAfterSubmission({ typeCode: '01', promisedDays: null, promisedLimitText: '无', steps: [] }).timeLimit).toBe('');
  });
});

describe('caseNoGroups', () => {
  it('shows 25 digits in five groups of five (the number itself is unchanged)', () => {
    expect(caseNoGroups('3708830010042026112700001')).toEqual(['37088', '30010', '04202', '61127', '00001']);
    expect(caseNoGroups('3708830010042026112700001').join('')).toBe('3708830010042026112700001');
    expect(caseNoGroups('123456')).toEqual(['12345', '6']);
  });
});
