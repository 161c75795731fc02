import { z } from 'zod';
import { ACTIONS, STAFF_ROLES } from '../../../shared/roles.js';

import { freeText, mobileSchema, personName } from '../../../shared/fields.js';
import { isValidIdNumber, normaliseIdNumber } from '../../../shared/validators.js';

export { mobileSchema };

export const staffLoginBody = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, '请输入用户名')
    .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '用户名格式不正确'),
  password: z.string().min(1, '请输入密码').max(128),
});

export const smsCodeBody = z.strictObject({ phone: mobileSchema });

export const citizenLoginBody = z.strictObject({
  phone: mobileSchema,
  code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字'),
});

export const roleView = z.object({
  role: z.enum([...STAFF_ROLES, 'citizen']),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
});

/** What the person may do, decided by the server's policy (the web app shows it, and derives nothing). */
export const abilitiesView = z.object({
  actions: z.array(z.object({ action: z.enum(ACTIONS), scope: z.array(z.object({ code: z.string(), name: z.string() })) })),
  atTop: z.array(z.enum(ACTIONS)),
  grantable: z.array(z.enum(STAFF_ROLES)),
});

/** 实名状态: none (姓名或身份证号码未填), declared (本人申报、未核验), verified (已通过实名核验). */
export const realNameStatus = z.enum(['none', 'declared', 'verified']);

const ID_NUMBER_INVALID = '身份证号码不正确（请核对校验位）';

/** 居民身份证号码 (GB 11643): trimmed, a lower-case x made upper-case, check character verified. */
export const idNumberSchema = z
  .string()
  .trim()
  .min(1, '请输入身份证号码')
  .max(18, ID_NUMBER_INVALID)
  .transform(normaliseIdNumber)
  .refine(isValidIdNumber, { message: ID_NUMBER_INVALID });

/** PUT /me/profile: the whole profile (an address left out or empty is no address). */
/** name and idNumber may be left out only once verified (then only the address changes). */
export const profileBody = z.strictObject({
  name: personName.optional(),
  idNumber: idNumberSchema.optional(),
  address: freeText(200).optional().transform((v) => (v ? v : null)),
});
export type ProfileBody = z.infer<typeof profileBody>;

/** GET/PUT /me/profile: the signed-in citizen's real-name profile (the ID number masked). */
export const profileView = z.object({
  name: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  address: z.string().nullable(),
  realName: z.object({
    status: realNameStatus,
    /** who verified it; null unless verified */
    source: z.string().nullable(),
    /** when the status was last set (ISO instant) */
    at: z.string().nullable(),
  }),
  /** name and ID number on file: online applications need both */
  complete: z.boolean(),
});
export type ProfileView = z.infer<typeof profileView>;

export const meView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['staff', 'citizen']),
  username: z.string().optional(),
  roles: z.array(roleView),
  abilities: abilitiesView,
  phoneMasked: z.string().nullable().optional(),
  age: z.number().nullable().optional(),
  elderMode: z.boolean().nullable().optional(),
  /** citizens only: their real-name status, and whether the profile is complete enough to apply online */
  realName: z.object({ status: realNameStatus, complete: z.boolean() }).optional(),
  sessionExpiresAt: z.string(),
  csrfToken: z.string(),
});

export const smsCodeSent = z.object({
  sent: z.literal(true),
  cooldownSeconds: z.number(),
  expiresInSeconds: z.number(),
  demoCode: z.string().optional().describe('Only in demo mode: the code, so people can try sign-in without a phone'),
});

export const okView = z.object({ ok: z.literal(true) });
