/**
 * The demo 典型案例 over the demo catalog: written once through the service (three published — one
 * recommended for training — one waiting for the city, one draft), their items found in the
 * published catalog, each step on its own day before today; the portal shows the published ones.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { seedDemoPractices } from './practices.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ catalog: true });
});
afterAll(() => t.close());

it('writes five practices once, three of them on the portal', async () => {
  expect(await seedDemoPractices(t.deps, t.services)).toBe(5);
  expect(await seedDemoPractices(t.deps, t.services)).toBe(0);
  const rows = await t.deps.dbh.db.selectFrom('practices').selectAll().execute();
  expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'published', 'published', 'published', 'submitted']);
  expect(rows.filter((r) => r.training === 1)).toHaveLength(1);
  const today = t.clock.now().toISOString();
  expect(rows.every((r) => r.created_at < today && (r.published_at ?? '') < today)).toBe(true);
  expect(rows.every((r) => JSON.parse(r.items).length >= 2)).toBe(true);

  const anon = new TestClient(t.app);
  const list = (await anon.get('/api/v1/practices')).json();
  expect(list.total).toBe(3);
  expect(list.items[0].title).toContain('千泉街道');
  const page = (await anon.get(`/api/v1/practices/${list.items[2].id}`)).json();
  expect(page).toMatchObject({ townName: '钢山街道', training: true, items: [{ name: '高龄津贴（申领）' }, expect.anything(), expect.anything()] });
  const audits = await t.deps.dbh.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'practice').execute();
  expect(audits.length).toBeGreaterThanOrEqual(5 + 4 + 3 + 1);
});
