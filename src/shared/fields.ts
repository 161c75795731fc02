/**
 * Field schemas that several modules' contracts use (a region code, a mobile number, a person's name,
 * an item code, free text). They live here, below every module, so one module's schemas never import another's.
 */
import { z } from 'zod';
import { ROW_CODE_PATTERN } from './catalog.js';
import { isValidMobile, normalisePhone } from './validators.js';

export const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码应为 6、9 或 12 位数字');

export const mobileSchema = z
  .string()
  .max(20)
  .transform(normalisePhone)
  .refine(isValidMobile, { message: '请输入正确的 11 位手机号码' });

/** A person's name: Han characters, Latin letters, spaces and the middle dot of minority names (买买提·艾力). */
export const personName = z
  .string()
  .trim()
  .min(1, '请输入姓名')
  .max(50, '姓名不超过 50 字')
  .regex(/^[\p{Script=Han}A-Za-z·・. ]+$/u, '姓名只能包含汉字、字母、空格和间隔号“·”');

export const itemCode = z.string().regex(ROW_CODE_PATTERN, '事项编码应为 14 位：基本编码 + 办理项序号');

/** Free text people type (opinions, reasons, addresses): no control characters except line breaks. */
export const freeText = (max: number) =>
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  z.string().trim().max(max, `不超过 ${max} 字`).regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, '包含不允许的控制字符');
