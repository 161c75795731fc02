/**
 * Cases (办件): submission (online, window intake, helpers on someone's behalf), the workflow's
 * actions, queues, tracking. Every change writes the case row, its append-only event and the audit
 * entry in one transaction; the row update is guarded by the version read, so a double click or a
 * stale page can never apply an action twice.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { isUniqueViolation, runTogether } from '../../db/index.js';
import { canonicalJson } from '../../platform/crypto.js';
import { recordAudit } from '../../platform/audit.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { SubmissionWriter, type CaseGroup, type NewCase } from './submissions.js';
import { chinaDate, chinaDayStart } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, validationFailed, conflict, forbidden, notFound, type FieldProblem } from '../../platform/errors.js';
import { fileFacts, findFile, insertFileRow } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { can, caseRoles, caseRoleScopes, mayViewCase, scopePaths, type Actor, type CaseAccess, type RegionRef } from '../../platform/permissions.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import {
  CASE_ACTIONS, CASE_STATUS_CODES, CASE_STATUSES, DONE_STATUSES, FINAL_STATUSES, MATERIAL_SUBMISSION_SOURCES, STEP_OF_STATUS, transitionFor,
  type CaseActionName, type CaseActorRole, type CaseStatus, type CaseStep,
} from '../../../shared/cases.js';
import { actionProblem, allowedActions, situationMaterials, type CasePlace } from '../../../shared/case-rules.js';
import { citizenStatusLabel, resultOfEvents } from '../../../shared/case-progress.js';
import type { HandlingMode } from '../../../shared/catalog.js';
import type { FormDefinition } from '../../../shared/forms.js';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/validators.js';
import { eligibilityWarnings, type EligibilityWarning } from '../../../shared/eligibility.js';
import { requireOnlineApplication, type PublicCatalog } from '../catalog/index.js';
import { openFormData, sealFormData, type ItemFormService } from '../forms/index.js';
import type { Region } from '../../platform/regions.js';
import { noAssistConsents, noLicences, noResultLicences, type AssistConsentGrant, type AssistConsents, type CaseNotifier, type CitizenDirectory, type DraftDiscarder, type LicenceLookup, type LicenceUseNote, type ResultLicences, type ApprovedCase } from './ports.js';
import {
  countCasesOfCitizenSince,
  countByStatus, countCases, countGroupDecision, eventsOf, findGroup, findCase, findCaseByNo, findIdempotency, listCases, materialsOf, openCasesUnder, type CaseEventRow, type CasePage, type CaseRow, type CaseSummaryRow,
} from './repo.js';
import { applicantInput, type ActionBody, type ApplicantInput, type SubmitInput } from './schemas.js';
import { defaultWorkflow, handlingRegionFor, timeLeft, type Workflow } from './workflow.js';
import { clockColumns, queueRank } from './warnings.js';
import { documentList } from './documents.js';
import { actingOffice, applicantEventView, detailsOf, officeOf, progressOf } from './progress.js';
import { ApplicationChecks, applicationError, attachmentIds, FileReads, FORM_PROBLEMS, MATERIAL_PROBLEMS, materialRows, type SignedIn } from './checks.js';
import { handlerFor, type ActionContext } from './actions/index.js';

export { noLicences, type LicenceLookup } from './ports.js';

const caseNotFound = () => notFound('办件', 'CASE_NOT_FOUND');
const stateChanged = () => conflict('CASE_STATE_CHANGED', '办件状态已被他人更新，请刷新后重试');
const placeOf = (row: CaseRow): CasePlace => ({ currentRegionCode: row.current_region_code, handlingRegionCode: row.handling_region_code });
/** What the policy (platform/permissions.ts) decides access to a case by. */
const accessOf = (row: CaseRow): CaseAccess => ({
  citizenId: row.citizen_id, agentStaffId: row.agent_staff_id,
  received: { code: row.region_code, path: row.region_path },
  handling: { code: row.handling_region_code, path: row.handling_region_path },
  current: { code: row.current_region_code, path: row.current_region_path },
});

/** The eligibility warnings a case row keeps (JSON; '[]' for none and for cases from before migration 0013). */
const warningsOf = (row: Pick<CaseRow, 'eligibility_warnings'>): EligibilityWarning[] => JSON.parse(row.eligibility_warnings || '[]') as EligibilityWarning[];
/** The form definition a case was submitted with, as stored (those from before eligibility rules have none). */
const definitionOf = (row: Pick<CaseRow, 'form_definition'>): FormDefinition => ({ eligibility: [], ...(JSON.parse(row.form_definition) as Partial<FormDefinition>) }) as FormDefinition;


/** 代办: the consent a case was taken in with, kept on the case (its help request, how the person agreed) and in its first event and audit entry. */
function withConsent(submission: NewCase, grant: AssistConsentGrant): void {
  const consent = { id: grant.authorisationId, method: grant.method, methodLabel: grant.methodLabel, at: grant.at, requestNo: grant.requestNo };
  submission.row.help_request_id = grant.helpRequestId;
  submission.row.assist_authorisation = JSON.stringify(consent);
  if (grant.priority) {
    submission.row.green_channel = 1;
    submission.row.queue_rank = queueRank(true, false, true);
  }
  submission.event.details = JSON.stringify({ ...(JSON.parse(submission.event.details ?? '{}') as object), authorisation: consent, helpRequestNo: grant.requestNo });
  const audit = submission.audit;
  submission.audit = (caseNo) => {
    const entry = audit(caseNo);
    return { ...entry, summary: { ...(entry.summary as object), helpRequest: grant.requestNo, authorisation: grant.method, greenChannel: submission.row.green_channel === 1 } };
  };
}

function consentOf(row: Pick<CaseRow, 'help_request_id' | 'assist_authorisation'>) {
  if (!row.help_request_id || !row.assist_authorisation) return null;
  const c = JSON.parse(row.assist_authorisation) as { method: 'sms' | 'letter'; methodLabel: string; at: string; requestNo: string };
  return { helpRequestId: row.help_request_id, requestNo: c.requestNo, method: c.method, methodLabel: c.methodLabel, at: c.at };
}

/** What a CaseService works with: other modules' services (and ports they implement), built once by the composition root. */
export interface CaseServiceParts {
  catalog: PublicCatalog;
  forms: ItemFormService;
  notifier: CaseNotifier;
  /** citizen accounts (the auth module's) */
  citizens: CitizenDirectory;
  /** application drafts (the forms module's), deleted when their application is in */
  drafts: DraftDiscarder;
  licences?: LicenceLookup;
  /** what an approved case's result issues (电子证照: the licences module) */
  results?: ResultLicences;
  /** 代办授权: the consent a helper's application uses (the assistance module's AssistConsents) */
  consents?: AssistConsents;
}

/**
 * A form definition as each case stores it, written out once per definition: the forms module
 * hands out the same object while it is current, and every case of the item stores it whole.
 */
const definitionJsonCache = new WeakMap<FormDefinition, string>();
function definitionJson(definition: FormDefinition): string {
  let json = definitionJsonCache.get(definition);
  if (json === undefined) {
    json = JSON.stringify(definition);
    definitionJsonCache.set(definition, json);
  }
  return json;
}

/** What the children of one group submission (a 一件事) share, checked or read once for all. */
/** Problems of a group's children that are the whole application's (one applicant, one declaration, one delivery). */
const WHOLE_APPLICATION_FIELD = /^(applicant|declaration|deliveryMethod|deliveryAddress|intakeChannel|greenChannel)(\.|$)/;

interface GroupSubmission {
  /** the group's row (case_groups), which each child names */
  id: string;
  /** the daily allowance was checked for the whole group */
  allowanceChecked: boolean;
  /** the applicant's 实名信息, read once */
  applicant?: Promise<{ applicant: ApplicantInput; realName: 'verified' | 'declared' }>;
  /** the uploads the children name, read in one query */
  files: FileReads;
}

export class CaseService {
  /** New cases are written in groups: one transaction and one commit for those that arrive together. */
  private readonly submissions: GroupCommit<CaseGroup, string[]>;
  private readonly writer: SubmissionWriter;

  private readonly catalog: PublicCatalog;
  private readonly forms: ItemFormService;
  private readonly licences: LicenceLookup;
  private readonly results: ResultLicences;
  /** Form answers and materials, on submission and resubmission. */
  private readonly checks: ApplicationChecks;
  /** Notifies the applicant (in-site message, SMS) inside each event's transaction. */
  private readonly notifier: CaseNotifier;
  private readonly citizens: CitizenDirectory;
  private readonly consents: AssistConsents;

  constructor(private readonly deps: Deps, parts: CaseServiceParts) {
    ({ catalog: this.catalog, forms: this.forms, notifier: this.notifier, citizens: this.citizens } = parts);
    this.consents = parts.consents ?? noAssistConsents;
    this.licences = parts.licences ?? noLicences;
    this.results = parts.results ?? noResultLicences;
    this.checks = new ApplicationChecks(deps, this.licences, this.citizens);
    this.writer = new SubmissionWriter(() => this.db, deps.dbh.engine === 'postgres', this.notifier, deps.clock, this.citizens, parts.drafts, this.licences);
    // PostgreSQL: a second batch goes while the first is in the database (see SubmissionWriter.write),
    // unless the first holds a 一件事: its statement is large, and a small one beside it only waits on
    // its locks — the next batch, larger, is faster (docs/BENCHMARKS.md, 2026-12-07 afternoon).
    this.submissions = new GroupCommit((batch) => this.writer.write(batch), {
      maxInFlight: deps.dbh.engine === 'postgres' ? 2 : 1,
      overlaps: (groups) => groups.every((g) => g.cases.length === 1),
    });
  }

  private get db() {
    return this.deps.dbh.db;
  }


  /** Resolves once every submission queued so far is written (shutdown, before the database closes). */
  idle(): Promise<void> {
    return this.submissions.idle();
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  private async regionRef(code: string): Promise<RegionRef> {
    const r = await this.deps.regions.get(code);
    return r ? this.deps.regions.ref(r) : { code, path: `/${code}/` };
  }

  // ───────────────────────── submission ─────────────────────────

  async submit(ctx: RequestContext, actor: SignedIn, input: SubmitInput, idempotencyKey?: string): Promise<{ created: boolean; result: { id: string; caseNo: string; status: CaseStatus; statusLabel: string; eligibilityWarnings: EligibilityWarning[] } }> {
    const actorKey = `${actor.kind}:${actor.id}`;
    // The applicant's details as checked (normalised), so a retry hashes the same however they were typed.
    const given = input.applicant ? applicantInput.safeParse(input.applicant) : undefined;
    const requestHash = createHash('sha256').update(canonicalJson(given?.success ? { ...input, applicant: given.data } : input)).digest('hex');
    // A retry with a key already used meets that key's record when its batch is written (below).
    let submission: NewCase;
    try {
      submission = await this.prepareSubmission(ctx, actor, input, given, actorKey, requestHash, idempotencyKey);
    } catch (err) {
      // A retry of an application that is already in gets its answer, even when it would not pass
      // the checks any more (the item, its form or the uploads changed since).
      const replay = idempotencyKey ? await this.replay(actorKey, idempotencyKey, requestHash) : null;
      if (replay) return { created: false, result: replay };
      throw err;
    }
    const { id, status } = submission.row;
    // 代办: the person's consent, taken for this case before it is written (given back if the write
    // fails). A retry of an application already in has used it: it gets its answer instead.
    const onBehalf = actor.kind === 'staff' && input.intakeChannel === 'assist' && input.helpRequestId;
    if (onBehalf && idempotencyKey) {
      const replay = await this.replay(actorKey, idempotencyKey, requestHash);
      if (replay) return { created: false, result: replay };
    }
    const grant = onBehalf ? await this.consents.reserve(actor, input.helpRequestId!, submission.row.applicant_name, id) : null;
    if (grant) withConsent(submission, grant);
    try {
      const [caseNo] = await this.submissions.write({ cases: [submission] });
      if (grant) await this.recordConsentUse(ctx, actor as StaffActor, grant, { caseId: id, caseNo, itemName: submission.row.item_name });
      return { created: true, result: { id, caseNo, status: status as CaseStatus, statusLabel: CASE_STATUSES[status as CaseStatus], eligibilityWarnings: warningsOf(submission.row) } };
    } catch (err) {
      if (grant) await this.consents.release(grant, id);
      if (idempotencyKey && isUniqueViolation(err)) {
        const replay = await this.replay(actorKey, idempotencyKey, requestHash);
        if (replay) return { created: false, result: replay };
      }
      throw err;
    }
  }

  /**
   * Several applications written together or not at all — a 一件事's child cases — with another
   * module's rows and audit entry in the same commit (`own`, given the cases as written: the theme
   * application).
   * Each is checked as an application of its own; every problem of every one is answered at once,
   * each naming its item (`details[].itemCode`). A citizen's online (the daily allowance counts each
   * case), or a window's for the applicant each input names (一窗受理 of a 一件事).
   */
  async submitGroup(ctx: RequestContext, actor: CitizenActor | StaffActor, inputs: readonly SubmitInput[], own: Pick<CaseGroup, 'alsoWrite' | 'audit'> & { label: string; groupId?: string }) {
    const actorKey = `${actor.kind}:${actor.id}`;
    // a citizen's: one allowance for the group, and one reading of their 实名信息 for every child, both at once
    const group: GroupSubmission = {
      id: own.groupId ?? newId(), allowanceChecked: actor.kind === 'citizen', files: new FileReads(this.db),
      ...(actor.kind === 'citizen' ? { applicant: this.citizenApplicant(actor, undefined) } : {}),
    };
    group.applicant?.catch(() => undefined); // answered by the first child that awaits it
    group.files.prefetch(inputs.flatMap((i) => [
      ...i.materials.flatMap((m) => (m.source === 'upload' && m.fileId ? [m.fileId] : [])),
      ...Object.values(i.formData).flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])),
    ]));
    if (actor.kind === 'citizen') await this.requireDailyAllowance(actor, inputs.length);
    const prepared: NewCase[] = [];
    const problems: (FieldProblem & { itemCode?: string })[] = [];
    for (const input of inputs) {
      try {
        // the window's applicant, as typed (checked with the rest of the application)
        const given = actor.kind === 'staff' && input.applicant ? applicantInput.safeParse(input.applicant) : undefined;
        prepared.push(await this.prepareSubmission(ctx, actor, input, given, actorKey, '', undefined, group));
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err;
        const details = Array.isArray(err.details) ? (err.details as FieldProblem[]) : [{ field: 'itemCode', message: err.message }];
        for (const d of details) {
          // the applicant, the declaration, the delivery are the whole application's: said once, for no item
          if (!WHOLE_APPLICATION_FIELD.test(d.field)) problems.push({ ...d, itemCode: input.itemCode });
          else if (!problems.some((p) => p.field === d.field && p.message === d.message)) problems.push(d);
        }
      }
    }
    if (problems.length) throw validationFailed(problems, `申请有 ${problems.length} 处需要补充或修改，请逐项处理后重试`);
    const { label, groupId: _id, ...theirs } = own;
    const caseNos = await this.submissions.write({ cases: prepared, record: { id: group.id, label, created_at: iso(this.deps.clock.now()) }, ...theirs });
    const places = await Promise.all(prepared.map((c) => this.deps.regions.get(c.row.handling_region_code)));
    return prepared.map((c, i) => ({
      id: c.row.id, caseNo: caseNos[i]!, itemCode: c.row.item_code, itemName: c.row.item_name, status: c.row.status as CaseStatus, statusLabel: CASE_STATUSES[c.row.status as CaseStatus],
      handlingPlace: places[i]?.shortName ?? c.row.handling_region_code,
    }));
  }

  /**
   * The case is in; its number goes on the help request (a history row the person sees). The case
   * stands whatever happens here, so a failure is logged, not answered.
   */
  private async recordConsentUse(ctx: RequestContext, actor: StaffActor, grant: AssistConsentGrant, c: { caseId: string; caseNo: string; itemName: string }) {
    try {
      await this.consents.used(ctx, actor, grant, c);
    } catch (err) {
      this.deps.log.warn({ err, caseId: c.caseId, helpRequestId: grant.helpRequestId }, 'case submitted on behalf, but its help request was not updated');
    }
  }

  /** Checks an application and makes the rows of its case; nothing is written here. */
  private async prepareSubmission(
    ctx: RequestContext, actor: SignedIn, input: SubmitInput, given: ReturnType<typeof applicantInput.safeParse> | undefined, actorKey: string, requestHash: string, idempotencyKey?: string,
    group?: GroupSubmission,
  ): Promise<NewCase> {
    const region = await this.deps.regions.require(input.regionCode);
    if (region.level === 'county') throw new AppError(400, 'REGION_NOT_RECEIVING', '请选择办理的镇（街道）或村（社区）', [{ field: 'regionCode', message: '请选择镇（街道）或村（社区）' }]);
    const guide = await this.catalog.guide(input.itemCode, region.code);
    const mode = (guide.local?.handlingMode ?? null) as HandlingMode | null;

    // Who is submitting, through which channel. Refusals that leave nothing to check (no right to
    // take it in here, no online application, no allowance left) answer at once; every problem of
    // the application itself is collected and answered together below.
    const basics: FieldProblem[] = [];
    let channel: string;
    let agent: StaffActor | null = null;
    if (actor.kind === 'staff') {
      const ref = this.deps.regions.ref(region);
      const intakeChannel = input.intakeChannel ?? 'window';
      if (!can(actor, 'case.intake', ref)) throw forbidden(`您无权在「${region.shortName}」收件`);
      if (intakeChannel === 'assist' && !can(actor, 'assist.act', ref)) throw forbidden('只有帮办代办员可以代为申请');
      if (!input.applicant) basics.push({ field: 'applicant', message: '窗口收件和代办须填写申请人信息' });
      if (intakeChannel === 'assist' && !input.helpRequestId) {
        basics.push({ field: 'helpRequestId', message: '代为申请须从分派给您的帮办代办求助发起，并先取得求助人的授权（短信验证码或签字的委托书）' });
      }
      if (intakeChannel !== 'assist' && input.helpRequestId) basics.push({ field: 'helpRequestId', message: '仅代为申请（帮办代办）时关联求助' });
      channel = intakeChannel;
      agent = actor;
    } else {
      if (input.intakeChannel) basics.push({ field: 'intakeChannel', message: '仅工作人员收件时填写' });
      if (input.helpRequestId) basics.push({ field: 'helpRequestId', message: '仅帮办代办员代为申请时填写' });
      if (input.greenChannel !== undefined) basics.push({ field: 'greenChannel', message: '绿色通道由窗口工作人员或帮办代办员标记' });
      channel = ['mobile', 'kiosk', 'pc'].includes(ctx.channel) ? ctx.channel : 'pc';
    }
    // A citizen's application is an online one: only for items that take them (the shared rule, which
    // the guide carries). Window intake and helpers' 代办 take the materials in person.
    if (actor.kind === 'citizen') requireOnlineApplication(guide);
    if (actor.kind === 'citizen' && !group?.allowanceChecked) await this.requireDailyAllowance(actor);
    // The applicant's details (the request carries their shape; their content is checked here, with the rest).
    if (given && !given.success) basics.push(...given.error.issues.map((i) => ({ field: ['applicant', ...i.path.map(String)].join('.'), message: i.message })));
    const own = actor.kind === 'citizen' ? await (group?.applicant ?? this.citizenApplicant(actor, given?.success ? given.data : undefined)) : null;
    // null: the details have problems (reported), so nothing is looked up by them
    const applicant = own ? own.applicant : given?.success ? given.data : null;

    const settings = await this.forms.recentSettings(guide.code);
    const files = group?.files ?? new FileReads(this.db);
    const formProblems = await this.checks.formProblems(actor, settings.definition, input.formData, new Set(), files);
    const situations = situationMaterials(guide.situations, input.situationAnswers);
    const checked = await this.checks.materialProblems(actor, guide.materials, input.materials, applicant, situations.selected, files);
    const problem = applicationError([
      { message: '提交的信息有误，请检查后重试', problems: basics },
      { message: FORM_PROBLEMS, problems: formProblems },
      { message: '请回答情形引导中的问题', problems: situations.problems.map(({ field, message }) => ({ field, message })) },
      { message: MATERIAL_PROBLEMS, problems: checked.problems, missing: checked.missing },
      { message: '提交的信息有误，请检查后重试', problems: input.deliveryMethod === 'post' && !input.deliveryAddress ? [{ field: 'deliveryAddress', message: '选择邮寄送达请填写收件地址' }] : [] },
      { message: '请阅读并确认申请承诺', problems: input.declaration ? [] : [{ field: 'declaration', message: '请阅读并确认申请承诺' }] },
    ]);
    if (problem || !applicant) throw problem ?? new Error('an applicant without problems was not parsed');
    const materials = checked.materials;
    const workflow = defaultWorkflow(
      { level: guide.level, tongbanScope: guide.tongbanScope, materials: guide.materials.map((m) => ({ id: m.id, name: m.name, necessity: m.necessityCode, licenceType: m.licenceType })) },
      mode,
      { preReviewOnline: settings.preReviewOnline, decidedBy: settings.decidedBy },
    );
    const parent = region.parentCode ? await this.deps.regions.get(region.parentCode) : undefined;
    const handling = handlingRegionFor(workflow, region, parent);
    // 受理条件校验: the form's eligibility rules warn (never refuse) — against the applicant's ID number and the handling place, today
    const eligibility = eligibilityWarnings(settings.definition, { idNumber: applicant.idNumber, place: { code: handling.code, name: handling.shortName }, formData: input.formData, onDate: this.today() });
    const status: CaseStatus = actor.kind === 'citizen' && workflow.preReviewOnline ? 'pending_review' : 'pending_acceptance';
    const { protector } = this.deps;
    const now = iso(this.deps.clock.now());
    const id = newId();

    const onBehalfOf = agent ? `申请人 ${maskName(applicant.name)}` : null;
    const submission: NewCase = {
      ctx,
      citizenByIdHash: actor.kind === 'citizen' ? null : protector.lookupHash(applicant.idNumber),
      day: this.today(),
      idempotency: idempotencyKey ? { actor_key: actorKey, key: idempotencyKey, request_hash: requestHash, case_id: id, created_at: now } : null,
      draft: { owner: { kind: actor.kind, id: actor.id }, itemCode: guide.code, regionCode: region.code },
      phone: applicant.phone,
      row: {
        id, item_code: guide.code, item_name: guide.name, item_level: guide.level,
        region_code: region.code, region_path: region.path,
        handling_region_code: handling.code, handling_region_path: handling.path,
        current_region_code: region.code, current_region_path: region.path,
        applicant_kind: applicant.kind, applicant_name: applicant.name, applicant_id_type: applicant.idType,
        applicant_id_enc: protector.encrypt(applicant.idNumber), applicant_id_hash: protector.lookupHash(applicant.idNumber), applicant_id_masked: maskIdNumber(applicant.idNumber),
        phone_enc: protector.encrypt(applicant.phone), phone_hash: protector.lookupHash(applicant.phone), phone_masked: maskPhone(applicant.phone),
        address: applicant.address, legal_rep: applicant.legalRep ?? null,
        citizen_id: actor.kind === 'citizen' ? actor.id : null,
        // a person applying online as themselves: how far their name and ID number were checked
        applicant_real_name: own && applicant.kind === 'person' ? own.realName : null,
        eligibility_warnings: JSON.stringify(eligibility), group_id: group?.id ?? null,
        agent_staff_id: agent?.id ?? null, agent_name: agent ? agent.name : null,
        channel, status, resume_status: null, step: STEP_OF_STATUS[status], version: 1, event_count: 1,
        form_data: sealFormData(protector, input.formData), workflow: JSON.stringify(workflow),
        form_definition: definitionJson(settings.definition), situation_answers: JSON.stringify(input.situationAnswers),
        delivery_address: input.deliveryMethod === 'post' ? input.deliveryAddress! : null, delivery_tracking_no: null,
        promised_days: guide.promisedDays, extended_days: 0, accepted_at: null, accepted_on: null, due_date: null, warn_on: null,
        queue_rank: queueRank(true, false, Boolean(input.greenChannel)), green_channel: input.greenChannel ? 1 : 0, help_request_id: null, assist_authorisation: null,
        paused_days: 0, paused_since: null, correction_notice: null, decided_at: null, working_days: null, result: null, result_note: null,
        delivery_method: input.deliveryMethod, delivered_at: null, closed_at: null, idempotency_key: idempotencyKey ?? null,
        created_at: now, updated_at: now,
      },
      materials: materialRows(id, materials, now),
      event: {
        case_id: id, seq: 1, at: now, ...this.eventActor(actor), on_behalf_of: onBehalfOf,
        channel, action: 'submit', from_status: null, to_status: status, step: STEP_OF_STATUS[status], region_code: region.code, opinion: '',
        details: JSON.stringify({ materials: materials.map((m) => ({ materialId: m.materialId, source: m.source })), handlingRegionCode: handling.code }),
      },
      audit: (caseNo) => ({
        action: 'case.submit', entityType: 'case', entityId: id, regionCode: region.code, onBehalfOf,
        summary: { caseNo, item: guide.code, channel, applicant: maskName(applicant.name), idNumber: maskIdNumber(applicant.idNumber), phone: maskPhone(applicant.phone) },
      }),
    };
    return submission;
  }

  private async replay(actorKey: string, key: string, requestHash: string) {
    const previous = await findIdempotency(this.db, actorKey, key);
    if (!previous) return null;
    if (previous.request_hash !== requestHash) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一份不同的申请；重新申请请使用新的 Key');
    }
    const row = await findCase(this.db, previous.case_id);
    if (!row) throw caseNotFound();
    return { id: row.id, caseNo: row.case_no, status: row.status as CaseStatus, statusLabel: CASE_STATUSES[row.status as CaseStatus], eligibilityWarnings: warningsOf(row) };
  }

  /**
   * A citizen applies as themselves: the applicant is their real-name profile (姓名、身份证号码,
   * which they fill in under 实名信息: GET/PUT /me/profile) and the phone — where the platform
   * sends its signed SMS — is the one they signed in with. Without a complete profile there is no
   * online application (409 PROFILE_INCOMPLETE): the request cannot fill the gap, or anyone could
   * apply under any name. An applicant given in the request must be the profile's person (an
   * organisation: with them as its legal representative); anything that names someone else is
   * refused (applying for another person is 代办, done at a window or by a helper, who records it).
   * Otherwise anyone could make the platform send official messages to any phone.
   */
  private async citizenApplicant(actor: CitizenActor, given: ApplicantInput | undefined): Promise<{ applicant: ApplicantInput; realName: 'verified' | 'declared' }> {
    const me = await this.citizens.profile(actor.id);
    if (!me) throw new Error(`no citizen account ${actor.id}`);
    const { phone, name, idNumber } = me;
    if (!name || !idNumber) {
      const missing: FieldProblem[] = [];
      if (!name) missing.push({ field: 'name', message: '缺少姓名' });
      if (!idNumber) missing.push({ field: 'idNumber', message: '缺少身份证号码' });
      throw conflict('PROFILE_INCOMPLETE', '请先完善实名信息（姓名、身份证号码）后再提交申请', missing);
    }
    // A complete profile is at least declared (a 'none' one with both is from before migration 0011 set it).
    const realName = me.realName === 'verified' ? 'verified' as const : 'declared' as const;
    if (given) {
      const notSelf: FieldProblem[] = [];
      if (given.phone !== phone) notSelf.push({ field: 'applicant.phone', message: '手机号须为本人登录手机号' });
      if (given.kind === 'person' && given.name !== name) notSelf.push({ field: 'applicant.name', message: '申请人须为本人' });
      if (given.kind === 'person' && given.idNumber !== idNumber) notSelf.push({ field: 'applicant.idNumber', message: '申请人须为本人' });
      if (given.kind === 'org' && given.legalRep !== name) notSelf.push({ field: 'applicant.legalRep', message: '单位申请须由法定代表人本人登录提交' });
      if (notSelf.length) {
        throw new AppError(403, 'APPLICANT_NOT_SELF', '网上申请只能以本人名义提交；为他人办理请到窗口或联系帮办代办员', notSelf);
      }
      return { applicant: given, realName };
    }
    return { applicant: { kind: 'person', name, idType: 'id_card', idNumber, phone, address: me.address ?? '' }, realName };
  }

  /** Each online application sends official SMS: a citizen account has a daily allowance. */
  private async requireDailyAllowance(actor: CitizenActor, cases = 1): Promise<void> {
    const dayStart = chinaDayStart(this.today());
    const limit = this.deps.config.citizenApplicationsPerDay;
    const submitted = await countCasesOfCitizenSince(this.db, actor.id, dayStart, limit);
    if (submitted + cases > limit) {
      const left = Math.max(0, limit - submitted);
      const message = cases > 1 && left > 0
        ? `每个账号每天最多网上申请 ${limit} 件，今天还可申请 ${left} 件，本次“一件事”包含 ${cases} 件；请明天再试，或到窗口办理`
        : `每个账号每天最多网上申请 ${limit} 件，今天已达上限；请明天再试，或到窗口办理`;
      throw new AppError(429, 'DAILY_APPLICATION_LIMIT', message, { limit });
    }
  }

  private eventActor(actor: SignedIn | Actor) {
    if (actor.kind === 'staff') return { actor_kind: 'staff' as const, actor_id: actor.id, actor_name: `${actor.name}(${actor.username})` };
    if (actor.kind === 'citizen') return { actor_kind: 'citizen' as const, actor_id: actor.id, actor_name: '申请人' };
    return { actor_kind: 'system' as const, actor_id: null, actor_name: '系统' };
  }

  // ───────────────────────── visibility and roles ─────────────────────────

  private async visible(actor: SignedIn, row: CaseRow): Promise<boolean> {
    return mayViewCase(actor, accessOf(row));
  }

  /** May the actor read a material file? Yes when they may see a case that uses it. */
  async mayReadFile(actor: SignedIn, fileId: string): Promise<boolean> {
    const uses = await this.db.selectFrom('case_materials').select('case_id').where('file_id', '=', fileId).execute();
    for (const { case_id } of uses) {
      const row = await findCase(this.db, case_id);
      if (row && (await this.visible(actor, row))) return true;
    }
    // An attachment answer of the form: answers are encrypted, so look in the cases its uploader
    // submitted (or took in) that changed since the upload.
    const file = await findFile(this.db, fileId);
    if (!file || file.kind !== 'upload' || !file.created_by) return false;
    const uploader = file.created_by;
    const candidates = await this.db.selectFrom('cases').selectAll()
      .where((eb) => eb.or([eb('citizen_id', '=', uploader), eb('agent_staff_id', '=', uploader)]))
      .where('updated_at', '>=', file.created_at)
      .orderBy('updated_at', 'desc').limit(100).execute();
    for (const row of candidates) {
      if (!(await this.visible(actor, row))) continue;
      if (attachmentIds(JSON.parse(row.form_definition) as FormDefinition, openFormData(this.deps.protector, row.form_data)).has(fileId)) return true;
    }
    return false;
  }

  private async load(actor: SignedIn, id: string): Promise<CaseRow> {
    const row = await findCase(this.db, id);
    if (!row || !(await this.visible(actor, row))) throw caseNotFound();
    return row;
  }

  /** The actor's roles on the case (the policy decides: platform/permissions.ts caseRoles). */
  private rolesOf(actor: SignedIn, row: CaseRow): Set<CaseActorRole> {
    return caseRoles(actor, { ...accessOf(row), decidedBy: (JSON.parse(row.workflow) as Workflow).decidedBy });
  }


  // ───────────────────────── actions ─────────────────────────

  /**
   * An action on a case: load → check (version, state, role, place) → the action's handler says
   * what changes (actions/) → one transaction writes the row (guarded by the version read), the
   * materials handed in, the event, the notices and the audit entry.
   */
  async act<A extends CaseActionName>(ctx: RequestContext, actor: SignedIn, id: string, action: A, body: ActionBody<A>) {
    const row = await this.load(actor, id);
    const status = row.status as CaseStatus;
    if (body.version !== undefined && body.version !== row.version) throw stateChanged();
    const roles = this.rolesOf(actor, row);
    const problem = actionProblem(action, status, roles, placeOf(row));
    if (problem?.kind === 'wrong_state') {
      throw conflict('CASE_WRONG_STATE', `办件当前状态为「${CASE_STATUSES[status]}」，不能${CASE_ACTIONS[action]}`, { status, allowed: problem.allowed });
    }
    if (problem?.kind === 'not_permitted') throw forbidden(`您无权对该办件执行「${CASE_ACTIONS[action]}」`);
    if (problem?.kind === 'not_collect_only') throw conflict('CASE_NOT_COLLECT_ONLY', '本办件由收件地直接办理，无需转报');
    const transition = transitionFor(action, status)!;
    const role = transition.by.find((r) => roles.has(r))!;
    // staff taking in the applicant's 补正 or 撤回 at the window act on the applicant's behalf
    const onBehalf = actor.kind === 'staff' && role === 'receiver' && (action === 'resubmit' || action === 'withdraw');

    const context = await this.actionContext(row, role, onBehalf);
    const { set, opinion, details, materials = [] } = await handlerFor(action)(row, actor, body, context);

    const { now } = context;
    const to: CaseStatus = transition.to === 'previous' ? (row.resume_status as CaseStatus) : transition.to === 'same' ? status : transition.to;
    const step: CaseStep = STEP_OF_STATUS[to];
    const seq = row.event_count + 1;
    const region = set.current_region_code ?? row.current_region_code;
    const channel = onBehalf ? (row.channel === 'assist' ? 'assist' : 'window') : ctx.channel;
    const onBehalfOf = onBehalf ? `申请人 ${maskName(row.applicant_name)}` : null;
    // warn_on and queue_rank follow the clock (warnings.ts)
    const changes = { ...set, ...clockColumns(context.calendar, { ...row, ...set, status: to }), status: to, step, version: row.version + 1, event_count: seq, updated_at: now };
    const after = { ...row, ...changes } as CaseRow;
    // read before the transaction: the catalog is another module's (its snapshot may load from the database)
    const itemType = await this.catalog.itemType(row.item_code);
    const issue = to === 'approved' && status !== 'approved' ? await this.results.prepareIssue(await this.approvedCase(row, now)) : null;
    const licenceUses = materials.flatMap((m): LicenceUseNote[] => (m.licenceRef
      ? [{ licenceRef: m.licenceRef, caseId: row.id, caseNo: row.case_no, itemName: row.item_name, materialName: m.name, channel, placeCode: row.region_code }] : []));
    await this.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('cases')
        .set(changes)
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw stateChanged();
      // A group's count next, before anything else is locked (the audit chain's head): two last
      // decisions of one 一件事 then queue at the group's row in the same order and never deadlock.
      const groupDone = after.group_id && DONE_STATUSES.has(to) && !DONE_STATUSES.has(status) ? await countGroupDecision(tx, after.group_id, now) : null;
      if (materials.length) {
        await tx.updateTable('case_materials').set({ superseded: 1 }).where('case_id', '=', row.id).where('material_id', 'in', materials.map((m) => m.materialId)).execute();
        await tx.insertInto('case_materials').values(materialRows(row.id, materials, now)).execute();
        const uses = this.licences.useWrite(tx, licenceUses);
        if (uses) await runTogether(tx, [{ query: uses }]);
      }
      if (issue) await issue(tx, ctx);
      await tx.insertInto('case_events').values({
        case_id: row.id, seq, at: now, ...this.eventActor(actor), on_behalf_of: onBehalfOf, channel, action, from_status: status, to_status: to, step,
        region_code: region, opinion, details: JSON.stringify(details),
      }).execute();
      await runTogether(tx, await this.notifier.noticeWrites(tx, [{ caseId: row.id, action, from: status, to, opinion, row: after, itemType }]));
      // the last of a group's cases to be decided tells the applicant that all of them are (one notice for the whole)
      if (groupDone && this.notifier.groupDoneWrites) await runTogether(tx, await this.notifier.groupDoneWrites(tx, { ...groupDone, row: after }));
      // The status change as [before, after]; a forward's or transfer's places (from, to in the
      // event's details) under names of their own, so they do not hide it.
      const { from: fromRegionCode, to: toRegionCode, ...otherDetails } = details;
      await recordAudit(tx, ctx, {
        action: `case.${action}`, entityType: 'case', entityId: row.id, regionCode: row.handling_region_code, onBehalfOf,
        summary: {
          caseNo: row.case_no, status: [status, to], ...(opinion ? { opinion: opinion.slice(0, 200) } : {}), ...otherDetails,
          ...(fromRegionCode !== undefined ? { fromRegionCode, toRegionCode } : {}),
        },
      }, this.deps.clock);
    });
    return this.get(actor, row.id);
  }

  /** An approved case as its result's licences need it: the applicant in clear (decrypted here, inside the module that keeps it). */
  private async approvedCase(row: CaseRow, now: string): Promise<ApprovedCase> {
    const idNumber = this.deps.protector.decrypt(row.applicant_id_enc);
    // an organisation's licence shows in its legal representative's wallet: the submitting citizen is taken as them when the names agree
    const submitter = row.applicant_kind === 'org' && row.citizen_id && row.legal_rep ? await this.citizens.profile(row.citizen_id) : undefined;
    return {
      caseId: row.id, caseNo: row.case_no, itemCode: row.item_code, itemName: row.item_name, regionCode: row.handling_region_code,
      decidedOn: chinaDate(new Date(now)),
      applicant: { kind: row.applicant_kind, name: row.applicant_name, idNumber },
      legalRepIdNumber: submitter?.name === row.legal_rep ? submitter.idNumber : null,
    };
  }

  /** What an action's handler may know and read. */
  private async actionContext(row: CaseRow, role: CaseActorRole, onBehalf: boolean): Promise<ActionContext> {
    const calendar = await this.deps.calendar.fresh();
    return {
      role, onBehalf, now: iso(this.deps.clock.now()), today: this.today(), calendar,
      workflow: JSON.parse(row.workflow) as Workflow,
      clock: { acceptedOn: row.accepted_on, promisedDays: row.promised_days, extendedDays: row.extended_days, pausedDays: row.paused_days, pausedSince: row.paused_since },
      protector: this.deps.protector,
      regions: this.deps.regions,
      guide: (code, regionCode) => this.catalog.guide(code, regionCode),
      events: () => eventsOf(this.db, [row.id]),
      checkMaterials: (...args) => this.checks.checkMaterials(...args),
      checkForm: (...args) => this.checks.checkForm(...args),
    };
  }

  // ───────────────────────── reading ─────────────────────────

  private async summary(row: CaseSummaryRow) {
    const today = this.today();
    const cal = await this.deps.calendar.fresh();
    const status = row.status as CaseStatus;
    const open = !FINAL_STATUSES.includes(status) && status !== 'approved' && status !== 'denied';
    const left = open ? timeLeft(cal, { acceptedOn: row.accepted_on, promisedDays: row.promised_days, extendedDays: row.extended_days, pausedDays: row.paused_days, pausedSince: row.paused_since }, today) : null;
    const name = async (code: string) => (await this.deps.regions.get(code))?.shortName ?? code;
    return {
      id: row.id, caseNo: row.case_no, version: row.version, itemCode: row.item_code, itemName: row.item_name,
      status, statusLabel: CASE_STATUSES[status], step: row.step as CaseStep,
      regionCode: row.region_code, regionName: await name(row.region_code),
      handlingRegionCode: row.handling_region_code, handlingRegionName: await name(row.handling_region_code), currentRegionCode: row.current_region_code,
      applicantName: row.applicant_name, applicantIdMasked: row.applicant_id_masked, phoneMasked: row.phone_masked, channel: row.channel,
      createdAt: row.created_at, acceptedAt: row.accepted_at, dueDate: row.due_date,
      daysLeft: left?.daysLeft ?? null, warning: left?.warning ?? ('none' as const), paused: row.paused_since !== null || status === 'suspended' || status === 'correction',
      greenChannel: row.green_channel === 1,
    };
  }

  /** An event as staff see it: as recorded, with the person who acted. */
  private async eventView(e: CaseEventRow) {
    const details = detailsOf(e);
    return {
      seq: e.seq, at: e.at, action: e.action, actionLabel: CASE_ACTIONS[e.action as keyof typeof CASE_ACTIONS] ?? e.action,
      actorName: e.actor_name, onBehalfOf: e.on_behalf_of, office: await actingOffice(this.deps.regions, e, details),
      channel: e.channel, fromStatus: e.from_status, toStatus: e.to_status, step: e.step, opinion: e.opinion, details,
    };
  }

  /**
   * A case's events for whoever reads them: staff get every event as recorded; the applicant (a
   * citizen may only open their own cases) gets the plain milestones with the office that acted
   * (progress.ts), never a staff member's name.
   */
  private async eventsFor(actor: SignedIn, events: CaseEventRow[], itemType: string | null) {
    if (actor.kind === 'citizen') return (await progressOf(this.deps.regions, events, itemType)).map(applicantEventView);
    return Promise.all(events.map((e) => this.eventView(e)));
  }

  async get(actor: SignedIn, id: string) {
    const row = await this.load(actor, id);
    const [events, materials, itemType, group] = await Promise.all([
      eventsOf(this.db, [id]), materialsOf(this.db, id), this.catalog.itemType(row.item_code), row.group_id ? findGroup(this.db, row.group_id) : undefined,
    ]);
    // each file's name and type, so the case page can show an image or a PDF in place (预览)
    const files = await fileFacts(this.db, materials.flatMap((m) => (m.file_id ? [m.file_id] : [])));
    // The applicant sees the status in plain words (the outcome in the words of the item's type) and staff only as the office that took the case in.
    const applicant = actor.kind === 'citizen';
    return {
      ...(await this.summary(row)),
      ...(applicant ? { statusLabel: citizenStatusLabel(row.status as CaseStatus, row.result, itemType) } : {}),
      itemType,
      itemLevel: row.item_level, applicantKind: row.applicant_kind, address: row.address, legalRep: row.legal_rep,
      agentName: applicant && row.agent_name ? await officeOf(this.deps.regions, row.region_code) : row.agent_name,
      applicantRealName: row.applicant_real_name,
      assistance: applicant ? null : consentOf(row),
      eligibilityWarnings: warningsOf(row),
      group: group ? { id: group.id, label: group.label, size: Number(group.size), decided: Number(group.decided) } : null,
      formData: openFormData(this.deps.protector, row.form_data) as Record<string, unknown>,
      formDefinition: definitionOf(row), situationAnswers: JSON.parse(row.situation_answers) as Record<string, string>,
      deliveryAddress: row.delivery_address, deliveryTrackingNo: row.delivery_tracking_no,
      promisedDays: row.promised_days, extendedDays: row.extended_days, pausedDays: row.paused_days,
      correctionNotice: row.correction_notice ? JSON.parse(row.correction_notice) : null,
      result: row.result, resultNote: row.result_note, decidedAt: row.decided_at, deliveryMethod: row.delivery_method, deliveredAt: row.delivered_at,
      workflow: JSON.parse(row.workflow),
      materials: materials.map((m) => ({
        materialId: m.material_id, name: m.name, source: MATERIAL_SUBMISSION_SOURCES[m.source] ? m.source : m.source, fileId: m.file_id, licenceRef: m.licence_ref,
        file: m.file_id ? (files.get(m.file_id) ?? null) : null,
        checkedOriginal: m.checked_original === 1, copies: m.copies, addedAt: m.added_at,
      })),
      events: await this.eventsFor(actor, events, itemType),
      allowedActions: allowedActions(row.status as CaseStatus, this.rolesOf(actor, row), placeOf(row)),
      documents: documentList(row.status as CaseStatus, events.map((e) => e.action)),
    };
  }

  /**
   * The staff work queue: cases in the actor's scope, those waiting for them first (等我处理: an
   * action that moves the case on is theirs to take, shared/case-rules.ts AWAITED_ACTIONS), then
   * the rest, each most urgent first; `awaiting` keeps only the first. Both in SQL, so pages and
   * totals are right.
   */
  async queue(actor: StaffActor, q: { status?: CaseStatus; item?: string; overdue?: boolean; awaiting?: boolean; q?: string; region?: string; page: number; pageSize: number }) {
    const regionPath = q.region ? (await this.deps.regions.require(q.region, 'region')).path : undefined;
    return this.page(await listCases(this.db, {
      scopePaths: scopePaths(actor, 'case.view'), status: q.status, item: q.item, overdueOn: q.overdue ? this.today() : undefined, text: q.q || undefined, regionPath,
      awaiting: caseRoleScopes(actor), onlyAwaiting: q.awaiting,
    }, q.page, q.pageSize, 'urgency'));
  }

  /**
   * 我代办的 / 我收件的: the cases this staff member took in (a helper's 代办, window intake), wherever
   * they are now — what a helper, who does not see the work queue, follows up. Those waiting for
   * them (a 收件转报 of their own) first, then the rest, each most urgent first.
   */
  async takenIn(actor: StaffActor, q: { status?: CaseStatus; awaiting?: boolean; q?: string; page: number; pageSize: number }) {
    return this.page(await listCases(this.db, {
      scopePaths: [], agentStaffId: actor.id, status: q.status, text: q.q || undefined, awaiting: caseRoleScopes(actor), onlyAwaiting: q.awaiting,
    }, q.page, q.pageSize, 'urgency'));
  }

  private async page({ total, rows }: CasePage) {
    const items = [];
    for (const r of rows) items.push({ ...(await this.summary(r)), awaitsMe: r.awaitsMe });
    return { total, items };
  }

  /** The queue's tabs: how many cases in the actor's scope have each status, and all of them, and how many wait for them (等我处理). */
  async statusCounts(actor: StaffActor): Promise<{ total: number; byStatus: Record<CaseStatus, number>; awaiting: number }> {
    const paths = scopePaths(actor, 'case.view');
    const counted = await countByStatus(this.db, paths);
    const byStatus = Object.fromEntries(CASE_STATUS_CODES.map((s) => [s, counted.get(s) ?? 0])) as Record<CaseStatus, number>;
    const awaiting = caseRoleScopes(actor);
    const waiting = awaiting && paths.length ? await countCases(this.db, { scopePaths: paths, awaiting, onlyAwaiting: true }) : 0;
    return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, awaiting: waiting };
  }

  /**
   * Which of the item's licence-linked materials the citizen's own 电子证照 can satisfy (免提交), so the
   * application page offers the licence only where it exists.
   */
  async licenceMatches(actor: CitizenActor, itemCode: string, regionCode: string) {
    const guide = await this.catalog.guide(itemCode, regionCode);
    const profile = await this.citizens.profile(actor.id);
    if (profile === undefined) throw new Error(`no citizen account ${actor.id}`);
    const items = [];
    for (const m of guide.materials) {
      if (!m.licenceType) continue;
      const found = profile.idNumber ? await this.licences.find(profile.idNumber, m.licenceType) : null;
      items.push({ materialId: m.id, licenceType: m.licenceType, available: Boolean(found) });
    }
    return { items };
  }

  /** 我的办件: the citizen's cases, newest first, each with its milestones (in the applicant's words). */
  async mine(actor: CitizenActor, q: { page: number; pageSize: number }) {
    const { total, rows } = await listCases(this.db, { scopePaths: [], citizenId: actor.id }, q.page, q.pageSize, 'newest');
    const events = await eventsOf(this.db, rows.map((r) => r.id));
    const items = [];
    for (const r of rows) {
      const itemType = await this.catalog.itemType(r.item_code);
      const own = await this.eventsFor(actor, events.filter((e) => e.case_id === r.id), itemType);
      items.push({ ...(await this.summary(r)), statusLabel: citizenStatusLabel(r.status as CaseStatus, resultOfEvents(own), itemType), events: own });
    }
    return { total, items };
  }

  /**
   * Public progress lookup. A wrong phone and an unknown case give the same answer; lookups are
   * limited per client address so case numbers cannot be probed in bulk.
   */
  /** Public tracking by case number + phone (the route limits lookups per address: cases/routes.ts). */
  async track(caseNo: string, phone: string) {
    const row = await findCaseByNo(this.db, caseNo);
    const phoneHash = this.deps.protector.lookupHash(phone);
    if (!row || row.phone_hash !== phoneHash) throw notFound('办件', 'CASE_NOT_FOUND');
    // The applicant's words (shared/case-progress.ts): each milestone once, ending with the outcome, no staff names.
    const itemType = await this.catalog.itemType(row.item_code);
    const progress = await progressOf(this.deps.regions, await eventsOf(this.db, [row.id]), itemType);
    return {
      caseNo: row.case_no, itemName: row.item_name, status: citizenStatusLabel(row.status as CaseStatus, row.result, itemType), dueDate: row.due_date,
      events: progress.map((p) => ({ at: p.event.at, action: p.milestone.label })),
    };
  }

  /** Per town: open cases handled there (or in its villages), how many are in yellow and in red. */
  async overdueReport(actor: StaffActor) {
    const paths = scopePaths(actor, 'case.view');
    const rows = await openCasesUnder(this.db, paths);
    const cal = await this.deps.calendar.fresh();
    const today = this.today();
    const towns = new Map<string, { regionCode: string; regionName: string; open: number; yellow: number; red: number }>();
    const townOf = async (path: string): Promise<Region | undefined> => {
      const codes = path.split('/').filter(Boolean);
      return this.deps.regions.get(codes[1] ?? codes[0]!);
    };
    // Every town in scope is listed, even with nothing open.
    for (const p of paths) {
      const code = p.split('/').filter(Boolean).pop()!;
      const region = await this.deps.regions.get(code);
      if (!region) continue;
      const list = region.level === 'county' ? ((await this.deps.regions.childrenOf(region.code)) ?? []) : region.level === 'town' ? [region] : [(await townOf(region.path))!];
      for (const t of list) if (t && !towns.has(t.code)) towns.set(t.code, { regionCode: t.code, regionName: t.shortName, open: 0, yellow: 0, red: 0 });
    }
    for (const r of rows) {
      const town = await townOf(r.handling_region_path);
      if (!town) continue;
      const entry = towns.get(town.code) ?? { regionCode: town.code, regionName: town.shortName, open: 0, yellow: 0, red: 0 };
      towns.set(town.code, entry);
      entry.open++;
      const left = timeLeft(cal, { acceptedOn: r.accepted_on, promisedDays: r.promised_days, extendedDays: r.extended_days, pausedDays: r.paused_days, pausedSince: r.paused_since }, today);
      if (left?.warning === 'yellow') entry.yellow++;
      if (left?.warning === 'red') entry.red++;
    }
    return { asOf: today, items: [...towns.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.regionCode.localeCompare(b.regionCode)) };
  }

  /** A material file uploaded for an application (PDF, JPG, PNG or OFD; checked by content). */
  async storeUpload(ctx: RequestContext, actor: SignedIn, upload: { fileName: string; data: Buffer }, detect: (data: Buffer, name: string) => { ext: string; mime: string } | null) {
    const type = detect(upload.data, upload.fileName);
    if (!type || !['pdf', 'jpg', 'png', 'ofd'].includes(type.ext)) {
      throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '申请材料只能是 PDF、JPG、PNG 或 OFD 文件（按文件内容判断，而非文件名）');
    }
    const stored = await this.deps.files.put(upload.data);
    const name = Array.from(upload.fileName, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 120) || `material.${type.ext}`;
    const id = newId();
    await this.db.transaction().execute(async (tx) => {
      await insertFileRow(tx, this.deps.clock, {
        id, name, mime: type.mime, size: upload.data.length, sha256: stored.sha256, storageKey: stored.key, kind: 'upload',
        meta: { purpose: 'case-material' }, isPublic: false, createdBy: actor.id,
      });
      await recordAudit(tx, ctx, { action: 'case.upload', entityType: 'file', entityId: id, summary: { name, size: upload.data.length, mime: type.mime } }, this.deps.clock);
    });
    return { id, name, mime: type.mime, size: upload.data.length };
  }
}
