import { z } from 'zod';
import { STAFF_ROLES } from '../../../shared/roles.js';
import { passwordProblems } from '../../../shared/validators.js';
import { pageQuery } from '../../platform/openapi.js';
import { mobileSchema, personName, regionCode } from '../../../shared/fields.js';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头');

export const staffPassword = z.string().superRefine((pw, ctx) => {
  const problem = passwordProblems(pw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const grantInput = z.strictObject({ role: z.enum(STAFF_ROLES), regionCode });

export const createUserBody = z.strictObject({
  username,
  name: personName,
  password: staffPassword,
  phone: mobileSchema.optional(),
  homeRegionCode: regionCode,
  grants: z.array(grantInput).max(20).default([]),
});

export const updateUserBody = z
  .strictObject({
    name: personName.optional(),
    phone: mobileSchema.nullable().optional(),
    homeRegionCode: regionCode.optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '没有要修改的内容');

export const resetPasswordBody = z.strictObject({ password: staffPassword });

export const listUsersQuery = z.object({
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  role: z.enum(STAFF_ROLES).optional(),
  ...pageQuery,
});

export const grantView = z.object({ id: z.string(), role: z.enum(STAFF_ROLES), regionCode: z.string(), regionName: z.string() });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  homeRegionCode: z.string(),
  homeRegionName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(grantView),
});

export const userList = z.object({ total: z.number(), items: z.array(userView) });
export const idParams = z.object({ id: z.string().uuid('账号编号格式不正确') });
export const grantParams = z.object({ id: z.string().uuid('账号编号格式不正确'), grantId: z.string().uuid('授权编号格式不正确') });

export const auditQuery = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(60).optional(),
  ...pageQuery,
});
export const auditView = z.object({
  seq: z.number(),
  at: z.string(),
  actorKind: z.string(),
  actorName: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  channel: z.string(),
  ip: z.string().nullable(),
});
export const auditList = z.object({ total: z.number(), items: z.array(auditView) });
