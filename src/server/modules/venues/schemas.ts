/**
 * The venues module's contract (政务服务地图): the public list, nearby and detail answers
 * (docs/API-CONTRACT: GET /api/v1/venues, /venues/nearby, /venues/{id}) and the map's points.
 */
import { z } from 'zod';
import { FACILITY_CODES, VENUE_KIND_CODES, VENUE_PHOTOS } from '../../../shared/venues.js';
import { freeText, itemCode, regionCode } from '../../../shared/fields.js';
import { REPORTED_STATUS_CODES, REPORTED_STATUSES, TERMINAL_EVENT_KIND_CODES, TERMINAL_STATUS_CODES } from '../../../shared/terminals.js';
import { pageQuery } from '../../platform/openapi.js';
import { validInterval, WEEKDAYS } from '../../../shared/venue-hours.js';

export { regionCode };

const latitude = z.coerce.number({ error: '纬度应为数字' }).min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间');
const longitude = z.coerce.number({ error: '经度应为数字' }).min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const venueKind = z.enum(VENUE_KIND_CODES);
export const facility = z.enum(FACILITY_CODES);

export const venuesQuery = z.object({
  /** one kind, or several separated by commas */
  kind: z.string().max(200).optional().transform((v, ctx) => {
    if (!v) return undefined;
    const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.filter((k) => !(VENUE_KIND_CODES as readonly string[]).includes(k));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `未知的场所类型：${bad.join('、')}` });
    return kinds as z.infer<typeof venueKind>[];
  }),
  /** venues in this region or under it */
  region: regionCode.optional(),
  /** venues where this item can be handled */
  item: itemCode.optional(),
  openNow: flag.optional(),
  /** with a step-free way in (无障碍通道) */
  accessible: flag.optional(),
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  ...pageQuery,
});

export const nearbyQuery = z.object({
  lat: latitude,
  lng: longitude,
  item: itemCode.optional(),
  kind: venuesQuery.shape.kind,
  openNow: flag.optional(),
  accessible: flag.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const pointsQuery = z.object({
  kind: venuesQuery.shape.kind,
  region: regionCode.optional(),
  item: itemCode.optional(),
  openNow: flag.optional(),
  accessible: flag.optional(),
});

export const venueIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '场所编号不正确') });

const openFields = {
  openNow: z.boolean(),
  /** when open: the end of the current opening ("17:30") */
  closesAt: z.string().nullable(),
  /** when closed: the next opening within two weeks (China date and time) */
  opensAt: z.object({ date: z.string(), time: z.string() }).nullable(),
  /** today's hours in words: "08:30-12:00、13:30-17:30", "今日休息（春节）", "24 小时" */
  todayHours: z.string(),
};

export const venueSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: venueKind,
  kindLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string().describe('the town (and village) it is in, e.g. 钢山街道孟庄社区'),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** coordinates estimated, not surveyed (an administrator should correct them) */
  approximate: z.boolean(),
  phone: z.string(),
  facilities: z.array(facility),
  terminalCount: z.number(),
  ...openFields,
});
export type VenueSummary = z.infer<typeof venueSummary>;

export const venueList = z.object({ total: z.number(), items: z.array(venueSummary) });

export const nearbyItem = venueSummary.extend({ distanceMeters: z.number().int() });
export const nearbyResult = z.object({
  items: z.array(nearbyItem),
  /** the item asked about, when one was (its name, for "where can I do …") */
  item: z.object({ code: z.string(), name: z.string() }).nullable(),
});

/** The map's markers: every matching venue, small (the list and the detail give the rest). */
export const venuePoints = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: venueKind, lat: z.number(), lng: z.number(), openNow: z.boolean(), approximate: z.boolean() })),
});

export const terminalView = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  /** online: reported within the heartbeat window; offline: missed it; maintenance: taken out of service */
  status: z.enum(['online', 'offline', 'maintenance']),
  lastSeenAt: z.string().nullable(),
  items: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const venueDetail = venueSummary.extend({
  /** the weekly hours in lines ("周一至周五 08:30-12:00、13:30-17:30", "法定节假日休息…") */
  hours: z.array(z.string()),
  /** the next two weeks' days that differ from the week (holidays, 调休, the venue's own) */
  upcomingExceptions: z.array(z.object({ date: z.string(), hours: z.string(), note: z.string() })),
  description: z.string(),
  /** items handled here: the region's 实施清单 for centres and stations, the venue's own list otherwise */
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  terminals: z.array(terminalView),
  /** 帮办代办员 covering the place: name, and where known their kind (村两委, 网格员 …) and work phone */
  helpers: z.array(z.object({ name: z.string(), type: z.string().optional(), typeName: z.string().optional(), phone: z.string().optional() })),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  /** in the order the venue shows them; `url` works in an <img>, `alt` says what each shows */
  photos: z.array(z.object({ url: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int() })),
  directions: z.array(z.object({ app: z.string(), label: z.string(), href: z.string() })),
});
export type VenueDetail = z.infer<typeof venueDetail>;

// ---- Self-service terminals (自助终端): the kiosk's heartbeat, the administrators' status board ----

export const terminalIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '终端编号不正确') });

export const reportedStatus = z.enum(REPORTED_STATUS_CODES, { error: `status 应为以下之一：${REPORTED_STATUS_CODES.map((c) => `${c}（${REPORTED_STATUSES[c]}）`).join('、')}` });
export const terminalStatusCode = z.enum(TERMINAL_STATUS_CODES);

/** POST /terminals/{id}/heartbeat: what the kiosk says about itself (docs/API-CONTRACT.md). */
export const heartbeatBody = z.strictObject({
  status: reportedStatus,
  /** the kiosk software's version */
  version: z.string().trim().max(40, '版本号不超过 40 个字符').regex(/^[\x20-\x7e]*$/, '版本号只能包含英文字母、数字和符号').optional(),
  note: freeText(200).optional(),
});
export const heartbeatResult = z.object({ ok: z.literal(true), serverTime: z.string() });

/** GET /terminals: the status board, in the administrator's scope. */
export const terminalBoardQuery = z.object({
  /** terminals at venues in this region or under it */
  region: regionCode.optional(),
  status: terminalStatusCode.optional(),
  ...pageQuery,
});

export const terminalBoardItem = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  regionCode: z.string(),
  regionName: z.string().describe('the town (and village) of the venue, e.g. 钢山街道孟庄社区'),
  /** online: a heartbeat within 10 minutes; offline: none; maintenance: out of service */
  status: terminalStatusCode,
  inService: z.boolean(),
  /** what the kiosk last said of itself (null before its first heartbeat) */
  reportedStatus: reportedStatus.nullable(),
  /** since when it has said so */
  reportedAt: z.string().nullable(),
  reportedVersion: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  /** a heartbeat token has been issued (the token itself is never shown again) */
  hasToken: z.boolean(),
});
export type TerminalBoardItem = z.infer<typeof terminalBoardItem>;

export const terminalBoard = z.object({
  total: z.number(),
  items: z.array(terminalBoardItem),
  /** terminals per status in the scope and region asked (whatever the status filter) */
  counts: z.object({ online: z.number(), offline: z.number(), maintenance: z.number() }),
});

/** POST /terminals/{id}/maintenance: take a terminal out of service (a reason required) or back. */
export const maintenanceBody = z.strictObject({
  inService: z.boolean({ error: 'inService 应为 true（恢复服务）或 false（停用维护）' }),
  note: freeText(200).default(''),
});

/** POST /terminals/{id}/token: the new token, shown this once (only its hash is kept). */
export const issuedToken = z.object({
  terminalId: z.string(),
  token: z.string(),
  issuedAt: z.string(),
  /** where the kiosk sends its heartbeat with it */
  heartbeatPath: z.string(),
});

export const terminalEventsQuery = z.object({ ...pageQuery });

export const terminalEventView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(TERMINAL_EVENT_KIND_CODES),
  note: z.string(),
  /** the administrator (name and username as they were then); null for what the kiosk reported */
  byName: z.string().nullable(),
  /** a reported status change: from (null: its first report) and to */
  statusFrom: reportedStatus.nullable(),
  statusTo: reportedStatus.nullable(),
  version: z.string().nullable(),
});
export type TerminalEventView = z.infer<typeof terminalEventView>;
export const terminalEventList = z.object({ total: z.number(), items: z.array(terminalEventView) });

// ---- Editing venues (workbench 服务网点, venue.manage over the venue's place) ----

const interval = z.string().refine(validInterval, '时间段应写成 08:30-12:00，开始早于结束');
const intervals = z.array(interval).max(4, '一天最多 4 个时间段').superRefine((list, ctx) => {
  const sorted = [...list].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.slice(0, 5) < sorted[i - 1]!.slice(6, 11)) ctx.addIssue({ code: 'custom', message: `时间段 ${sorted[i - 1]} 和 ${sorted[i]} 重叠` });
  }
});
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期不存在');

/** shared/venue-hours.ts VenueHours, as an administrator writes it. */
export const venueHoursInput = z.strictObject({
  always: z.boolean(),
  calendar: z.enum(['working', 'own']),
  week: z.partialRecord(z.enum(WEEKDAYS), intervals),
  exceptions: z.array(z.strictObject({ date: calendarDate, hours: intervals, note: freeText(30).default('') })).max(60, '特殊日期最多 60 个')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [i, e] of list.entries()) {
        if (seen.has(e.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `${e.date} 填了两次` });
        seen.add(e.date);
      }
    }),
});

const venuePhone = z.string().trim().max(50, '不超过 50 字').regex(/^$|^[0-9\-、，, ()（）转]+$/, '电话只能包含数字、连字符和分隔符');
const link = z.strictObject({
  label: freeText(30).min(1, '请填写链接名称'),
  url: z.string().trim().max(500).regex(/^https:\/\/[^\s<>"]+$/, '链接应以 https:// 开头'),
});

/**
 * A venue as an administrator writes it. Coordinates must lie in China (a swapped latitude and
 * longitude is the usual slip); `approximate` marks an estimate still to be surveyed.
 */
export const venueInput = z.strictObject({
  kind: venueKind,
  name: freeText(60).min(2, '请填写场所名称（至少 2 个字）'),
  regionCode,
  address: freeText(200).min(2, '请填写地址'),
  lat: z.number({ error: '纬度应为数字' }).min(3.8, '坐标不在中国境内：纬度应在 3.8 到 53.6 之间（是否与经度填反了？）').max(53.6, '坐标不在中国境内：纬度应在 3.8 到 53.6 之间（是否与经度填反了？）'),
  lng: z.number({ error: '经度应为数字' }).min(73.5, '坐标不在中国境内：经度应在 73.5 到 135.1 之间（是否与纬度填反了？）').max(135.1, '坐标不在中国境内：经度应在 73.5 到 135.1 之间（是否与纬度填反了？）'),
  approximate: z.boolean().default(false),
  phone: venuePhone.default(''),
  hours: venueHoursInput,
  facilities: z.array(facility).max(FACILITY_CODES.length).default([]).transform((f) => [...new Set(f)]),
  links: z.array(link).max(10, '链接最多 10 个').default([]),
  description: freeText(500).default(''),
  /** what can be done here; only for venues that are not a centre or station (theirs is their 实施清单) */
  itemCodes: z.array(itemCode).max(300, '事项最多 300 个').default([]).transform((c) => [...new Set(c)]),
  /** false: closed for good (kept for history, no longer shown) */
  active: z.boolean().default(true),
});
export type VenueInput = z.infer<typeof venueInput>;

export const venueUpdate = venueInput.extend({ version: z.number().int().min(1) });

export const venueRecordsQuery = z.object({
  region: regionCode.optional(),
  kind: venuesQuery.shape.kind,
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  includeClosed: flag.optional(),
  ...pageQuery,
});

// ---- A venue's photos (workbench 服务网点 › 照片; the venue page and its place's page show them) ----

/** What a photo shows, in words a screen reader reads instead of it: one line of 2 to 60 characters. */
export const photoAlt = z.string({ error: '请填写照片说明：这张照片拍的是什么' })
  .pipe(freeText(VENUE_PHOTOS.altMax).min(VENUE_PHOTOS.altMin, `请填写照片说明（${VENUE_PHOTOS.altMin} 到 ${VENUE_PHOTOS.altMax} 个字）：这张照片拍的是什么`).regex(/^[^\r\n]*$/, '照片说明请写在一行里'));

const photoVersion = z.coerce.number({ error: '缺少版本号 version（读取办事地点时得到的）' }).int('版本号应为整数').min(1, '版本号应为正整数');

/** POST /venue-records/{id}/photos: the text fields sent with the image (multipart, beside `file`). */
export const photoUploadFields = z.object({ alt: photoAlt, version: photoVersion });

export const venuePhotoView = z.object({
  fileId: z.string(),
  /** where the picture is read (GET /files/{id}): anyone while the venue is open and shows it */
  url: z.string(),
  alt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type VenuePhotoView = z.infer<typeof venuePhotoView>;

/** What every change of the photos answers: the venue's new version and its photos in order. */
export const venuePhotoList = z.object({ version: z.number(), updatedAt: z.string(), photos: z.array(venuePhotoView) });
export type VenuePhotoList = z.infer<typeof venuePhotoList>;

export const photoParams = venueIdParams.extend({ fileId: z.string().uuid('照片编号格式不正确') });

/** PUT /venue-records/{id}/photos: every photo the venue has, in the new order, each with its description. */
export const photoArrangeBody = z.strictObject({
  version: z.number().int().min(1),
  photos: z.array(z.strictObject({ fileId: z.string().uuid('照片编号格式不正确'), alt: photoAlt })).max(VENUE_PHOTOS.max, `每个办事地点最多 ${VENUE_PHOTOS.max} 张照片`),
});

/** DELETE /venue-records/{id}/photos/{fileId}?version=: the version the photo list was read at. */
export const photoRemoveQuery = z.object({ version: photoVersion });

export const venueRecord = z.object({
  id: z.string(),
  kind: venueKind,
  kindLabel: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  approximate: z.boolean(),
  phone: z.string(),
  hours: venueHoursInput,
  hoursText: z.array(z.string()),
  facilities: z.array(facility),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  description: z.string(),
  /** null for a centre or station: its items are its place's 实施清单 */
  items: z.array(z.object({ code: z.string(), name: z.string() })).nullable(),
  active: z.boolean(),
  /** in the order shown (POST/PUT/DELETE /venue-records/{id}/photos change them) */
  photos: z.array(venuePhotoView),
  version: z.number(),
  updatedAt: z.string(),
});
export type VenueRecord = z.infer<typeof venueRecord>;
export const venueRecordList = z.object({ total: z.number(), items: z.array(venueRecord.omit({ hours: true, links: true, description: true, items: true, photos: true })) });

