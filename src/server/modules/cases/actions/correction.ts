/** 一次性告知补正 (request-correction) and the applicant's 补正 (resubmit). */
import { AppError, conflict, validationFailed, type FieldProblem } from '../../../platform/errors.js';
import { CLOCK_RUNNING_STATUSES, type CaseStatus } from '../../../../shared/cases.js';
import { eligibilityWarnings } from '../../../../shared/eligibility.js';
import type { FormDefinition, FormValues } from '../../../../shared/forms.js';
import { openFormData, sealFormData } from '../../forms/index.js';
import { attachmentIds } from '../checks.js';
import type { CaseRow } from '../repo.js';
import type { ApplicantInput } from '../schemas.js';
import { restartClock, stopClock } from './clock.js';
import type { ActionHandler } from './types.js';

const PRE_ACCEPTANCE: readonly CaseStatus[] = ['pending_review', 'pending_acceptance'];

/** One notice per phase (before acceptance; in handling): every material or field with its reason. The clock stops after acceptance. */
export const requestCorrection: ActionHandler<'request-correction'> = async (row, _actor, body, ctx) => {
  const status = row.status as CaseStatus;
  const phase = PRE_ACCEPTANCE.includes(status) ? PRE_ACCEPTANCE : CLOCK_RUNNING_STATUSES;
  const earlier = (await ctx.events()).some((e) => e.action === 'request-correction' && phase.includes(e.from_status as CaseStatus));
  if (earlier) throw conflict('CORRECTION_ALREADY_SENT', '一次性告知：本环节已发出过补正通知，不能再次要求补正');
  const known = new Map(ctx.workflow.materials.map((m) => [m.id, m.name]));
  const problems: FieldProblem[] = [];
  body.items.forEach((i, n) => {
    if (i.materialId && !known.has(i.materialId)) problems.push({ field: `items.${n}.materialId`, message: `本事项没有编号为 ${i.materialId} 的材料` });
  });
  if (problems.length) throw validationFailed(problems);
  const notice = {
    at: ctx.now, opinion: body.opinion,
    items: body.items.map((i) => ({ ...i, name: i.materialId ? known.get(i.materialId)! : i.field! })),
  };
  return {
    set: { correction_notice: JSON.stringify(notice), resume_status: status, ...stopClock(row, ctx) },
    opinion: body.opinion,
    details: { items: notice.items },
  };
};

/** 补正: everything the notice asked for, checked like an application; the case goes back where it was and the clock restarts. */
export const resubmit: ActionHandler<'resubmit'> = async (row, actor, body, ctx) => {
  const notice = JSON.parse(row.correction_notice ?? '{"items":[]}') as { items: { materialId?: string; field?: string; name: string }[] };
  const applicant = { kind: row.applicant_kind, name: row.applicant_name, idType: row.applicant_id_type, idNumber: ctx.protector.decrypt(row.applicant_id_enc), phone: '', address: '' } as ApplicantInput;
  const materials = await ctx.checkMaterials(actor, ctx.workflow.materials.map((m) => ({ ...m, necessityCode: m.necessity })), body.materials, applicant, false);
  const given = new Set(materials.map((m) => m.materialId));
  const missing = notice.items.filter((i) => (i.materialId ? !given.has(i.materialId) : body.formData[i.field!] === undefined || body.formData[i.field!] === ''));
  if (missing.length) {
    throw new AppError(400, 'CORRECTION_INCOMPLETE', `补正不完整，还缺：${missing.map((i) => i.name).join('、')}`, missing.map((i) => ({ field: i.materialId ? 'materials' : `formData.${i.field}`, message: `缺少「${i.name}」` })));
  }
  const set: Partial<CaseRow> = {};
  // (stored before eligibility rules existed: none)
  const definition = { eligibility: [], ...(JSON.parse(row.form_definition) as Partial<FormDefinition>) } as FormDefinition;
  let answers: FormValues | null = null;
  if (Object.keys(body.formData).length) {
    const stored = openFormData(ctx.protector, row.form_data);
    const merged = { ...stored, ...body.formData };
    // a clerk resubmitting for the applicant keeps the applicant's attachments (and vice versa)
    await ctx.checkForm(actor, definition, merged, attachmentIds(definition, stored));
    set.form_data = sealFormData(ctx.protector, merged);
    answers = merged;
  }
  if (definition.eligibility.length) {
    // 受理条件校验 again: on the answers as corrected, the applicant's age today, the place that handles the case
    const handling = await ctx.regions.require(row.handling_region_code);
    set.eligibility_warnings = JSON.stringify(eligibilityWarnings(definition, {
      idNumber: applicant.idNumber, place: { code: handling.code, name: handling.shortName }, formData: answers ?? openFormData(ctx.protector, row.form_data), onDate: ctx.today,
    }));
  }
  const restart = restartClock(row, ctx);
  return {
    set: { ...set, resume_status: null, ...restart.set },
    opinion: body.opinion,
    details: { ...restart.details, materials: materials.map((m) => ({ materialId: m.materialId, source: m.source })), fields: Object.keys(body.formData) },
    materials,
  };
};
