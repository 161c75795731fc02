import { z } from 'zod';
import { ACTIONS, STAFF_ROLES } from '../../../shared/roles.js';

import { mobileSchema } from '../../../shared/fields.js';

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
