/**
 * 一件事 applications (issue 16): one submission of a theme makes the theme application and a child
 * case per item that applies, all or none — the cases module writes the cases and this module's
 * rows in one commit (its CaseGroup) — each child routed to the body that decides it as a case of
 * its own would be. The citizen then follows the whole: one combined state and time limit.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../db/index.js';
import { canonicalJson } from '../../platform/crypto.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, notFound, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import type { Selectable } from 'kysely';
import type { ThemeApplicationTable } from '../../db/types.js';
import { isBlank, validateForm, type FormField, type FormValues } from '../../../shared/forms.js';
import { applicableItems, mergeTheme, THEME_CASE_STATES, THEME_ITEM_DONE, type MergedTheme, type ThemeCaseState, type ThemeDefinition, type ThemeItemParts } from '../../../shared/themes.js';
import type { SubmitInput } from '../cases/index.js';
import type { CaseStatus } from '../../../shared/cases.js';
import { citizenStatusLabel } from '../../../shared/case-progress.js';
import type { ThemeCaseProgress, ThemeCaseWriter, ThemeItemForms, ThemeItemGuide, ThemeItemGuides } from './ports.js';
import type { ThemeApplicationInput, ThemeIntakeInput } from './schemas.js';
import type { ThemeCatalog } from './service.js';

/** Case statuses that wait for the applicant. */
const WAITING_FOR_APPLICANT = new Set(['correction']);

/** An item that applies but is applied for in person: where to go. */
export interface InPersonItem {
  itemCode: string;
  itemName: string;
  location: string;
  phone: string;
}

export const themeApplicationNotFound = () => notFound('“一件事”申请', 'THEME_APPLICATION_NOT_FOUND');

/** The combined state of a theme application: as far as its slowest child. */
export function combinedState(statuses: readonly string[]): ThemeCaseState {
  if (statuses.length > 0 && statuses.every((s) => THEME_ITEM_DONE.has(s))) return 'done';
  if (statuses.some((s) => WAITING_FOR_APPLICANT.has(s))) return 'needs_action';
  return 'in_progress';
}

/** An item of a theme as merged: its guide and its form's fields. */
type MergePart = ThemeItemParts & { guide: ThemeItemGuide; fields: readonly FormField[] };

export class ThemeApplications {
  /** the last merge of each theme version at each place (mergeOf) */
  private readonly merges = new WeakMap<ThemeDefinition, Map<string, { parts: readonly MergePart[]; merged: MergedTheme }>>();

  constructor(
    private readonly deps: Deps,
    private readonly catalog: ThemeCatalog,
    private readonly guides: ThemeItemGuides,
    private readonly forms: ThemeItemForms,
    private readonly cases: ThemeCaseWriter,
    private readonly progress: ThemeCaseProgress,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** POST /themes/:code/applications: the theme applied for at once; a retry with the same Idempotency-Key gets the same application. */
  apply(ctx: RequestContext, actor: CitizenActor, code: string, input: ThemeApplicationInput, idempotencyKey?: string) {
    return this.submit(ctx, actor, code, input, idempotencyKey);
  }

  /**
   * POST /themes/:code/intake (一窗受理): the window takes in the whole theme for the applicant in
   * front of it — every item that applies, those that take no online application too (the person is
   * there) — each child routed as any window's case would be. The application shows in the
   * applicant's 我的一件事 when they have an account with that ID number.
   */
  intake(ctx: RequestContext, actor: StaffActor, code: string, input: ThemeIntakeInput, idempotencyKey?: string) {
    return this.submit(ctx, actor, code, input, idempotencyKey);
  }

  private async submit(ctx: RequestContext, actor: CitizenActor | StaffActor, code: string, input: ThemeApplicationInput | ThemeIntakeInput, idempotencyKey?: string) {
    const actorKey = `${actor.kind}:${actor.id}`;
    const requestHash = createHash('sha256').update(canonicalJson({ code, input })).digest('hex');
    const atWindow = 'applicant' in input;
    // A retry with a key already used is found when it fails: its checks (the daily allowance counts
    // the cases it made; the theme may have been withdrawn since), or the write (the key's unique
    // index). Asking first would cost every application a query for the rare retry.
    try {
      const theme = await this.catalog.publishedTheme(code);
      const def = theme.definition;
      await this.catalog.requireOfferedAt(def, input.regionCode, 'regionCode');
      const { inputs, inPerson } = await this.childInputs(def, input);
      const id = newId();
      const now = iso(this.deps.clock.now());
      const region = await this.deps.regions.require(input.regionCode);
      const written = await this.cases.submitGroup(ctx, actor, inputs, {
        label: def.name,
        groupId: id,
        alsoWrite: (tx, cases) => [
          tx.insertInto('theme_applications').values({
            id, theme_code: code, theme_version: theme.version, theme_name: def.name, lead_body: def.leadBody, promised_days: def.promisedDays,
            // the applicant's account: a window's application is theirs when they have one
            citizen_id: actor.kind === 'citizen' ? actor.id : cases[0]!.citizenId, actor_key: actorKey, idempotency_key: idempotencyKey ?? null, request_hash: requestHash,
            applicant_name: cases[0]!.applicantName, region_code: region.code, region_path: region.path, answers: JSON.stringify(input.answers), in_person: JSON.stringify(inPerson), created_at: now,
          }),
          tx.insertInto('theme_application_cases').values(cases.map((c, seq) => ({
            application_id: id, seq, case_id: c.id, case_no: c.caseNo, item_code: c.itemCode, item_name: c.itemName,
          }))),
        ],
        audit: (cases) => ({
          action: atWindow ? 'theme.intake' : 'theme.apply', entityType: 'theme_application', entityId: id, regionCode: region.code,
          summary: { theme: code, version: theme.version, cases: cases.map((c) => c.caseNo) },
        }),
      });
      return {
        created: true,
        result: {
          id, themeCode: code, themeName: def.name, leadBody: def.leadBody, promisedDays: def.promisedDays, createdAt: now,
          state: 'in_progress' as ThemeCaseState, stateLabel: THEME_CASE_STATES.in_progress, dueDate: null, inPerson,
          cases: written.map((c) => ({
            id: c.id, caseNo: c.caseNo, itemCode: c.itemCode, itemName: c.itemName, status: c.status, statusLabel: citizenStatusLabel(c.status as CaseStatus, null), dueDate: null,
            result: null, resultNote: null, handlingPlace: c.handlingPlace,
          })),
        },
      };
    } catch (err) {
      // a retry, or the same key sent twice at once (the second meets the first's row)
      if (idempotencyKey && (isUniqueViolation(err) || err instanceof AppError)) {
        const replay = await this.replay(actor, actorKey, idempotencyKey, requestHash);
        if (replay) return { created: false, result: replay };
      }
      throw err;
    }
  }

  /**
   * Each item that applies as its own application: its own answers, the shared answers copied into
   * the fields they fill, and the materials given once, for every item that asks for them.
   * Problems of the theme's own parts (answers, shared fields, unknown items or materials) are
   * answered here; each child's are the cases module's.
   */
  private async childInputs(def: ThemeDefinition, input: ThemeApplicationInput | ThemeIntakeInput): Promise<{ inputs: SubmitInput[]; inPerson: InPersonItem[] }> {
    const atWindow = 'applicant' in input;
    const problems: FieldProblem[] = [];
    for (const [key, value] of Object.entries(input.answers)) {
      const q = def.questions.find((x) => x.key === key);
      if (!q) problems.push({ field: `answers.${key}`, message: '本主题没有这个问题' });
      else if (!q.options.some((o) => o.value === value)) problems.push({ field: `answers.${key}`, message: `「${q.text}」的回答不在选项中` });
    }
    const { applies, undecided } = applicableItems(def, input.answers);
    for (const code of undecided) {
      const q = def.questions.find((x) => x.key === def.items.find((i) => i.itemCode === code)!.when!.question)!;
      if (!problems.some((p) => p.field === `answers.${q.key}`)) problems.push({ field: `answers.${q.key}`, message: `请回答「${q.text}」` });
    }
    for (const code of Object.keys(input.items)) {
      if (!def.items.some((i) => i.itemCode === code)) problems.push({ field: `items.${code}`, message: '本主题没有这个事项' });
      else if (!applies.includes(code) && !undecided.includes(code)) problems.push({ field: `items.${code}`, message: '按您的回答，这个事项不用办理' });
    }
    const shared = def.sharedFields.filter((f) => f.mapsTo.some((m) => applies.includes(m.itemCode)));
    problems.push(...validateForm({ fields: shared }, input.shared).map((p) => ({ field: p.field.replace(/^formData\./, 'shared.'), message: p.message })));
    // every item's guide and form, as GET /themes/:code merges them: the materials' keys are that merge's
    const parts = await Promise.all(def.items.map(async ({ itemCode: code }) => {
      const guide = await this.guides.guide(code, input.regionCode).catch((err: unknown) => {
        if (err instanceof AppError && err.status === 404 && err.code !== 'REGION_NOT_FOUND') {
          problems.push({ field: 'regionCode', message: `所选地点不能办理本主题的事项（${err.message}）` });
          return null;
        }
        throw err;
      });
      const fields = (await this.forms.recentSettings(code)).definition.fields;
      return guide ? { code, name: guide.name, implementingBody: guide.implementingBody, promisedDays: guide.promisedDays, materials: guide.materials, fields, guide } : null;
    }));
    // An item that takes no online application (a vaccination record needs the child there) is
    // applied for in person; the application says where. The rest go in now.
    const found = parts.filter((p) => p !== null);
    const applying = found.filter((p) => applies.includes(p.code));
    // (at the window every item that applies is taken in: the person is there)
    const inPerson = atWindow ? [] : applying.filter((p) => !p.guide.onlineApplication.allowed).map((p) => ({ itemCode: p.code, itemName: p.name, location: p.guide.location, phone: p.guide.consultPhone }));
    const online = atWindow ? applying : applying.filter((p) => p.guide.onlineApplication.allowed);
    if (found.length === parts.length && undecided.length === 0 && online.length === 0) {
      throw conflict('THEME_NOT_ONLINE', `按您的回答，本主题要办的事项都须到窗口办理：${inPerson.map((i) => `${i.itemName}（${i.location}）`).join('；')}`, { inPerson });
    }
    const merged = this.mergeOf(def, input.regionCode, found);
    const byKey = new Map(merged.materials.map((m) => [m.key, m]));
    const given = new Set<string>();
    input.materials.forEach((m, i) => {
      if (!byKey.has(m.key)) problems.push({ field: `materials.${i}.key`, message: `本次申请没有材料 ${m.key}` });
      else if (given.has(m.key)) problems.push({ field: `materials.${i}.key`, message: `材料「${byKey.get(m.key)!.name}」重复提交` });
      given.add(m.key);
    });
    if (merged.problems.length) throw new AppError(409, 'THEME_OUT_OF_DATE', `本主题与所含事项的当前设置不一致，暂时不能申请，请联系主管部门（${merged.problems[0]}）`, { problems: merged.problems });
    if (problems.length) throw validationFailed(problems);

    const inputs = online.map(({ code }) => {
      const own = input.items[code] ?? { formData: {}, situationAnswers: {} };
      const formData: FormValues = { ...own.formData };
      for (const f of shared) {
        const value = input.shared[f.key];
        if (isBlank(value)) continue;
        for (const m of f.mapsTo) if (m.itemCode === code) formData[m.fieldKey] = value!;
      }
      return {
        itemCode: code, regionCode: input.regionCode, formData, situationAnswers: own.situationAnswers,
        materials: input.materials.flatMap((m) => (byKey.get(m.key)?.usedBy ?? []).filter((u) => u.itemCode === code).map((u) => ({
          materialId: u.materialId, source: m.source, ...(m.fileId ? { fileId: m.fileId } : {}),
          checkedOriginal: 'checkedOriginal' in m ? m.checkedOriginal : false, copies: 'copies' in m ? m.copies : 0,
        }))),
        deliveryMethod: input.deliveryMethod, ...(input.deliveryAddress ? { deliveryAddress: input.deliveryAddress } : {}), declaration: input.declaration,
        ...(atWindow ? { applicant: input.applicant, intakeChannel: 'window' as const, ...(input.greenChannel ? { greenChannel: true } : {}) } : {}),
      };
    });
    return { inputs, inPerson };
  }

  /**
   * The theme merged over its items' guides and forms at a place, merged again only when one of
   * them is no longer the one merged (the catalog and the forms hand out the same objects while
   * they are current): every application of a theme at a place asks for the same merge.
   */
  private mergeOf(def: ThemeDefinition, regionCode: string, parts: readonly MergePart[]): MergedTheme {
    let byPlace = this.merges.get(def);
    if (!byPlace) {
      byPlace = new Map();
      this.merges.set(def, byPlace);
    }
    const kept = byPlace.get(regionCode);
    if (kept && kept.parts.length === parts.length && kept.parts.every((p, i) => p.guide === parts[i]!.guide && p.fields === parts[i]!.fields)) return kept.merged;
    const merged = mergeTheme(def, parts);
    byPlace.set(regionCode, { parts, merged });
    return merged;
  }

  private async replay(actor: CitizenActor | StaffActor, actorKey: string, key: string, requestHash: string) {
    const row = await this.db.selectFrom('theme_applications').select(['id', 'request_hash']).where('actor_key', '=', actorKey).where('idempotency_key', '=', key).executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== requestHash) throw conflict('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一份不同的申请；重新申请请使用新的 Key');
    return actor.kind === 'citizen' ? this.mine(actor, row.id) : this.view(row.id);
  }

  /** 我的“一件事”: newest first, each with its combined state. */
  async list(actor: CitizenActor) {
    const rows = await this.db.selectFrom('theme_applications').selectAll().where('citizen_id', '=', actor.id).orderBy('created_at', 'desc').limit(100).execute();
    const children = rows.length ? await this.db.selectFrom('theme_application_cases').selectAll().where('application_id', 'in', rows.map((r) => r.id)).orderBy('seq').execute() : [];
    const progress = await this.progress.progress(children.map((c) => c.case_id));
    return {
      items: rows.map((r) => {
        const own = children.filter((c) => c.application_id === r.id);
        const statuses = own.map((c) => progress.get(c.case_id)?.status ?? 'pending_acceptance');
        const state = combinedState(statuses);
        return {
          id: r.id, themeCode: r.theme_code, themeName: r.theme_name, createdAt: r.created_at, state, stateLabel: THEME_CASE_STATES[state],
          caseCount: own.length, doneCount: statuses.filter((s) => THEME_ITEM_DONE.has(s)).length,
        };
      }),
    };
  }

  /** One of the citizen's theme applications: the whole and each child case as it stands. */
  async mine(actor: CitizenActor, id: string) {
    const row = await this.db.selectFrom('theme_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.citizen_id !== actor.id) throw themeApplicationNotFound();
    return this.view(row.id, row);
  }

  /** A theme application as it stands (its owner or its taker has been checked by the caller). */
  private async view(id: string, known?: Selectable<ThemeApplicationTable>) {
    const row = known ?? await this.db.selectFrom('theme_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const children = await this.db.selectFrom('theme_application_cases').selectAll().where('application_id', '=', id).orderBy('seq').execute();
    const progress = await this.progress.progress(children.map((c) => c.case_id));
    const cases = children.map((c) => {
      const p = progress.get(c.case_id);
      const status = (p?.status ?? 'pending_acceptance') as CaseStatus;
      return {
        id: c.case_id, caseNo: c.case_no, itemCode: c.item_code, itemName: c.item_name, status,
        // in the applicant's words (已受理，正在办理; 已办结（准予）)
        statusLabel: citizenStatusLabel(status, p?.result ?? null), dueDate: p?.dueDate ?? null,
        result: p?.result ?? null, resultNote: p?.resultNote ?? null, handlingPlace: p?.handlingPlace ?? '',
      };
    });
    const state = combinedState(cases.map((c) => c.status));
    const dues = cases.map((c) => c.dueDate);
    return {
      id: row.id, themeCode: row.theme_code, themeName: row.theme_name, leadBody: row.lead_body, promisedDays: row.promised_days, createdAt: row.created_at,
      state, stateLabel: THEME_CASE_STATES[state],
      // the whole is due when its last child is (known once every child is accepted)
      dueDate: dues.length && dues.every((d) => d !== null) ? dues.reduce((a, b) => (a! > b! ? a : b)) : null,
      cases,
      inPerson: JSON.parse(row.in_person) as InPersonItem[],
    };
  }
}
