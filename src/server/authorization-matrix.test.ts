/**
 * The authorisation matrix (issue 11): every API route × every demo role, checked against the
 * expectation table below — written out by hand, so a changed gate is a reviewed change — and then
 * probed over HTTP. A route added without an expectation fails here. Scope is probed after: the same
 * route for a place inside and outside the caller's grants, and a citizen's own object against
 * another's. Runs on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateRefusal, type Gate } from './platform/gates.js';
import type { Actor } from './platform/permissions.js';
import { createTestApp, TestClient, type TestApp } from './testing.js';
import { onlineBody, seedCaseCatalog, submitOk, uploadId, windowBody } from './modules/cases/fixtures.js';
import { seedDemoVenues } from './modules/venues/index.js';

/**
 * Every route and who may pass its gate: public, signedIn, citizen, staff (any role), staff:<action>,
 * terminal (a kiosk with its bearer token: no person passes, 401 for every role without one).
 */
const EXPECTED: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /api/ping': 'public',
  'GET /api/v1/site': 'public',
  'POST /api/v1/auth/staff/login': 'public',
  'POST /api/v1/auth/citizen/sms-code': 'public',
  'POST /api/v1/auth/citizen/login': 'public',
  'POST /api/v1/auth/logout': 'signedIn',
  'PUT /api/v1/me/preferences': 'citizen',
  'GET /api/v1/me/profile': 'citizen',
  'PUT /api/v1/me/profile': 'citizen',
  'GET /api/v1/me': 'signedIn',
  'GET /api/v1/regions': 'public',
  'GET /api/v1/venues': 'public',
  'GET /api/v1/venues/nearby': 'public',
  'GET /api/v1/venues/points': 'public',
  'GET /api/v1/venues/:id': 'public',
  'GET /api/v1/venue-records': 'staff:venue.manage',
  'POST /api/v1/venue-records': 'staff:venue.manage',
  'GET /api/v1/venue-records/:id': 'staff:venue.manage',
  'PUT /api/v1/venue-records/:id': 'staff:venue.manage',
  'POST /api/v1/venue-records/:id/photos': 'staff:venue.manage',
  'PUT /api/v1/venue-records/:id/photos': 'staff:venue.manage',
  'DELETE /api/v1/venue-records/:id/photos/:fileId': 'staff:venue.manage',
  'POST /api/v1/terminals/:id/heartbeat': 'terminal',
  'GET /api/v1/terminals': 'staff:venue.manage',
  'POST /api/v1/terminals/:id/token': 'staff:venue.manage',
  'POST /api/v1/terminals/:id/maintenance': 'staff:venue.manage',
  'GET /api/v1/terminals/:id/events': 'staff:venue.manage',
  'GET /api/v1/venue-standards/checklists': 'staff:venue.manage',
  'GET /api/v1/venue-standards/checklists/current': 'staff:venue.manage',
  'GET /api/v1/venue-standards/checklists/:id': 'staff:venue.manage',
  'POST /api/v1/venue-standards/checklists': 'staff:venue.manage',
  'GET /api/v1/venue-standards/overview': 'staff:venue.manage',
  'GET /api/v1/venue-standards/venues/:venueId': 'staff:venue.manage',
  'POST /api/v1/venue-standards/venues/:venueId/assessments': 'staff:venue.manage',
  'GET /api/v1/venue-standards/assessments/:id': 'staff:venue.manage',
  'PUT /api/v1/venue-standards/assessments/:id': 'staff:venue.manage',
  'DELETE /api/v1/venue-standards/assessments/:id': 'staff:venue.manage',
  'POST /api/v1/venue-standards/assessments/:id/finalise': 'staff:venue.manage',
  'POST /api/v1/venue-standards/assessments/:id/photos': 'staff:venue.manage',
  'DELETE /api/v1/venue-standards/assessments/:id/photos/:fileId': 'staff:venue.manage',
  'GET /api/v1/venue-standards/levels': 'public',
  'GET /api/v1/service-bus/visits': 'public',
  'GET /api/v1/service-bus/routes/:id': 'public',
  'GET /api/v1/admin/service-bus/routes': 'staff:venue.manage',
  'POST /api/v1/admin/service-bus/routes': 'staff:venue.manage',
  'PUT /api/v1/admin/service-bus/routes/:id': 'staff:venue.manage',
  'GET /api/v1/admin/service-bus/visits': 'staff:venue.manage',
  'POST /api/v1/admin/service-bus/routes/:id/visits': 'staff:venue.manage',
  'POST /api/v1/admin/service-bus/visits/:id/cancel': 'staff:venue.manage',
  'GET /api/v1/helpers': 'public',
  'GET /api/v1/helper-records': 'staff:helper.manage',
  'POST /api/v1/helper-records': 'staff:helper.manage',
  'GET /api/v1/helper-records/:id': 'staff:helper.manage',
  'PUT /api/v1/helper-records/:id': 'staff:helper.manage',
  'POST /api/v1/help-requests': 'signedIn',
  'GET /api/v1/help-requests/mine': 'citizen',
  'GET /api/v1/help-requests/stats': 'staff:assist.coordinate',
  'GET /api/v1/help-requests': 'staff',
  'GET /api/v1/help-requests/:id': 'signedIn',
  'POST /api/v1/help-requests/:id/accept': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/contact': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/progress': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/complete': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/phone': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/photos': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/authorisation/sms': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/authorisation/sms/confirm': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/authorisation/letter': 'staff:assist.act',
  'POST /api/v1/help-requests/:id/assign': 'staff:assist.coordinate',
  'POST /api/v1/help-requests/:id/cancel': 'signedIn',
  'POST /api/v1/help-requests/:id/rating': 'citizen',
  'GET /api/v1/regions/:code': 'public',
  'GET /api/v1/me/licences': 'citizen',
  'GET /api/v1/me/licence-uses': 'citizen',
  'GET /api/v1/me/licences/:id': 'citizen',
  'POST /api/v1/me/licences/:id/show': 'citizen',
  'GET /api/v1/licences/verify': 'public',
  'GET /api/v1/licences/keys': 'public',
  'GET /api/v1/ratings/case': 'public',
  'POST /api/v1/ratings': 'public',
  'POST /api/v1/ratings/links': 'staff:case.view',
  'GET /api/v1/ratings': 'staff:rating.followup',
  'GET /api/v1/rating-followups': 'staff:rating.followup',
  'GET /api/v1/rating-followups/:id': 'staff:rating.followup',
  'POST /api/v1/rating-followups/:id/visit': 'staff:rating.followup',
  'POST /api/v1/rating-followups/:id/rectify': 'staff:rating.followup',
  'POST /api/v1/rating-followups/:id/appeal': 'staff:rating.followup',
  'POST /api/v1/rating-followups/:id/review': 'staff:rating.review',
  'GET /api/v1/stats/overview': 'staff:supervision.view',
  'GET /api/v1/stats/overview.xlsx': 'staff:supervision.view',
  'GET /api/v1/training/sessions': 'staff:training.manage',
  'GET /api/v1/training/sessions.xlsx': 'staff:training.manage',
  'POST /api/v1/training/sessions': 'staff:training.manage',
  'GET /api/v1/training/sessions/:id': 'staff:training.manage',
  'PUT /api/v1/training/sessions/:id': 'staff:training.manage',
  'GET /api/v1/training/candidates': 'staff:training.manage',
  'POST /api/v1/training/sessions/:id/participants': 'staff:training.manage',
  'PUT /api/v1/training/sessions/:id/participants/:participantId': 'staff:training.manage',
  'DELETE /api/v1/training/sessions/:id/participants/:participantId': 'staff:training.manage',
  'POST /api/v1/training/sessions/:id/materials': 'staff:training.manage',
  'DELETE /api/v1/training/sessions/:id/materials/:fileId': 'staff:training.manage',
  'GET /api/v1/training/case-choices': 'staff:training.manage',
  'POST /api/v1/training/sessions/:id/cases': 'staff:training.manage',
  'DELETE /api/v1/training/sessions/:id/cases/:practiceId': 'staff:training.manage',
  'GET /api/v1/training/summary': 'staff:training.manage',
  'GET /api/v1/training/people/:staffId': 'staff:training.manage',
  'GET /api/v1/training/people/:staffId/record.xlsx': 'staff:training.manage',
  'GET /api/v1/me/training': 'staff',
  'GET /api/v1/reform-tasks': 'staff:reform.report',
  'GET /api/v1/reform-tasks.xlsx': 'staff:reform.report',
  'POST /api/v1/reform-tasks': 'staff:reform.manage',
  'GET /api/v1/reform-tasks/:id': 'staff:reform.report',
  'PATCH /api/v1/reform-tasks/:id': 'staff:reform.manage',
  'POST /api/v1/reform-tasks/:id/evidence': 'staff:reform.report',
  'POST /api/v1/reform-tasks/:id/reports': 'staff:reform.report',
  'POST /api/v1/reform-tasks/:id/accept': 'staff:reform.manage',
  'POST /api/v1/reform-tasks/:id/return': 'staff:reform.manage',
  'POST /api/v1/reform-tasks/:id/remind': 'staff:reform.manage',
  'GET /api/v1/practices': 'public',
  'GET /api/v1/practices/:id': 'public',
  'GET /api/v1/practice-records': 'staff:practice.submit',
  'POST /api/v1/practice-records': 'staff:practice.submit',
  'GET /api/v1/practice-records/:id': 'staff:practice.submit',
  'PUT /api/v1/practice-records/:id': 'staff:practice.submit',
  'POST /api/v1/practice-records/:id/submit': 'staff:practice.submit',
  'POST /api/v1/practice-records/:id/return': 'staff:practice.review',
  'POST /api/v1/practice-records/:id/publish': 'staff:practice.review',
  'POST /api/v1/practice-records/:id/withdraw': 'staff:practice.review',
  'PUT /api/v1/practice-records/:id/training': 'staff:practice.review',
  'POST /api/v1/practice-records/:id/photos': 'staff:practice.submit',
  'PUT /api/v1/practice-records/:id/photos': 'staff:practice.submit',
  'DELETE /api/v1/practice-records/:id/photos/:fileId': 'staff:practice.submit',
  'GET /api/v1/themes': 'public',
  'GET /api/v1/themes/:code': 'public',
  'GET /api/v1/themes/:code/prefill': 'citizen',
  'POST /api/v1/themes/:code/applications': 'citizen',
  'POST /api/v1/themes/:code/intake': 'staff:case.intake',
  'GET /api/v1/me/theme-applications': 'citizen',
  'GET /api/v1/me/theme-applications/:id': 'citizen',
  'GET /api/v1/admin/themes': 'staff:catalog.manage',
  'GET /api/v1/admin/themes/:code': 'staff:catalog.manage',
  'PUT /api/v1/admin/themes/:code/draft': 'staff:catalog.manage',
  'GET /api/v1/admin/themes/:code/preview': 'staff:catalog.manage',
  'POST /api/v1/admin/themes/:code/publish': 'staff:catalog.manage',
  'POST /api/v1/admin/themes/:code/withdraw': 'staff:catalog.manage',
  'GET /api/v1/cases/:id/licences/:licenceId': 'staff',
  'GET /api/v1/licences': 'staff:case.view',
  'POST /api/v1/licences/:id/revoke': 'staff:case.decide',
  'GET /api/v1/admin/users': 'staff:account.view',
  'POST /api/v1/admin/users': 'staff:account.manage',
  'GET /api/v1/admin/users/:id': 'staff:account.view',
  'PATCH /api/v1/admin/users/:id': 'staff:account.manage',
  'POST /api/v1/admin/users/:id/reset-password': 'staff:account.manage',
  'POST /api/v1/admin/users/:id/unlock': 'staff:account.manage',
  'POST /api/v1/admin/users/:id/grants': 'staff:account.manage',
  'DELETE /api/v1/admin/users/:id/grants/:grantId': 'staff:account.manage',
  'GET /api/v1/admin/audit': 'staff:audit.view',
  'GET /api/v1/items': 'public',
  'GET /api/v1/items/:code': 'public',
  'GET /api/v1/items/:code/qr.svg': 'public',
  'GET /api/v1/catalog-notices': 'public',
  'GET /api/v1/catalog-notices/:id': 'public',
  'GET /api/v1/admin/catalogs': 'staff:catalog.manage',
  'POST /api/v1/admin/catalogs/:catalogId/versions': 'staff:catalog.manage',
  'GET /api/v1/admin/catalog-versions/:versionId/items': 'staff:catalog.manage',
  'GET /api/v1/admin/catalog-versions/:versionId/items/:code': 'staff:catalog.manage',
  'POST /api/v1/admin/catalog-versions/:versionId/items': 'staff:catalog.manage',
  'PUT /api/v1/admin/catalog-versions/:versionId/items/:code': 'staff:catalog.manage',
  'DELETE /api/v1/admin/catalog-versions/:versionId/items/:code': 'staff:catalog.manage',
  'POST /api/v1/admin/catalog-versions/:versionId/submit': 'staff:catalog.manage',
  'POST /api/v1/admin/catalog-versions/:versionId/return': 'staff:catalog.manage',
  'POST /api/v1/admin/catalog-versions/:versionId/publish': 'staff:catalog.manage',
  'GET /api/v1/admin/catalog-versions/:versionId/diff': 'staff:catalog.manage',
  'GET /api/v1/admin/catalog-versions/:versionId/lint': 'staff:catalog.manage',
  'GET /api/v1/admin/catalog-versions/:versionId/export': 'staff:catalog.manage',
  'POST /api/v1/admin/catalog-versions/:versionId/import': 'staff:catalog.manage',
  'GET /api/v1/admin/impl-lists/export': 'staff:catalog.manage',
  'POST /api/v1/admin/impl-lists/import': 'staff:catalog.manage',
  'GET /api/v1/admin/impl-lists': 'staff:catalog.manage',
  'GET /api/v1/admin/impl-lists/:region': 'staff:catalog.manage',
  'PUT /api/v1/admin/impl-lists/:region/profile': 'staff:catalog.manage',
  'PUT /api/v1/admin/impl-lists/:region/items/:code': 'staff:catalog.manage',
  'POST /api/v1/admin/impl-lists/:region/publish': 'staff:catalog.manage',
  'GET /api/v1/admin/search-synonyms': 'staff:catalog.manage',
  'POST /api/v1/admin/search-synonyms': 'staff:catalog.manage',
  'DELETE /api/v1/admin/search-synonyms/:id': 'staff:catalog.manage',
  'GET /api/v1/files/:id': 'public',
  'POST /api/v1/admin/files': 'staff:catalog.manage',
  'GET /api/v1/speech/status': 'public',
  'POST /api/v1/speech': 'public',
  'GET /api/v1/speech/:file': 'public',
  'GET /api/v1/calendar': 'public',
  'PUT /api/v1/admin/calendar/:date': 'staff:calendar.manage',
  'DELETE /api/v1/admin/calendar/:date': 'staff:calendar.manage',
  'POST /api/v1/cases': 'signedIn',
  'POST /api/v1/cases/uploads': 'signedIn',
  'GET /api/v1/cases/track': 'public',
  'GET /api/v1/cases/licence-matches': 'citizen',
  'GET /api/v1/cases/mine': 'citizen',
  'GET /api/v1/cases/overdue-report': 'staff:case.view',
  'GET /api/v1/cases/status-counts': 'staff:case.view',
  'GET /api/v1/cases/taken-in': 'staff:case.intake',
  'GET /api/v1/cases': 'staff:case.view',
  'GET /api/v1/cases/:id': 'signedIn',
  'GET /api/v1/cases/:id/documents/:kind': 'signedIn',
  'POST /api/v1/cases/:id/actions/accept': 'signedIn',
  'POST /api/v1/cases/:id/actions/request-correction': 'signedIn',
  'POST /api/v1/cases/:id/actions/resubmit': 'signedIn',
  'POST /api/v1/cases/:id/actions/refuse': 'signedIn',
  'POST /api/v1/cases/:id/actions/approve': 'signedIn',
  'POST /api/v1/cases/:id/actions/deny': 'signedIn',
  'POST /api/v1/cases/:id/actions/return': 'signedIn',
  'POST /api/v1/cases/:id/actions/transfer': 'signedIn',
  'POST /api/v1/cases/:id/actions/extend': 'signedIn',
  'POST /api/v1/cases/:id/actions/pause': 'signedIn',
  'POST /api/v1/cases/:id/actions/resume': 'signedIn',
  'POST /api/v1/cases/:id/actions/withdraw': 'signedIn',
  'POST /api/v1/cases/:id/actions/terminate': 'signedIn',
  'POST /api/v1/cases/:id/actions/forward': 'signedIn',
  'POST /api/v1/cases/:id/actions/deliver': 'signedIn',
  'GET /api/v1/notification-templates': 'staff:notification.manage',
  'PUT /api/v1/notification-templates/:event/:channel': 'staff:notification.manage',
  'DELETE /api/v1/notification-templates/:event/:channel': 'staff:notification.manage',
  'POST /api/v1/notification-templates/preview': 'staff:notification.manage',
  'POST /api/v1/notifications/run-warnings': 'staff:notification.manage',
  'GET /api/v1/notifications/sms-outbox': 'staff:notification.manage',
  'GET /api/v1/me/messages': 'signedIn',
  'GET /api/v1/me/messages/unread-count': 'signedIn',
  'POST /api/v1/me/messages/read-all': 'signedIn',
  'POST /api/v1/me/messages/:id/read': 'signedIn',
  'GET /api/v1/items/:code/form': 'public',
  'GET /api/v1/items/:code/prefill': 'citizen',
  'GET /api/v1/admin/item-forms': 'staff',
  'PUT /api/v1/admin/item-forms/:code': 'staff',
  'GET /api/v1/application-drafts': 'signedIn',
  'GET /api/v1/application-drafts/:code': 'signedIn',
  'PUT /api/v1/application-drafts/:code': 'signedIn',
  'DELETE /api/v1/application-drafts/:code': 'signedIn',
};

type Role = 'anonymous' | 'citizen' | 'window_clerk' | 'approver' | 'helper' | 'town_admin' | 'city_admin';
const ROLES: Role[] = ['anonymous', 'citizen', 'window_clerk', 'approver', 'helper', 'town_admin', 'city_admin'];
const STAFF: Role[] = ['window_clerk', 'approver', 'helper', 'town_admin', 'city_admin'];
/** Who passes each kind of gate, written out (not derived from the product's role table). */
const PASSES: Record<string, Role[]> = {
  public: ROLES,
  signedIn: ROLES.filter((r) => r !== 'anonymous'),
  citizen: ['citizen'],
  staff: STAFF,
  'staff:account.view': ['town_admin', 'city_admin'],
  'staff:account.manage': ['town_admin', 'city_admin'],
  'staff:audit.view': ['town_admin', 'city_admin'],
  'staff:catalog.manage': ['town_admin', 'city_admin'],
  'staff:case.view': ['window_clerk', 'approver', 'town_admin', 'city_admin'],
  'staff:case.intake': ['window_clerk', 'helper'],
  'staff:case.decide': ['approver'],
  'staff:calendar.manage': ['city_admin'],
  'staff:notification.manage': ['city_admin'],
  'staff:venue.manage': ['town_admin', 'city_admin'],
  'staff:helper.manage': ['town_admin', 'city_admin'],
  'staff:assist.act': ['helper'],
  'staff:assist.coordinate': ['town_admin', 'city_admin'],
  'staff:rating.followup': ['town_admin', 'city_admin'],
  'staff:rating.review': ['city_admin'],
  'staff:supervision.view': ['town_admin', 'city_admin'],
  'staff:reform.manage': ['city_admin'],
  'staff:reform.report': ['town_admin', 'city_admin'],
  'staff:training.manage': ['town_admin', 'city_admin'],
  'staff:practice.submit': ['town_admin', 'city_admin'],
  'staff:practice.review': ['city_admin'],
  terminal: [],
};
const USERNAME: Partial<Record<Role, string>> = {
  window_clerk: 'gangshan.clerk', approver: 'gangshan.approver', helper: 'mengzhuang.helper', town_admin: 'gangshan.admin', city_admin: 'admin',
};

const gateName = (g: Gate) => (g.kind === 'staff' ? `staff${g.action ? `:${g.action}` : ''}` : g.kind);
/** Path parameters filled with well-formed values that name nothing: the gate answers before any lookup. */
const concrete = (url: string) => url
  .replace(':code', '37200000100001').replace(':region', '370883001').replace(':kind', 'acceptance').replace(':event', 'case.submitted')
  .replace(':channel', 'sms').replace(':file', `${'a'.repeat(64)}.mp3`).replace(':date', '2026-12-31')
  .replace(/:[A-Za-z]+/g, '01900000-0000-7000-8000-000000000000');

let t: TestApp;
const clients = {} as Record<Role, TestClient>;
/** Another citizen (张秀英): signed in once, since SMS codes are one a minute per phone. */
let other: TestClient;
const actors = {} as Record<Role, Actor>;
beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  clients.anonymous = new TestClient(t.app);
  clients.citizen = await new TestClient(t.app).loginCitizen('13800000002');
  for (const role of STAFF) clients[role] = await new TestClient(t.app).loginStaff(USERNAME[role]!);
  other = await new TestClient(t.app).loginCitizen('13800000001');
  for (const role of ROLES) actors[role] = role === 'anonymous' ? { kind: 'anonymous' } : ((await clients[role].get('/api/v1/me')).json().kind === 'staff' ? await staffActorOf(role) : await citizenActorOf());
});
afterAll(async () => {
  await t.close();
});

async function staffActorOf(role: Role): Promise<Actor> {
  const db = t.deps.dbh.db;
  const u = await db.selectFrom('staff_users').selectAll().where('username', '=', USERNAME[role]!).executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants as g').innerJoin('regions as r', 'r.code', 'g.region_code').select(['g.id', 'g.role', 'g.region_code', 'r.short_name', 'r.path']).where('g.user_id', '=', u.id).execute();
  return { kind: 'staff', id: u.id, name: u.name, username: u.username, sessionId: 'matrix', grants: grants.map((g) => ({ id: g.id, role: g.role as never, regionCode: g.region_code, regionName: g.short_name, regionPath: g.path })) };
}
async function citizenActorOf(): Promise<Actor> {
  const c = await t.deps.dbh.db.selectFrom('citizens').select(['id', 'name']).where('phone_hash', '=', t.deps.protector.lookupHash('13800000002')).executeTakeFirstOrThrow();
  return { kind: 'citizen', id: c.id, name: c.name, sessionId: 'matrix' };
}

describe('route × role', () => {
  it('every route has an expectation, and every expectation a route', () => {
    const routes = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in EXPECTED)), 'routes without an expectation').toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r)), 'expectations without a route').toEqual([]);
    console.log(`authorisation matrix: ${routes.length} routes × ${ROLES.length} roles = ${routes.length * ROLES.length} cells`);
  });

  it('each route declares the gate its expectation names, and the gate lets exactly the expected roles through', () => {
    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      expect(gateName(route.gate), key).toBe(EXPECTED[key]);
      for (const role of ROLES) {
        const passes = PASSES[EXPECTED[key]!]!.includes(role);
        expect(gateRefusal(route.gate, actors[role]) === null, `${key} as ${role}`).toBe(passes);
      }
    }
  });

  it('over HTTP, every role the gate refuses gets 401 (anonymous) or 403, before the body is read', async () => {
    let probed = 0;
    for (const route of t.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      for (const role of ROLES) {
        if (PASSES[EXPECTED[key]!]!.includes(role)) continue;
        const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const res = await clients[role].request(method, concrete(route.url), method === 'GET' || method === 'DELETE' ? undefined : {});
        // a terminal's route asks everyone for the terminal's credential: 401, signed in or not
        expect(res.statusCode, `${key} as ${role}: ${res.body}`).toBe(role === 'anonymous' || EXPECTED[key] === 'terminal' ? 401 : 403);
        if (EXPECTED[key] === 'terminal') expect(res.json().error.code, key).toBe('TERMINAL_UNAUTHORIZED');
        probed++;
      }
    }
    console.log(`authorisation matrix: ${probed} refusals probed over HTTP`);
    expect(probed).toBeGreaterThan(200);
  });
});

describe('scope: inside and outside the grants, own and another\'s', () => {
  it('a case: its place\'s staff and its applicant see it; another town\'s staff and another citizen get 404', async () => {
    const fileId = await uploadId(t, clients.citizen);
    const { id } = await submitOk(clients.citizen, onlineBody(fileId));
    const qianquan = await new TestClient(t.app).loginStaff('qianquan.clerk');
    for (const role of ['citizen', 'window_clerk', 'approver', 'town_admin', 'city_admin'] as const) {
      expect((await clients[role].get(`/api/v1/cases/${id}`)).statusCode, role).toBe(200);
    }
    for (const [who, c] of [['qianquan.clerk', qianquan], ['another citizen', other], ['helper (did not take it)', clients.helper]] as const) {
      expect((await c.get(`/api/v1/cases/${id}`)).statusCode, who).toBe(404);
      expect((await c.get(`/api/v1/cases/${id}/documents/acceptance`)).statusCode, who).toBe(404);
      expect((await c.post(`/api/v1/cases/${id}/actions/accept`, {})).statusCode, who).toBe(404);
      expect((await c.get(`/api/v1/files/${fileId}`)).statusCode, who).toBe(404);
    }
    expect((await clients.citizen.get(`/api/v1/files/${fileId}`)).statusCode).toBe(200);
    // 我代办的 lists only the caller's own intakes: not this citizen's own application
    const takenIn = (await clients.helper.get('/api/v1/cases/taken-in?pageSize=100')).json();
    expect(takenIn.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('the work queue and its counts hold only the caller\'s subtree', async () => {
    await submitOk(await new TestClient(t.app).loginStaff('qianquan.clerk'), windowBody({ regionCode: '370883002' }));
    const mine = (await clients.window_clerk.get('/api/v1/cases?pageSize=100')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((c: { caseNo: string }) => c.caseNo.startsWith('370883001'))).toBe(true);
    const all = (await clients.city_admin.get('/api/v1/cases?pageSize=100')).json();
    expect(all.total).toBeGreaterThan(mine.total);
  });

  it('accounts: a town admin sees and changes accounts of their town only', async () => {
    const id = async (u: string) => (await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    expect((await clients.town_admin.get(`/api/v1/admin/users/${await id('gangshan.clerk')}`)).statusCode).toBe(200);
    expect((await clients.town_admin.get(`/api/v1/admin/users/${await id('qianquan.clerk')}`)).statusCode).toBe(404);
    expect((await clients.town_admin.patch(`/api/v1/admin/users/${await id('qianquan.clerk')}`, { name: '越权' })).statusCode).toBe(404);
    expect((await clients.city_admin.get(`/api/v1/admin/users/${await id('qianquan.clerk')}`)).statusCode).toBe(200);
  });

  it('implementation lists: a town admin edits their town, not another', async () => {
    expect((await clients.town_admin.get('/api/v1/admin/impl-lists/370883001')).statusCode).toBe(200);
    expect([403, 404]).toContain((await clients.town_admin.get('/api/v1/admin/impl-lists/370883002')).statusCode);
    expect([403, 404]).toContain((await clients.town_admin.request('PUT', '/api/v1/admin/impl-lists/370883002/profile', {})).statusCode);
  });

  it('self-service terminals: a town admin manages their town\'s, another town\'s are not found', async () => {
    await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
    const board = (await clients.town_admin.get('/api/v1/terminals?pageSize=100')).json();
    expect(board.total).toBeGreaterThan(0);
    expect(board.items.every((x: { regionCode: string }) => x.regionCode.startsWith('370883001'))).toBe(true);
    expect((await clients.city_admin.get('/api/v1/terminals?pageSize=100')).json().total).toBeGreaterThan(board.total);
    expect((await clients.town_admin.get('/api/v1/terminals/town-370883001-t1/events')).statusCode).toBe(200);
    for (const [method, url] of [['GET', '/api/v1/terminals/town-370883002-t1/events'], ['POST', '/api/v1/terminals/town-370883002-t1/token'], ['POST', '/api/v1/terminals/town-370883002-t1/maintenance']] as const) {
      const res = await clients.town_admin.request(method, url, method === 'POST' ? { inService: false, note: '越权' } : undefined);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('TERMINAL_NOT_FOUND');
    }
    expect((await clients.city_admin.get('/api/v1/terminals/town-370883002-t1/events')).statusCode).toBe(200);
  });

  it('venue standardisation: a town admin assesses their town\'s venues, another town\'s are not found', async () => {
    await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
    expect((await clients.town_admin.get('/api/v1/venue-standards/venues/town-370883001')).statusCode).toBe(200);
    for (const [method, url] of [['GET', '/api/v1/venue-standards/venues/town-370883002'], ['POST', '/api/v1/venue-standards/venues/town-370883002/assessments']] as const) {
      const res = await clients.town_admin.request(method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('VENUE_NOT_FOUND');
    }
    expect((await clients.city_admin.get('/api/v1/venue-standards/venues/town-370883002')).statusCode).toBe(200);
    const overview = (await clients.town_admin.get('/api/v1/venue-standards/overview?pageSize=100')).json();
    expect(overview.towns.map((x: { regionCode: string }) => x.regionCode)).toEqual(['370883001']);
    expect((await clients.city_admin.get('/api/v1/venue-standards/overview')).json().totals.total).toBeGreaterThan(overview.totals.total);
  });

  it('帮办代办员 records: a town admin keeps their town\'s, another town\'s are not found and cannot be added', async () => {
    const record = (townCode: string, areaCode: string) => ({ name: '王秀英', type: 'volunteer', phone: '13905371234', townCode, areaCodes: [areaCode] });
    const mine = await clients.town_admin.post('/api/v1/helper-records', record('370883001', '370883001004'));
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await clients.city_admin.post('/api/v1/helper-records', record('370883002', '370883002'));
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await clients.town_admin.get(`/api/v1/helper-records/${mine.json().id}`)).statusCode).toBe(200);
    for (const [method, body] of [['GET', undefined], ['PUT', { ...record('370883002', '370883002'), active: true, version: 1 }]] as const) {
      const res = await clients.town_admin.request(method, `/api/v1/helper-records/${theirs.json().id}`, body);
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code, method).toBe('HELPER_NOT_FOUND');
    }
    expect((await clients.town_admin.post('/api/v1/helper-records', record('370883002', '370883002'))).statusCode).toBe(403);
    expect((await clients.town_admin.get('/api/v1/helper-records?pageSize=100')).json().items.map((h: { townCode: string }) => h.townCode)).toEqual(['370883001']);
    expect((await clients.city_admin.get(`/api/v1/helper-records/${theirs.json().id}`)).statusCode).toBe(200);
  });

  it('帮办代办 help requests: the citizen\'s own, the coordinators over its village; another citizen, another town, a helper not assigned are not found', async () => {
    // a village of 千泉街道: outside the town admin's (钢山街道) and the helper's (孟庄社区) places
    const res = await clients.citizen.post('/api/v1/help-requests', { name: '李建国', phone: '13800000002', address: '大西苇村 1 号', villageCode: '370883002200', need: '代办社保卡补领' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (const role of ['citizen', 'city_admin'] as const) expect((await clients[role].get(`/api/v1/help-requests/${id}`)).statusCode, role).toBe(200);
    for (const [who, client] of [['other citizen', other], ['other town admin', clients.town_admin], ['helper', clients.helper], ['approver', clients.approver]] as const) {
      const r = await client.get(`/api/v1/help-requests/${id}`);
      expect(r.statusCode, who).toBe(404);
      expect(r.json().error.code, who).toBe('HELP_REQUEST_NOT_FOUND');
    }
    expect((await other.post(`/api/v1/help-requests/${id}/cancel`, { reason: '不是我的' })).statusCode).toBe(404);
    expect((await clients.approver.get('/api/v1/help-requests')).statusCode).toBe(403);
  });

  it('drafts and messages are each person\'s own', async () => {
    const put = await clients.citizen.request('PUT', '/api/v1/application-drafts/37200000100001?region=370883001', { data: { step: 1 } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await clients.citizen.get('/api/v1/application-drafts/37200000100001?region=370883001')).statusCode).toBe(200);
    expect((await other.get('/api/v1/application-drafts/37200000100001?region=370883001')).statusCode).toBe(404);
    const myMessages = (await clients.citizen.get('/api/v1/me/messages?pageSize=100')).json();
    const theirs = (await other.get('/api/v1/me/messages?pageSize=100')).json();
    const mineIds = new Set(myMessages.items.map((m: { id: string }) => m.id));
    expect(theirs.items.some((m: { id: string }) => mineIds.has(m.id))).toBe(false);
    if (myMessages.items[0]) expect((await other.post(`/api/v1/me/messages/${myMessages.items[0].id}/read`)).statusCode).toBe(404);
  });

  it('a real-name profile is the signed-in citizen\'s own: each reads and writes only theirs', async () => {
    expect((await clients.citizen.get('/api/v1/me/profile')).json().name).toBe('李建国');
    expect((await other.get('/api/v1/me/profile')).json().name).toBe('张秀英');
    const put = await other.put('/api/v1/me/profile', { name: '张秀英', idNumber: '370883195603124223', address: '邹城市钢山街道' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await clients.citizen.get('/api/v1/me/profile')).json()).toMatchObject({ name: '李建国', address: null });
  });
});

describe('a route without a gate', () => {
  it('stops the server at start-up', async () => {
    const { default: Fastify } = await import('fastify');
    const { installGates } = await import('./platform/gates.js');
    const app = Fastify();
    installGates(app);
    // Thrown while the route registers, so the server never starts listening.
    const registered = (async () => {
      app.get('/api/v1/forgotten', async () => ({ ok: true }));
      await app.ready();
    })();
    await expect(registered).rejects.toThrow(/declares no gate/);
    await app.close().catch(() => undefined);
  });
});

describe('abilities sent with /me', () => {
  it('come from the policy: actions with their widest subtrees, city-level actions, grantable roles', async () => {
    const me = async (role: Role) => (await clients[role].get('/api/v1/me')).json().abilities;
    const town = await me('town_admin');
    expect(town.actions.find((a: { action: string }) => a.action === 'account.manage').scope).toEqual([{ code: '370883001', name: '钢山街道' }]);
    expect(town.atTop).toEqual([]);
    expect(town.grantable).not.toContain('city_admin');
    const city = await me('city_admin');
    expect(city.atTop).toEqual(expect.arrayContaining(['catalog.manage', 'notification.manage', 'calendar.manage']));
    expect(city.grantable).toContain('city_admin');
    const helper = await me('helper');
    expect(helper.actions.map((a: { action: string }) => a.action)).not.toContain('case.receive');
    expect((await me('window_clerk')).actions.map((a: { action: string }) => a.action)).toContain('case.receive');
    expect(await me('citizen')).toEqual({ actions: [], atTop: [], grantable: [] });
  });
});
