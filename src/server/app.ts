import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projectRoot } from './config.js';
import { answersWithin } from './db/guard.js';
import type { Deps } from './deps.js';
import { accountRoutes } from './modules/accounts/index.js';
import { assistanceRoutes } from './modules/assistance/index.js';
import { licenceRoutes } from './modules/licences/index.js';
import { themeRoutes } from './modules/themes/index.js';
import { ratingRoutes } from './modules/ratings/index.js';
import { supervisionRoutes } from './modules/supervision/index.js';
import { trainingRoutes } from './modules/training/index.js';
import { reformRoutes } from './modules/reform/index.js';
import { practiceRoutes } from './modules/practices/index.js';
import { authRoutes } from './modules/auth/index.js';
import { calendarRoutes } from './modules/calendar/index.js';
import { caseRoutes } from './modules/cases/index.js';
import { catalogRoutes } from './modules/catalog/index.js';
import { fileRoutes } from './modules/files/index.js';
import { formRoutes } from './modules/forms/index.js';
import { helperRecordRoutes, helperRoutes } from './modules/helpers/index.js';
import { notificationRoutes } from './modules/notifications/index.js';
import { regionRoutes } from './modules/regions/index.js';
import { serviceBusRoutes } from './modules/service-bus/index.js';
import { speechRoutes } from './modules/speech/index.js';
import { terminalRoutes, venueRecordRoutes, venueRoutes } from './modules/venues/index.js';
import { venueStandardsRoutes } from './modules/venue-standards/index.js';
import { siteView } from './modules/site/index.js';
import { createServices, type Services } from './services.js';
import { firstPageHtml, type ViteManifest } from './platform/first-page.js';
import { answerFrameworkError, installErrorHandling, refuseNulCharacters } from './platform/http.js';
import { installSessions } from './platform/request.js';
import { installRateLimits } from './platform/rate-limits.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { gates, installGates, type GatedRoute } from './platform/gates.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route and its gate, as registered (the authorisation matrix test walks it). */
    routeTable: GatedRoute[];
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;
const HEALTH_DATABASE_TIMEOUT_MS = 2000;

/**
 * The logger: personal data never reaches the log. Cookies, tokens and codes are redacted, and a
 * request's query string keeps its parameter names only: `/cases/track?caseNo=…&phone=…` carries a
 * phone number, and any query may carry an ID number or a name.
 */
export function createLogger(level: string, destination?: DestinationStream): FastifyBaseLogger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; url?: string; host?: string; ip?: string }) => ({ method: req.method, url: redactQuery(req.url ?? ''), host: req.host, remoteAddress: req.ip }),
    },
  }, destination);
}

/** `/x?a=1&b=2` → `/x?a=[redacted]&b=[redacted]`: which parameters were sent, never their values. */
export function redactQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url.slice(at + 1).split('&').filter(Boolean).map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

/** The HTTP app over the services (built here from `deps` when not given: tests, tools). */
export async function buildApp(deps: Deps, services: Services = createServices(deps)): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the configured proxies: X-Forwarded-For from anyone else is ignored (request.ip is the peer).
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies.join(',') : false,
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace' }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    frameworkErrors: answerFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  let spaIndexHtml: ((url: string) => string) | undefined;
  installErrorHandling(app, { spaIndexHtml: (url) => spaIndexHtml?.(url) });
  app.addHook('preValidation', refuseNulCharacters);
  // JSON only: a text/plain body would otherwise reach validation as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  // API answers compressed for browsers that ask (a phone on slow 4G waits for every kB of the map's
  // lists); built assets are already precompressed (@fastify/static preCompressed below) and keep
  // their encoding. Small answers are not worth it; brotli at quality 4 costs about what gzip does.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await installRateLimits(app);
  installSecurityHeaders(app, deps.config.cookieSecure, deps.config.mapTiles ? [deps.config.mapTiles.origin] : []);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '便民 bianmin API', version: deps.config.version, description: '基层政务服务平台接口。错误统一为 { error: { code, message, details } }。' },
      tags: [
        { name: 'system', description: '健康检查' },
        { name: 'auth', description: '登录与会话' },
        { name: 'regions', description: '行政区划' },
        { name: 'venues', description: '政务服务地图：办事地点、营业时间、最近的办事地点' },
        { name: 'terminals', description: '自助终端：心跳上报（终端令牌）、状态看板、令牌、维护记录（管理员）' },
        { name: 'venue-standards', description: '政务服务场所标准化评估：评估标准版本、为民服务中心和便民服务站的评估（草稿、照片、定稿）、历次评估、总览（管理员）；场所等级（公开）' },
        { name: 'service-bus', description: '流动服务车（政务服务大篷车）：线路、进村停靠安排（公开），线路和停靠的安排与取消（管理员）' },
        { name: 'admin', description: '账号、授权与审计（管理员）' },
        { name: 'catalog', description: '事项目录、办事指南、目录调整公示（公开）' },
        { name: 'catalog-admin', description: '指导目录版本、实施清单、同义词（管理员）' },
        { name: 'accessibility', description: '无障碍：服务器端语音朗读' },
        { name: 'calendar', description: '工作日历：法定节假日与调休' },
        { name: 'cases', description: '办件：网上申请、一窗受理、审批流程、时限预警、进度查询' },
        { name: 'notifications', description: '通知：模板（短信、站内消息）、我的消息、时限预警提醒、短信发送状态' },
        { name: 'forms', description: '申请表单（表单设计器）、申请草稿、历史数据自动填充' },
        { name: 'helpers', description: '帮办代办员名单：服务范围、电话、值班时间（公开名单；管理员维护）' },
        { name: 'assistance', description: '帮办代办求助：群众求助、分派、上门走访记录和照片、代办授权、超时督办、月度统计' },
        { name: 'licences', description: '电子证照：我的证照、出示和核验、用证记录、签发和注销（工作人员）' },
        { name: 'themes', description: '一件事：主题、情形问答、合并表单和材料、一次提交、我的一件事；主题维护（管理员）' },
        { name: 'admin-themes', description: '一件事主题维护：草稿、预览、发布新版本、停用；镇街的“一件事”（管理员）' },
        { name: 'ratings', description: '好差评：各渠道评价、评价链接和窗口二维码、差评回访整改、申诉复核' },
        { name: 'supervision', description: '监督看板：办件、时限、满意度、差评整改、帮办代办、自助终端统计和排名，导出 Excel' },
        { name: 'reform', description: '改革任务：任务分解、牵头单位、完成时限、进展填报和证明材料、验收、督办，导出 Excel' },
        { name: 'training', description: '培训记录：培训场次、参训人员、学时和考核、教学案例、个人培训档案，导出 Excel' },
        { name: 'practices', description: '典型案例：镇街报送、市级审核发布；门户网站公开的典型案例' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bm_session' }, terminal: { type: 'http', scheme: 'bearer', description: '自助终端令牌（工作台「自助终端」生成）' } } },
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's page carries an inline script: the plugin sets a CSP with its hashes on that page.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installSessions(app, deps);
  const routeTable = installGates(app);
  app.decorate('routeTable', routeTable);

  // While shutting down, answers to in-flight requests close their keep-alive connection, so
  // close() does not wait on clients that would otherwise hold an idle socket open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['sqlite', 'postgres']), version: z.string() });
  typed.get('/api/health', {
    config: { gate: gates.public },
    schema: {
      tags: ['system'], summary: '健康检查（含一次真实的数据库查询；数据库 2 秒内无应答时返回 503）',
      response: { 200: health, 503: health },
    },
  }, async (_request, reply) => {
    const answered = await answersWithin(deps.dbh.db, HEALTH_DATABASE_TIMEOUT_MS);
    return reply.status(answered ? 200 : 503).send({ status: answered ? 'ok' : 'unavailable', database: deps.dbh.engine, version: deps.config.version });
  });

  // The benchmark baseline: same server, same serializer, no database.
  typed.get('/api/ping', {
    config: { gate: gates.public },
    schema: { tags: ['system'], summary: '基准路由（不访问数据库）', response: { 200: z.object({ pong: z.literal(true) }) } },
  }, async () => ({ pong: true as const }));

  typed.get('/api/v1/site', {
    config: { gate: gates.public },
    schema: {
      tags: ['system'], summary: '站点公开信息',
      response: { 200: siteView },
    },
  }, async () => ({
    siteName: deps.config.siteName, phone: deps.config.sitePhone, demoMode: deps.config.demoMode, version: deps.config.version,
    licencesConnected: services.licences.libraryConnected,
    mapTiles: deps.config.mapTiles ? { url: deps.config.mapTiles.url, attribution: deps.config.mapTiles.attribution } : null,
  }));

  await app.register(async (v1) => {
    await v1.register(authRoutes(deps, services.staff, services.profiles));
    await v1.register(regionRoutes(deps));
    await v1.register(accountRoutes(deps, services.accounts));
    await v1.register(catalogRoutes(deps, services.catalog));
    await v1.register(fileRoutes(deps, {
      // a case's material, a photo of a venue assessment the person may see, of a venue they may edit, or of a help request they help with or coordinate
      mayRead: async (actor, fileId) =>
        (await services.cases.mayReadFile(actor, fileId)) || (await services.venueStandards.mayReadPhoto(actor, fileId))
        || (await services.venuePhotos.mayRead(actor, fileId)) || (await services.helpPhotos.mayRead(actor, fileId))
        || (await services.reform.mayRead(actor, fileId))
        // a training session's material, for those who manage the session
        || (await services.trainingMaterials.mayRead(actor, fileId))
        // a photo of a 典型案例 the person may see (its place within their practice grants)
        || (await services.practicePhotos.mayRead(actor, fileId)),
      publishedInGuide: (fileId) => services.catalog.guideFiles.has(fileId),
      // a venue's photo is on its public page while the venue is open and shows it; a practice's while it is published
      onPublicPage: async (fileId, meta) => (await services.venuePhotos.onPublicPage(fileId, meta)) ?? services.practicePhotos.onPublicPage(fileId, meta),
    }));
    await v1.register(speechRoutes(services.speech));
    await v1.register(calendarRoutes(deps));
    await v1.register(caseRoutes(deps, services.cases, services.caseDocuments));
    await v1.register(notificationRoutes(deps, services.notifications));
    await v1.register(venueRoutes(services.venues));
    await v1.register(venueRecordRoutes(services.venueEditor, services.venuePhotos));
    await v1.register(terminalRoutes(services.terminals));
    await v1.register(venueStandardsRoutes(services.venueStandards));
    await v1.register(serviceBusRoutes(services.serviceBus));
    await v1.register(helperRoutes(services.helpers));
    await v1.register(helperRecordRoutes(services.helperEditor));
    await v1.register(assistanceRoutes(services.assistance, services.helpPhotos, services.consents));
    await v1.register(licenceRoutes(services.licences));
    await v1.register(themeRoutes(services.themes, services.themeApplications, services.themeAdmin));
    await v1.register(ratingRoutes(services.ratings, services.ratingFollowUps));
    await v1.register(supervisionRoutes(services.supervision, deps.config.siteName));
    await v1.register(trainingRoutes(services.training, services.trainingMaterials, deps.config.siteName, deps.clock));
    await v1.register(reformRoutes(services.reform, deps.config.siteName, () => deps.clock.now()));
    await v1.register(practiceRoutes(services.practices, services.practicePhotos));
    await v1.register(formRoutes(deps, services.forms));
  }, { prefix: '/api/v1' });

  if (deps.config.serveWeb) spaIndexHtml = await serveWebApp(app);
  return app;
}

/**
 * Serves the built React app's files; returns the SPA fallback's index.html for an address (with
 * the preload links of the page there, platform/first-page.ts).
 */
async function serveWebApp(app: FastifyInstance): Promise<((url: string) => string) | undefined> {
  const webRoot = path.join(projectRoot(), 'dist', 'web');
  const indexFile = path.join(webRoot, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn(`web app not built (${indexFile} missing): run npm run build`);
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: false,
    // vite.config.ts writes .br and .gz beside every asset; the one the browser accepts is sent.
    preCompressed: true,
    setHeaders: (res, filePath) => {
      // Hashed names: a changed file gets a new name, so the browser may keep these for a year.
      // index.html is not hashed: it is revalidated on every visit (also as the SPA fallback).
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  const manifestFile = path.join(webRoot, '.vite', 'manifest.json');
  let manifest: ViteManifest | undefined;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ViteManifest;
  } catch {
    app.log.warn(`${manifestFile} missing or unreadable: pages are served without preload links`);
  }
  return firstPageHtml(readFileSync(indexFile, 'utf8'), manifest);
}
