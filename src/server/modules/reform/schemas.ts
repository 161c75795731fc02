/**
 * The reform module's contract (改革任务). The web app infers its types from these (type-only
 * imports).
 */
import { z } from 'zod';
import { freeText, regionCode } from '../../../shared/fields.js';
import { REFORM_EVENT_CODES, REFORM_EVIDENCE_PER_REPORT, REFORM_STATUS_CODES } from '../../../shared/reform.js';

const chinaDay = (what: string) => z.string({ error: `请填写${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${what}格式应为 YYYY-MM-DD`);
const version = z.number({ error: '缺少版本号' }).int().min(1);
const unitName = z.string().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称不超过 60 字');
const percent = z.number({ error: '完成进度应为 0 到 100 的整数' }).int('完成进度应为 0 到 100 的整数').min(0, '完成进度应为 0 到 100 的整数').max(100, '完成进度应为 0 到 100 的整数');

export const taskIdParams = z.object({ id: z.string().uuid('任务编号不正确') });

export const taskBody = z.strictObject({
  title: freeText(100).min(2, '请填写任务名称（至少 2 个字）'),
  /** 工作要求 */
  requirement: freeText(4000).default(''),
  /** 任务来源, e.g. «邹城市镇街村居便民服务体系建设实施方案» 三、(二) */
  source: freeText(200).default(''),
  /** decompose: the task this one is a sub-task of */
  parentId: z.string().uuid('上级任务编号不正确').optional(),
  /** 牵头单位 */
  leadUnit: unitName,
  /** the city or one town: whose staff report on it */
  leadRegion: regionCode,
  /** 配合单位 */
  cooperating: z.array(unitName).max(20, '配合单位最多 20 个').default([]),
  /** 完成时限 (China date) */
  deadline: chinaDay('完成时限'),
});
export type TaskInput = z.infer<typeof taskBody>;

export const taskEditBody = taskBody.omit({ parentId: true }).extend({ version });

export const taskListQuery = z.object({
  status: z.enum(REFORM_STATUS_CODES, { error: `状态应为以下之一：${REFORM_STATUS_CODES.join('、')}` }).optional(),
  /** tasks led by this region (the city or a town) */
  region: regionCode.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  dueSoon: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(40, '关键词不超过 40 字').optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

const flags = {
  /** the deadline has passed and it is not 已完成 (nor reported done on time, awaiting the city) */
  overdue: z.boolean(),
  /** 临期: not done, the deadline within 5 working days */
  dueSoon: z.boolean(),
};

export const taskSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  depth: z.number().int(),
  title: z.string(),
  source: z.string(),
  /** the titles of the tasks above it, top first (context for a town that sees only its own) */
  path: z.array(z.string()),
  leadUnit: z.string(),
  leadRegion: z.object({ code: z.string(), name: z.string() }),
  cooperating: z.array(z.string()),
  deadline: z.string(),
  /** a parent's status and progress summarise its sub-tasks */
  status: z.enum(REFORM_STATUS_CODES),
  statusLabel: z.string(),
  progress: z.number().int(),
  ...flags,
  /** returned by the city and not yet reported done again: the reason */
  returnedReason: z.string().nullable(),
  subtasks: z.number().int(),
  lastReportOn: z.string().nullable(),
  version: z.number().int(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const leadSummary = z.object({
  leadUnit: z.string(),
  leadRegion: z.object({ code: z.string(), name: z.string() }),
  tasks: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  awaiting: z.number().int(),
  notStarted: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  /** the average latest progress of its tasks (%), one decimal */
  avgProgress: z.number(),
});
export type LeadSummary = z.infer<typeof leadSummary>;

export const taskList = z.object({
  /** the China date the flags were computed for */
  today: z.string(),
  /** by lead unit and region, the worst first (most overdue, then the least progress); over the tasks without sub-tasks */
  summary: z.array(leadSummary),
  items: z.array(taskSummary),
  /** what this person may do: manage (create, decompose, edit, accept, return, remind) */
  canManage: z.boolean(),
});
export type TaskList = z.infer<typeof taskList>;

export const evidenceView = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), url: z.string() });

export const eventView = z.object({
  id: z.string(),
  kind: z.enum(REFORM_EVENT_CODES),
  kindLabel: z.string(),
  at: z.string(),
  by: z.string(),
  reportedOn: z.string().nullable(),
  percent: z.number().int().nullable(),
  done: z.string().nullable(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  note: z.string().nullable(),
  evidence: z.array(evidenceView),
});

export const taskDetail = taskSummary.extend({
  requirement: z.string(),
  ancestors: z.array(z.object({ id: z.string(), title: z.string(), visible: z.boolean() })),
  children: z.array(taskSummary),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  remindedAt: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(eventView),
  /** evidence uploaded by this person for the task and not yet named by a report */
  pendingEvidence: z.array(evidenceView),
  /** what this person may do now */
  actions: z.array(z.enum(['report', 'edit', 'decompose', 'accept', 'return', 'remind'])),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const reportBody = z.strictObject({
  /** the date the report is about (not after today) */
  reportedOn: chinaDay('填报日期'),
  percent,
  done: freeText(2000).min(2, '请填写本期完成情况'),
  problems: freeText(2000).default(''),
  nextSteps: freeText(2000).default(''),
  /** evidence files uploaded with POST /reform-tasks/{id}/evidence */
  evidence: z.array(z.string().uuid('证明材料编号不正确')).max(REFORM_EVIDENCE_PER_REPORT, `每次填报最多 ${REFORM_EVIDENCE_PER_REPORT} 个证明材料`).default([]),
  version,
});
export type ReportInput = z.infer<typeof reportBody>;

export const acceptBody = z.strictObject({ note: freeText(1000).default(''), version });
export const returnBody = z.strictObject({ reason: freeText(1000).min(4, '请填写退回原因（至少 4 个字）'), version });
export const remindBody = z.strictObject({ message: freeText(500).default(''), version });

export const uploadedEvidence = evidenceView;
