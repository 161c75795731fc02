import { z } from 'zod';
import { DELIVERY_METHODS, MATERIAL_SUBMISSION_SOURCES } from '../../../shared/cases.js';
import { formDefinitionSchema, formValuesSchema, storedFormDefinitionSchema } from '../../../shared/forms.js';
// a saved definition's format rules are compiled with RE2, the engine that will run them
import './patterns.js';
import { itemCode, regionCode } from '../../../shared/fields.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const itemCodeParams = z.object({ code: itemCode });

export const formSettingsBody = z.strictObject({
  definition: formDefinitionSchema,
  /** online applications start at 预审 */
  preReviewOnline: z.boolean(),
  /** approver, or window_clerk for 即办件 decided on the spot */
  decidedBy: z.enum(['approver', 'window_clerk']),
  /** the version the designer loaded (0 for a new form); another save in between gives 409 */
  version: z.number().int().min(0),
});
export type FormSettingsInput = z.infer<typeof formSettingsBody>;

export const formSettingsView = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  definition: storedFormDefinitionSchema,
  preReviewOnline: z.boolean(),
  decidedBy: z.enum(['approver', 'window_clerk']),
  version: z.number(),
  configured: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const formListView = z.object({
  items: z.array(z.object({ itemCode: z.string(), itemName: z.string(), fieldCount: z.number(), version: z.number(), updatedAt: z.string() })),
});

/** A draft keeps whatever the applicant has typed so far: structure is checked, completeness is not. */
export const draftData = z.strictObject({
  formData: formValuesSchema.default({}),
  situationAnswers: z.record(z.string().max(40), z.string().max(40)).default({}),
  materials: z
    .array(z.strictObject({
      materialId: z.string().max(40),
      source: z.enum(keys(MATERIAL_SUBMISSION_SOURCES)),
      fileId: z.string().uuid().optional(),
      fileName: z.string().max(200).optional(),
      checkedOriginal: z.boolean().default(false),
      copies: z.number().int().min(0).max(99).default(0),
    }))
    .max(60)
    .default([]),
  deliveryMethod: z.enum(keys(DELIVERY_METHODS)).default('pickup'),
  deliveryAddress: z.string().max(200).default(''),
  /** the step of the application page the applicant was on */
  step: z.number().int().min(0).max(10).default(0),
});
export type DraftData = z.infer<typeof draftData>;

export const draftParams = z.object({ code: itemCode });
export const draftQuery = z.object({ region: regionCode });
export const draftBody = z.strictObject({ data: draftData });
export const draftView = z.object({ itemCode: z.string(), itemName: z.string(), regionCode: z.string(), regionName: z.string(), data: draftData, updatedAt: z.string() });
export const draftList = z.object({ items: z.array(draftView.omit({ data: true })) });

export const prefillView = z.object({
  values: z.record(z.string(), z.unknown()),
  /** where each value came from, so the page can mark it (已自动填充) */
  sources: z.record(z.string(), z.object({ kind: z.enum(['profile', 'previous']), caseNo: z.string().optional(), at: z.string().optional(), label: z.string() })),
});
