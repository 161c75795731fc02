/**
 * The themes module's contract (一件事): GET /api/v1/themes → { items: [{ code, name, itemCodes }] }
 * and GET /api/v1/themes/{code} → its items, merged form and deduplicated materials
 * (docs/API-CONTRACT.md; more fields allowed).
 */
import { z } from 'zod';
import { applicantInput } from '../cases/index.js';
import { DELIVERY_METHODS } from '../../../shared/cases.js';
import { freeText, itemCode, regionCode } from '../../../shared/fields.js';
import { FIELD_KEY_PATTERN, formFieldSchema, formValuesSchema } from '../../../shared/forms.js';
import { ENTERPRISE_STAGES, LIFE_EVENTS, THEME_SUBJECTS, themeCode, themeDefinitionSchema, themeQuestionSchema, type ThemeSubject } from '../../../shared/themes.js';

const SUBJECTS = Object.keys(THEME_SUBJECTS) as [ThemeSubject, ...ThemeSubject[]];
const CATEGORIES = [...Object.keys(LIFE_EVENTS), ...Object.keys(ENTERPRISE_STAGES)] as [string, ...string[]];

export const themeListQuery = z.object({
  /** only the themes offered at this place (the county's and its town's) */
  region: regionCode.optional(),
  subject: z.enum(SUBJECTS, { error: `subject 应为 person（个人）或 enterprise（企业）` }).optional(),
  category: z.enum(CATEGORIES, { error: `category 应为以下之一：${CATEGORIES.join('、')}` }).optional(),
});

export const themeParams = z.object({ code: themeCode });
export const themeQuery = z.object({ region: regionCode.optional() });

const heading = {
  code: z.string(),
  name: z.string(),
  /** person | enterprise, and 个人 | 企业 */
  subject: z.enum(SUBJECTS),
  subjectLabel: z.string(),
  /** a life event (birth…) or an enterprise stage (opening…), and its name (出生…) */
  category: z.string(),
  categoryLabel: z.string(),
  summary: z.string(),
  /** 牵头部门 */
  leadBody: z.string(),
  /** 承诺时限 of the whole theme, working days */
  promisedDays: z.number().int(),
  itemCount: z.number().int(),
  /** the theme's page on this site */
  path: z.string(),
  /** 适用范围: a town's own theme (offered at that town and its villages), or null: the whole county */
  offeredIn: z.object({ code: z.string(), name: z.string() }).nullable(),
};

export const themeList = z.object({
  items: z.array(z.object({
    ...heading,
    itemCodes: z.array(z.string()),
    items: z.array(z.object({ code: z.string(), name: z.string() })),
  })),
  /** each subject's categories with how many published themes each has */
  categories: z.array(z.object({
    subject: z.enum(SUBJECTS),
    label: z.string(),
    categories: z.array(z.object({ code: z.string(), label: z.string(), count: z.number().int() })),
  })),
});

export const themeDetail = z.object({
  ...heading,
  version: z.number().int(),
  publishedAt: z.string(),
  /** the place the items are shown for (their local details), or null */
  region: z.string().nullable(),
  /** 情形引导: the answers decide which items apply */
  questions: z.array(themeQuestionSchema),
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    note: z.string(),
    department: z.string(),
    implementingBody: z.string(),
    promisedDays: z.number().int().nullable(),
    onlineApplication: z.boolean(),
    /** the place offers it (always true without a region) */
    available: z.boolean(),
    unavailableReason: z.string().nullable(),
    /** applies only when the question's answer is one of these (null: always) */
    when: z.object({ question: z.string(), questionText: z.string(), anyOf: z.array(z.string()), answers: z.array(z.string()) }).nullable(),
    /** the item's own guide */
    guidePath: z.string(),
    /** the item's own 情形引导, answered per item when applying (they decide its conditional materials) */
    situations: z.array(z.object({ id: z.string(), question: z.string(), options: z.array(z.object({ id: z.string(), label: z.string() })) })),
  })),
  /** 合并表单: asked once, copied into each item listed in usedBy */
  sharedFields: z.array(formFieldSchema.extend({
    usedBy: z.array(z.string()),
    /** the item fields the answer is copied into (an item field shown only for a shared answer needs it) */
    mapsTo: z.array(z.object({ itemCode: z.string(), fieldKey: z.string() })),
  })),
  /** what only one item asks */
  itemFields: z.array(z.object({ itemCode: z.string(), itemName: z.string(), fields: z.array(formFieldSchema) })),
  /** 材料清单, each material once, with the items that need it */
  materials: z.array(z.object({
    key: z.string(),
    name: z.string(),
    licenceType: z.string().nullable(),
    required: z.boolean(),
    usedBy: z.array(z.object({ itemCode: z.string(), materialId: z.string(), itemName: z.string() })),
  })),
  /** fields and materials the items ask in all, and as the theme asks them */
  counts: z.object({ itemFields: z.number().int(), askedFields: z.number().int(), itemMaterials: z.number().int(), askedMaterials: z.number().int() }),
  /** the theme does not fit an item's current form (for administrators; empty when all is well) */
  problems: z.array(z.string()),
});

// ───────────────────────── applying ─────────────────────────

const prefilled = z.object({
  values: z.record(z.string(), z.unknown()),
  /** where each value came from (取自个人资料, 取自某次申请), so the page can mark it */
  sources: z.record(z.string(), z.object({ kind: z.enum(['profile', 'previous']), caseNo: z.string().optional(), at: z.string().optional(), label: z.string() })),
});

/** GET /themes/:code/prefill: the shared fields' answers by their keys, and each item's own fields' by item. */
export const themePrefill = z.object({ shared: prefilled, items: z.record(z.string(), prefilled) });

const answerKey = z.string().regex(FIELD_KEY_PATTERN, '问题标识不正确');
const DELIVERY = Object.keys(DELIVERY_METHODS) as [keyof typeof DELIVERY_METHODS, ...(keyof typeof DELIVERY_METHODS)[]];

/** POST /themes/:code/applications: the whole theme in one submission. */
export const themeApplicationBody = z.strictObject({
  /** where it is applied for: the town or village (each item goes to the body that decides it) */
  regionCode,
  /** 情形问题 answers: { questionKey: optionValue }; they decide which items apply */
  answers: z.record(answerKey, z.string().max(40)).refine((o) => Object.keys(o).length <= 5, '回答不超过 5 个').default({}),
  /** the shared fields' answers, asked once: { sharedFieldKey: value } */
  shared: formValuesSchema.default({}),
  /** what only one item asks: { itemCode: { formData, situationAnswers } } */
  items: z.record(itemCode, z.strictObject({
    formData: formValuesSchema.default({}),
    situationAnswers: z.record(z.string().max(40), z.string().max(40)).refine((o) => Object.keys(o).length <= 10, '情形不超过 10 个').default({}),
  })).refine((o) => Object.keys(o).length <= 12, '事项不超过 12 个').default({}),
  /** the merged materials (GET /themes/:code materials[].key), each given once */
  materials: z.array(z.strictObject({
    key: z.string().regex(/^m\d{1,3}$/, '材料编号不正确'),
    source: z.enum(['upload', 'licence']),
    /** an uploaded file (POST /cases/uploads) when source is upload */
    fileId: z.string().uuid('文件编号格式不正确').optional(),
  })).max(60).default([]),
  deliveryMethod: z.enum(DELIVERY).default('pickup'),
  deliveryAddress: freeText(200).optional(),
  /** 申请人承诺 */
  declaration: z.boolean(),
});
export type ThemeApplicationInput = z.infer<typeof themeApplicationBody>;

/**
 * POST /themes/:code/intake (一窗受理 of a 一件事): the application as a citizen would make it, for
 * the applicant at the window, each merged material received on paper (checked against the
 * original, how many copies), scanned (an upload) or a 电子证照; 绿色通道 as at any window.
 */
export const themeIntakeBody = themeApplicationBody.extend({
  applicant: applicantInput,
  materials: z.array(z.strictObject({
    key: z.string().regex(/^m\d{1,3}$/, '材料编号不正确'),
    source: z.enum(['paper', 'upload', 'licence']),
    fileId: z.string().uuid('文件编号格式不正确').optional(),
    /** paper: the original was checked against the copy (已核验原件) */
    checkedOriginal: z.boolean().default(false),
    copies: z.number().int().min(0).max(99).default(0),
  })).max(60).default([]),
  /** 绿色通道: the applicant is elderly, disabled, seriously ill or cannot get about; every case comes first in the queues */
  greenChannel: z.boolean().optional(),
});
export type ThemeIntakeInput = z.infer<typeof themeIntakeBody>;

const stateFields = {
  state: z.enum(['in_progress', 'needs_action', 'done']),
  /** 办理中 | 需补正 | 已全部办结 */
  stateLabel: z.string(),
};

export const themeApplication = z.object({
  id: z.string(),
  themeCode: z.string(),
  themeName: z.string(),
  leadBody: z.string(),
  promisedDays: z.number().int(),
  createdAt: z.string(),
  ...stateFields,
  /** the last child's due date, once every child is accepted */
  dueDate: z.string().nullable(),
  cases: z.array(z.object({
    id: z.string(), caseNo: z.string(), itemCode: z.string(), itemName: z.string(), status: z.string(),
    /** in the applicant's words: 已受理，正在办理; 已办结（准予） */
    statusLabel: z.string(), dueDate: z.string().nullable(),
    /** the decision once made (准予 / 不予) and its note (证号, amount): the results shown together */
    result: z.enum(['approved', 'denied']).nullable(), resultNote: z.string().nullable(),
    /** the place that decides it (钢山街道; 邹城市 for an item a city body decides) */
    handlingPlace: z.string(),
  })),
  /** items that apply but take no online application: applied for in person, here */
  inPerson: z.array(z.object({ itemCode: z.string(), itemName: z.string(), location: z.string(), phone: z.string() })),
});

export const themeApplicationList = z.object({
  items: z.array(z.object({
    id: z.string(), themeCode: z.string(), themeName: z.string(), createdAt: z.string(), ...stateFields, caseCount: z.number().int(), doneCount: z.number().int(),
  })),
});

export const themeApplicationParams = z.object({ id: z.string().min(1).max(60) });

// ───────────────────────── building (administrators) ─────────────────────────

const adminStatus = z.enum(['draft', 'published', 'withdrawn']);

export const adminThemeList = z.object({
  items: z.array(z.object({
    code: z.string(), name: z.string(), subject: z.string(), subjectLabel: z.string(), categoryLabel: z.string(),
    /** draft: never published; published; withdrawn: 已停用 */
    status: adminStatus, statusLabel: z.string(),
    /** the newest published version (0: none) */
    version: z.number().int(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    /** the draft differs from the published version (or nothing is published) */
    draftChanged: z.boolean(),
    /** 适用范围: the town whose theme it is, or null: the county's */
    offeredIn: z.object({ code: z.string(), name: z.string() }).nullable(),
  })),
});

export const adminTheme = z.object({
  code: z.string(),
  status: adminStatus,
  statusLabel: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** the definition being edited */
  draft: themeDefinitionSchema,
  /** 适用范围: the town whose theme it is, or null: the county's */
  offeredIn: z.object({ code: z.string(), name: z.string() }).nullable(),
  draftChanged: z.boolean(),
  versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable(), note: z.string() })),
});

/** PUT /admin/themes/:code/draft: the whole definition (its rules are checked; a field's problem names its path). */
export const themeDraftBody = themeDefinitionSchema;
export const themePublishBody = z.strictObject({ note: z.string().trim().max(200, '发布说明不超过 200 字').default('') });
export const themeWithdrawBody = z.strictObject({ reason: z.string().trim().min(2, '请填写停用原因').max(200, '停用原因不超过 200 字') });
