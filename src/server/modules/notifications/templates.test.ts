import { describe, expect, it } from 'vitest';
import {
  checkTemplate, chineseDate, DEFAULT_TEMPLATES, EVENT_CODES, placeholdersIn, render, sampleValues, smsLength, smsParts, smsSignature, timeLeftText,
} from './templates.js';

const site = { siteName: '邹城市政务服务', sitePhone: '0537-12345', trackUrl: 'https://zwfw.zoucheng.gov.cn/track' };

describe('placeholders', () => {
  it('finds and renders them; unknown names stay as written, missing values are empty', () => {
    expect(placeholdersIn('{申请人}您好，{申请人}的{事项名称}')).toEqual(['申请人', '事项名称']);
    expect(render('{申请人}您好，办件{办件编号}{状态}', { 申请人: '张秀英', 办件编号: '3708830010002026112700001' })).toBe('张秀英您好，办件3708830010002026112700001');
    expect(render('{不存在}', { 申请人: 'x' })).toBe('{不存在}');
  });

  it('an opinion that already ends a sentence is not followed by a second mark (no 。。)', () => {
    const body = DEFAULT_TEMPLATES['case.decided'].site.body;
    expect(render(body, { 办理意见: '经审核，符合申领条件。' })).toContain('办理意见：经审核，符合申领条件。您可以');
    expect(render(body, { 办理意见: '经审核，符合申领条件' })).toContain('办理意见：经审核，符合申领条件。您可以');
    expect(render('理由：{办理意见}。', { 办理意见: '户籍不在本街道？' })).toBe('理由：户籍不在本街道？');
    expect(render('{补正内容}，请补齐', { 补正内容: '身份证（不清晰）；' })).toBe('身份证（不清晰），请补齐');
    for (const event of EVENT_CODES) {
      for (const channel of ['sms', 'site'] as const) {
        const filled = render(DEFAULT_TEMPLATES[event][channel].body, { ...sampleValues(site), 办理意见: '情况属实。', 补正内容: '户口簿（第2页不清晰）。' });
        expect(filled, `${event} ${channel}`).not.toMatch(/[。！？；][。，；]/);
      }
    }
  });

  it('formats dates and time left in plain Chinese', () => {
    expect(chineseDate('2026-12-01')).toBe('2026年12月1日');
    expect(chineseDate(null)).toBe('');
    expect(timeLeftText(3)).toBe('剩余 3 个工作日');
    expect(timeLeftText(0)).toBe('今日到期');
    expect(timeLeftText(-2)).toBe('已超期 2 个工作日');
  });

  it('counts SMS characters and parts as phones do (70 in one, then 67 per part)', () => {
    expect(smsLength('【邹城】你好')).toBe(6);
    expect(smsParts('字'.repeat(70))).toBe(1);
    expect(smsParts('字'.repeat(71))).toBe(2);
    expect(smsParts('字'.repeat(134))).toBe(2);
    expect(smsParts('字'.repeat(135))).toBe(3);
  });
});

describe('checking a template', () => {
  it('accepts every built-in default without problems', () => {
    for (const event of EVENT_CODES) {
      for (const channel of ['sms', 'site'] as const) {
        expect(checkTemplate(event, channel, DEFAULT_TEMPLATES[event][channel], site).problems, `${event}/${channel}`).toEqual([]);
      }
    }
  });

  it('keeps the default SMS short: one part with the sample values for the short events', () => {
    for (const event of ['case.submitted', 'case.accepted', 'case.refused', 'case.decided', 'case.warning'] as const) {
      const text = smsSignature(site.siteName) + render(DEFAULT_TEMPLATES[event].sms.body, sampleValues(site));
      expect(smsLength(text), `${event}: ${text}`).toBeLessThanOrEqual(70);
    }
  });

  it('rejects unknown placeholders, listing each, and says which ones may be used', () => {
    const { problems } = checkTemplate('case.accepted', 'sms', { title: '', body: '{申请人}您好，{办件号}已受理，{截止日期}前办结' }, site);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'body' });
    expect(problems[0]!.message).toContain('未知占位符：{办件号}、{截止日期}');
    expect(problems[0]!.message).toContain('{办件编号}');
  });

  it('rejects a placeholder the event does not know (补正内容 in an acceptance notice)', () => {
    const { problems } = checkTemplate('case.accepted', 'site', { title: '已受理', body: '请补正：{补正内容}' }, site);
    expect(problems).toEqual([{ field: 'body', message: expect.stringContaining('不能使用：{补正内容}') }]);
  });

  it('checks the title of an in-site message as well, by field', () => {
    const { problems } = checkTemplate('case.submitted', 'site', { title: '{标题}', body: '' }, site);
    expect(problems).toEqual(expect.arrayContaining([
      { field: 'body', message: '请填写通知正文' },
      { field: 'title', message: expect.stringContaining('未知占位符：{标题}') },
    ]));
    expect(checkTemplate('case.submitted', 'site', { title: '  ', body: '正文' }, site).problems).toEqual([{ field: 'title', message: '请填写消息标题' }]);
  });

  it('rejects unbalanced braces, a signature in the SMS body, and an SMS title', () => {
    expect(checkTemplate('case.submitted', 'sms', { title: '', body: '您好{申请人' }, site).problems[0]!.message).toContain('大括号不成对');
    expect(checkTemplate('case.submitted', 'sms', { title: '', body: '【便民】您好' }, site).problems[0]!.message).toContain('【邹城市政务服务】由系统自动加在开头');
    expect(checkTemplate('case.submitted', 'sms', { title: '标题', body: '您好' }, site).problems).toEqual([{ field: 'title', message: '短信没有标题，请留空' }]);
  });

  it('warns (without refusing) when the SMS would go out in several parts', () => {
    const long = checkTemplate('case.correction', 'sms', { title: '', body: `${'请注意'.repeat(20)}{补正内容}` }, site);
    expect(long.problems).toEqual([]);
    expect(long.warnings[0]).toMatch(/约 \d+ 字，超过 70 字将拆成 \d 条/);
  });
});
