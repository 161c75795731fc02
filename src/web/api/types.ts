/**
 * Response and request shapes, inferred from the server's own zod schemas (type-only imports:
 * nothing from the server reaches the browser bundle), so the two cannot drift apart.
 */
import type { z } from 'zod';
import type { meView, smsCodeSent } from '../../server/modules/auth/schemas.js';
import type { regionDetail, regionItem } from '../../server/modules/regions/schemas.js';
import type { siteView } from '../../server/modules/site/schemas.js';
import type { auditList, auditView, createUserBody, grantInput, updateUserBody, userList, userView } from '../../server/modules/accounts/schemas.js';

export type Me = z.infer<typeof meView>;
export type SmsCodeSent = z.infer<typeof smsCodeSent>;
export type Region = z.infer<typeof regionItem>;
export type RegionDetail = z.infer<typeof regionDetail>;
export type User = z.infer<typeof userView>;
export type UserList = z.infer<typeof userList>;
export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = z.input<typeof updateUserBody>;
export type GrantInput = z.infer<typeof grantInput>;
export type AuditEntry = z.infer<typeof auditView>;
export type AuditList = z.infer<typeof auditList>;

export type Site = z.infer<typeof siteView>;
