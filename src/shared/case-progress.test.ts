/**
 * The applicant's words for a case (case-progress.ts): every action is either a plain milestone or
 * a step inside the office, and every status has a label; the server's use (the citizen's case
 * view, 我的办件, 办件查询) is covered by cases/progress.api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { citizenStatusLabel, milestoneOf, officeName, resultOfEvents } from './case-progress.js';
import { CASE_ACTIONS, CASE_STATUS_CODES, CASE_TRANSITIONS, type CaseAction } from './cases.js';

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
