/**
 * The venue-standards module's contract (政务服务场所标准化评估): checklists and their versions,
 * assessments (drafts, photos, finalising), a venue's standing and history, the city overview.
 * The workbench infers its types from these (type-only imports).
 */
import { z } from 'zod';
import { freeText, regionCode } from '../../../shared/fields.js';
import {
  ASSESSED_KINDS, ASSESSMENT_LEVEL_CODES, CHECKLIST_CODE, checklistProblems, OVERVIEW_LEVEL_CODES, VENUE_LEVEL_CODES,
} from '../../../shared/venue-standards.js';
import { pageQuery } from '../../platform/openapi.js';

export const assessedKind = z.enum(ASSESSED_KINDS, { error: '场所类型应为 town_centre（镇（街道）为民服务中心）或 village_station（村（社区）便民服务站）' });
export const assessmentLevel = z.enum(ASSESSMENT_LEVEL_CODES);
export const venueLevel = z.enum(VENUE_LEVEL_CODES);
export const overviewLevel = z.enum(OVERVIEW_LEVEL_CODES, { error: `等级应为以下之一：${OVERVIEW_LEVEL_CODES.join('、')}` });
export const assessmentStatus = z.enum(['draft', 'final']);

const checklistCode = z.string().regex(CHECKLIST_CODE, '编码以小写字母开头，只含小写字母、数字和 _ . -，不超过 40 个字符');
const title = (what: string, max: number) => freeText(max).min(1, `请填写${what}`);

/** A China calendar day that exists. */
export const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}, '日期不存在');

export const checklistIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '评估标准编号不正确') });
export const venueIdParams = z.object({ venueId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '场所编号不正确') });
export const assessmentIdParams = z.object({ id: z.string().uuid('评估编号不正确') });
export const photoParams = assessmentIdParams.extend({ fileId: z.string().uuid('照片编号不正确') });

// ---- Checklists ----

export const checklistItem = z.strictObject({
  code: checklistCode,
  title: title('评估项名称', 40),
  /** what earns the points */
  criteria: title('评分标准', 300),
  points: z.number({ error: '分值应为数字' }),
});
export const checklistSection = z.strictObject({
  code: checklistCode,
  title: title('部分名称', 40),
  items: z.array(checklistItem).max(60, '每个部分不超过 60 个评估项'),
});
const threshold = z.strictObject({
  /** percent of the checklist's maximum */
  percent: z.number({ error: '得分率应为数字' }),
  /** items that must earn their full points for the level */
  mustHave: z.array(checklistCode).max(200),
});
export const thresholds = z.strictObject({ basic: threshold, standard: threshold, benchmark: threshold });

/** POST /venue-standards/checklists: a new version (the city administrator). */
export const checklistBody = z.strictObject({
  name: title('评估标准名称', 60),
  appliesTo: z.array(assessedKind).min(1, '请选择适用的场所类型').max(2),
  sections: z.array(checklistSection).max(30, '不超过 30 个部分'),
  thresholds,
  /** what changed, for the record */
  note: freeText(500).default(''),
}).superRefine((v, ctx) => {
  if (new Set(v.appliesTo).size !== v.appliesTo.length) ctx.addIssue({ code: 'custom', path: ['appliesTo'], message: '适用的场所类型重复' });
  for (const p of checklistProblems(v)) ctx.addIssue({ code: 'custom', path: p.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: p.message });
});
export type ChecklistInput = z.infer<typeof checklistBody>;

export const checklistSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  appliesTo: z.array(assessedKind),
  note: z.string(),
  maxPoints: z.number(),
  itemCount: z.number(),
  /** the kinds this version is the current checklist for (empty: superseded) */
  currentFor: z.array(assessedKind),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type ChecklistSummary = z.infer<typeof checklistSummary>;

export const checklistView = checklistSummary.extend({
  sections: z.array(z.object({ code: z.string(), title: z.string(), items: z.array(z.object({ code: z.string(), title: z.string(), criteria: z.string(), points: z.number() })) })),
  thresholds: z.object({
    basic: z.object({ percent: z.number(), mustHave: z.array(z.string()) }),
    standard: z.object({ percent: z.number(), mustHave: z.array(z.string()) }),
    benchmark: z.object({ percent: z.number(), mustHave: z.array(z.string()) }),
  }),
});
export type ChecklistView = z.infer<typeof checklistView>;

export const checklistList = z.object({ items: z.array(checklistSummary) });
export const currentChecklistQuery = z.object({ kind: assessedKind.default('town_centre') });

// ---- Assessments ----

export const scoreResult = z.object({
  total: z.number(),
  max: z.number(),
  percent: z.number(),
  level: assessmentLevel,
  /** items without a score (a draft's running total counts them as 0) */
  unscored: z.array(z.string()),
  levels: z.array(z.object({ level: venueLevel, reached: z.boolean(), pointsShort: z.number(), missingMustHave: z.array(z.string()) })),
});

export const photoView = z.object({
  fileId: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  /** the file (GET /files/{id}; ?inline=1 shows it in place) */
  url: z.string(),
});
export type PhotoView = z.infer<typeof photoView>;

const itemScore = z.object({ points: z.number(), note: z.string() });

export const assessmentView = z.object({
  id: z.string(),
  venueId: z.string(),
  venueName: z.string(),
  venueKind: assessedKind,
  regionCode: z.string(),
  regionName: z.string().describe('the town (and village), e.g. 钢山街道孟庄社区'),
  /** the checklist version it is made with (kept when a newer version is published) */
  checklist: checklistView,
  assessedOn: z.string(),
  assessorName: z.string(),
  status: assessmentStatus,
  /** counts each change of a draft: a save or finalise sends the version it read */
  version: z.number(),
  scores: z.record(z.string(), itemScore),
  summary: z.string(),
  photos: z.array(photoView),
  /** as finalised; for a draft, what the scores so far give */
  result: scoreResult,
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const assessmentSummary = z.object({
  id: z.string(),
  status: assessmentStatus,
  assessedOn: z.string(),
  assessorName: z.string(),
  /** null while a draft */
  level: assessmentLevel.nullable(),
  total: z.number().nullable(),
  max: z.number().nullable(),
  percent: z.number().nullable(),
  checklistId: z.string(),
  checklistName: z.string(),
  checklistVersion: z.number(),
  photoCount: z.number(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

/** GET /venue-standards/venues/{venueId}: where a venue stands, its open draft and its history. */
export const venueStanding = z.object({
  venue: z.object({ id: z.string(), name: z.string(), kind: assessedKind, kindLabel: z.string(), regionCode: z.string(), regionName: z.string() }),
  /** the checklist a new assessment of this venue is made with */
  checklist: checklistSummary,
  draft: assessmentSummary.nullable(),
  /** finalised assessments, the newest visit first: the first is the venue's current level */
  history: z.array(assessmentSummary),
});

const scoresInput = z.record(
  z.string().max(40),
  z.strictObject({ points: z.number({ error: '得分应为数字' }), note: freeText(300).default('') }),
).refine((s) => Object.keys(s).length <= 300, '评分项过多');

/** POST /venue-standards/venues/{venueId}/assessments: a new draft (the visit's day; today by default). */
export const startBody = z.strictObject({ assessedOn: calendarDay.optional() });

/** PUT /venue-standards/assessments/{id}: a draft's scores (all of them: the ones not sent are unscored), day and summary. */
export const saveBody = z.strictObject({
  version: z.number().int().min(1),
  assessedOn: calendarDay,
  scores: scoresInput,
  summary: freeText(2000).default(''),
});

export const versionBody = z.strictObject({ version: z.number().int().min(1) });

// ---- The overview ----

export const overviewQuery = z.object({
  /** venues of this town (街道/镇 code) */
  town: regionCode.optional(),
  level: overviewLevel.optional(),
  kind: assessedKind.optional(),
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  ...pageQuery,
});

export const levelCounts = z.object({ benchmark: z.number(), standard: z.number(), basic: z.number(), below: z.number(), none: z.number(), total: z.number() });

export const overviewItem = z.object({
  venueId: z.string(),
  venueName: z.string(),
  kind: assessedKind,
  kindLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  townCode: z.string(),
  townName: z.string(),
  /** the latest finalised assessment's level, or none (未评估) */
  level: overviewLevel,
  assessmentId: z.string().nullable(),
  assessedOn: z.string().nullable(),
  total: z.number().nullable(),
  max: z.number().nullable(),
  percent: z.number().nullable(),
  /** an assessment under way */
  draftId: z.string().nullable(),
});
export type OverviewItem = z.infer<typeof overviewItem>;

export const overview = z.object({
  /** per town in the caller's scope (with the kind and words filters, whatever the level filter) */
  towns: z.array(z.object({ regionCode: z.string(), regionName: z.string(), counts: levelCounts })),
  totals: levelCounts,
  /** venues matching every filter */
  total: z.number(),
  items: z.array(overviewItem),
});

// ---- The public answer ----

export const levelsQuery = z.object({
  /** venue ids, separated by commas (at most 50) */
  venue: z.string().max(3100).transform((v, ctx) => {
    const ids = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
    if (ids.length === 0 || ids.length > 50) ctx.addIssue({ code: 'custom', message: '请提供 1 到 50 个场所编号，用逗号分隔' });
    if (ids.some((id) => !/^[A-Za-z0-9_-]{1,60}$/.test(id))) ctx.addIssue({ code: 'custom', message: '场所编号不正确' });
    return ids;
  }),
});

/** Venues whose latest finalised assessment reached a level (others are left out: not assessed, or below 基础型). */
export const publicLevels = z.object({
  items: z.array(z.object({
    venueId: z.string(),
    level: venueLevel,
    levelLabel: z.string(),
    assessedOn: z.string(),
  })),
});
