/**
 * The checks an application's form answers and materials pass, on submission and on resubmission
 * after a correction notice. They read (files, the citizen's ID-number hash through the
 * CitizenDirectory, 电子证照) and never write.
 */
import type { Insertable } from 'kysely';
import type { Deps } from '../../deps.js';
import type { CaseMaterialTable } from '../../db/types.js';
import { AppError, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { findFile } from '../../platform/files.js';
import { newId } from '../../platform/ids.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import { missingMaterials, type MaterialNeed } from '../../../shared/case-rules.js';
import { validateForm, type FormDefinition, type FormValues } from '../../../shared/forms.js';
import type { CitizenDirectory, LicenceLookup } from './ports.js';
import type { ApplicantInput, MaterialInput } from './schemas.js';

export type SignedIn = StaffActor | CitizenActor;

export type CheckedMaterial = MaterialInput & { name: string; licenceRef: string | null };

/** An item's material as the checks need it. */
export type ItemMaterial = MaterialNeed & { name: string; licenceType: string | null };

/** A case's material rows, for one insert (ids are time-ordered, so they keep their order). */
export const materialRows = (caseId: string, materials: readonly CheckedMaterial[], now: string): Insertable<CaseMaterialTable>[] =>
  materials.map((m) => ({
    id: newId(), case_id: caseId, material_id: m.materialId, name: m.name, source: m.source, file_id: m.fileId ?? null, licence_ref: m.licenceRef,
    checked_original: m.checkedOriginal ? 1 : 0, copies: m.copies, superseded: 0, added_at: now,
  }));

/** The file ids in a case's attachment answers. */
export function attachmentIds(definition: FormDefinition, values: FormValues): Set<string> {
  const ids = new Set<string>();
  for (const f of definition.fields) {
    const v = f.type === 'attachment' ? values[f.key] : undefined;
    if (Array.isArray(v)) for (const id of v) if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

export class ApplicationChecks {
  constructor(private readonly deps: Deps, private readonly licences: LicenceLookup, private readonly citizens: CitizenDirectory) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /**
   * The item's form: every rule of the definition, and attachments that are the submitter's own
   * uploads (except `kept`: those already on the case, uploaded by whoever submitted it).
   */
  async checkForm(actor: SignedIn, definition: FormDefinition, values: FormValues, kept: ReadonlySet<string> = new Set()): Promise<void> {
    const problems: FieldProblem[] = validateForm(definition, values);
    for (const f of definition.fields) {
      const address = f.type === 'address' ? values[f.key] : undefined;
      if (address && typeof address === 'object' && !Array.isArray(address) && address.regionCode && !problems.some((p) => p.field === `formData.${f.key}`)) {
        // the region must come from the tree, not just look like a code
        if (!(await this.deps.regions.get(address.regionCode))) problems.push({ field: `formData.${f.key}`, message: `「${f.label}」所选区划不存在，请重新选择` });
        // the name shown on the case and its documents comes from the tree too, never from the client
        else address.regionName = (await this.deps.regions.ancestors(address.regionCode)).filter((r) => r.level !== 'county').map((r) => r.shortName).join('');
      }
      const ids = f.type === 'attachment' ? values[f.key] : undefined;
      if (!Array.isArray(ids) || problems.some((p) => p.field === `formData.${f.key}`)) continue;
      for (const fileId of ids as string[]) {
        if (kept.has(fileId)) continue;
        const file = await findFile(this.db, fileId);
        if (!file || file.kind !== 'upload' || file.created_by !== actor.id || JSON.parse(file.meta).purpose !== 'case-material') {
          problems.push({ field: `formData.${f.key}`, message: `「${f.label}」的附件不存在，请重新上传` });
          break;
        }
      }
    }
    if (problems.length) throw validationFailed(problems, '申请表填写有误，请检查后重试');
  }

  /** Checks declared materials against the item: known, not repeated, every required one present, each source valid. */
  async checkMaterials(
    actor: SignedIn,
    itemMaterials: readonly ItemMaterial[],
    given: MaterialInput[],
    applicant: ApplicantInput,
    requireAll: boolean,
    /** conditional materials the 情形引导 answers require */
    selectedBySituation: ReadonlySet<string> = new Set(),
  ): Promise<CheckedMaterial[]> {
    const problems: FieldProblem[] = [];
    const byId = new Map(itemMaterials.map((m) => [m.id, m]));
    const seen = new Set<string>();
    const out: CheckedMaterial[] = [];
    for (const [i, g] of given.entries()) {
      const field = `materials.${i}`;
      const m = byId.get(g.materialId);
      if (!m) { problems.push({ field: `${field}.materialId`, message: `本事项没有编号为 ${g.materialId} 的材料` }); continue; }
      if (seen.has(g.materialId)) { problems.push({ field: `${field}.materialId`, message: `材料「${m.name}」重复提交` }); continue; }
      seen.add(g.materialId);
      let licenceRef: string | null = null;
      if (g.source === 'paper' && actor.kind !== 'staff') problems.push({ field: `${field}.source`, message: '网上申请请上传电子材料或使用电子证照' });
      if (g.source !== 'upload' && g.fileId) problems.push({ field: `${field}.fileId`, message: '只有电子上传的材料需要文件' });
      if (g.source === 'upload') {
        const file = g.fileId ? await findFile(this.db, g.fileId) : undefined;
        if (!g.fileId) problems.push({ field: `${field}.fileId`, message: `请上传「${m.name}」` });
        else if (!file || file.kind !== 'upload' || file.created_by !== actor.id || JSON.parse(file.meta).purpose !== 'case-material') {
          problems.push({ field: `${field}.fileId`, message: `「${m.name}」的文件不存在，请重新上传` });
        }
      }
      if (g.source === 'licence') {
        if (!m.licenceType) problems.push({ field: `${field}.source`, message: `「${m.name}」未关联电子证照，请上传材料` });
        else if (actor.kind === 'citizen' && !(await this.isOwnIdNumber(actor, applicant.idNumber))) {
          // online, the holder is known only by sign-in: naming someone else as applicant must not reach their licences
          problems.push({ field: `${field}.source`, message: '网上申请只能使用本人的电子证照；为他人申请请上传材料' });
        } else {
          const found = await this.licences.find(this.deps.protector.lookupHash(applicant.idNumber), m.licenceType);
          if (!found) problems.push({ field: `${field}.source`, message: `未在证照库中找到申请人的「${m.licenceType}」，请上传材料` });
          else licenceRef = found.ref;
        }
      }
      out.push({ ...g, name: m.name, licenceRef });
    }
    if (requireAll) {
      const missing = missingMaterials(itemMaterials, seen, selectedBySituation);
      if (missing.length) {
        throw new AppError(400, 'MATERIALS_MISSING', `缺少必要材料：${missing.map((m) => m.name).join('、')}`, missing.map((m) => ({ field: 'materials', materialId: m.id, message: `缺少「${m.name}」` })));
      }
    }
    if (problems.length) throw validationFailed(problems, '申请材料有误，请检查后重试');
    return out;
  }

  private async isOwnIdNumber(actor: CitizenActor, idNumber: string): Promise<boolean> {
    const own = await this.citizens.idNumberHash(actor.id);
    return Boolean(own) && own === this.deps.protector.lookupHash(idNumber);
  }
}
