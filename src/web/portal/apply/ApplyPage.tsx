/**
 * 网上申请: a citizen applies for one item at one place, step by step (phone first):
 * 情形 → 填写申请表 → 提交材料 → 领取方式 → 核对并提交. Everything typed is auto-saved as a draft
 * (草稿) and comes back on any device; fields the profile or an earlier application can answer are
 * filled and marked; the submission carries one Idempotency-Key, so a double tap or a retry after a
 * lost connection makes one case.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { applicationQueries, useDeleteDraft, useSaveDraft, type Draft, type DraftData } from '../../api/applications.js';
import { guideHref, REGION_CODE, useGuide, type Guide, type GuideMaterial } from '../../api/catalog.js';
import { caseQueries, trackPath, useSubmitCase, useUploadCaseFile, type SubmitResult } from '../../api/cases.js';
import { CaseNumber } from '../../components/CaseNumber.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { useItemFormSettings } from '../../api/forms.js';
import { profileQueries } from '../../api/profile.js';
import { sessionQueries } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseShortDateTime } from '../../dates.js';
import { AnswerView } from '../../forms/AnswerView.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { RadioQuestion } from '../../components/RadioQuestion.js';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { citizenStatusLabel, stepsAfterSubmission } from '../../../shared/case-progress.js';
import { AUTHORITY_INITIATED_TYPES, materialApplies, materialRequired, situationMaterials } from '../../../shared/case-rules.js';
import { validateForm, visibleFields, type FormValues } from '../../../shared/forms.js';
import { genericText, PhoneLinks } from '../catalog/format.js';
import { withoutEndMark } from '../../../shared/text.js';
import { regionForLevel, usePlace, usePlaceOf, type Place } from '../catalog/place.js';
import { PlacePicker } from '../catalog/PlacePicker.js';
import { openCaseFor, placeFromHistory } from './history.js';
import { EligibilityNotice } from './EligibilityNotice.js';
import { ApplicantFacts, Declaration, DeliveryChoice, keyStorage, MaterialRow, ProfileNeeded, StepNav, useApplicant, useProfilePath, type Applicant, type MaterialChoice as MaterialRowChoice } from './parts.js';
import '../../components/fields.css';
import '../../components/kv.css';
import '../../components/notice.css';
import './shared.css';
import './ApplyPage.css';

type Step = 'situations' | 'form' | 'materials' | 'delivery' | 'review';
const STEP_TITLES: Record<Step, string> = {
  situations: '回答几个问题', form: '填写申请表', materials: '提交材料', delivery: '选择领取方式', review: '核对并提交',
};

interface MaterialChoice extends MaterialRowChoice {
  materialId: string;
}

interface ApplyState {
  formData: FormValues;
  situationAnswers: Record<string, string>;
  materials: MaterialChoice[];
  deliveryMethod: DeliveryMethod;
  deliveryAddress: string;
  step: number;
}

const EMPTY: ApplyState = { formData: {}, situationAnswers: {}, materials: [], deliveryMethod: 'pickup', deliveryAddress: '', step: 0 };

export default function ApplyPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  // An item that takes no online applications (the shared rule, as its guide carries it) says so and
  // where to go instead — before sign-in, the place or any form. Other problems (an unknown item)
  // are the application's to show.
  const general = useGuide(code, undefined);
  if (general.isPending) return <PageLoading />;
  if (general.data && !general.data.onlineApplication.allowed) return <NotOnline general={general.data} region={params.get('region') ?? ''} />;
  return <ApplyForItem />;
}

/** 网上申请 where the item offers none: the reason, and the place, hours and phone to go to instead. */
function NotOnline({ general, region }: { general: Guide; region: string }) {
  const valid = REGION_CODE.test(region);
  const local = useGuide(general.code, valid ? region : undefined, valid);
  if (valid && local.isPending) return <PageLoading />;
  // a place that does not offer the item: the general guide's place and phone
  const guide = local.data ?? general;
  const place = guide.local;
  const location = place?.location || genericText(guide.location);
  const phone = place?.consultPhone || guide.consultPhone;
  const hours = place?.hours || guide.hours;
  return (
    <>
      <PageHeading>网上申请：{guide.name}</PageHeading>
      <div className="notice notice--warn">
        <p>
          <strong>{guide.onlineApplication.reason}</strong>
        </p>
        <p>{AUTHORITY_INITIATED_TYPES.includes(guide.typeCode) ? '如有疑问，请咨询：' : '请携带材料到以下地点办理：'}</p>
      </div>
      <dl className="kv kv--compact">
        <div className="kv__row">
          <dt>办理地点</dt>
          <dd>{location || '请拨打咨询电话询问'}</dd>
        </div>
        {hours && (
          <div className="kv__row">
            <dt>办理时间</dt>
            <dd>{hours}</dd>
          </div>
        )}
        <div className="kv__row">
          <dt>咨询电话</dt>
          <dd>{phone ? <PhoneLinks value={phone} /> : '暂未公布'}</dd>
        </div>
      </dl>
      {!place && <p>以上为通用信息。在办事指南中选择所在的镇（街道）或村（社区），可查看当地的办理地点和电话。</p>}
      <p>
        <Link to={guideHref(guide.code, guide.region?.code)}>查看办事指南（需要准备的材料）</Link>
      </p>
    </>
  );
}

function ApplyForItem() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const [place] = usePlace();
  const { me, pending, applicant } = useApplicant();
  const region = params.get('region') ?? '';

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.kind === 'staff') {
    return (
      <>
        <PageHeading>网上申请</PageHeading>
        <p>您当前以工作人员身份登录。为群众收件请使用工作台的 <Link to="/workbench/intake">一窗受理</Link>；本人申请请退出后用手机号登录。</p>
      </>
    );
  }
  if (!region) return <ChoosePlace code={code} remembered={place} />;
  if (pending || !applicant) return <PageLoading />;
  return <Application key={`${code}-${region}`} code={code} region={region} applicant={applicant} />;
}

/**
 * No place in the link: the place remembered on this device when it can offer the item's level;
 * else the choice, starting from where the person applied before (a new phone remembers nothing,
 * the account does) — preselected, said so, and confirmed or changed by the person.
 */
function ChoosePlace({ code, remembered }: { code: string; remembered: Place | null }) {
  const guide = useGuide(code, undefined);
  const [, setParams] = useSearchParams();
  const fits = guide.data ? regionForLevel(remembered, guide.data.level) : undefined;
  const ask = Boolean(guide.data) && !fits;
  const drafts = useQuery({ ...applicationQueries.drafts(), enabled: ask });
  const mine = useQuery({ ...caseQueries.mine(1, 20), enabled: ask });
  const historyKnown = ask && !drafts.isPending && !mine.isPending;
  const earlier = historyKnown && guide.data ? placeFromHistory(code, guide.data.level, drafts.data?.items ?? [], mine.data?.items ?? []) : undefined;
  const known = usePlaceOf(earlier);
  useEffect(() => {
    if (fits) setParams({ region: fits }, { replace: true });
  }, [fits, setParams]);
  if (guide.isPending || fits || (ask && !historyKnown) || known.isPending) return <PageLoading />;
  const level = guide.data?.level;
  const start = known.place;
  return (
    <>
      <PageHeading>网上申请{guide.data ? `：${guide.data.name}` : ''}</PageHeading>
      <p>请先选择您要在哪个镇（街道）{level === 'village' ? '和村（社区）' : ''}办理。</p>
      {start && (
        <p className="notice notice--info" id="apply-place-earlier">
          根据您以前的申请，已为您选好<strong>{start.level === 'village' ? `${start.name}（${start.townName}）` : start.name}</strong>
          {level === 'village' && start.level !== 'village' ? '，请再选择村（社区），然后点「确定」。' : '。请核对后点「确定」；不在这里办理的，可以改选。'}
        </p>
      )}
      <PlacePicker
        key={start?.code ?? 'none'}
        value={null}
        initial={start}
        require={level}
        allowClear={false}
        currentLabel="办理地点"
        emptyText="尚未选择"
        defaultOpen
        onConfirm={(p) => p && setParams({ region: p.code })}
      />
    </>
  );
}

function Application({ code, region, applicant }: { code: string; region: string; applicant: Applicant }) {
  const guide = useGuide(code, region);
  const settings = useItemFormSettings(code);
  const draft = useQuery(applicationQueries.draft(code, region));
  // The form starts from the draft as the page found it: the page's own auto-saves and 清空草稿 change
  // the cached draft afterwards, and must neither refill the form nor take it off the page.
  const [found, setFound] = useState<{ draft: Draft | null | undefined } | null>(null);
  if (found === null && !draft.isPending) setFound({ draft: draft.data });
  const prefill = useQuery({ ...applicationQueries.prefill(code), enabled: found?.draft === null });
  const licences = useQuery(caseQueries.licenceMatches(code, region));

  if (guide.isError) {
    return (
      <>
        <PageHeading>网上申请</PageHeading>
        <div className="notice notice--error" role="alert"><p>{errorMessage(guide.error)}</p></div>
        <p><Link to={`/items/${encodeURIComponent(code)}`}>返回办事指南</Link></p>
      </>
    );
  }
  if (!guide.data || !settings.data || !found || licences.isPending || (found.draft === null && prefill.isPending)) return <PageLoading />;
  const saved = found.draft;
  const withLicence = new Set((licences.data?.items ?? []).filter((l) => l.available).map((l) => l.materialId));
  const initial: ApplyState = saved
    ? { ...EMPTY, ...saved.data, materials: saved.data.materials.filter((m): m is MaterialChoice & typeof m => m.source !== 'paper') }
    : { ...EMPTY, formData: (prefill.data?.values ?? {}) as FormValues };
  const prefilled = saved ? {} : Object.fromEntries(Object.entries(prefill.data?.sources ?? {}).map(([k, s]) => [k, s.label]));
  return (
    <ApplicationSteps
      guide={guide.data}
      definition={settings.data.definition}
      initial={initial}
      resumedAt={saved?.updatedAt ?? null}
      prefilled={prefilled}
      applicant={applicant}
      region={region}
      withLicence={withLicence}
    />
  );
}

interface StepsProps {
  guide: Guide;
  definition: import('../../../shared/forms.js').FormDefinition;
  initial: ApplyState;
  resumedAt: string | null;
  prefilled: Record<string, string>;
  applicant: Applicant;
  region: string;
  /** materials the citizen's own 电子证照 can satisfy */
  withLicence: Set<string>;
}

function ApplicationSteps({ guide, definition, initial, resumedAt, prefilled, applicant, region, withLicence }: StepsProps) {
  const steps: Step[] = [...(guide.situations.length ? (['situations'] as const) : []), 'form', 'materials', 'delivery', 'review'];
  const [state, setState] = useState<ApplyState>(initial);
  // the answers as last changed, even before the page has drawn them: two uploads may end before it does
  const current = useRef(state);
  current.current = state;
  const [stepIndex, setStepIndex] = useState(Math.min(initial.step, steps.length - 1));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stepProblem, setStepProblem] = useState('');
  /** the step whose check the problem box shows, kept up to date as answers change; null for other messages */
  const [problemStep, setProblemStep] = useState<Step | null>(null);
  const [saved, setSaved] = useState<{ at: string; failed: boolean } | null>(null);
  const { mutateAsync: saveDraft } = useSaveDraft(guide.code, region);
  const deleteDraft = useDeleteDraft(guide.code, region);
  const submission = useSubmitCase();
  const queryClient = useQueryClient();
  // The server found the profile incomplete on submit (PROFILE_INCOMPLETE), whatever this page knew.
  const [refusedForProfile, setRefusedForProfile] = useState(false);
  const profileNeeded = !applicant.complete || refusedForProfile;
  /** a change the auto-save has not saved yet */
  const unsaved = useRef(false);
  const profilePath = useProfilePath();
  // The form's own attachments (the materials step has its own uploads).
  const attach = useUploadCaseFile();
  const [declared, setDeclared] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [resumed, setResumed] = useState(resumedAt);
  const key = useMemo(() => keyStorage(`${guide.code}.${region}`), [guide.code, region]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const step = steps[stepIndex]!;
  // An application of this item still being handled for this person (我的办件): said before they fill anything in.
  const mine = useQuery(caseQueries.mine(1, 20));
  const openCase = mine.data ? openCaseFor(guide.code, mine.data.items) : undefined;

  // Auto-save: a second and a half after the last change.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (result) return;
    unsaved.current = true;
    const timer = window.setTimeout(async () => {
      const data: DraftData = { ...state, step: stepIndex, materials: state.materials };
      unsaved.current = false;
      try {
        const d = await saveDraft(data);
        setSaved({ at: d.updatedAt, failed: false });
      } catch {
        setSaved({ at: new Date().toISOString(), failed: true });
      }
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [state, stepIndex, saveDraft, result]);

  const goTo = (i: number) => {
    setStepIndex(i);
    setStepProblem('');
    setProblemStep(null);
    requestAnimationFrame(() => {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: 'start' });
    });
  };

  const situations = situationMaterials(guide.situations, state.situationAnswers);
  const { selected } = situations;
  const materials = guide.materials.filter((m) => materialApplies(m, selected));
  const mustProvide = (m: GuideMaterial) => materialRequired(m, selected);

  /** The form's problems by field key, for answers `st`. */
  const formProblems = (st: ApplyState) => Object.fromEntries(validateForm(definition, st.formData).map((p) => [p.field.replace(/^formData\./, ''), p.message]));
  const formSummary = (n: number) => (n ? `申请表还有 ${n} 处需要修改，请看红字提示` : '');

  /** What keeps a step from going on, for answers `st` ('' when nothing). */
  const problemOf = (s: Step, st: ApplyState): string => {
    if (s === 'situations') {
      const open = situationMaterials(guide.situations, st.situationAnswers).problems.filter((p) => p.kind === 'unanswered');
      return open.length ? `请回答：${open.map((p) => p.question).join('；')}` : '';
    }
    if (s === 'form') return formSummary(Object.keys(formProblems(st)).length);
    if (s === 'materials') {
      const chosen = situationMaterials(guide.situations, st.situationAnswers).selected;
      const missing = guide.materials.filter((m) => materialApplies(m, chosen) && materialRequired(m, chosen) && !st.materials.some((c) => c.materialId === m.id && (c.source === 'licence' || c.fileId)));
      return missing.length ? `请提交：${missing.map((m) => m.name).join('、')}` : '';
    }
    if (s === 'delivery') return st.deliveryMethod === 'post' && st.deliveryAddress.trim().length < 5 ? '请填写完整的邮寄地址' : '';
    return '';
  };

  /** Checks a step and marks the form's fields; the box it shows is kept up to date as answers change (problemStep). */
  const checkStep = (s: Step): string => {
    if (s === 'form') setErrors(formProblems(state));
    const problem = problemOf(s, state);
    setProblemStep(problem ? s : null);
    return problem;
  };

  /**
   * A change of answers. Problems shown earlier follow it: a fixed field loses its red text and the
   * box its count (or goes); a field still wrong shows its present problem; a problem the server
   * found goes once that field is changed. No new problems appear while the person types.
   */
  const change = (next: ApplyState) => {
    current.current = next;
    setState(next);
    let shown = errors;
    if (Object.keys(errors).length) {
      const now = formProblems(next);
      shown = Object.fromEntries(Object.entries(errors).flatMap(([k, message]) => (now[k] ? [[k, now[k]]] : next.formData[k] === state.formData[k] ? [[k, message]] : [])));
      setErrors(shown);
    }
    if (problemStep) {
      const problem = problemStep === 'form' ? formSummary(Object.keys(shown).length) : problemOf(problemStep, next);
      setStepProblem(problem);
      if (!problem) setProblemStep(null);
    }
  };

  const next = () => {
    const problem = checkStep(step);
    if (problem) {
      setStepProblem(problem);
      requestAnimationFrame(() => {
        // the very control that is wrong (a table's ID number cell, the address's street), else the box
        const firstInvalid = document.querySelector<HTMLElement>('.apply-card [aria-invalid="true"]') ?? document.querySelector<HTMLElement>('.bm-form__field--invalid input, .bm-form__field--invalid select');
        (firstInvalid ?? document.getElementById('step-problem'))?.focus();
      });
      return;
    }
    goTo(stepIndex + 1);
  };

  /** Leaving for 实名信息: what the auto-save has not saved yet is saved now. */
  const saveBeforeLeaving = () => {
    if (!unsaved.current) return;
    unsaved.current = false;
    saveDraft({ ...state, step: stepIndex, materials: state.materials }).catch(() => undefined);
  };

  // Each request to fill in 实名信息 takes the focus to the notice, once it is on the page.
  const [profileAsked, setProfileAsked] = useState(0);
  useEffect(() => {
    if (!profileAsked) return;
    const notice = document.getElementById('apply-profile');
    notice?.focus();
    notice?.scrollIntoView({ block: 'start' });
  }, [profileAsked]);
  const askForProfile = () => {
    setProblemStep(null);
    setStepProblem('提交前请先填写实名信息（姓名和身份证号码）。您填写的申请内容已自动保存，不会丢失。');
    setProfileAsked((k) => k + 1);
  };

  const submit = async () => {
    if (profileNeeded) {
      askForProfile();
      return;
    }
    if (!declared) {
      setProblemStep(null);
      setStepProblem('请阅读并勾选申请承诺');
      document.getElementById('declaration')?.focus();
      return;
    }
    for (const [i, s] of steps.entries()) {
      const problem = s === 'review' ? '' : checkStep(s);
      if (problem) {
        goTo(i);
        setStepProblem(problem);
        setProblemStep(s);
        return;
      }
    }
    setStepProblem('');
    setProblemStep(null);
    try {
      const chosen = state.materials.filter((c) => materials.some((m) => m.id === c.materialId) && (c.source === 'licence' || c.fileId));
      const res = await submission.mutateAsync({
        body: {
          itemCode: guide.code,
          regionCode: region,
          formData: state.formData as never,
          situationAnswers: state.situationAnswers,
          materials: chosen.map((c) => (c.source === 'licence' ? { materialId: c.materialId, source: 'licence' as const } : { materialId: c.materialId, source: 'upload' as const, fileId: c.fileId })),
          deliveryMethod: state.deliveryMethod,
          ...(state.deliveryMethod === 'post' ? { deliveryAddress: state.deliveryAddress.trim() } : {}),
          declaration: true,
        },
        idempotencyKey: key.get(),
      });
      key.clear();
      setResult(res);
      requestAnimationFrame(() => document.getElementById('apply-done')?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PROFILE_INCOMPLETE') {
        setRefusedForProfile(true);
        askForProfile();
        void queryClient.invalidateQueries({ queryKey: profileQueries.mine().queryKey });
        void queryClient.invalidateQueries({ queryKey: sessionQueries.me().queryKey, exact: true });
        return;
      }
      if (err instanceof ApiError && Array.isArray(err.details)) {
        const details = err.details as { field?: string; message: string }[];
        const formErrors = Object.fromEntries(details.filter((d) => d.field?.startsWith('formData.')).map((d) => [d.field!.slice('formData.'.length), d.message]));
        setErrors(formErrors);
        const target: Step | null = Object.keys(formErrors).length ? 'form' : details.some((d) => d.field?.startsWith('situationAnswers')) ? 'situations'
          : details.some((d) => d.field?.startsWith('materials')) ? 'materials' : details.some((d) => d.field === 'deliveryAddress') ? 'delivery' : null;
        if (target && steps.includes(target)) goTo(steps.indexOf(target));
        setStepProblem(`${withoutEndMark(err.message)}：${details.map((d) => withoutEndMark(d.message)).join('；')}`);
      } else {
        setStepProblem(errorMessage(err));
      }
    }
  };

  if (result) return <Submitted guide={guide} result={result} deliveryMethod={state.deliveryMethod} />;

  return (
    <>
      <PageHeading>网上申请：{guide.name}</PageHeading>
      <p className="apply-place">办理地点：{guide.region?.name ?? ''}{guide.promisedDays !== null && guide.promisedDays !== undefined ? `；承诺时限 ${guide.promisedDays === 0 ? '即办' : `${guide.promisedDays} 个工作日`}` : ''}</p>
      {resumed && (
        <div className="notice notice--info">
          <p>已为您恢复 {chineseShortDateTime(resumed)} 自动保存的草稿，可以接着填写。</p>
          <button type="button" className="bm-btn bm-btn--secondary" onClick={async () => {
            await deleteDraft.mutateAsync().catch(() => undefined);
            firstRender.current = true;
            setState(EMPTY);
            setResumed(null);
            goTo(0);
          }}>
            清空草稿，重新填写
          </button>
        </div>
      )}
      {openCase && (
        <div className="notice notice--warn apply-open-case" data-testid="open-case">
          <p>
            <strong>您已经申请过「{guide.name}」，这件申请还在办理中</strong>（办件编号 {openCase.caseNo}，{openCase.statusLabel}）。
          </p>
          <p>
            要查看进度或补交材料，请 <Link to={`/my/cases/${openCase.id}`}>打开这件申请</Link>，不用重新申请。确实需要再申请一次的，可以继续填写。
          </p>
        </div>
      )}
      {profileNeeded && <ProfileNeeded onLeave={saveBeforeLeaving} kept="您在本页填写的内容会自动保存为草稿，填好实名信息后会回到这里，可以接着办理，不会丢失。" />}
      <StepNav titles={steps.map((s) => STEP_TITLES[s])} current={stepIndex} />
      <section className="card apply-card" aria-labelledby="apply-step-title">
        <h2 id="apply-step-title" ref={headingRef} tabIndex={-1}>
          第 {stepIndex + 1} 步（共 {steps.length} 步）：{STEP_TITLES[step]}
        </h2>
        {step === 'situations' && <Situations guide={guide} answers={state.situationAnswers} onChange={(a) => change({ ...state, situationAnswers: a })} />}
        {step === 'form' && (
          <>
            <ApplicantFacts applicant={applicant} self />
            <p className="muted">
              以上取自您的 <Link to={profilePath} onClick={saveBeforeLeaving} className="in-sentence">实名信息</Link> 和登录账号。
            </p>
            {definition.fields.length === 0 ? (
              <p>本事项不需要另外填写申请表，请点「下一步」提交材料。</p>
            ) : (
              <FormRenderer
                definition={definition}
                values={state.formData}
                onChange={(v) => change({ ...state, formData: v })}
                errors={errors}
                prefilled={prefilled}
                uploadFile={(file) => attach.mutateAsync(file)}
                idPrefix="apply"
              />
            )}
          </>
        )}
        {step === 'materials' && (
          <MaterialsStep materials={materials} mustProvide={mustProvide} withLicence={withLicence} choices={state.materials} onChange={(update) => change({ ...current.current, materials: update(current.current.materials) })} />
        )}
        {step === 'delivery' && <DeliveryChoice placeName={guide.region?.name ?? ''} postOffered={guide.delivery} value={state} onChange={(d) => change({ ...state, ...d })} />}
        {step === 'review' && (
          <Review guide={guide} definition={definition} state={state} materials={materials} applicant={applicant} onEdit={(s) => goTo(steps.indexOf(s))} steps={steps} declared={declared} onDeclared={setDeclared} />
        )}
        {(step === 'form' || step === 'review') && <EligibilityNotice definition={definition} guide={guide} region={region} formData={state.formData} />}
        {stepProblem && <p id="step-problem" className="notice notice--error" role="alert" tabIndex={-1}>{stepProblem}</p>}
        <div className="button-row apply-nav">
          {stepIndex > 0 && (
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => goTo(stepIndex - 1)}>上一步</button>
          )}
          {step !== 'review' ? (
            <button type="button" className="bm-btn bm-btn--primary" onClick={next}>下一步</button>
          ) : (
            <button type="button" className="bm-btn bm-btn--primary" onClick={submit} disabled={submission.isPending} aria-disabled={submission.isPending || profileNeeded}>
              {submission.isPending ? '正在提交…' : '提交申请'}
            </button>
          )}
        </div>
        <p className="apply-saved muted" role="status" aria-live="polite">
          {saved && (saved.failed ? '草稿暂时没能保存，请检查网络；您填写的内容仍在本页。' : `草稿已自动保存（${chineseShortDateTime(saved.at)}）`)}
        </p>
      </section>
      <p><Link to={`/items/${encodeURIComponent(guide.code)}?region=${region}`}>查看办事指南</Link></p>
    </>
  );
}

function Situations({ guide, answers, onChange }: { guide: Guide; answers: Record<string, string>; onChange: (a: Record<string, string>) => void }) {
  return (
    <>
      <p>请根据您的实际情况回答，系统会列出您需要提交的材料。</p>
      {guide.situations.map((s, i) => (
        <RadioQuestion
          key={s.id}
          legend={`${i + 1}. ${s.question}`}
          name={`situation-${s.id}`}
          options={s.options.map((o) => ({ value: o.id, label: o.label }))}
          value={answers[s.id]}
          onPick={(v) => onChange({ ...answers, [s.id]: v })}
        />
      ))}
    </>
  );
}

function MaterialsStep({ materials, mustProvide, withLicence, choices, onChange }: {
  materials: GuideMaterial[]; mustProvide: (m: GuideMaterial) => boolean; withLicence: Set<string>; choices: MaterialChoice[];
  onChange: (update: (choices: MaterialChoice[]) => MaterialChoice[]) => void;
}) {
  // An upload ends seconds after it began, perhaps just as another one does: it changes the choices
  // as they are then (an update of the latest, not of what this render saw), so neither is lost.
  const setChoice = (materialId: string, choice: MaterialRowChoice | null) => onChange((latest) => {
    const rest = latest.filter((c) => c.materialId !== materialId);
    return choice ? [...rest, { ...choice, materialId }] : rest;
  });
  return (
    <>
      <p>请逐项拍照或上传材料（照片，或 PDF、JPG、PNG、OFD 文件，每份不超过 20 MB）。{withLicence.size > 0 && '您已有电子证照的材料，可以直接选择使用，不用上传。'}</p>
      <ol className="apply-materials">
        {materials.map((m) => (
          <MaterialRow
            key={m.id}
            id={m.id}
            name={m.name}
            required={mustProvide(m)}
            notes={m.notes}
            blankFormUrl={m.blankFormUrl}
            sampleUrl={m.sampleUrl}
            licenceType={m.licenceType}
            licenceHeld={withLicence.has(m.id)}
            choice={choices.find((c) => c.materialId === m.id)}
            onChoice={(c) => setChoice(m.id, c)}
          />
        ))}
      </ol>
    </>
  );
}

function Review(props: {
  guide: Guide; definition: StepsProps['definition']; state: ApplyState; materials: GuideMaterial[]; applicant: Applicant;
  onEdit: (s: Step) => void; steps: Step[]; declared: boolean; onDeclared: (v: boolean) => void;
}) {
  const { guide, definition, state, materials } = props;
  const shown = visibleFields(definition, state.formData);
  const edit = (s: Step, what: string) => props.steps.includes(s) && (
    <button type="button" className="bm-btn bm-btn--secondary" onClick={() => props.onEdit(s)}>修改{what}</button>
  );
  return (
    <>
      <p>请核对以下信息，确认无误后提交。</p>
      <h3>申请人</h3>
      <ApplicantFacts applicant={props.applicant} />
      {guide.situations.length > 0 && (
        <>
          <h3>情形</h3>
          <dl className="kv">
            {guide.situations.map((s) => (
              <div key={s.id} className="kv__row"><dt>{s.question}</dt><dd>{s.options.find((o) => o.id === state.situationAnswers[s.id])?.label ?? '未回答'}</dd></div>
            ))}
          </dl>
          {edit('situations', '回答')}
        </>
      )}
      {shown.length > 0 && (
        <>
          <h3>申请表</h3>
          <dl className="kv">
            {shown.map((f) => (
              <div key={f.key} className="kv__row"><dt>{f.label}</dt><dd><AnswerView field={f} value={state.formData[f.key]} /></dd></div>
            ))}
          </dl>
          {edit('form', '申请表')}
        </>
      )}
      <h3>材料</h3>
      <ul>
        {materials.map((m) => {
          const c = state.materials.find((x) => x.materialId === m.id);
          return <li key={m.id}>{m.name}：{c ? (c.source === 'licence' ? '使用电子证照' : `已上传（${c.fileName ?? '文件'}）`) : '未提交'}</li>;
        })}
      </ul>
      {edit('materials', '材料')}
      <h3>领取方式</h3>
      <p>{DELIVERY_METHODS[state.deliveryMethod]}{state.deliveryMethod === 'post' ? `：${state.deliveryAddress}` : ''}</p>
      {edit('delivery', '领取方式')}
      <Declaration checked={props.declared} onChange={props.onDeclared} />
    </>
  );
}

/**
 * 申请已提交: the case number (grouped, with 复制), where it stands and what happens next — the
 * item's steps (受理 → 审查 → 决定) and its promised time limit (即办: 当场办结).
 */
function Submitted({ guide, result, deliveryMethod }: { guide: Guide; result: SubmitResult; deliveryMethod: DeliveryMethod }) {
  const next = stepsAfterSubmission({
    typeCode: guide.typeCode, promisedDays: guide.promisedDays ?? null, promisedLimitText: guide.promisedLimit.text, promisedLimitNote: guide.promisedLimit.note,
    steps: guide.steps, specialProcedures: guide.specialProcedures,
  });
  return (
    <>
      <PageHeading title={`申请已提交：${guide.name}`}>申请已提交</PageHeading>
      <section className="card" aria-labelledby="apply-done">
        <h2 id="apply-done" tabIndex={-1}>{guide.name}</h2>
        <dl className="kv">
          <dt>办件编号</dt>
          <dd><CaseNumber caseNo={result.caseNo} testId="case-no" /></dd>
          <dt>当前状态</dt>
          <dd>{citizenStatusLabel(result.status, null, guide.typeCode)}</dd>
          {guide.region && (
            <>
              <dt>办理地点</dt>
              <dd>{guide.region.name}</dd>
            </>
          )}
        </dl>
        <p>请记下办件编号（可以点「复制」）。凭办件编号和手机号，家人也可以查询进度。</p>
      </section>
      <section className="card" aria-labelledby="apply-next">
        <h2 id="apply-next">接下来怎么办</h2>
        <ol className="apply-next">
          {next.steps.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong>：{s.text}
            </li>
          ))}
        </ol>
        {next.timeLimit && <p><strong>办理时限：</strong>{next.timeLimit}</p>}
        <p>
          <strong>办理结果：</strong>
          {deliveryMethod === 'electronic' ? '办结后在「我的办件」查看和下载。' : deliveryMethod === 'post' ? '办结后邮寄到您填写的地址。' : `办结后到${guide.region?.name ?? ''}便民服务窗口领取。`}
          受理、需要补正和办结时都会发短信告诉您，也可以随时在「我的办件」查看。
        </p>
        <div className="button-row">
          <Link className="bm-btn bm-btn--primary" to={`/my/cases/${result.id}`}>查看办理进度</Link>
          <Link className="bm-btn bm-btn--secondary" to={trackPath(result.caseNo)}>免登录查询页</Link>
          <Link className="bm-btn bm-btn--secondary" to="/my/cases">我的办件</Link>
        </div>
      </section>
    </>
  );
}
