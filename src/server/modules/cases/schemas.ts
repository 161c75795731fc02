import { z } from 'zod';
import {
  CASE_ACTION_NAMES, CASE_ACTIONS, CASE_STATUS_CODES, CASE_STEPS, DELIVERY_METHODS, MATERIAL_SUBMISSION_SOURCES, WARNING_LEVELS, type CaseActionName,
} from '../../../shared/cases.js';
import { formValuesSchema, storedFormDefinitionSchema } from '../../../shared/forms.js';
import { HANDLING_MODES } from '../../../shared/catalog.js';
import { isValidIdNumber, isValidUscc, normaliseIdNumber } from '../../../shared/validators.js';
import { pageQuery } from '../../platform/openapi.js';
import { DOCUMENT_KIND_CODES } from './documents.js';
import { freeText, itemCode, mobileSchema, personName, regionCode } from '../../../shared/fields.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export { freeText, itemCode };
const requiredText = (max: number, message: string) => freeText(max).min(1, message);

const orgName = z
  .string()
  .trim()
  .min(2, '请输入单位名称')
  .max(100, '单位名称不超过 100 字')
  .regex(/^[\p{Script=Han}A-Za-z0-9（）()·・.\- ]+$/u, '单位名称包含不允许的字符');

const materialId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '材料编号格式不正确');
const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,49}$/, '字段名为字母开头的字母、数字、下划线或点');

export const applicantInput = z
  .strictObject({
    kind: z.enum(['person', 'org']).default('person'),
    name: z.string().trim().min(1, '请输入申请人名称').max(100),
    idType: z.enum(['id_card', 'uscc']).default('id_card'),
    idNumber: z.string().trim().max(18, '证件号码为 18 位').transform(normaliseIdNumber),
    phone: mobileSchema,
    address: freeText(200).default(''),
    /** 法定代表人 (organisations) */
    legalRep: personName.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'person' && a.idType !== 'id_card') ctx.addIssue({ code: 'custom', path: ['idType'], message: '个人申请人的证件类型为居民身份证' });
    if (a.kind === 'org' && a.idType !== 'uscc') ctx.addIssue({ code: 'custom', path: ['idType'], message: '单位申请人的证件类型为统一社会信用代码' });
    if (a.idType === 'id_card' && !isValidIdNumber(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '身份证号码不正确（请核对校验位）' });
    if (a.idType === 'uscc' && !isValidUscc(a.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '统一社会信用代码不正确（请核对校验位）' });
    const nameCheck = (a.kind === 'person' ? personName : orgName).safeParse(a.name);
    if (!nameCheck.success) ctx.addIssue({ code: 'custom', path: ['name'], message: nameCheck.error.issues[0]?.message ?? '名称不正确' });
    if (a.kind === 'org' && !a.legalRep) ctx.addIssue({ code: 'custom', path: ['legalRep'], message: '请填写法定代表人' });
  });
export type ApplicantInput = z.infer<typeof applicantInput>;

/**
 * The applicant as a request carries it: the shape only, bounded in size. Its content
 * (applicantInput: names, the ID number's check digit, a mobile number) is checked by the
 * service together with the rest of the application — declaration, form, 情形引导, materials,
 * delivery — so one answer lists every problem (window intake shows them all at once).
 */
const applicantFields = z.strictObject({
  kind: z.enum(['person', 'org']).default('person'),
  name: z.string().max(200, '名称过长'),
  idType: z.enum(['id_card', 'uscc']).default('id_card'),
  idNumber: z.string().max(40, '证件号码过长'),
  phone: z.string().max(40, '手机号码过长'),
  address: z.string().max(400, '地址过长').default(''),
  legalRep: z.string().max(100, '姓名过长').optional(),
});

export const materialInput = z.strictObject({
  materialId,
  source: z.enum(keys(MATERIAL_SUBMISSION_SOURCES)),
  /** an uploaded file (POST /cases/uploads) when source is upload */
  fileId: z.string().uuid('文件编号格式不正确').optional(),
  /** window intake: the original was checked against the copy (已核验原件) */
  checkedOriginal: z.boolean().default(false),
  copies: z.number().int().min(0).max(99).default(0),
});
export type MaterialInput = z.infer<typeof materialInput>;

/** Form answers: structure here; the item's form definition is checked by validateForm in the service. */
export const formData = formValuesSchema;

export const submitBody = z.strictObject({
  itemCode,
  /** where the application is received: the town or village whose list offers the item */
  regionCode,
  /** required for staff intake; a citizen's own details are filled from the profile. Content checked as applicantInput, with the application's other problems */
  applicant: applicantFields.optional(),
  materials: z.array(materialInput).max(60).default([]),
  formData: formData.default({}),
  /** 情形引导 answers: { situationId: optionId }; they decide which conditional materials are required */
  situationAnswers: z.record(z.string().max(40), z.string().max(40)).refine((o) => Object.keys(o).length <= 10, '情形不超过 10 个').default({}),
  deliveryMethod: z.enum(keys(DELIVERY_METHODS)).default('pickup'),
  /** 邮寄送达 address (required when deliveryMethod is post) */
  deliveryAddress: freeText(200).optional(),
  /** staff only: window intake (一窗受理) or a helper applying on someone's behalf (帮办代办) */
  intakeChannel: z.enum(['window', 'assist']).optional(),
  /** 代办 (intakeChannel assist): the help request whose recorded consent (短信验证码 or 委托书) the application uses — required */
  helpRequestId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, '求助编号不正确').optional(),
  /** staff only: 绿色通道 — the applicant is elderly, disabled, seriously ill or cannot get about; the case comes first in the queues */
  greenChannel: z.boolean().optional(),
  /** 申请人承诺 (declaration): must be true; false is reported with the application's other problems */
  declaration: z.boolean(),
});
export type SubmitInput = z.infer<typeof submitBody>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Idempotency-Key 为 8–100 位字母、数字或 _ . : -').optional(),
});

const version = z.number().int().min(1).optional().describe('the case version the page showed; a different current version gives 409 CASE_STATE_CHANGED');
const opinion = freeText(1000).default('');
const reason = (what: string) => requiredText(1000, `请填写${what}`);

const correctionItem = z
  .strictObject({
    materialId: materialId.optional(),
    field: fieldKey.optional(),
    reason: requiredText(300, '请说明需要补正的内容'),
  })
  .refine((i) => (i.materialId === undefined) !== (i.field === undefined), '每一项补正须指明一份材料（materialId）或一个字段（field）');

export const actionBodies = {
  accept: z.strictObject({ version, opinion }),
  'request-correction': z.strictObject({ version, opinion, items: z.array(correctionItem).min(1, '请列出需要补正的全部内容').max(60) }),
  resubmit: z.strictObject({ version, opinion, materials: z.array(materialInput).max(60).default([]), formData: formData.default({}) }),
  refuse: z.strictObject({ version, reason: reason('不予受理的理由') }),
  approve: z.strictObject({ version, opinion, resultNote: freeText(200).optional() }),
  deny: z.strictObject({ version, reason: reason('不予许可的理由') }),
  return: z.strictObject({ version, reason: reason('退回理由') }),
  transfer: z.strictObject({ version, toRegionCode: regionCode, reason: reason('转办理由') }),
  extend: z.strictObject({ version, days: z.number().int().min(1).max(60), reason: reason('延期理由') }),
  pause: z.strictObject({ version, procedure: requiredText(50, '请填写特别程序名称（如专家评审、现场勘查）'), reason: reason('特别程序的理由') }),
  resume: z.strictObject({ version, opinion }),
  withdraw: z.strictObject({ version, reason: freeText(1000).default('') }),
  terminate: z.strictObject({ version, reason: reason('终止理由') }),
  forward: z.strictObject({ version, opinion }),
  deliver: z.strictObject({
    version, method: z.enum(keys(DELIVERY_METHODS)), opinion,
    /** 邮寄: the postal tracking number (邮件单号) and, if different from the application's, the address */
    trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,30}$/, '邮件单号为 6–30 位字母或数字').optional(),
    address: freeText(200).min(5, '请填写完整的收件地址').optional(),
  }),
} satisfies Record<CaseActionName, z.ZodType>;
export type ActionBody<A extends CaseActionName> = z.infer<(typeof actionBodies)[A]>;
/** The same table, typed per action (so indexing it with a generic action keeps the action's body type). */
const actionBodySchemas: { readonly [A in CaseActionName]: z.ZodType<ActionBody<A>, z.input<(typeof actionBodies)[A]>> } = actionBodies;
/**
 * An action's body, typed for it. The route has validated the request with the same schema
 * (fastify's types cannot carry a generic action's body type through); parsing its output again
 * is cheap and idempotent, and gives the handler `ActionBody<A>` without a cast.
 */
export const parseActionBody = <A extends CaseActionName>(action: A, body: unknown): ActionBody<A> => actionBodySchemas[action].parse(body);

export const caseIdParams = z.object({ id: z.string().uuid('办件编号格式不正确') });
export const documentParams = caseIdParams.extend({
  kind: z.enum(DOCUMENT_KIND_CODES, { message: '文书种类应为 acceptance（受理通知书）、refusal（不予受理通知书）、correction（补正材料告知书）或 completion（办结通知书）' }),
});

export const listQuery = z.object({
  status: z.enum(CASE_STATUS_CODES).optional(),
  item: itemCode.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** a case number (or its leading digits) or the applicant's name (or part of it) */
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  /** only cases received or handled in this region or under it (within the actor's scope) */
  region: regionCode.optional(),
  /** 等我处理: only the cases waiting for the signed-in person (an action that moves them on is theirs) */
  awaiting: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

/** 我代办的: the cases the signed-in staff member took in, by status, waiting for them, or by number or name. */
export const takenInQuery = z.object({
  status: z.enum(CASE_STATUS_CODES).optional(),
  awaiting: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(50, '搜索词不超过 50 字').optional(),
  ...pageQuery,
});

export const licenceMatchQuery = z.object({ item: itemCode, region: regionCode });
export const licenceMatches = z.object({ items: z.array(z.object({ materialId: z.string(), licenceType: z.string(), available: z.boolean() })) });

export const trackQuery = z.object({
  caseNo: z.string().trim().regex(/^\d{25}$/, '办件编号为 25 位数字'),
  phone: mobileSchema,
});

const statusEnum = z.enum(CASE_STATUS_CODES);
/**
 * An event of a case. Staff see every event as recorded: the action's name, the person who acted
 * (`姓名(用户名)`), on whose behalf. The applicant (a citizen's /cases/:id and /cases/mine) sees the
 * milestones only (shared/case-progress.ts): `actionLabel` in plain words (已提交, 已受理, 决定准予…),
 * `actorName` 申请人 for their own events and null otherwise, `office` for staff, no on-behalf note,
 * `opinion` only where they are owed a reason.
 */
const eventView = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actorName: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  /** the public office where staff took the event (钢山街道为民服务中心); null for the applicant's own */
  office: z.string().nullable(),
  channel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  step: z.string(),
  opinion: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const caseSummary = z.object({
  id: z.string(),
  caseNo: z.string(),
  version: z.number(),
  itemCode: z.string(),
  itemName: z.string(),
  status: statusEnum,
  statusLabel: z.string(),
  step: z.enum(keys(CASE_STEPS)),
  regionCode: z.string(),
  regionName: z.string(),
  handlingRegionCode: z.string(),
  handlingRegionName: z.string(),
  currentRegionCode: z.string(),
  applicantName: z.string(),
  applicantIdMasked: z.string(),
  phoneMasked: z.string(),
  channel: z.string(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  daysLeft: z.number().nullable(),
  warning: z.enum(keys(WARNING_LEVELS)),
  paused: z.boolean(),
  /** 绿色通道: first in the queues while open (special groups) */
  greenChannel: z.boolean(),
});

/** One warning of the form's eligibility rules (shared/eligibility.ts EligibilityWarning). */
export const eligibilityWarningView = z.object({
  rule: z.number(),
  kind: z.enum(['age', 'residence']),
  status: z.enum(['fails', 'unchecked']).describe('fails: the rule does not hold; unchecked: it could not be checked (check by hand)'),
  message: z.string(),
});

/** The case's own workflow, fixed when it was submitted (workflow.ts Workflow). */
export const workflowView = z.object({
  steps: z.array(z.object({
    step: z.enum(keys(CASE_STEPS)),
    name: z.string(),
    role: z.enum(['window_clerk', 'approver']),
    at: z.enum(['receiving', 'handling']),
  })),
  preReviewOnline: z.boolean(),
  collectOnly: z.boolean(),
  handlingMode: z.enum(keys(HANDLING_MODES)).nullable(),
  tongbanScope: z.string(),
  materials: z.array(z.object({ id: z.string(), name: z.string(), necessity: z.string(), licenceType: z.string().nullable() })),
  decidedBy: z.enum(['approver', 'window_clerk']).optional(),
});

/** 一次性告知: what the applicant was asked to correct, each material or field with its reason. */
export const correctionNoticeView = z.object({
  at: z.string(),
  opinion: z.string(),
  items: z.array(z.object({ materialId: z.string().optional(), field: z.string().optional(), reason: z.string(), name: z.string() })),
});

export const caseDetail = caseSummary.extend({
  itemLevel: z.string(),
  /** the item's 事项类型 code (05 行政给付 …) as the published catalog has it; null when the item is no longer there */
  itemType: z.string().nullable().optional(),
  applicantKind: z.string(),
  address: z.string(),
  legalRep: z.string().nullable(),
  /** who took the case in (window intake, 帮办代办): the staff member's name; for the applicant, the office */
  agentName: z.string().nullable(),
  /** 代办: the help request it came from and how the applicant consented (staff only; null otherwise) */
  assistance: z.object({
    helpRequestId: z.string(),
    requestNo: z.string(),
    method: z.enum(['sms', 'letter']),
    methodLabel: z.string(),
    /** when the applicant consented */
    at: z.string(),
  }).nullable(),
  /**
   * A citizen who applied online as themselves: verified (实名核验 passed) or declared (本人申报、未核验);
   * null for window intake, 代办 and organisations (staff checked the applicant's documents there).
   */
  applicantRealName: z.enum(['verified', 'declared']).nullable(),
  /**
   * 可能不符合受理条件: what the form's eligibility rules said of the application at submission (and
   * after each 补正): a rule that fails, or could not be checked (check by hand). Warnings only;
   * accepting a case that has any asks for the reason (opinion).
   */
  eligibilityWarnings: z.array(eligibilityWarningView),
  /** 一件事: the cases it was submitted with (id = the theme application's, 我的一件事), how many, how many decided; null for a case of its own */
  group: z.object({ id: z.string(), label: z.string(), size: z.number(), decided: z.number() }).nullable(),
  formData: z.record(z.string(), z.unknown()),
  /** the item's form when the case was submitted (labels and rules for formData) */
  formDefinition: storedFormDefinitionSchema.nullable(),
  situationAnswers: z.record(z.string(), z.string()),
  deliveryAddress: z.string().nullable(),
  deliveryTrackingNo: z.string().nullable(),
  promisedDays: z.number().nullable(),
  extendedDays: z.number(),
  pausedDays: z.number(),
  correctionNotice: correctionNoticeView.nullable(),
  result: z.string().nullable(),
  resultNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  deliveryMethod: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  workflow: workflowView,
  materials: z.array(z.object({
    materialId: z.string(), name: z.string(), source: z.string(), fileId: z.string().nullable(),
    /** the uploaded file's name, type (application/pdf, image/jpeg …) and size: what the case page previews */
    file: z.object({ name: z.string(), mime: z.string(), size: z.number() }).nullable(),
    licenceRef: z.string().nullable(), checkedOriginal: z.boolean(), copies: z.number(), addedAt: z.string(),
  })),
  events: z.array(eventView),
  allowedActions: z.array(z.enum(CASE_ACTION_NAMES as [CaseActionName, ...CaseActionName[]])),
  /** 受理通知书 etc.: which can be downloaded now (GET /cases/:id/documents/:kind) */
  documents: z.array(z.object({ kind: z.enum(DOCUMENT_KIND_CODES), title: z.string(), available: z.boolean() })),
});

/** A staff list of cases: each says whether it waits for the person asking (等我处理: an action that moves it on is theirs). */
export const caseList = z.object({ total: z.number(), items: z.array(caseSummary.extend({ awaitsMe: z.boolean() })) });
/** The queue's tabs: cases in the signed-in staff member's scope, all and per status. */
export const statusCounts = z.object({ total: z.number(), byStatus: z.record(statusEnum, z.number()), awaiting: z.number().describe('等我处理：其中等待本人办理的件数') });
export const mineList = z.object({ total: z.number(), items: z.array(caseSummary.extend({ events: z.array(eventView) })) });

/** The new case; `eligibilityWarnings`: what the form's eligibility rules said (可能不符合受理条件 — submitted all the same). */
export const submitResult = z.object({ id: z.string(), caseNo: z.string(), status: statusEnum, statusLabel: z.string(), eligibilityWarnings: z.array(eligibilityWarningView) });

/**
 * 办件查询 (API-CONTRACT.md: exactly these fields). `status` and each event's `action` are the
 * applicant's words (shared/case-progress.ts): the milestones once each, ending with the outcome;
 * no names of staff.
 */
export const trackResult = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  status: z.string(),
  dueDate: z.string().nullable(),
  events: z.array(z.object({ at: z.string(), action: z.string() })),
});

export const overdueReport = z.object({
  asOf: z.string(),
  items: z.array(z.object({ regionCode: z.string(), regionName: z.string(), open: z.number(), yellow: z.number(), red: z.number() })),
});

export const uploadResult = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() });

export const actionLabels = CASE_ACTIONS;

// The workflow a case carries, as the web app shows it.
export type { Workflow, WorkflowMaterial, WorkflowStep } from './workflow.js';
