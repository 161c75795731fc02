import { describe, expect, it } from 'vitest';
import {
  ageFromIdNumber,
  idNumberCheckChar,
  isValidIdNumber,
  isValidMobile,
  isValidUscc,
  maskIdNumber,
  maskName,
  maskPhone,
  passwordProblems,
  usccCheckChar,
} from './validators.js';

describe('身份证号 (GB 11643)', () => {
  it('accepts numbers with a correct check character, including X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310029')).toBe(false);
    const base = '37088319560101123';
    expect(isValidIdNumber(base + idNumberCheckChar(base))).toBe(true);
    expect(isValidIdNumber(base.toLowerCase() + idNumberCheckChar(base).toLowerCase())).toBe(true);
  });
  it('rejects impossible dates, wrong length and letters', () => {
    const feb30 = '37088319560230123';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false);
    expect(isValidIdNumber('3708831956010112')).toBe(false);
    expect(isValidIdNumber('37088319560101123A')).toBe(false);
    expect(isValidIdNumber("1' OR '1'='1")).toBe(false);
  });
  it('computes age from the birth date', () => {
    const base = '37088319560101123';
    expect(ageFromIdNumber(base + idNumberCheckChar(base), new Date(2026, 0, 1))).toBe(70);
    expect(ageFromIdNumber(base + idNumberCheckChar(base), new Date(2025, 11, 31))).toBe(69);
    expect(ageFromIdNumber(base + idNumberCheckChar(base), '2026-01-01')).toBe(70);
    expect(ageFromIdNumber(base + idNumberCheckChar(base), '2025-12-31')).toBe(69);
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts the real example from DOMAIN.md and rejects a changed one', () => {
    expect(isValidUscc('11370883MB2857374H')).toBe(true);
    expect(isValidUscc('11370883MB2857374J')).toBe(false);
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(isValidUscc('91110000600037341L')).toBe(true);
    expect(isValidUscc('9111000060003734IL')).toBe(false);
  });
});

describe('mobile numbers', () => {
  it('accepts 11-digit numbers with a valid prefix, with or without +86 and spaces', () => {
    expect(isValidMobile('13800000001')).toBe(true);
    expect(isValidMobile('+86 138 0000 0001')).toBe(true);
    expect(isValidMobile('12800000001')).toBe(false);
    expect(isValidMobile('1380000000')).toBe(false);
  });
});

describe('masking', () => {
  it('masks as the contract shows', () => {
    expect(maskIdNumber('370883195601011234')).toBe('3708**********1234');
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskName('张三丰')).toBe('张**');
  });
});

describe('staff password rule', () => {
  it('needs 8 characters from 3 classes', () => {
    expect(passwordProblems('Demo@2026')).toBeNull();
    expect(passwordProblems('demo2026')).not.toBeNull();
    expect(passwordProblems('De@1')).not.toBeNull();
  });
});
