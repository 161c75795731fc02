import { createInterface } from 'node:readline/promises';
import { recordAudit } from '../platform/audit.js';
import { systemContext } from '../platform/context.js';
import { iso, newId } from '../platform/ids.js';
import { hashPassword } from '../platform/passwords.js';
import { ensureRegions } from '../seed/regions.js';
import { passwordProblems } from '../../shared/validators.js';
import { argValue, runCli } from './common.js';

/**
 * npm run admin:create -- --username NAME --name 姓名 [--region CODE]
 * The password comes from BIANMIN_ADMIN_PASSWORD or is asked for on the terminal.
 * Makes a city_admin over the region (default: the top of the tree).
 */
await runCli(async (deps, args) => {
  const username = argValue(args, 'username')?.toLowerCase();
  const name = argValue(args, 'name');
  if (!username || !name || !/^[a-z0-9][a-z0-9._-]{2,31}$/.test(username)) {
    process.stderr.write('用法 (usage): npm run admin:create -- --username NAME --name 姓名 [--region CODE]\n');
    return 2;
  }
  await ensureRegions(deps.dbh.db);
  await deps.regions.load();
  const top = (await deps.regions.childrenOf(null)) ?? [];
  const regionCode = argValue(args, 'region') ?? top[0]?.code;
  const region = regionCode ? await deps.regions.get(regionCode) : undefined;
  if (!region) {
    process.stderr.write(`行政区划 ${regionCode ?? ''} 不存在。\n`);
    return 1;
  }
  let password = process.env.BIANMIN_ADMIN_PASSWORD;
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('密码 (password, ≥ 8 位，含三类字符): ');
    rl.close();
  }
  const problem = passwordProblems(password);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  const { db } = deps.dbh;
  if (await db.selectFrom('staff_users').select('id').where('username', '=', username).executeTakeFirst()) {
    process.stderr.write(`用户名 ${username} 已存在。\n`);
    return 1;
  }
  const id = newId();
  const now = iso(deps.clock.now());
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('staff_users').values({
      id, username, name, password_hash: passwordHash, phone_enc: null, phone_hash: null, home_region_code: region.code,
      active: 1, failed_logins: 0, locked_until: null, must_change_password: 0, last_login_at: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role: 'city_admin', region_code: region.code, created_at: now, created_by: null }).execute();
    await recordAudit(tx, systemContext, { action: 'account.create', entityType: 'staff_user', entityId: id, regionCode: region.code, summary: { username, role: 'city_admin', via: 'admin:create' } }, deps.clock);
  });
  process.stdout.write(`已创建管理员 ${username}（${name}，${region.shortName} 市级管理员）。\n`);
  return 0;
});
