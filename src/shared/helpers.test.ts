/** Helpers' phones and duty hours as the roster keeps and shows them (shared/helpers.ts). */
import { describe, expect, it } from 'vitest';
import { dutyText, HELPER_TYPE_CODES, HELPER_TYPES, helperTypeName, normaliseHelperPhone } from './helpers.js';

describe('normaliseHelperPhone', () => {
  it('keeps a mobile as 11 digits and a landline as area code-number', () => {
    expect(normaliseHelperPhone('13905371234')).toBe('13905371234');
    expect(normaliseHelperPhone('+86 139-0537-1234')).toBe('13905371234');
    expect(normaliseHelperPhone('0537-5212345')).toBe('0537-5212345');
    expect(normaliseHelperPhone('05375212345')).toBe('0537-5212345');
    expect(normaliseHelperPhone(' 0537 521 2345 ')).toBe('0537-5212345');
    expect(normaliseHelperPhone('010-62345678')).toBe('010-62345678');
    expect(normaliseHelperPhone('(0531)86123456')).toBe('0531-86123456');
  });

  it('refuses what is neither', () => {
    for (const bad of ['', '1390537123', '12345678901', '5212345', '0537-12', '0537-0212345', 'abc', '13905371234转1', '0537-521234567']) {
      expect(normaliseHelperPhone(bad), bad).toBeNull();
    }
  });
});

describe('words', () => {
  it('names every type in Chinese', () => {
    for (const code of HELPER_TYPE_CODES) expect(HELPER_TYPES[code]).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(helperTypeName('grid_worker')).toBe('网格员');
    expect(helperTypeName('future')).toBe('future');
  });

  it('writes duty hours in lines, none when no day is set', () => {
    expect(dutyText({ calendar: 'working', week: {} })).toEqual([]);
    expect(dutyText({ calendar: 'own', week: { '2': ['09:00-11:30'], '4': ['09:00-11:30'] } })).toEqual(['周二 09:00-11:30', '周四 09:00-11:30']);
    expect(dutyText({ calendar: 'working', week: { '1': ['08:30-11:30'], '2': ['08:30-11:30'], '3': ['08:30-11:30'], '5': ['14:00-17:00'], '6': ['14:00-17:00'] } }))
      .toEqual(['周一至周三 08:30-11:30', '周五、周六 14:00-17:00', '法定节假日休息']);
  });
});
