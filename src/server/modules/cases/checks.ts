/**
 * The checks an application's form answers and materials pass, on submission and on resubmission
 * after a correction notice. They read (files, the citizen's ID-number hash through the
 * CitizenDirectory, 电子证照) and never write.
 */
import type { Insertable } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
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

type FileRow = NonNullable<Awaited<ReturnType<typeof findFile>>>;

/**
 * The uploads an application names, each read once: a 一件事's children name the same files over
 * and over (one 身份证 for five items), so a group reads them all in one query up front (`prefetch`)
 * and every check after that finds them here.
 */
export class FileReads {
  private readonly known = new Map<string, Promise<FileRow | undefined>>();

  constructor(private readonly db: DbOrTx) {}

  /** Reads the files not yet known in one query. */
  prefetch(ids: Iterable<string>): void {
    const wanted = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (wanted.length === 0) return;
    const rows = this.db.selectFrom('files').selectAll().where('id', 'in', wanted).execute();
    for (const id of wanted) {
      const file = rows.then((r) => r.find((f) => f.id === id));
      file.catch(() => undefined); // a failed read is answered by the check that awaits it (if any does)
      this.known.set(id, file);
    }
  }

  get(id: string): Promise<FileRow | undefined> {
    let file = this.known.get(id);
    if (!file) {
      file = findFile(this.db, id);
      this.known.set(id, file);
    }
    return file;
  }
}

/** The messages of VALIDATION_FAILED when all of a request's problems are of one kind. */
export const FORM_PROBLEMS = '申请表填写有误，请检查后重试';
export const MATERIAL_PROBLEMS = '申请材料有误，请检查后重试';

/** A required material not given, as a problem: `materials` with the material's id (MATERIALS_MISSING's details). */
export const missingProblem = (m: Pick<ItemMaterial, 'id' | 'name'>): FieldProblem & { materialId: string } => ({ field: 'materials', materialId: m.id, message: `缺少「${m.name}」` });

/** 400 MATERIALS_MISSING: required materials not given, and nothing else wrong. */
export const materialsMissing = (missing: readonly Pick<ItemMaterial, 'id' | 'name'>[]) =>
  new AppError(400, 'MATERIALS_MISSING', `缺少必要材料：${missing.map((m) => m.name).join('、')}`, missing.map(missingProblem));

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

/** Problems of one kind, with the message VALIDATION_FAILED carries when they are the only kind. */
export interface ProblemGroup {
  message: string;
  problems: FieldProblem[];
  /** required materials not given (the materials' group) */
  missing?: readonly ItemMaterial[];
}

/**
 * Every problem of an application as one error (null when there is none), so whoever submits it
 * puts everything right in one go. Only required materials missing: 400 MATERIALS_MISSING, as
 * ever; one kind of problem: VALIDATION_FAILED with that kind's message; several: VALIDATION_FAILED
 * listing them all in the groups' order, a missing material worded as in MATERIALS_MISSING (field
 * `materials` with its `materialId`).
 */
export function applicationError(groups: readonly ProblemGroup[]): AppError | null {
  const missing = groups.flatMap((g) => g.missing ?? []);
  const found = groups.filter((g) => g.problems.length);
  if (found.length === 0) return missing.length ? materialsMissing(missing) : null;
  if (found.length === 1 && missing.length === 0) return validationFailed(found[0]!.problems, found[0]!.message);
  const all = groups.flatMap((g) => [...g.problems, ...(g.missing ?? []).map(missingProblem)]);
  return validationFailed(all, `申请有 ${all.length} 处需要补充或修改，请逐项处理后重试`);
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
    const problems = await this.formProblems(actor, definition, values, kept);
    if (problems.length) throw validationFailed(problems, FORM_PROBLEMS);
  }

  /** Every problem of the form's answers (checkForm's, returned rather than thrown: a submission reports them with its others). */
  async formProblems(actor: SignedIn, definition: FormDefinition, values: FormValues, kept: ReadonlySet<string> = new Set(), files = new FileReads(this.db)): Promise<FieldProblem[]> {
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
        const file = await files.get(fileId);
        if (!file || file.kind !== 'upload' || file.created_by !== actor.id || JSON.parse(file.meta).purpose !== 'case-material') {
          problems.push({ field: `formData.${f.key}`, message: `「${f.label}」的附件不存在，请重新上传` });
          break;
        }
      }
    }
    return problems;
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
    const { materials, problems, missing } = await this.materialProblems(actor, itemMaterials, given, applicant, selectedBySituation);
    if (requireAll && missing.length) throw materialsMissing(missing);
    if (problems.length) throw validationFailed(problems, MATERIAL_PROBLEMS);
    return materials;
  }

  /**
   * checkMaterials' findings, returned rather than thrown (a submission reports them with its
   * others): the materials as checked, the problems of those given, and the required ones not
   * given. Without a valid applicant (`null`: their details have problems of their own) no
   * 电子证照 is looked up for them.
   */
  async materialProblems(
    actor: SignedIn,
    itemMaterials: readonly ItemMaterial[],
    given: MaterialInput[],
    applicant: ApplicantInput | null,
    selectedBySituation: ReadonlySet<string> = new Set(),
    files = new FileReads(this.db),
  ): Promise<{ materials: CheckedMaterial[]; problems: FieldProblem[]; missing: ItemMaterial[] }> {
    const problems: FieldProblem[] = [];
    const byId = new Map(itemMaterials.map((m) => [m.id, m]));
    const seen = new Set<string>();
    const out: CheckedMaterial[] = [];
    files.prefetch(given.flatMap((g) => (g.source === 'upload' && g.fileId ? [g.fileId] : [])));
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
        const file = g.fileId ? await files.get(g.fileId) : undefined;
        if (!g.fileId) problems.push({ field: `${field}.fileId`, message: `请上传「${m.name}」` });
        else if (!file || file.kind !== 'upload' || file.created_by !== actor.id || JSON.parse(file.meta).purpose !== 'case-material') {
          problems.push({ field: `${field}.fileId`, message: `「${m.name}」的文件不存在，请重新上传` });
        }
      }
      if (g.source === 'licence') {
        if (!m.licenceType) problems.push({ field: `${field}.source`, message: `「${m.name}」未关联电子证照，请上传材料` });
        else if (!applicant) {
          // the applicant's ID number has a problem of its own (reported with it): nothing to look up by
        } else if (actor.kind === 'citizen' && !(await this.isOwnIdNumber(actor, applicant.idNumber))) {
          // online, the holder is known only by sign-in: naming someone else as applicant must not reach their licences
          problems.push({ field: `${field}.source`, message: '网上申请只能使用本人的电子证照；为他人申请请上传材料' });
        } else {
          const found = await this.licences.find(applicant.idNumber, m.licenceType);
          if (!found) problems.push({ field: `${field}.source`, message: `未在证照库中找到申请人的「${m.licenceType}」，请上传材料` });
          else licenceRef = found.ref;
        }
      }
      out.push({ ...g, name: m.name, licenceRef });
    }
    return { materials: out, problems, missing: missingMaterials(itemMaterials, seen, selectedBySituation) };
  }

  private async isOwnIdNumber(actor: CitizenActor, idNumber: string): Promise<boolean> {
    const own = await this.citizens.idNumberHash(actor.id);
    return Boolean(own) && own === this.deps.protector.lookupHash(idNumber);
  }
}
