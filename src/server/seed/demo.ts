import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../db/guard.js';
import type { Tx } from '../db/index.js';
import type { Deps } from '../deps.js';
import { recordAudit } from '../platform/audit.js';
import { systemContext } from '../platform/context.js';
import { iso, newId } from '../platform/ids.js';
import { hashPassword } from '../platform/passwords.js';
import type { StaffRole } from '../../shared/roles.js';
import { DEMO_REAL_NAME_SOURCE } from '../modules/auth/index.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  username: string;
  name: string;
  role: StaffRole;
  regionCode: string;
  phone: string;
}

/** The demo staff of DEVELOPERS' issue #2: one per role, in 钢山街道 and 千泉街道; and the city's clerk and approver. */
export const DEMO_STAFF: DemoAccount[] = [
  { username: 'admin', name: '周文华', role: 'city_admin', regionCode: '370883', phone: '13905370001' },
  { username: 'gangshan.admin', name: '孔令军', role: 'town_admin', regionCode: '370883001', phone: '13905370002' },
  { username: 'gangshan.clerk', name: '孟晓燕', role: 'window_clerk', regionCode: '370883001', phone: '13905370003' },
  { username: 'qianquan.clerk', name: '颜丽', role: 'window_clerk', regionCode: '370883002', phone: '13905370004' },
  { username: 'gangshan.approver', name: '曾庆海', role: 'approver', regionCode: '370883001', phone: '13905370005' },
  { username: 'mengzhuang.helper', name: '刘桂芝', role: 'helper', regionCode: '370883001004', phone: '13905370006' },
  // the city's service centre: items a city body decides (镇受理、市办结, such as 出生医学证明签发) come here from the towns
  { username: 'city.clerk', name: '韩雪梅', role: 'window_clerk', regionCode: '370883', phone: '13905370007' },
  { username: 'city.approver', name: '孙立新', role: 'approver', regionCode: '370883', phone: '13905370008' },
];

/**
 * Demo citizens. ID numbers carry valid GB 11643 check characters; 张秀英 is over 60 (elder-mode
 * offer). Their real names count as verified — by the demo verifier, which checks nothing.
 */
export const DEMO_CITIZENS = [
  { phone: '13800000001', name: '张秀英', idNumber: '370883195603124223' },
  { phone: '13800000002', name: '李建国', idNumber: '370883198807151016' },
  { phone: '13800000003', name: '王桂兰', idNumber: '370883194811204522' },
];

export async function isEmpty(deps: Deps): Promise<boolean> {
  const { db } = deps.dbh;
  const staff = await db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  const citizens = await db.selectFrom('citizens').select('id').limit(1).executeTakeFirst();
  return !staff && !citizens;
}

/** Seeds the demo accounts into an empty database in one transaction; audited like any change. */
export async function seedDemo(deps: Deps): Promise<void> {
  const { db } = deps.dbh;
  const now = iso(deps.clock.now());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { protector } = deps;
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    for (const a of DEMO_STAFF) {
      const id = newId();
      await tx.insertInto('staff_users').values({
        id, username: a.username, name: a.name, password_hash: passwordHash,
        phone_enc: protector.encrypt(a.phone), phone_hash: protector.lookupHash(a.phone),
        home_region_code: a.regionCode, active: 1, failed_logins: 0, locked_until: null, must_change_password: 0,
        last_login_at: null, created_at: now, updated_at: now,
      }).execute();
      await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role: a.role, region_code: a.regionCode, created_at: now, created_by: null }).execute();
      await recordAudit(tx, systemContext, { action: 'account.create', entityType: 'staff_user', entityId: id, regionCode: a.regionCode, summary: { username: a.username, demo: true } }, deps.clock);
    }
    for (const c of DEMO_CITIZENS) await insertDemoCitizen(tx, deps, c);
  }));
}

/**
 * A demo citizen account registered at the clock's time, its real name counted as verified (by the
 * demo verifier, which checks nothing); audited like any registration. The demo citizens above, and
 * the history's online applicants (seed/history.ts).
 */
export async function insertDemoCitizen(tx: Tx, deps: Pick<Deps, 'protector' | 'clock'>, c: { phone: string; name: string; idNumber: string }): Promise<string> {
  const { protector } = deps;
  const now = iso(deps.clock.now());
  const id = newId();
  await tx.insertInto('citizens').values({
    id, name: c.name, phone_enc: protector.encrypt(c.phone), phone_hash: protector.lookupHash(c.phone),
    id_number_enc: protector.encrypt(c.idNumber), id_number_hash: protector.lookupHash(c.idNumber),
    elder_mode: null, created_at: now, updated_at: now, last_login_at: null,
    real_name_status: 'verified', real_name_source: DEMO_REAL_NAME_SOURCE, real_name_at: now, address_enc: null,
  }).execute();
  await recordAudit(tx, systemContext, { action: 'citizen.register', entityType: 'citizen', entityId: id, summary: { demo: true } }, deps.clock);
  return id;
}

export function demoAccountsBanner(port: number): string {
  const lines = [
    '',
    '──────────────── 演示账号 (demo accounts) ────────────────',
    `  工作人员登录 http://localhost:${port}/staff/login   密码均为 ${DEMO_PASSWORD}`,
    ...DEMO_STAFF.map((a) => `    ${a.username.padEnd(20)} ${a.name}  (${a.role} @ ${a.regionCode})`),
    `  群众短信登录 http://localhost:${port}/login   手机号（演示模式下页面显示验证码）`,
    ...DEMO_CITIZENS.map((c) => `    ${c.phone}          ${c.name}`),
    '──────────────────────────────────────────────────────────',
  ];
  return lines.join('\n');
}
