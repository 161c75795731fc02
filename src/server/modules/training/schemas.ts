/**
 * The training module's contract (培训记录). 学时 travel as numbers in 0.5 steps; dates as China
 * dates (YYYY-MM-DD). The web app infers its types from these (type-only imports).
 */
import { z } from 'zod';
import { freeText, mobileSchema, personName, regionCode } from '../../../shared/fields.js';
import {
  ASSESSMENT_CODES, ATTENDANCE_CODES, MAX_TRAINING_HOURS, TRAINING_FORM_CODES, TRAINING_FORMS, TRAINING_STATUS_CODES,
} from '../../../shared/training.js';
import { isValidDate } from '../../platform/calendar.js';
import { pageQuery } from '../../platform/openapi.js';

const day = (what: string) => z.string({ error: `请填写${what}` }).refine(isValidDate, `${what}应为有效日期（YYYY-MM-DD）`);

const HOURS_MESSAGE = `学时应大于 0、不超过 ${MAX_TRAINING_HOURS}，以 0.5 为单位（如 1.5）`;
/** 学时: > 0, in 0.5 steps */
export const hours = z.number({ error: HOURS_MESSAGE }).refine((h) => h > 0 && h <= MAX_TRAINING_HOURS && Number.isInteger(h * 2), HOURS_MESSAGE);
/** 学时 credited to a participant: 0 allowed (absent, or left early without credit) */
const creditedHours = z.number({ error: '计入学时应为 0 或以 0.5 为单位的数（如 1.5）' })
  .refine((h) => h >= 0 && h <= MAX_TRAINING_HOURS && Number.isInteger(h * 2), '计入学时应为 0 或以 0.5 为单位的数（如 1.5）');

const text = (what: string, max: number, required = true) => (required ? freeText(max).min(1, `请填写${what}`) : freeText(max));

export const trainingForm = z.enum(TRAINING_FORM_CODES, { error: `培训形式应为以下之一：${Object.values(TRAINING_FORMS).join('、')}` });

const sessionFields = {
  topic: text('培训主题', 100),
  /** first (or only) day */
  startOn: day('培训日期'),
  /** last day of a multi-day course; null or absent for one day */
  endOn: day('结束日期').nullable().optional(),
  hours,
  /** 授课人 */
  trainer: text('授课人', 50),
  trainerUnit: text('授课人单位', 100, false).optional(),
  place: text('培训地点', 100, false).optional(),
  form: trainingForm,
  /** the organiser: the city or a town (training.manage over it) */
  regionCode,
  summary: text('培训内容', 2000, false).optional(),
  status: z.enum(TRAINING_STATUS_CODES, { error: '状态应为 planned（计划中）或 held（已举办）' }).default('held'),
};

export const sessionBody = z.strictObject(sessionFields);
export type SessionInput = z.infer<typeof sessionBody>;
export const sessionUpdateBody = z.strictObject({ ...sessionFields, version: z.number().int().min(1) });
export type SessionUpdate = z.infer<typeof sessionUpdateBody>;

export const sessionIdParams = z.object({ id: z.string().min(1).max(64) });
export const caseParams = z.object({ id: z.string().min(1).max(64), practiceId: z.string().min(1).max(64) });
export const caseBody = z.strictObject({
  practiceId: z.string({ error: '请选择一个已发布的典型案例' }).uuid('案例编号不正确'),
  version: z.number({ error: '缺少版本号 version（读取培训时得到的）' }).int().min(1),
});
export const caseRemoveQuery = z.object({ version: z.coerce.number({ error: '缺少版本号 version（读取培训时得到的）' }).int().min(1) });
export const caseChoiceQuery = z.object({ q: z.string().trim().max(50).optional() });
export const caseChoiceList = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), regionName: z.string(), recommended: z.boolean() })),
});
export const participantParams = z.object({ id: z.string().min(1).max(64), participantId: z.string().min(1).max(64) });
export const materialParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });
export const staffIdParams = z.object({ staffId: z.string().min(1).max(64) });

export const sessionListQuery = z.object({
  /** a calendar year (sessions starting in it) */
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  from: day('开始日期').optional(),
  to: day('截止日期').optional(),
  region: regionCode.optional(),
  form: trainingForm.optional(),
  status: z.enum(TRAINING_STATUS_CODES).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type SessionListQuery = z.infer<typeof sessionListQuery>;
export const sessionExportQuery = sessionListQuery.omit({ page: true, pageSize: true });

export const summaryQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  region: regionCode.optional(),
});

export const candidateQuery = z.object({
  /** the session's organiser: accounts of its subtree */
  regionCode,
  q: z.string().trim().max(50).optional(),
});

export const externalParticipant = z.strictObject({
  name: personName,
  /** 单位 (e.g. 钢山街道北关社区) */
  unit: text('所在单位', 100),
  phone: mobileSchema.optional(),
});

export const participantsBody = z.strictObject({
  staffIds: z.array(z.string().min(1).max(64)).max(200, '一次最多添加 200 人').default([]),
  externals: z.array(externalParticipant).max(200, '一次最多添加 200 人').default([]),
}).refine((b) => b.staffIds.length + b.externals.length > 0, { message: '请至少选择一名参训人员', path: ['staffIds'] });

export const participantUpdateBody = z.strictObject({
  attendance: z.enum(ATTENDANCE_CODES, { error: '参训情况应为 attended（已参训）、absent（缺席）或 leave（请假）' }),
  /** 学时 credited; absent or leave counts 0 whatever is sent; when left out, the session's */
  hours: creditedHours.optional(),
  assessment: z.enum(ASSESSMENT_CODES, { error: '考核结果应为 passed（合格）或 failed（不合格）' }).nullable().optional(),
  score: z.number({ error: '考核成绩应为 0 到 100 的整数' }).int('考核成绩应为 0 到 100 的整数').min(0, '考核成绩应为 0 到 100 的整数').max(100, '考核成绩应为 0 到 100 的整数').nullable().optional(),
  version: z.number().int().min(1),
});
export type ParticipantUpdate = z.infer<typeof participantUpdateBody>;

export const sessionSummaryView = z.object({
  id: z.string(),
  topic: z.string(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  hours: z.number(),
  trainer: z.string(),
  trainerUnit: z.string(),
  place: z.string(),
  form: trainingForm,
  formLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(TRAINING_STATUS_CODES),
  statusLabel: z.string(),
  participants: z.number().int(),
  attended: z.number().int(),
  version: z.number().int(),
});

export const sessionList = z.object({ total: z.number().int(), items: z.array(sessionSummaryView) });

export const participantView = z.object({
  id: z.string(),
  kind: z.enum(['staff', 'external']),
  staffId: z.string().nullable(),
  name: z.string(),
  username: z.string().nullable(),
  unit: z.string(),
  /** an outsider's phone, masked (138****0001) */
  phoneMasked: z.string().nullable(),
  attendance: z.enum(ATTENDANCE_CODES),
  attendanceLabel: z.string(),
  hours: z.number(),
  assessment: z.enum(ASSESSMENT_CODES).nullable(),
  assessmentLabel: z.string().nullable(),
  score: z.number().int().nullable(),
  version: z.number().int(),
});

export const materialView = z.object({ fileId: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), url: z.string(), uploadedAt: z.string() });

/** A 教学案例: a published 典型案例 the session cites (the portal's page while it stays published). */
export const teachingCaseView = z.object({
  practiceId: z.string(),
  title: z.string(),
  regionName: z.string(),
  /** still on the portal; false: withdrawn since (已撤下), shown without a link */
  published: z.boolean(),
  /** recommended by the city for training */
  recommended: z.boolean(),
  statusLabel: z.string(),
  /** the portal's page (/practices/{id}), null once withdrawn */
  url: z.string().nullable(),
});

export const sessionView = sessionSummaryView.extend({
  summary: z.string(),
  participantList: z.array(participantView),
  materials: z.array(materialView),
  cases: z.array(teachingCaseView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const addParticipantsResult = z.object({
  added: z.number().int(),
  /** people already on the list (left as they were) */
  alreadyListed: z.array(z.string()),
  session: sessionView,
});

export const candidateList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string(), regionName: z.string(), listed: z.boolean().optional() })),
});

const figures = { sessions: z.number().int(), held: z.number().int(), hours: z.number(), people: z.number().int(), personHours: z.number() };

export const summaryView = z.object({
  year: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  totals: z.object(figures),
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...figures })),
});

export const personRecord = z.object({
  person: z.object({ id: z.string(), name: z.string(), username: z.string(), regionName: z.string() }),
  /** 学时 of held sessions attended, per year, newest first */
  years: z.array(z.object({ year: z.number().int(), sessions: z.number().int(), hours: z.number() })),
  totalHours: z.number(),
  sessions: z.array(z.object({
    sessionId: z.string(), topic: z.string(), startOn: z.string(), endOn: z.string().nullable(), form: trainingForm, formLabel: z.string(),
    organiser: z.string(), trainer: z.string(), status: z.enum(TRAINING_STATUS_CODES), statusLabel: z.string(),
    attendance: z.enum(ATTENDANCE_CODES), attendanceLabel: z.string(), hours: z.number(), assessmentLabel: z.string().nullable(), score: z.number().int().nullable(),
  })),
});
export type PersonRecord = z.infer<typeof personRecord>;
