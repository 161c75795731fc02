/**
 * 一件事申请 (/themes/{code}/apply?region={town}): a whole life event applied for at once, phone first:
 * 回答问题 (the theme's questions decide which items apply, then each item's own 情形) → 填写信息
 * (the shared fields once, then what only one item asks) → 提交材料 (each material once, for every
 * item that needs it) → 领取方式 → 核对并提交. One submission with one Idempotency-Key makes a child
 * case per item, or nothing; items that need the person at the window are said, with where to go.
 *
 * What is typed stays in the tab (sessionStorage) until it is submitted: a reload, or a trip to
 * 实名信息 and back, loses nothing; closing the tab forgets it, as a shared phone should.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { catalogQueries, REGION_CODE, type Guide, type GuideMaterial } from '../../api/catalog.js';
import { caseQueries, useUploadCaseFile } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { themeApplicationHref, themeHref, themeQueries, useApplyTheme, useTheme, type ThemeApplication, type ThemeDetail, type ThemeDetailItem, type ThemeMaterial } from '../../api/themes.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { AnswerView } from '../../forms/AnswerView.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { RadioQuestion } from '../../components/RadioQuestion.js';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { materialApplies, materialRequired, situationMaterials } from '../../../shared/case-rules.js';
import { conditionHolds, isBlank, validateForm, visibleFields, type FormField, type FormValues } from '../../../shared/forms.js';
import { withoutEndMark } from '../../../shared/text.js';
import { applicableItems } from '../../../shared/theme-rules.js';
import { ApplicantFacts, Declaration, DeliveryChoice, keyStorage, MaterialRow, ProfileNeeded, StepNav, useApplicant, useProfilePath, type Applicant, type MaterialChoice } from '../apply/parts.js';
import { PlacePicker } from '../catalog/PlacePicker.js';
import { placeLabel, usePlace, usePlaceOf } from '../catalog/place.js';
import { daysText } from './format.js';
import { InPersonList, isNotOfferedHere, NotOfferedHere, ThemeCaseCard } from './parts.js';
import '../../components/fields.css';
import '../../components/kv.css';
import '../../components/notice.css';
import '../apply/shared.css';
import '../apply/ApplyPage.css';
import './themes.css';

type Step = 'questions' | 'form' | 'materials' | 'delivery' | 'review';
const STEP_TITLES: Record<Step, string> = {
  questions: '回答几个问题', form: '填写信息', materials: '提交材料', delivery: '选择领取方式', review: '核对并提交',
};

interface ThemeApplyState {
  /** the theme's questions: which items apply */
  answers: Record<string, string>;
  /** each item's own 情形 answers */
  situations: Record<string, Record<string, string>>;
  /** the shared fields, asked once */
  shared: FormValues;
  /** what only one item asks, by item */
  items: Record<string, FormValues>;
  /** the merged materials, by key */
  materials: Record<string, MaterialChoice>;
  deliveryMethod: DeliveryMethod;
  deliveryAddress: string;
  step: number;
}

const EMPTY: ThemeApplyState = { answers: {}, situations: {}, shared: {}, items: {}, materials: {}, deliveryMethod: 'pickup', deliveryAddress: '', step: 0 };

/** A place in the address or remembered stands for its town (the API takes the town for a theme's 镇街事项). */
const townOf = (code: string | null | undefined) => (code && REGION_CODE.test(code) && code.length >= 9 ? code.slice(0, 9) : undefined);

export default function ThemeApplyPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const { me, pending, applicant } = useApplicant();
  const region = townOf(params.get('region'));

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.data.kind === 'staff') {
    return (
      <>
        <PageHeading>一件事申请</PageHeading>
        <p>
          您当前以工作人员身份登录。本人申请请退出后用手机号登录；为群众办理请使用工作台的 <Link to="/workbench/intake">一窗受理</Link>。
        </p>
      </>
    );
  }
  if (!region) return <ChooseTown code={code} />;
  if (pending || !applicant) return <PageLoading />;
  return <ThemeApplication key={`${code}-${region}`} code={code} region={region} applicant={applicant} />;
}

/** No town in the address: the remembered one, confirmed; else the choice. */
function ChooseTown({ code }: { code: string }) {
  const [, setParams] = useSearchParams();
  const [remembered] = usePlace();
  const theme = useTheme(code, undefined);
  const start = remembered ? townOf(remembered.code) : undefined;
  const known = usePlaceOf(start);
  if (theme.isPending || known.isPending) return <PageLoading />;
  if (theme.isError) return <ThemeProblem error={theme.error} code={code} />;
  // a town's own theme is applied for at that town: nothing to choose
  if (theme.data.offeredIn) return <Navigate replace to={`${themeHref(code)}/apply?region=${theme.data.offeredIn.code}`} />;
  return (
    <>
      <PageHeading>一件事申请：{theme.data.name}</PageHeading>
      <p>请先选择您要在哪个镇（街道）办理。各事项会交给该镇（街道）和相关部门办理。</p>
      {known.place && (
        <p className="notice notice--info">
          已为您选好<strong>{placeLabel(known.place)}</strong>（本机记住的地点）。请核对后点「确定」；不在这里办理的，可以改选。
        </p>
      )}
      <PlacePicker
        value={null}
        initial={known.place}
        require="town"
        allowClear={false}
        currentLabel="办理地点"
        emptyText="尚未选择"
        defaultOpen
        onConfirm={(p) => p && setParams({ region: p.code.slice(0, 9) })}
      />
    </>
  );
}

function ThemeProblem({ error, code }: { error: unknown; code: string }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <>
      <PageHeading>一件事申请</PageHeading>
      <div className="notice notice--error" role="alert">
        <p>{notFound ? '没有找到这件“一件事”，它可能已调整或停用。' : `${errorMessage(error)}。请检查网络后刷新页面重试。`}</p>
      </div>
      <p>
        <Link to={notFound ? '/themes' : themeHref(code)}>{notFound ? '查看全部一件事' : '返回办事指引'}</Link>
      </p>
    </>
  );
}

/** What was typed, kept in the tab until it is submitted. */
function stateStorage(code: string, region: string) {
  const k = `bianmin.theme-apply.${code}.${region}`;
  return {
    load(): ThemeApplyState | null {
      try {
        const raw = window.sessionStorage.getItem(k);
        return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<ThemeApplyState>) } : null;
      } catch {
        return null;
      }
    },
    save(state: ThemeApplyState) {
      try {
        window.sessionStorage.setItem(k, JSON.stringify(state));
      } catch {
        // storage full or refused: the page still holds it
      }
    },
    clear() {
      try {
        window.sessionStorage.removeItem(k);
      } catch {
        // nothing was kept
      }
    },
  };
}

/** The theme at the town, with each applying item's guide (its 情形 materials) and the licences that stand in for them. */
function ThemeApplication({ code, region, applicant }: { code: string; region: string; applicant: Applicant }) {
  const theme = useTheme(code, region);
  const codes = theme.data?.items.map((i) => i.code) ?? [];
  const guides = useQueries({ queries: codes.map((c) => ({ ...catalogQueries.guide(c, region), enabled: Boolean(theme.data) })) });
  const licences = useQueries({ queries: codes.map((c) => ({ ...caseQueries.licenceMatches(c, region), enabled: Boolean(theme.data) })) });
  // What was typed in this tab wins; a fresh start is filled in from 实名信息 and earlier applications.
  const [stored] = useState(() => stateStorage(code, region).load());
  const prefill = useQuery({ ...themeQueries.prefill(code), enabled: stored === null });
  if (theme.isPending) return <PageLoading label="正在加载一件事…" />;
  if (theme.isError) return isNotOfferedHere(theme.error) ? <NotOfferedHere code={code} error={theme.error} /> : <ThemeProblem error={theme.error} code={code} />;
  if (guides.some((g) => g.isPending) || licences.some((l) => l.isPending) || (stored === null && prefill.isPending)) return <PageLoading label="正在加载一件事…" />;
  const guideOf = new Map<string, Guide>();
  guides.forEach((g, i) => g.data && guideOf.set(codes[i]!, g.data));
  const held = new Set<string>();
  licences.forEach((l, i) => l.data?.items.filter((m) => m.available).forEach((m) => held.add(`${codes[i]}.${m.materialId}`)));
  const p = prefill.data;
  const initial: ThemeApplyState = stored ?? {
    ...EMPTY,
    shared: (p?.shared.values ?? {}) as FormValues,
    items: Object.fromEntries(Object.entries(p?.items ?? {}).map(([c, v]) => [c, v.values as FormValues])),
  };
  const prefilled: Prefilled = stored
    ? { shared: {}, items: {} }
    : {
      shared: Object.fromEntries(Object.entries(p?.shared.sources ?? {}).map(([k, src]) => [k, src.label])),
      items: Object.fromEntries(Object.entries(p?.items ?? {}).map(([c, v]) => [c, Object.fromEntries(Object.entries(v.sources).map(([k, src]) => [k, src.label]))])),
    };
  return <ApplicationSteps theme={theme.data} region={region} applicant={applicant} guideOf={guideOf} held={held} initial={initial} prefilled={prefilled} />;
}

/** Where the filled-in answers came from (取自个人资料…), by field key: shared, and per item. */
interface Prefilled {
  shared: Record<string, string>;
  items: Record<string, Record<string, string>>;
}

interface StepsProps {
  initial: ThemeApplyState;
  prefilled: Prefilled;
  theme: ThemeDetail;
  region: string;
  applicant: Applicant;
  guideOf: Map<string, Guide>;
  /** `${itemCode}.${materialId}` the applicant's own 电子证照 can satisfy */
  held: Set<string>;
}

/** A merged material as this application needs it: by which items, and whether it must be given. */
interface NeededMaterial {
  material: ThemeMaterial;
  required: boolean;
  licenceHeld: boolean;
  /** the first item's own words on it (notes, blank form) */
  source: GuideMaterial | undefined;
  items: string[];
}

/**
 * An item's own fields as the page shows them: a field shown only for an answer given in a shared
 * field (copied into this item) is shown, or not, by that answer here.
 */
function ownFields(fields: readonly FormField[], effective: FormValues): FormField[] {
  const own = new Set(fields.map((f) => f.key));
  return fields
    .filter((f) => !f.showIf || own.has(f.showIf.field) || conditionHolds(f.showIf, effective))
    .map((f) => (f.showIf && !own.has(f.showIf.field) ? { ...f, showIf: null } : f));
}

function ApplicationSteps({ theme, region, applicant, guideOf, held, initial, prefilled }: StepsProps) {
  const storage = useMemo(() => stateStorage(theme.code, region), [theme.code, region]);
  const key = useMemo(() => keyStorage(`theme.${theme.code}.${region}`), [theme.code, region]);
  const [state, setState] = useState<ThemeApplyState>(initial);
  // the answers as last changed, even before the page has drawn them: two uploads may end before it does
  const current = useRef(state);
  current.current = state;
  const [stepIndex, setStepIndex] = useState(state.step);
  const [errors, setErrors] = useState<{ shared: Record<string, string>; items: Record<string, Record<string, string>> }>({ shared: {}, items: {} });
  const [stepProblem, setStepProblem] = useState('');
  const [declared, setDeclared] = useState(false);
  const [result, setResult] = useState<ThemeApplication | null>(null);
  const [refusedForProfile, setRefusedForProfile] = useState(false);
  const submission = useApplyTheme();
  const attach = useUploadCaseFile();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const profilePath = useProfilePath();
  const profileNeeded = !applicant.complete || refusedForProfile;

  useEffect(() => {
    if (!result) storage.save({ ...state, step: stepIndex });
  }, [state, stepIndex, storage, result]);

  // ── what applies, for the answers as they stand ──
  const scopeOf = (answers: Record<string, string>) => {
    const { applies, undecided } = applicableItems({ items: theme.items.map((i) => ({ itemCode: i.code, when: i.when && { question: i.when.question, anyOf: i.when.anyOf } })) }, answers);
    const applying = theme.items.filter((i) => applies.includes(i.code));
    return {
      applies,
      undecided,
      online: applying.filter((i) => i.onlineApplication && i.available),
      inPerson: applying.filter((i) => !i.onlineApplication),
      unavailable: applying.filter((i) => i.onlineApplication && !i.available),
    };
  };
  const { applies, undecided, online, inPerson, unavailable } = scopeOf(state.answers);
  const onlineCodes = new Set(online.map((i) => i.code));
  const situationsOf = (item: ThemeDetailItem) => guideOf.get(item.code)?.situations ?? [];
  const selectedOf = (code: string, st: ThemeApplyState) => situationMaterials(guideOf.get(code)?.situations ?? [], st.situations[code] ?? {}).selected;

  const sharedDef = { fields: theme.sharedFields.filter((f) => f.usedBy.some((c) => applies.includes(c))) };
  /** an item's answers as the server will see them: its own, and the shared ones copied in */
  const effectiveOf = (code: string, st: ThemeApplyState): FormValues => {
    const out: FormValues = { ...(st.items[code] ?? {}) };
    for (const f of theme.sharedFields) for (const m of f.mapsTo) if (m.itemCode === code && !isBlank(st.shared[f.key])) out[m.fieldKey] = st.shared[f.key]!;
    return out;
  };
  const itemDef = (code: string, st: ThemeApplyState) => ({ fields: ownFields(theme.itemFields.find((i) => i.itemCode === code)?.fields ?? [], effectiveOf(code, st)) });

  const neededMaterials = (st: ThemeApplyState): NeededMaterial[] =>
    theme.materials.flatMap((m) => {
      const uses = m.usedBy.flatMap((u) => {
        if (!onlineCodes.has(u.itemCode)) return [];
        const gm = guideOf.get(u.itemCode)?.materials.find((x) => x.id === u.materialId);
        return gm && materialApplies(gm, selectedOf(u.itemCode, st)) ? [{ ...u, gm }] : [];
      });
      if (uses.length === 0) return [];
      return [{
        material: m,
        required: uses.some((u) => materialRequired(u.gm, selectedOf(u.itemCode, st))),
        licenceHeld: Boolean(m.licenceType) && uses.some((u) => held.has(`${u.itemCode}.${u.materialId}`)),
        source: uses[0]!.gm,
        items: [...new Set(uses.map((u) => u.itemName))],
      }];
    });

  const hasQuestions = theme.questions.length > 0 || online.some((i) => situationsOf(i).length > 0);
  const steps: Step[] = [...(hasQuestions ? (['questions'] as const) : []), 'form', 'materials', 'delivery', 'review'];
  const step = steps[Math.min(stepIndex, steps.length - 1)]!;
  const postOffered = online.length > 0 && online.every((i) => guideOf.get(i.code)?.delivery);
  const placeName = guideOf.get(online[0]?.code ?? '')?.region?.name ?? '';

  // ── checks ──
  const sharedProblems = (st: ThemeApplyState) => Object.fromEntries(validateForm(sharedDef, st.shared).map((p) => [p.field.replace(/^formData\./, ''), p.message]));
  const itemProblems = (st: ThemeApplyState) =>
    Object.fromEntries(online.map((i) => [i.code, Object.fromEntries(validateForm(itemDef(i.code, st), st.items[i.code] ?? {}).map((p) => [p.field.replace(/^formData\./, ''), p.message]))]));
  const countOf = (e: typeof errors) => Object.keys(e.shared).length + Object.values(e.items).reduce((n, x) => n + Object.keys(x).length, 0);

  const problemOf = (s: Step, st: ThemeApplyState): string => {
    if (s === 'questions') {
      const now = scopeOf(st.answers);
      const open = theme.questions.filter((q) => !st.answers[q.key] && theme.items.some((i) => i.when?.question === q.key && now.undecided.includes(i.code)));
      const situations = now.online.flatMap((i) => situationMaterials(situationsOf(i), st.situations[i.code] ?? {}).problems.filter((p) => p.kind === 'unanswered').map((p) => `${i.name}：${p.question}`));
      const words = [...open.map((q) => q.text), ...situations];
      if (words.length) return `请回答：${words.join('；')}`;
      if (now.unavailable.length) return `${placeName || '所选地点'}暂不能办理：${now.unavailable.map((i) => i.name).join('、')}。请返回办事指引更换办理地点，或拨打咨询电话`;
      if (now.online.length === 0) return now.inPerson.length ? `按您的回答，要办的事项都须到窗口办理：${now.inPerson.map((i) => i.name).join('、')}` : '按您的回答，没有需要办理的事项';
      return '';
    }
    if (s === 'form') {
      const n = countOf({ shared: sharedProblems(st), items: itemProblems(st) });
      return n ? `还有 ${n} 处需要填写或修改，请看红字提示` : '';
    }
    if (s === 'materials') {
      const missing = neededMaterials(st).filter((m) => m.required && !(st.materials[m.material.key]?.source === 'licence' || st.materials[m.material.key]?.fileId));
      return missing.length ? `请提交：${missing.map((m) => m.material.name).join('、')}` : '';
    }
    if (s === 'delivery') return st.deliveryMethod === 'post' && st.deliveryAddress.trim().length < 5 ? '请填写完整的邮寄地址' : '';
    return '';
  };

  const goTo = (i: number) => {
    setStepIndex(i);
    setStepProblem('');
    requestAnimationFrame(() => {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: 'start' });
    });
  };

  const showProblem = (problem: string) => {
    setStepProblem(problem);
    requestAnimationFrame(() => {
      const firstInvalid = document.querySelector<HTMLElement>('.apply-card [aria-invalid="true"]');
      (firstInvalid ?? document.getElementById('step-problem'))?.focus();
    });
  };

  const check = (s: Step, st: ThemeApplyState) => {
    if (s === 'form') setErrors({ shared: sharedProblems(st), items: itemProblems(st) });
    return problemOf(s, st);
  };

  /** A change of answers; red text already shown follows it (a fixed field loses it), none is added while typing. */
  const change = (next: ThemeApplyState) => {
    current.current = next;
    setState(next);
    if (countOf(errors)) {
      const shared = sharedProblems(next);
      const items = itemProblems(next);
      setErrors({
        shared: Object.fromEntries(Object.keys(errors.shared).flatMap((k) => (shared[k] ? [[k, shared[k]]] : []))),
        items: Object.fromEntries(Object.entries(errors.items).map(([c, e]) => [c, Object.fromEntries(Object.keys(e).flatMap((k) => (items[c]?.[k] ? [[k, items[c][k]]] : [])))])),
      });
    }
    if (stepProblem) setStepProblem(problemOf(step, next));
  };

  const next = () => {
    const problem = check(step, state);
    if (problem) showProblem(problem);
    else goTo(stepIndex + 1);
  };

  const submit = async () => {
    if (profileNeeded) {
      setStepProblem('提交前请先填写实名信息（姓名和身份证号码）。您填写的内容会保留在本页，不会丢失。');
      requestAnimationFrame(() => document.getElementById('apply-profile')?.focus());
      return;
    }
    if (!declared) {
      setStepProblem('请阅读并勾选申请承诺');
      document.getElementById('declaration')?.focus();
      return;
    }
    for (const [i, s] of steps.entries()) {
      const problem = s === 'review' ? '' : check(s, state);
      if (problem) {
        goTo(i);
        requestAnimationFrame(() => setStepProblem(problem));
        return;
      }
    }
    setStepProblem('');
    const needed = neededMaterials(state);
    try {
      const res = await submission.mutateAsync({
        code: theme.code,
        idempotencyKey: key.get(),
        body: {
          regionCode: region,
          answers: Object.fromEntries(Object.entries(state.answers).filter(([k]) => theme.questions.some((q) => q.key === k))),
          shared: Object.fromEntries(visibleFields(sharedDef, state.shared).flatMap((f) => (isBlank(state.shared[f.key]) ? [] : [[f.key, state.shared[f.key]!]]))) as never,
          items: Object.fromEntries(online.map((i) => [i.code, {
            formData: (state.items[i.code] ?? {}) as never,
            situationAnswers: Object.fromEntries(Object.entries(state.situations[i.code] ?? {}).filter(([k]) => situationsOf(i).some((s) => s.id === k))),
          }])),
          materials: needed.flatMap(({ material }): { key: string; source: 'upload' | 'licence'; fileId?: string }[] => {
            const c = state.materials[material.key];
            if (c?.source === 'licence') return [{ key: material.key, source: 'licence' as const }];
            return c?.fileId ? [{ key: material.key, source: 'upload' as const, fileId: c.fileId }] : [];
          }),
          deliveryMethod: state.deliveryMethod,
          ...(state.deliveryMethod === 'post' ? { deliveryAddress: state.deliveryAddress.trim() } : {}),
          declaration: true,
        },
      });
      key.clear();
      storage.clear();
      setResult(res);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PROFILE_INCOMPLETE') {
        setRefusedForProfile(true);
        setStepProblem('提交前请先填写实名信息（姓名和身份证号码）。您填写的内容会保留在本页，不会丢失。');
        return;
      }
      showServerProblems(err);
    }
  };

  /** The server's problems, each where it belongs: a shared field, an item's field, or said in the box. */
  const showServerProblems = (err: unknown) => {
    if (!(err instanceof ApiError) || !Array.isArray(err.details)) {
      setStepProblem(errorMessage(err));
      return;
    }
    const details = err.details as { field?: string; message: string; itemCode?: string }[];
    const shared: Record<string, string> = {};
    const items: Record<string, Record<string, string>> = {};
    for (const d of details) {
      const field = d.field ?? '';
      if (field.startsWith('shared.')) shared[field.slice('shared.'.length)] = d.message;
      if (d.itemCode && field.startsWith('formData.')) {
        const fieldKey = field.slice('formData.'.length);
        // a field the shared answers fill is the shared field's problem
        const from = theme.sharedFields.find((f) => f.mapsTo.some((m) => m.itemCode === d.itemCode && m.fieldKey === fieldKey));
        if (from) shared[from.key] = d.message;
        else (items[d.itemCode] ??= {})[fieldKey] = d.message;
      }
    }
    setErrors({ shared, items });
    const nameOf = (c?: string) => theme.items.find((i) => i.code === c)?.name;
    const target: Step | null = Object.keys(shared).length || Object.keys(items).length ? 'form'
      : details.some((d) => d.field?.startsWith('answers') || d.field?.startsWith('situationAnswers')) ? 'questions'
        : details.some((d) => d.field?.startsWith('materials')) ? 'materials' : details.some((d) => d.field === 'deliveryAddress') ? 'delivery' : null;
    if (target && steps.includes(target)) goTo(steps.indexOf(target));
    const said = `${withoutEndMark(err.message)}：${details.map((d) => `${nameOf(d.itemCode) ? `${nameOf(d.itemCode)}，` : ''}${withoutEndMark(d.message)}`).join('；')}`;
    requestAnimationFrame(() => setStepProblem(said));
  };

  if (result) return <Submitted result={result} />;

  const needed = neededMaterials(state);
  return (
    <>
      <PageHeading title={`一件事申请：${theme.name}`}>一件事申请：{theme.name}</PageHeading>
      <p className="apply-place">
        办理地点：{placeName || region}；牵头部门：{theme.leadBody}；整件事承诺时限 {daysText(theme.promisedDays)}
      </p>
      {profileNeeded && <ProfileNeeded onLeave={() => storage.save({ ...state, step: stepIndex })} kept="您在本页填写的内容会保留，填好实名信息后会回到这里，可以接着办理。" />}
      <StepNav titles={steps.map((s) => STEP_TITLES[s])} current={steps.indexOf(step)} />
      <section className="card apply-card" aria-labelledby="apply-step-title">
        <h2 id="apply-step-title" ref={headingRef} tabIndex={-1}>
          第 {steps.indexOf(step) + 1} 步（共 {steps.length} 步）：{STEP_TITLES[step]}
        </h2>
        {step === 'questions' && (
          <Questions
            theme={theme}
            state={state}
            online={online}
            situationsOf={situationsOf}
            onChange={change}
          />
        )}
        {(step === 'questions' || step === 'review') && <WhatApplies online={online} inPerson={inPerson} unavailable={unavailable} undecided={undecided.length} guideOf={guideOf} />}
        {step === 'form' && (
          <>
            <ApplicantFacts applicant={applicant} self />
            <p className="muted">
              以上取自您的 <Link to={profilePath} onClick={() => storage.save({ ...state, step: stepIndex })} className="in-sentence">实名信息</Link> 和登录账号。
            </p>
            {sharedDef.fields.length > 0 && (
              <div className="theme-apply-group">
                <h3>共用信息（只填一次，自动用于各事项）</h3>
                <FormRenderer
                  definition={sharedDef}
                  values={state.shared}
                  onChange={(v) => change({ ...state, shared: v })}
                  errors={errors.shared}
                  prefilled={prefilled.shared}
                  uploadFile={(file) => attach.mutateAsync(file)}
                  idPrefix="shared"
                />
              </div>
            )}
            {online.map((i) => {
              const def = itemDef(i.code, state);
              if (def.fields.length === 0) return null;
              return (
                <div key={i.code} className="theme-apply-group">
                  <h3>{i.name}另需填写</h3>
                  <FormRenderer
                    definition={def}
                    values={state.items[i.code] ?? {}}
                    onChange={(v) => change({ ...state, items: { ...state.items, [i.code]: v } })}
                    errors={errors.items[i.code] ?? {}}
                    prefilled={prefilled.items[i.code] ?? {}}
                    uploadFile={(file) => attach.mutateAsync(file)}
                    idPrefix={`item-${i.code}`}
                  />
                </div>
              );
            })}
            {sharedDef.fields.length === 0 && online.every((i) => itemDef(i.code, state).fields.length === 0) && <p>这些事项不需要另外填写申请表，请点「下一步」提交材料。</p>}
          </>
        )}
        {step === 'materials' && (
          <Materials needed={needed} choices={state.materials} onChange={(update) => change({ ...current.current, materials: update(current.current.materials) })} />
        )}
        {step === 'delivery' && (
          <DeliveryChoice placeName={placeName} postOffered={postOffered} value={state} onChange={(d) => change({ ...state, ...d })} electronicWhere="「我的一件事」和「我的办件」" />
        )}
        {step === 'review' && (
          <Review
            theme={theme}
            state={state}
            online={online}
            sharedDef={sharedDef}
            itemDef={(c) => itemDef(c, state)}
            needed={needed}
            situationsOf={situationsOf}
            applicant={applicant}
            onEdit={(s) => goTo(steps.indexOf(s))}
            steps={steps}
            declared={declared}
            onDeclared={setDeclared}
          />
        )}
        {stepProblem && (
          <p id="step-problem" className="notice notice--error" role="alert" tabIndex={-1}>
            {stepProblem}
          </p>
        )}
        <div className="button-row apply-nav">
          {stepIndex > 0 && (
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => goTo(stepIndex - 1)}>
              上一步
            </button>
          )}
          {step !== 'review' ? (
            <button type="button" className="bm-btn bm-btn--primary" onClick={next}>
              下一步
            </button>
          ) : (
            <button type="button" className="bm-btn bm-btn--primary" onClick={submit} disabled={submission.isPending} aria-disabled={submission.isPending || profileNeeded}>
              {submission.isPending ? '正在提交…' : `一次提交 ${online.length} 个事项`}
            </button>
          )}
        </div>
      </section>
      <p>
        <Link to={themeHref(theme.code, region)}>查看办事指引</Link>
      </p>
    </>
  );
}

function Questions({ theme, state, online, situationsOf, onChange }: {
  theme: ThemeDetail; state: ThemeApplyState; online: ThemeDetailItem[]; situationsOf: (i: ThemeDetailItem) => Guide['situations']; onChange: (s: ThemeApplyState) => void;
}) {
  const withSituations = online.filter((i) => situationsOf(i).length > 0);
  return (
    <>
      {theme.questions.length > 0 && (
        <>
          <p>请根据您的情况回答，系统会列出需要办理的事项。</p>
          {theme.questions.map((q, n) => (
            <RadioQuestion
              key={q.key}
              legend={`${n + 1}. ${q.text}`}
              help={q.help}
              name={`question-${q.key}`}
              options={q.options}
              value={state.answers[q.key]}
              onPick={(v) => onChange({ ...state, answers: { ...state.answers, [q.key]: v } })}
            />
          ))}
        </>
      )}
      {withSituations.map((i) => (
        <div key={i.code} className="theme-apply-group">
          <h3>{i.name}</h3>
          {situationsOf(i).map((s, n) => (
            <RadioQuestion
              key={s.id}
              legend={`${n + 1}. ${s.question}`}
              name={`situation-${i.code}-${s.id}`}
              options={s.options.map((o) => ({ value: o.id, label: o.label }))}
              value={state.situations[i.code]?.[s.id]}
              onPick={(v) => onChange({ ...state, situations: { ...state.situations, [i.code]: { ...state.situations[i.code], [s.id]: v } } })}
            />
          ))}
        </div>
      ))}
    </>
  );
}

/** Which items this application makes, which need the window, which the place cannot do. */
function WhatApplies({ online, inPerson, unavailable, undecided, guideOf }: {
  online: ThemeDetailItem[]; inPerson: ThemeDetailItem[]; unavailable: ThemeDetailItem[]; undecided: number; guideOf: Map<string, Guide>;
}) {
  return (
    <div className="theme-apply-applies" role="status" aria-live="polite">
      <h3>本次申请办理 {online.length} 个事项</h3>
      {online.length > 0 && (
        <ul>
          {online.map((i) => (
            <li key={i.code}>
              {i.name}
              {i.implementingBody && <span className="muted">（{i.implementingBody}）</span>}
            </li>
          ))}
        </ul>
      )}
      {undecided > 0 && <p className="muted">还有 {undecided} 个事项要看上面问题的回答。</p>}
      {inPerson.length > 0 && (
        <div className="notice notice--info">
          <p>
            <strong>以下事项须本人到窗口办理</strong>，提交后会列在申请结果和「我的一件事」中：
          </p>
          <ul>
            {inPerson.map((i) => {
              const g = guideOf.get(i.code);
              return (
                <li key={i.code}>
                  {i.name}
                  {g?.local?.location || g?.location ? `：${g.local?.location || g.location}` : ''}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {unavailable.length > 0 && (
        <div className="notice notice--warn">
          <p>
            <strong>所选地点暂不能办理：</strong>
            {unavailable.map((i) => `${i.name}（${i.unavailableReason ?? '不办理这个事项'}）`).join('；')}
          </p>
        </div>
      )}
    </div>
  );
}

type ChoicesUpdate = (choices: Record<string, MaterialChoice>) => Record<string, MaterialChoice>;

function Materials({ needed, choices, onChange }: { needed: NeededMaterial[]; choices: Record<string, MaterialChoice>; onChange: (update: ChoicesUpdate) => void }) {
  // An upload ends seconds after it began, perhaps just as another one does: it changes the choices
  // as they are then (an update of the latest, not of what this render saw), so neither is lost.
  const setChoice = (key: string, choice: MaterialChoice | null) => onChange((latest) => {
    const { [key]: _old, ...rest } = latest;
    return choice ? { ...rest, [key]: choice } : rest;
  });
  if (needed.length === 0) return <p>这些事项不需要提交材料，请点「下一步」。</p>;
  return (
    <>
      <p>
        每份材料只交一次，会用到每个需要它的事项中。请逐项拍照或上传（照片，或 PDF、JPG、PNG、OFD 文件，每份不超过 20 MB）。
        {needed.some((m) => m.licenceHeld) && '您已有电子证照的材料，可以直接选择使用，不用上传。'}
      </p>
      <ol className="apply-materials">
        {needed.map((m) => (
          <MaterialRow
            key={m.material.key}
            id={m.material.key}
            name={m.material.name}
            required={m.required}
            notes={m.source?.notes}
            blankFormUrl={m.source?.blankFormUrl}
            sampleUrl={m.source?.sampleUrl}
            licenceType={m.material.licenceType}
            licenceHeld={m.licenceHeld}
            choice={choices[m.material.key]}
            onChoice={(c) => setChoice(m.material.key, c)}
          >
            <p className="theme-material__used">
              {m.items.length > 1 ? `${m.items.length} 个事项都要，只交一份：` : '用于：'}
              {m.items.join('、')}
            </p>
          </MaterialRow>
        ))}
      </ol>
    </>
  );
}

function Review(props: {
  theme: ThemeDetail; state: ThemeApplyState; online: ThemeDetailItem[]; sharedDef: { fields: FormField[] }; itemDef: (code: string) => { fields: FormField[] };
  needed: NeededMaterial[]; situationsOf: (i: ThemeDetailItem) => Guide['situations']; applicant: Applicant;
  onEdit: (s: Step) => void; steps: Step[]; declared: boolean; onDeclared: (v: boolean) => void;
}) {
  const { theme, state, online } = props;
  const edit = (s: Step, what: string) =>
    props.steps.includes(s) && (
      <button type="button" className="bm-btn bm-btn--secondary" onClick={() => props.onEdit(s)}>
        修改{what}
      </button>
    );
  const answers = (def: { fields: FormField[] }, values: FormValues) => visibleFields(def, values).filter((f) => !isBlank(values[f.key]));
  const answered = theme.questions.filter((q) => props.state.answers[q.key]);
  return (
    <>
      <p>请核对以下信息，确认无误后提交。提交后各事项同时交给各自的办理部门。</p>
      <h3>申请人</h3>
      <ApplicantFacts applicant={props.applicant} />
      {(answered.length > 0 || online.some((i) => props.situationsOf(i).length > 0)) && (
        <>
          <h3>您的情况</h3>
          <dl className="kv">
            {answered.map((q) => (
              <div key={q.key} className="kv__row">
                <dt>{q.text}</dt>
                <dd>{q.options.find((o) => o.value === state.answers[q.key])?.label}</dd>
              </div>
            ))}
            {online.flatMap((i) =>
              props.situationsOf(i).map((s) => (
                <div key={`${i.code}-${s.id}`} className="kv__row">
                  <dt>
                    {i.name}：{s.question}
                  </dt>
                  <dd>{s.options.find((o) => o.id === state.situations[i.code]?.[s.id])?.label ?? '未回答'}</dd>
                </div>
              )),
            )}
          </dl>
          {edit('questions', '回答')}
        </>
      )}
      <h3>填写的信息</h3>
      <dl className="kv">
        {answers(props.sharedDef, state.shared).map((f) => (
          <div key={`shared-${f.key}`} className="kv__row">
            <dt>{f.label}</dt>
            <dd>
              <AnswerView field={f} value={state.shared[f.key]} />
            </dd>
          </div>
        ))}
        {online.flatMap((i) =>
          answers(props.itemDef(i.code), state.items[i.code] ?? {}).map((f) => (
            <div key={`${i.code}-${f.key}`} className="kv__row">
              <dt>
                {f.label}（{i.name}）
              </dt>
              <dd>
                <AnswerView field={f} value={state.items[i.code]?.[f.key]} />
              </dd>
            </div>
          )),
        )}
      </dl>
      {edit('form', '信息')}
      <h3>材料</h3>
      {props.needed.length === 0 ? (
        <p>不需要提交材料。</p>
      ) : (
        <ul>
          {props.needed.map(({ material: m }) => {
            const c = state.materials[m.key];
            return (
              <li key={m.key}>
                {m.name}：{c ? (c.source === 'licence' ? '使用电子证照' : `已上传（${c.fileName ?? '文件'}）`) : '未提交'}
              </li>
            );
          })}
        </ul>
      )}
      {edit('materials', '材料')}
      <h3>领取方式</h3>
      <p>
        {DELIVERY_METHODS[state.deliveryMethod]}
        {state.deliveryMethod === 'post' ? `：${state.deliveryAddress}` : ''}
      </p>
      {edit('delivery', '领取方式')}
      <Declaration checked={props.declared} onChange={props.onDeclared} />
    </>
  );
}

/** 申请已提交: each item's case with its number, the items to do at the window, and where to follow the whole. */
function Submitted({ result }: { result: ThemeApplication }) {
  // After the page heading's own focus (its effect runs first): what was done is read out first.
  useEffect(() => document.getElementById('theme-done')?.focus(), []);
  return (
    <>
      <PageHeading title={`申请已提交：${result.themeName}`}>申请已提交</PageHeading>
      <section className="card" aria-labelledby="theme-done">
        <h2 id="theme-done" tabIndex={-1}>
          {result.themeName}：已一次提交 {result.cases.length} 个事项
        </h2>
        <p>
          由<strong>{result.leadBody}</strong>牵头，整件事承诺 {daysText(result.promisedDays)}内办结。各事项同时交给各自的办理部门，每件都有自己的办件编号。
        </p>
        <ol className="theme-result-cases">
          {result.cases.map((c) => (
            <ThemeCaseCard key={c.id} child={c} linkText="查看进度" />
          ))}
        </ol>
      </section>
      <InPersonList items={result.inPerson} />
      <section className="card" aria-labelledby="theme-next">
        <h2 id="theme-next">接下来怎么办</h2>
        <p>各事项受理、需要补正和办结时都会发短信告诉您。整件事办到哪一步，可以随时在「我的一件事」查看。</p>
        <div className="button-row">
          <Link className="bm-btn bm-btn--primary" to={themeApplicationHref(result.id)}>
            查看整件事的进度
          </Link>
          <Link className="bm-btn bm-btn--secondary" to="/my/themes">
            我的一件事
          </Link>
        </div>
      </section>
    </>
  );
}
