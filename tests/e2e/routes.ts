/**
 * Every route of the web app, for the accessibility scans (tests/e2e/a11y.spec.ts) and the
 * Lighthouse script. Add a route here when you add a page: it is then scanned by axe in normal and
 * elder mode at 100% and 200% zoom, and its rendered HTML is validated.
 */
import type { APIRequestContext } from '@playwright/test';

export type Who = 'anonymous' | 'citizen' | 'staff';

export interface RouteCase {
  /** Short name for screenshots and reports. */
  name: string;
  path: string;
  /** Who must be signed in to see the page as intended. */
  who: Who;
  /** Text the page's h1 has once loaded (a string matches a part). */
  h1: string | RegExp;
}

/** 最低生活保障（新申请）: a town-level row of the demonstration catalog. */
export const DIBAO_TOWN = '37050100100001';
export const GANGSHAN = '370883001';
/** 孟庄社区, a community (village level) of 钢山街道. */
export const MENGZHUANG = '370883001004';

export const PUBLIC_ROUTES: RouteCase[] = [
  { name: 'home', path: '/', who: 'anonymous', h1: '欢迎使用邹城市政务服务' },
  { name: 'items', path: '/items', who: 'anonymous', h1: '办事搜索' },
  { name: 'search-dibao', path: '/items?q=dibao', who: 'anonymous', h1: '办事搜索' },
  { name: 'guide-town', path: `/items/${DIBAO_TOWN}?region=${GANGSHAN}`, who: 'anonymous', h1: '最低生活保障' },
  { name: 'notices', path: '/notices', who: 'anonymous', h1: '目录调整公示' },
  { name: 'region', path: `/regions/${GANGSHAN}`, who: 'anonymous', h1: '钢山街道' },
  // a village's page: its service bus stops (the demo's 钢山街道便民服务流动车 stops at 孟庄社区)
  { name: 'region-village', path: `/regions/${MENGZHUANG}`, who: 'anonymous', h1: '孟庄社区' },
  { name: 'login', path: '/login', who: 'anonymous', h1: '群众登录' },
  { name: 'accessibility', path: '/accessibility', who: 'anonymous', h1: '无障碍声明' },
  { name: 'staff-login', path: '/staff/login', who: 'anonymous', h1: '工作人员登录' },
  { name: 'track', path: '/track', who: 'anonymous', h1: '办件进度查询' },
  // 好差评 by a rating link that leads nowhere: the page says so (rating-citizen.spec.ts rates by real links)
  { name: 'rate-invalid', path: '/rate?t=invalidtoken0000000000', who: 'anonymous', h1: '服务评价' },
  // the hall's rating device before it is set up (rating-terminal.spec.ts sets one up and rates)
  { name: 'rate-terminal-setup', path: '/rate/terminal', who: 'anonymous', h1: '服务评价' },
  { name: 'help', path: '/help', who: 'anonymous', h1: '请家人或帮办员代办' },
  // signed out: the sign-in prompt and the number to call
  { name: 'help-new-signed-out', path: '/help/new', who: 'anonymous', h1: '请帮办员帮我办' },
  { name: 'map', path: '/map', who: 'anonymous', h1: '服务网点地图' },
  // 证照核验 with no code: the form to paste one (licences-wallet.spec.ts checks real codes)
  { name: 'verify', path: '/verify', who: 'anonymous', h1: '证照核验' },
  // 一件事: the list by life event, one category, and the theme guide (with a place: its items as 钢山街道 offers them)
  { name: 'themes', path: '/themes', who: 'anonymous', h1: '一件事' },
  { name: 'theme-birth', path: `/themes/birth?region=${GANGSHAN}`, who: 'anonymous', h1: '出生一件事' },
  { name: 'theme-not-found', path: '/themes/no-such-theme', who: 'anonymous', h1: '未找到该主题' },
  // 典型案例: the published ones, filtered by a tag (one practice is a dynamic route below)
  { name: 'practices', path: '/practices', who: 'anonymous', h1: '典型案例' },
  { name: 'practices-tag', path: `/practices?town=${GANGSHAN}&tag=${encodeURIComponent('帮办代办')}`, who: 'anonymous', h1: '典型案例' },
  { name: 'not-found', path: '/no-such-page', who: 'anonymous', h1: '页面不存在' },
];

export const CITIZEN_ROUTES: RouteCase[] = [
  { name: 'my', path: '/my', who: 'citizen', h1: '我的' },
  { name: 'my-cases', path: '/my/cases', who: 'citizen', h1: '我的办件' },
  { name: 'apply-dibao', path: `/apply/${DIBAO_TOWN}?region=${GANGSHAN}`, who: 'citizen', h1: '网上申请：最低生活保障' },
  { name: 'my-messages', path: '/my/messages', who: 'citizen', h1: '我的消息' },
  { name: 'my-profile', path: '/my/profile', who: 'citizen', h1: '实名信息' },
  // 帮办代办: the request form (for a village: prefilled from the link a village's helper roster gives) and 我的求助
  { name: 'help-new', path: `/help/new?village=${MENGZHUANG}`, who: 'citizen', h1: '请帮办员帮我办' },
  { name: 'my-help', path: '/my/help', who: 'citizen', h1: '我的求助' },
  // 电子证照: the wallet and 用证记录 (one licence and its 亮证 are dynamic routes below)
  { name: 'my-licences', path: '/my/licences', who: 'citizen', h1: '我的电子证照' },
  { name: 'my-licence-uses', path: '/my/licence-uses', who: 'citizen', h1: '用证记录' },
  // 一件事: the application's first step (the town in the address) and 我的一件事
  { name: 'theme-apply-birth', path: `/themes/birth/apply?region=${GANGSHAN}`, who: 'citizen', h1: '一件事申请：出生一件事' },
  { name: 'my-themes', path: '/my/themes', who: 'citizen', h1: '我的一件事' },
  { name: 'home-citizen', path: '/', who: 'citizen', h1: '欢迎使用邹城市政务服务' },
];

export const STAFF_ROUTES: RouteCase[] = [
  { name: 'workbench', path: '/workbench', who: 'staff', h1: '工作台' },
  { name: 'wb-accounts', path: '/workbench/accounts', who: 'staff', h1: '账号管理' },
  { name: 'wb-audit', path: '/workbench/audit', who: 'staff', h1: '审计日志' },
  { name: 'wb-catalogs', path: '/workbench/catalogs', who: 'staff', h1: '指导目录' },
  { name: 'wb-themes', path: '/workbench/themes', who: 'staff', h1: '一件事主题' },
  { name: 'wb-theme-birth', path: '/workbench/themes/birth', who: 'staff', h1: '一件事主题：出生一件事' },
  { name: 'wb-theme-new', path: '/workbench/themes/new', who: 'staff', h1: '新建一件事主题' },
  { name: 'wb-impl-lists', path: '/workbench/impl-lists', who: 'staff', h1: '实施清单' },
  { name: 'wb-impl-list-gangshan', path: `/workbench/impl-lists/${GANGSHAN}`, who: 'staff', h1: '钢山街道' },
  { name: 'wb-synonyms', path: '/workbench/search-synonyms', who: 'staff', h1: '搜索同义词' },
  { name: 'wb-item-forms', path: '/workbench/item-forms', who: 'staff', h1: '申请表单' },
  { name: 'wb-item-form-dibao', path: `/workbench/item-forms/${DIBAO_TOWN}`, who: 'staff', h1: '申请表单：最低生活保障' },
  { name: 'wb-messages', path: '/workbench/messages', who: 'staff', h1: '消息' },
  { name: 'wb-notification-templates', path: '/workbench/notification-templates', who: 'staff', h1: '通知模板' },
  { name: 'wb-terminals', path: '/workbench/terminals', who: 'staff', h1: '自助终端' },
  { name: 'wb-venue-standards', path: '/workbench/venue-standards', who: 'staff', h1: '场所标准化评估' },
  // 钢山街道为民服务中心: assessed twice in the demo (its history), no draft (the 新建评估 panel)
  { name: 'wb-venue-assessment', path: '/workbench/venue-standards/town-370883001', who: 'staff', h1: '标准化评估：钢山街道为民服务中心' },
  // 评估标准: the versions, the demo's first version read only (migration 0017's default-v1), the draft of a new one
  { name: 'wb-venue-checklists', path: '/workbench/venue-standards/checklists', who: 'staff', h1: '评估标准' },
  { name: 'wb-venue-checklist', path: '/workbench/venue-standards/checklists/default-v1', who: 'staff', h1: '评估标准第 1 版' },
  { name: 'wb-venue-checklist-new', path: '/workbench/venue-standards/checklists/new', who: 'staff', h1: '起草新版评估标准' },
  { name: 'wb-service-bus', path: '/workbench/service-bus', who: 'staff', h1: '流动服务车' },
  { name: 'wb-venues', path: '/workbench/venues', who: 'staff', h1: '服务网点' },
  { name: 'wb-venue-edit', path: '/workbench/venues/town-370883001', who: 'staff', h1: '钢山街道为民服务中心' },
  { name: 'wb-venue-new', path: '/workbench/venues/new', who: 'staff', h1: '新增办事地点' },
  { name: 'wb-helpers', path: '/workbench/helpers', who: 'staff', h1: '帮办代办员' },
  { name: 'wb-helper-new', path: '/workbench/helpers/new', who: 'staff', h1: '添加帮办代办员' },
  // 帮办代办求助 (the coordinator's): the list with its counts, one tab, and a month's figures
  { name: 'wb-help-requests', path: '/workbench/help-requests', who: 'staff', h1: '帮办代办求助' },
  { name: 'wb-help-requests-unassigned', path: '/workbench/help-requests?status=unassigned', who: 'staff', h1: '帮办代办求助' },
  { name: 'wb-help-stats', path: '/workbench/help-requests/stats', who: 'staff', h1: '帮办代办统计' },
  // 好差评: the area's ratings (all, 差评 only) and the 差评 to follow up (all, past a limit); one 差评 is a dynamic route below
  { name: 'wb-ratings', path: '/workbench/ratings', who: 'staff', h1: '评价管理' },
  { name: 'wb-ratings-bad', path: '/workbench/ratings?bad=1', who: 'staff', h1: '评价管理' },
  { name: 'wb-rating-followups', path: '/workbench/rating-followups', who: 'staff', h1: '差评整改' },
  { name: 'wb-dashboard', path: '/workbench/dashboard', who: 'staff', h1: '监督看板' },
  { name: 'wb-dashboard-town', path: '/workbench/dashboard?region=370883001&from=2026-01-01&to=2026-03-31', who: 'staff', h1: '监督看板' },
  { name: 'wb-dashboard-wall', path: '/workbench/dashboard/wall', who: 'staff', h1: /监督大屏/ },
  { name: 'wb-rating-followups-overdue', path: '/workbench/rating-followups?overdue=1', who: 'staff', h1: '差评整改' },
  // 培训记录 (the demo's year of sessions, its figures) and 我的培训; one session and one person's record are dynamic routes below
  { name: 'wb-training', path: '/workbench/training', who: 'staff', h1: '培训记录' },
  { name: 'wb-my-training', path: '/workbench/my-training', who: 'staff', h1: '我的培训' },
  // 改革任务: the tracker (summary by lead unit, the task list), filtered to the overdue; one task is a dynamic route below
  { name: 'wb-reform-tasks', path: '/workbench/reform-tasks', who: 'staff', h1: '改革任务' },
  { name: 'wb-reform-tasks-overdue', path: '/workbench/reform-tasks?overdue=1', who: 'staff', h1: '改革任务' },
  // 典型案例: all, the city's review queue, the form of a new one; one practice is a dynamic route below
  { name: 'wb-practices', path: '/workbench/practices', who: 'staff', h1: '典型案例' },
  { name: 'wb-practices-queue', path: '/workbench/practices?status=submitted', who: 'staff', h1: '典型案例' },
  { name: 'wb-practice-new', path: '/workbench/practices/new', who: 'staff', h1: '新建典型案例' },
  { name: 'wb-cases', path: '/workbench/cases', who: 'staff', h1: '办件工作台' },
  { name: 'wb-cases-overdue-only', path: '/workbench/cases?overdue=1', who: 'staff', h1: '办件工作台' },
  { name: 'wb-cases-awaiting', path: '/workbench/cases?awaiting=1', who: 'staff', h1: '办件工作台' },
  { name: 'wb-cases-overdue', path: '/workbench/cases/overdue', who: 'staff', h1: '超期预警' },
  // 电子证照: the licences the platform issued (the demo's 老年人优待证 of 张秀英 among them)
  { name: 'wb-licences', path: '/workbench/licences', who: 'staff', h1: '电子证照' },
  // 我代办的 is for those who take cases in (helpers, window staff): the city administrator gets the 403 page; cases-staff.spec.ts scans it as a helper.
  { name: 'wb-cases-taken-in', path: '/workbench/cases/taken-in', who: 'staff', h1: '无权访问' },
  // The city administrator has no case.intake: this scans the 403 page; tests/e2e/cases-staff.spec.ts scans the intake form as a clerk.
  { name: 'wb-intake', path: '/workbench/intake', who: 'staff', h1: '无权访问' },
  // 一件事收件 likewise: the 403 page here; theme-intake.spec.ts fills it in as a clerk, with axe in both modes.
  { name: 'wb-intake-theme', path: '/workbench/intake/theme', who: 'staff', h1: '无权访问' },
  // 帮办工作台 is for helpers (assist.act): the city administrator gets its 无权使用 page; helper-workspace.spec.ts scans the real pages (list, task) as mengzhuang.helper on a phone, in both modes.
  { name: 'helper', path: '/helper/', who: 'staff', h1: '无权使用帮办工作台' },
];

/** Routes whose address holds an id known only at run time (a notice, a catalog version). */
export async function dynamicRoutes(request: APIRequestContext, who: Who): Promise<RouteCase[]> {
  if (who === 'anonymous') {
    const notices = (await (await request.get('/api/v1/catalog-notices')).json()) as { items: { id: string }[] };
    // A town's 为民服务中心: the detail page with hours, terminals, helpers and a long item list.
    const venues = (await (await request.get(`/api/v1/venues?region=${GANGSHAN}&kind=town_centre&pageSize=1`)).json()) as { items: { id: string; name: string }[] };
    // The newest published 典型案例 (the demo's three are published)
    const practices = (await (await request.get('/api/v1/practices?pageSize=1')).json()) as { items: { id: string; title: string }[] };
    return [
      { name: 'notice', path: `/notices/${notices.items[0].id}`, who, h1: '公示' },
      ...(practices.items[0] ? [{ name: 'practice', path: `/practices/${practices.items[0].id}`, who, h1: practices.items[0].title }] : []),
      ...(venues.items[0] ? [{ name: 'venue', path: `/venues/${venues.items[0].id}`, who, h1: venues.items[0].name }] : []),
    ];
  }
  if (who === 'staff') {
    const catalogs = (await (await request.get('/api/v1/admin/catalogs')).json()) as { items: { level: string; versions: { id: string }[] }[] };
    const town = catalogs.items.find((c) => c.level === 'town')!;
    const v = town.versions[0].id;
    // The most urgent case of the queue (the demo's overdue 最低生活保障 at 钢山街道).
    const cases = (await (await request.get('/api/v1/cases?pageSize=1')).json()) as { items: { id: string; itemName: string }[] };
    // 钢山街道's first helper (its coordinator): the form with a whole-town area and duty hours
    const helpers = (await (await request.get(`/api/v1/helper-records?town=${GANGSHAN}&pageSize=1`)).json()) as { items: { id: string; name: string }[] };
    // The first help request of the coordinator's list (open, 优先 first: a demo request for a home visit)
    const help = (await (await request.get('/api/v1/help-requests?pageSize=1')).json()) as { items: { id: string; requestNo: string }[] };
    // The first 差评 of the follow-up list, when there is one (ratings-staff.spec.ts makes its own)
    const followUps = (await (await request.get('/api/v1/rating-followups?pageSize=1')).json()) as { items: { ratingId: string; caseNo: string }[] };
    // The demo's newest held training with its participants, and the record of its first staff participant
    const trainings = (await (await request.get('/api/v1/training/sessions?status=held&pageSize=1')).json()) as { items: { id: string; topic: string }[] };
    const training = trainings.items[0]
      ? ((await (await request.get(`/api/v1/training/sessions/${trainings.items[0].id}`)).json()) as { id: string; topic: string; participantList: { staffId: string | null; name: string }[] })
      : null;
    const trainee = training?.participantList.find((p) => p.staffId);
    // The first 改革任务 of the tracker (the demo's plan: a top task with sub-tasks and a timeline)
    const reform = (await (await request.get('/api/v1/reform-tasks')).json()) as { items: { id: string; title: string }[] };
    // The 典型案例 waiting for the city's review (the demo's 出生一件事 of 钢山街道): its review buttons
    const practice = (await (await request.get('/api/v1/practice-records?status=submitted&pageSize=1')).json()) as { items: { id: string; title: string }[] };
    return [
      ...(cases.items[0] ? [{ name: 'wb-case', path: `/workbench/cases/${cases.items[0].id}`, who, h1: cases.items[0].itemName }] : []),
      ...(helpers.items[0] ? [{ name: 'wb-helper', path: `/workbench/helpers/${helpers.items[0].id}`, who, h1: helpers.items[0].name }] : []),
      ...(help.items[0] ? [{ name: 'wb-help-request', path: `/workbench/help-requests/${help.items[0].id}`, who, h1: help.items[0].requestNo }] : []),
      ...(followUps.items[0] ? [{ name: 'wb-rating-followup', path: `/workbench/rating-followups/${followUps.items[0].ratingId}`, who, h1: `差评整改 ${followUps.items[0].caseNo}` }] : []),
      ...(training ? [{ name: 'wb-training-session', path: `/workbench/training/${training.id}`, who, h1: training.topic }] : []),
      ...(trainee?.staffId ? [{ name: 'wb-training-person', path: `/workbench/training/people/${trainee.staffId}`, who, h1: `${trainee.name}的培训档案` }] : []),
      ...(reform.items[0] ? [{ name: 'wb-reform-task', path: `/workbench/reform-tasks/${reform.items[0].id}`, who, h1: reform.items[0].title }] : []),
      ...(practice.items[0] ? [{ name: 'wb-practice', path: `/workbench/practices/${practice.items[0].id}`, who, h1: practice.items[0].title }] : []),
      { name: 'wb-version', path: `/workbench/catalogs/versions/${v}`, who, h1: /.+/ },
      { name: 'wb-version-diff', path: `/workbench/catalogs/versions/${v}/diff`, who, h1: /.+/ },
      { name: 'wb-version-lint', path: `/workbench/catalogs/versions/${v}/lint`, who, h1: /.+/ },
      { name: 'wb-item', path: `/workbench/catalogs/versions/${v}/items/${DIBAO_TOWN}`, who, h1: /最低生活保障/ },
    ];
  }
  if (who === 'citizen') {
    const mine = (await (await request.get('/api/v1/cases/mine?pageSize=1')).json()) as { items: { id: string; itemName: string }[] };
    // A request for help, when the citizen has made one (the demo seeds none; help-requests-citizen.spec.ts scans its own)
    const help = (await (await request.get('/api/v1/help-requests/mine?pageSize=1')).json()) as { items: { id: string }[] };
    // The first licence of the wallet: its page and 亮证's first step (the choice of what to show)
    const licences = (await (await request.get('/api/v1/me/licences')).json()) as { items: { id: string; type: string }[] };
    const licence = licences.items[0];
    return [
      ...(mine.items[0] ? [{ name: 'my-case', path: `/my/cases/${mine.items[0].id}`, who, h1: mine.items[0].itemName }] : []),
      ...(licence
        ? [
            { name: 'my-licence', path: `/my/licences/${licence.id}`, who, h1: licence.type },
            { name: 'my-licence-show', path: `/my/licences/${licence.id}/show`, who, h1: `亮证：${licence.type}` },
          ]
        : []),
      ...(help.items[0] ? [{ name: 'my-help-request', path: `/my/help/${help.items[0].id}`, who, h1: /.+/ }] : []),
    ];
  }
  return [];
}

/** The pages Lighthouse scores (scripts/lighthouse-setup.mjs, used by the a11y and perf scripts, keeps the same list). */
export const LIGHTHOUSE_PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/items?q=dibao' },
  { name: 'guide', path: `/items/${DIBAO_TOWN}?region=${GANGSHAN}` },
  { name: 'map', path: '/map' },
];
