import { describe, expect, it } from 'vitest';
import { dueText, requestTitle, WORKING_HOURS_TEXT } from './words.js';

describe('the words of the citizen help-request pages', () => {
  it('says a time limit in China time with its weekday, whatever zone the machine is in', () => {
    // Friday 2026-11-27 12:00 and Monday 2026-11-30 10:00 in China
    expect(dueText('2026-11-27T04:00:00.000Z')).toBe('11月27日（星期五）12:00');
    expect(dueText('2026-11-30T02:00:00.000Z')).toBe('11月30日（星期一）10:00');
    // 23:30 UTC on Saturday is already Sunday morning in China
    expect(dueText('2026-11-28T23:30:00.000Z')).toBe('11月29日（星期日）07:30');
    expect(dueText('not a time')).toBe('not a time');
  });

  it('names a request by its item, else by the first words of the need', () => {
    expect(requestTitle({ itemName: '老年人优待证办理', need: '腿脚不便' })).toBe('老年人优待证办理');
    expect(requestTitle({ itemName: null, need: '  想办老年人优待证，\n腿脚不方便  ' })).toBe('想办老年人优待证， 腿脚不方便');
    const long = '母亲的社保卡丢了，想补办，另外还想问一下医保报销和高龄津贴怎么申请，家里没人会用手机';
    expect(requestTitle({ itemName: null, need: long })).toBe(`${long.slice(0, 30)}…`);
  });

  it('counts time limits in the working periods the server uses', () => {
    expect(WORKING_HOURS_TEXT).toBe('工作日 08:30–12:00、13:30–17:30');
  });
});
