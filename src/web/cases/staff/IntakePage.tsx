import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Radio, Select, Space, Tag, type FormInstance } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { materialRequired, situationMaterials, situationsCalling } from '../../../shared/case-rules.js';
import { NECESSITIES } from '../../../shared/catalog.js';
import { validateForm, type FormValues } from '../../../shared/forms.js';
import { ageFromIdNumber, idNumberBirthDate, isValidIdNumber, normaliseIdNumber } from '../../../shared/validators.js';
import { catalogQueries, useGuide, type Guide } from '../../api/catalog.js';
import { newIdempotencyKey, useSubmitAtWindow, useUploadCaseFile, type CaseDetail, type MaterialInput, type SubmitInput } from '../../api/cases.js';
import { ApiError, errorMessage, type FieldProblem } from '../../api/client.js';
import { actionsOf, scopeRoots, useSite } from '../../api/session.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorSummary, focusElement, focusWithin, type SummaryItem } from '../../components/ErrorSummary.js';
import { chinaToday } from '../../dates.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { SELECT_CLEAR } from '../../components/clear.js';
import { fieldPath } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { useItemFormSettings } from '../../api/forms.js';
import { useHelpRequest, type HelpRequestDetail } from '../../api/helpRequestsStaff.js';
import { casesPath, TAKEN_IN_PATH, THEME_INTAKE_PATH } from './labels.js';
import { IntakeDone } from './IntakeDone.js';
import { ApplicantFields, applicantBody, DeliveryAndDeclaration, type WindowValues } from './WindowFields.js';
import { applicantAnswers } from './itemForm.js';
import { EMPTY_MATERIAL, MaterialField, toMaterialInput, type MaterialValue } from './MaterialField.js';
import { EligibilityWarnings } from './EligibilityWarnings.js';
import { AssistConsentCard, HELPER_WORKSPACE_PATH } from './AssistConsentCard.js';
import './cases.css';

export default function IntakeRoute() {
  return (
    <RequireAction action="case.intake" title="一窗受理">
      <IntakePage />
    </RequireAction>
  );
}

const MATERIALS_INCOMPLETE = '申请材料不齐';
const INCOMPLETE = '申请还不完整';
const FORM_NAME = 'case-intake';

/** Fields of the antd form (申请人, 送达, 承诺) by the server's name for them. */
const ANTD_FIELDS = ['applicant.kind', 'applicant.name', 'applicant.idNumber', 'applicant.phone', 'applicant.address', 'applicant.legalRep', 'deliveryMethod', 'deliveryAddress', 'declaration'];

/**
 * A problem in the summary, by what it is about: the place or item chosen, a field of the antd form
 * (申请人, 送达, 承诺), an answer of the item's form, a 情形引导 question, a material, or nothing
 * on the page. It stays listed while its field still shows it.
 */
interface Problem extends SummaryItem {
  kind: 'place' | 'field' | 'form' | 'situation' | 'material' | 'other';
  /** the place ('region' | 'item'), the field's name ('applicant.phone'), the answer's key, the question's or the material's id */
  ref: string;
}

/** A failed submit: every problem (all of them at once), or a failure that is not about the fields (a title of its own). */
interface Failure {
  /** null: the problems' own title (申请还不完整 / 申请材料不齐) */
  title: string | null;
  problems: Problem[];
}

type Values = WindowValues;

/** Items the chosen place offers, searched by name, pinyin or initials (the public catalog's search). */
function useItemOptions(region: string | undefined, q: string) {
  // catalogQueries.search keeps the previous options while the next search loads, and a minute's results.
  return useQuery({ ...catalogQueries.search({ region, q: q || undefined, pageSize: 20 }), enabled: Boolean(region) });
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

function situationNote(guide: Guide, materialId: string): string | null {
  const cases = situationsCalling(guide.situations, materialId).map((c) => `${c.question.replace(/[？?]$/, '')}：${c.label}`);
  return cases.length ? `以下情形需要：${cases.join('；')}` : null;
}

function IntakePage() {
  const { me } = useWorkbench();
  const actions = actionsOf(me);
  const canAssist = actions.has('assist.act');
  // 代办: only from a help request given to this helper, with the person's consent on it (the server checks both)
  const [params] = useSearchParams();
  const helpRequestId = canAssist ? (params.get('helpRequest') ?? undefined) : undefined;
  const helpRequest = useHelpRequest(helpRequestId);
  const assist = Boolean(helpRequestId);
  // Helpers have no work queue: they follow their intakes in 我代办的.
  const followUp = actions.has('case.view') ? { to: casesPath(), name: '办件工作台' } : { to: TAKEN_IN_PATH, name: '我代办的' };
  const roots = scopeRoots(me, 'case.intake');
  const [form] = Form.useForm<Values>();
  const [region, setRegion] = useState<string | undefined>(roots.length === 1 && roots[0]!.code.length > 6 ? roots[0]!.code : undefined);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [itemSearch, setItemSearch] = useState('');
  const debounced = useDebounced(itemSearch, 250);
  const items = useItemOptions(region, debounced);
  const guide = useGuide(itemCode ?? '', region, Boolean(itemCode && region));
  const itemForm = useItemFormSettings(itemCode);
  // 电子证照 stand in for the materials linked to them only where a licence library is connected
  const licencesConnected = useSite().data?.licencesConnected === true;
  const [formValues, setFormValues] = useState<FormValues>({});
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [situationErrors, setSituationErrors] = useState<Record<string, string>>({});
  const [materials, setMaterials] = useState<Record<string, MaterialValue>>({});
  /** what is wrong with a material (not received, not uploaded, refused by the server), by its id */
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  /** the antd form's fields in error, by name ('applicant.phone'): which of the summary's problems are still open */
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  /** answers taken from the applicant's details that the clerk changed: they no longer follow the applicant */
  const [ownAnswers, setOwnAnswers] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [keyReused, setKeyReused] = useState(false);
  const submit = useSubmitAtWindow();
  const upload = useUploadCaseFile();
  const busy = submit.isPending;
  // One key per application form: a double click, or a retry after a lost answer, makes one case.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<{ detail: CaseDetail; guide: Guide | undefined } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'person';
  const idNumber = Form.useWatch(['applicant', 'idNumber'], form) ?? '';
  const deliveryMethod = Form.useWatch('deliveryMethod', form);
  const applicantName = Form.useWatch(['applicant', 'name'], form) ?? '';
  const applicantPhone = Form.useWatch(['applicant', 'phone'], form) ?? '';
  const legalRep = Form.useWatch(['applicant', 'legalRep'], form) ?? '';

  // 代办: the place, the item and the person come from the help request (what the helper can change stays editable).
  const prefill = (r: HelpRequestDetail) => {
    if (roots.some((root) => r.villageCode.startsWith(root.code))) setRegion(r.villageCode);
    if (r.itemCode) setItemCode(r.itemCode);
    form.setFieldsValue({ applicant: { kind: 'person', name: r.subjectName, address: r.address }, greenChannel: r.priority });
  };
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!helpRequest.data || prefilledFor.current === helpRequest.data.id) return;
    prefilledFor.current = helpRequest.data.id;
    prefill(helpRequest.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per help request, when it arrives
  }, [helpRequest.data]);

  // A new item: its materials start as not received, its form and situation questions unanswered.
  useEffect(() => {
    setMaterials({});
    setMaterialErrors({});
    setFormValues({});
    setFormErrors({});
    setOwnAnswers(new Set());
    setAnswers({});
    setSituationErrors({});
  }, [itemCode, region]);

  const itemOptions = useMemo(
    () =>
      (items.data?.items ?? []).map((i) => ({
        value: i.code,
        label: i.name,
        title: i.name,
        item: i,
      })),
    [items.data],
  );

  const normalisedId = normaliseIdNumber(idNumber);
  const idInfo = kind === 'person' && isValidIdNumber(normalisedId) ? { birth: idNumberBirthDate(normalisedId), age: ageFromIdNumber(normalisedId, chinaToday()) } : null;

  // The phone (and name, ID number, the 本人 row of a table of people) is typed once, in 申请人: the
  // form's fields filled from the profile online take it from there (itemForm.ts applicantAnswers)
  // and follow it until the clerk changes them — the applicant may give another contact number —
  // so what is recorded is what the applicant's own form would say, never typed twice.
  const definitionNow = itemForm.data?.definition;
  const fromApplicant = useMemo(
    () => (definitionNow ? applicantAnswers(definitionNow, formValues, { kind, name: applicantName, idNumber: kind === 'person' ? normalisedId : '', phone: applicantPhone, legalRep }) : {}),
    [definitionNow, formValues, kind, applicantName, normalisedId, applicantPhone, legalRep],
  );
  const answersNow = useMemo(() => {
    const out: FormValues = { ...formValues };
    for (const [k, { value }] of Object.entries(fromApplicant)) {
      if (ownAnswers.has(k)) continue;
      if (value === '' || value === null) delete out[k];
      else out[k] = value;
    }
    return out;
  }, [formValues, fromApplicant, ownAnswers]);
  const prefilled = Object.fromEntries(Object.entries(fromApplicant).filter(([k]) => !ownAnswers.has(k) && k in answersNow).map(([k, a]) => [k, a.source]));
  // A linked answer changed with the applicant: its old problem is gone (the next submit checks it again).
  const applicantNow = [kind, applicantName, normalisedId, applicantPhone, legalRep].join('\u0000');
  useEffect(() => {
    setFormErrors((prev) => {
      const gone = Object.keys(prev).filter((k) => k in fromApplicant && !ownAnswers.has(k));
      return gone.length ? Object.fromEntries(Object.entries(prev).filter(([k]) => !gone.includes(k))) : prev;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the applicant's details change, not the form
  }, [applicantNow]);

  const reset = () => {
    form.resetFields();
    setItemCode(undefined);
    setItemSearch('');
    setFormValues({});
    setFormErrors({});
    setOwnAnswers(new Set());
    setAnswers({});
    setSituationErrors({});
    setMaterials({});
    setMaterialErrors({});
    setFieldErrors({});
    setFailure(null);
    setKeyReused(false);
    setIdempotencyKey(newIdempotencyKey());
    setDone(null);
    if (helpRequest.data) prefill(helpRequest.data);
  };

  /** The antd form's fields in error now (their rules, or the server's problems put on them). */
  const syncFieldErrors = () => {
    const now = Object.fromEntries(form.getFieldsError().filter((f) => f.errors.length).map((f) => [f.name.join('.'), f.errors[0]!]));
    setFieldErrors((prev) => (JSON.stringify(prev) === JSON.stringify(now) ? prev : now));
  };

  const showFailure = (next: Failure) => {
    setFailure(next);
    window.requestAnimationFrame(() => errorRef.current?.focus());
  };

  /** The words of an antd field's problem in the summary: its label first, unless the message names it. */
  const fieldLabel = (field: string): string =>
    ({
      'applicant.kind': '申请人类型',
      'applicant.name': kind === 'org' ? '单位名称' : '姓名',
      'applicant.idNumber': kind === 'org' ? '统一社会信用代码' : '身份证号码',
      'applicant.phone': '手机号码',
      'applicant.address': '通讯地址',
      'applicant.legalRep': '法定代表人',
      deliveryMethod: '结果送达方式',
      deliveryAddress: '邮寄地址',
      declaration: '申请人承诺',
    })[field] ?? '';
  const labelled = (label: string, message: string) => (!label || message.includes(label) ? message : `${label}：${message}`);

  /**
   * Puts every problem — found here or by the server, in the server's words (`field`, and a
   * missing material's `materialId`) — at its field and in one summary at the top, whose links
   * take the clerk to each. `chosen` is the materials as sent (the server names them by position).
   */
  const showProblems = (list: (FieldProblem & { materialId?: string })[], chosen: readonly MaterialInput[], title: string | null = null) => {
    const g = guide.data;
    const definition = itemForm.data?.definition;
    const items: Problem[] = [];
    const onFields = new Map<string, string>();
    const onForm: Record<string, string> = {};
    const onSituations: Record<string, string> = {};
    const onMaterials: Record<string, string> = {};
    const add = (p: Omit<Problem, 'key'>) => items.push({ ...p, key: `${p.kind}:${p.ref}:${items.length}` });
    const material = (id: string, inline: string, text: string) => {
      onMaterials[id] ??= inline;
      const name = g?.materials.find((m) => m.id === id)?.name;
      add({ kind: 'material', ref: id, text: name && !text.includes(`「${name}」`) ? `「${name}」${text}` : text, target: `intake-material-${id}` });
    };
    for (const p of list) {
      const field = p.field === 'applicant.idType' ? 'applicant.idNumber' : p.field;
      if (field === 'regionCode') add({ kind: 'place', ref: 'region', text: p.message, target: 'intake-region' });
      else if (field === 'itemCode') add({ kind: 'place', ref: 'item', text: p.message, target: 'intake-item-select' });
      else if (ANTD_FIELDS.includes(field)) {
        if (!onFields.has(field)) onFields.set(field, p.message);
        const name = fieldPath(field);
        add({
          kind: 'field', ref: field, text: labelled(fieldLabel(field), p.message), target: `${FORM_NAME}_${name.join('_')}`,
          focus: () => form.scrollToField(name, { focus: true, block: 'center' }),
        });
      } else if (field.startsWith('formData.')) {
        const key = field.slice('formData.'.length);
        onForm[key] ??= p.message;
        const label = definition?.fields.find((f) => f.key === key)?.label;
        add({
          kind: 'form', ref: key, text: label ? labelled(`「${label}」`, p.message) : p.message, target: `intake-form-${key}`,
          // a group (choices, address, table) has no control of that id: its first control
          focus: () => focusElement(`intake-form-${key}`) || focusWithin(document.querySelector(`#intake-form-fields [data-field="${CSS.escape(key)}"]`)),
        });
      } else if (field.startsWith('situationAnswers.')) {
        const id = field.slice('situationAnswers.'.length);
        onSituations[id] ??= p.message;
        add({ kind: 'situation', ref: id, text: p.message, target: `intake-sit-${id}` });
      } else if (field === 'materials' && p.materialId) {
        material(p.materialId, materials[p.materialId]?.source === 'upload' ? '请上传文件，或改为纸质收取' : '必要材料，请收取', p.message);
      } else if (/^materials\.\d+/.test(field) && chosen[Number(field.split('.')[1])]) {
        material(chosen[Number(field.split('.')[1])]!.materialId, p.message, p.message);
      } else {
        add({ kind: 'other', ref: field, text: p.message });
      }
    }
    // by the server's names (applicant.phone), which are the form's paths
    (form as FormInstance).setFields([...onFields].map(([field, message]) => ({ name: fieldPath(field), errors: [message] })));
    syncFieldErrors();
    setFormErrors(onForm);
    setSituationErrors(onSituations);
    setMaterialErrors(onMaterials);
    showFailure({ title, problems: items });
  };

  /**
   * Submit: everything that can be checked here is checked in one go — the place and item, the
   * antd form's rules (申请人, 送达, 承诺: `antdErrors`, which antd found), the 情形引导 questions,
   * the item's form (the shared validator the server runs) and the materials — and shown together.
   * Only when nothing is wrong does it go to the server, whose answer lists every problem it still
   * finds (one answer: cases/checks.ts applicationError), shown the same way.
   */
  const submitAll = async (antdErrors: { name: (string | number)[]; errors: string[] }[]) => {
    setFailure(null);
    setKeyReused(false);
    const v = form.getFieldsValue(true) as Values;
    const found: (FieldProblem & { materialId?: string })[] = [];
    if (!region) found.push({ field: 'regionCode', message: '请选择收件地点' });
    if (!itemCode) found.push({ field: 'itemCode', message: '请选择申请的事项' });
    const g = itemCode ? guide.data : undefined;
    if (itemCode && !g) found.push({ field: 'itemCode', message: guide.isError ? '事项加载失败，请重新选择事项' : '事项信息正在加载，请稍候再提交' });
    for (const e of antdErrors) if (e.errors.length) found.push({ field: e.name.join('.'), message: e.errors[0]! });
    const chosen: MaterialInput[] = [];
    if (g) {
      // 情形引导: every question answered (they decide which conditional materials are needed).
      const situations = situationMaterials(g.situations, answers);
      found.push(...situations.problems.map(({ field, message }) => ({ field, message })));
      // The item's form, checked by the same rules the server applies.
      const definition = itemForm.data?.definition;
      if (definition) found.push(...validateForm(definition, answersNow));
      for (const m of g.materials) {
        const value = materials[m.id];
        const input = toMaterialInput(m.id, value);
        if (input) chosen.push(input);
        else if (value?.source === 'upload') found.push({ field: 'materials', materialId: m.id, message: '尚未上传文件' });
        else if (materialRequired(m, situations.selected)) found.push({ field: 'materials', materialId: m.id, message: '未收取' });
      }
    }
    if (found.length || !region || !itemCode || !g) return showProblems(found, chosen);
    const a = v.applicant;
    const body: SubmitInput = {
      itemCode,
      regionCode: region,
      applicant: applicantBody(a),
      materials: chosen,
      formData: answersNow,
      situationAnswers: answers,
      deliveryMethod: v.deliveryMethod,
      ...(v.deliveryMethod === 'post' ? { deliveryAddress: v.deliveryAddress?.trim() } : {}),
      intakeChannel: assist ? 'assist' : 'window',
      ...(assist ? { helpRequestId } : {}),
      ...(v.greenChannel ? { greenChannel: true } : {}),
      declaration: v.declaration === true,
    };
    try {
      const detail = await submit.mutateAsync({ body, idempotencyKey });
      setDone({ detail, guide: g });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        setKeyReused(true);
        return showFailure({ title: err.message, problems: [] });
      }
      const listed = err instanceof ApiError ? (err.fieldProblems as (FieldProblem & { materialId?: string })[]) : [];
      if (listed.length) return showProblems(listed, chosen, err instanceof ApiError && ['VALIDATION_FAILED', 'MATERIALS_MISSING'].includes(err.code) ? null : errorMessage(err));
      showFailure({ title: errorMessage(err), problems: [] });
    }
  };

  if (done) return <IntakeDone detail={done.detail} guide={done.guide} canView={actions.has('case.view')} onReset={reset} />;

  // The summary lists the problems still shown at their fields; it goes once all are put right.
  const stillOpen = (p: Problem): boolean => {
    switch (p.kind) {
      case 'place':
        return p.ref === 'region' ? !region : !itemCode;
      case 'field':
        return p.ref in fieldErrors;
      case 'form':
        return p.ref in formErrors;
      case 'situation':
        return p.ref in situationErrors;
      case 'material':
        return p.ref in materialErrors;
      default:
        return true;
    }
  };
  const openProblems = failure ? failure.problems.filter(stillOpen) : [];
  const summaryTitle = failure?.title ?? `${openProblems.every((p) => p.kind === 'material') ? MATERIALS_INCOMPLETE : INCOMPLETE}：请补全或修改以下 ${openProblems.length} 处后再提交`;
  const showSummary = failure !== null && (failure.title !== null || openProblems.length > 0);

  const g = guide.data;
  const receiving = roots.map((r) => r.name).join('、');
  const definition = itemForm.data?.definition;
  const { selected } = situationMaterials(g?.situations ?? [], answers);

  return (
    <>
      <PageHeading>{assist ? '代为申请' : '一窗受理'}</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        {assist
          ? '为不便到场的群众代为申请：核对求助人的授权，录入申请人，收取材料，提交后把收件回执交给申请人。'
          : '为到窗口（或上门）办事的群众收件：选择事项，录入申请人，收取材料，提交后打印收件回执。'}
        收件范围：{receiving}。
      </p>
      {!assist && (
        <p>
          群众要办一件事（如出生、退休，涉及多个事项）的，请用 <Link to={THEME_INTAKE_PATH}>一件事收件</Link>：共用信息只录一次，材料只收一份，一次提交。
        </p>
      )}
      {assist && <AssistConsentCard request={helpRequest} />}
      {canAssist && !assist && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="申请人本人到场的，按窗口收件办理。"
          description={
            <>
              申请人不便到场、由您代为申请（代办）的，请在 <Link to={HELPER_WORKSPACE_PATH}>帮办工作台</Link> 打开分派给您的求助，先取得求助人的授权（短信验证码或签字的委托书），再点「代为申请」。
            </>
          }
        />
      )}
      <Form
        form={form}
        name={FORM_NAME}
        layout="vertical"
        // Whether antd's own rules pass or not, everything else is checked too: one summary of all.
        onFinish={() => void submitAll([])}
        onFinishFailed={({ errorFields }) => void submitAll(errorFields)}
        onFieldsChange={syncFieldErrors}
        initialValues={{ applicant: { kind: 'person' }, deliveryMethod: 'pickup', greenChannel: false, declaration: false }}
        className="intake-form"
      >
        <div ref={errorRef} tabIndex={-1} className="intake-errors">
          {showSummary && (
            <ErrorSummary title={summaryTitle} items={openProblems}>
              {keyReused && (
                <p style={{ margin: '8px 0 0' }}>
                  请先在 <Link to={followUp.to}>{followUp.name}</Link> 查看是否已生成办件。确认需要另行提交时，
                  <Button type="link" onClick={() => { setIdempotencyKey(newIdempotencyKey()); setKeyReused(false); setFailure(null); }} style={{ padding: 0 }}>
                    作为新申请提交
                  </Button>
                </p>
              )}
            </ErrorSummary>
          )}
        </div>
        <section className="card case-section" aria-labelledby="intake-item">
          <h2 id="intake-item">1. 收件地点和事项</h2>
          <div className="intake-grid">
            <Form.Item label="收件地点" htmlFor="intake-region" required extra="本人辖区内的镇（街道）或村（社区）">
              <RegionTreeSelect
                id="intake-region"
                roots={roots}
                value={region}
                onChange={(code) => {
                  setRegion(code);
                  setItemCode(undefined);
                }}
                placeholder="请选择收件地点"
              />
            </Form.Item>
            <Form.Item label="申请事项" htmlFor="intake-item-select" required extra={region ? '输入事项名称、拼音或首字母搜索' : '请先选择收件地点'}>
              <Select
                id="intake-item-select"
                showSearch={{ filterOption: false, onSearch: setItemSearch, searchValue: itemSearch }}
                value={itemCode}
                onChange={(v: string | undefined) => setItemCode(v)}
                disabled={!region}
                allowClear={SELECT_CLEAR}
                placeholder="搜索本地实施的事项"
                notFoundContent={items.isFetching ? '正在搜索…' : '没有找到事项'}
                options={itemOptions}
                optionRender={(o) => (
                  <div>
                    <div>{o.data.item.name}</div>
                    <div className="muted intake-option-meta">
                      {o.data.item.code} · 承诺时限 {o.data.item.promisedLimit}
                    </div>
                  </div>
                )}
              />
            </Form.Item>
          </div>
          {guide.isError && <Alert type="error" showIcon title={`事项加载失败：${errorMessage(guide.error)}`} style={{ marginBottom: 12 }} />}
          {g && (
            <dl className="case-kv intake-item-facts">
              <div className="case-kv__row">
                <dt>承诺时限</dt>
                <dd>
                  {g.promisedLimit.text}
                  {g.promisedLimit.note ? `（${g.promisedLimit.note}）` : ''}
                </dd>
              </div>
              <div className="case-kv__row">
                <dt>实施主体</dt>
                <dd>{g.local?.implementingBody ?? g.implementingBody}</dd>
              </div>
              {g.local?.handlingModeLabel && (
                <div className="case-kv__row">
                  <dt>办理模式</dt>
                  <dd>{g.local.handlingModeLabel}</dd>
                </div>
              )}
              <div className="case-kv__row">
                <dt>受理条件</dt>
                <dd className="pre-line">{g.conditions || '—'}</dd>
              </div>
            </dl>
          )}
        </section>

        <section className="card case-section" aria-labelledby="intake-applicant">
          <h2 id="intake-applicant">2. 申请人</h2>
          <ApplicantFields form={form} kind={kind} idInfo={idInfo} />
        </section>

        {definition && definition.fields.length > 0 && (
          <section className="card case-section" aria-labelledby="intake-form">
            <h2 id="intake-form">3. 申请表</h2>
            <p className="muted" style={{ marginTop: 0 }}>
              按申请人所述填写（与网上申请同一张表）。
            </p>
            <div id="intake-form-fields">
              <FormRenderer
                definition={definition}
                values={answersNow}
                onChange={(v) => {
                  const changed = Object.keys({ ...v, ...answersNow }).filter((k) => v[k] !== answersNow[k]);
                  // an answer taken from the applicant that the clerk changes stays as typed
                  const mine = changed.filter((k) => k in fromApplicant && !ownAnswers.has(k));
                  if (mine.length) setOwnAnswers(new Set([...ownAnswers, ...mine]));
                  setFormValues(v);
                  if (changed.some((k) => k in formErrors)) setFormErrors(Object.fromEntries(Object.entries(formErrors).filter(([k]) => !changed.includes(k))));
                }}
                errors={formErrors}
                prefilled={prefilled}
                uploadFile={upload.mutateAsync}
                idPrefix="intake-form"
              />
            </div>
          </section>
        )}

        <section className="card case-section" aria-labelledby="intake-materials">
          <h2 id="intake-materials">{definition && definition.fields.length > 0 ? '4' : '3'}. 申请材料</h2>
          {!g && <p className="muted">选择事项后列出所需材料。</p>}
          {g && g.situations.length > 0 && (
            <div className="intake-situations">
              <p style={{ marginTop: 0 }}>请先询问申请人的情形，据此确定需要的材料：</p>
              {g.situations.map((sit) => (
                <fieldset key={sit.id} id={`intake-sit-${sit.id}`} className="case-fieldset" aria-describedby={situationErrors[sit.id] ? `intake-sit-${sit.id}-error` : undefined}>
                  <legend>{sit.question}</legend>
                  <Radio.Group
                    value={answers[sit.id]}
                    onChange={(e) => {
                      setAnswers({ ...answers, [sit.id]: e.target.value as string });
                      setSituationErrors(({ [sit.id]: _gone, ...rest }) => rest);
                    }}
                    options={sit.options.map((o) => ({ value: o.id, label: o.label }))}
                  />
                  {situationErrors[sit.id] && (
                    <div id={`intake-sit-${sit.id}-error`} className="field-error">
                      {situationErrors[sit.id]}
                    </div>
                  )}
                </fieldset>
              ))}
            </div>
          )}
          {g && g.materials.length === 0 && <p>本事项无需提交材料。</p>}
          {g && g.materials.length > 0 && (
            <ol className="intake-materials">
              {g.materials.map((m) => {
                const note = m.conditional ? situationNote(g, m.id) : null;
                const needed = materialRequired(m, selected);
                const tag = m.conditional ? (selected.has(m.id) ? '本情形需要' : '视情形提交') : (NECESSITIES[m.necessityCode as keyof typeof NECESSITIES] ?? m.necessity);
                return (
                  <li key={m.id} id={`intake-material-${m.id}`} className={materialErrors[m.id] ? 'intake-material intake-material--missing' : 'intake-material'}>
                    <div className="intake-material__head">
                      <strong>{m.name}</strong> <Tag color={needed ? 'error' : 'default'}>{tag}</Tag>
                      <span className="muted">
                        {m.kind} · {m.form}
                        {m.copies ? ` · ${m.copies} 份` : ''}
                      </span>
                    </div>
                    {(note || m.acceptanceCriteria) && <div className="muted intake-material__note">{[note, m.acceptanceCriteria && `收取标准：${m.acceptanceCriteria}`].filter(Boolean).join('。')}</div>}
                    <MaterialField
                      materialId={m.id}
                      name={m.name}
                      value={materials[m.id] ?? { ...EMPTY_MATERIAL, copies: m.copies || 1 }}
                      onChange={(val) => {
                        setMaterials((prev) => ({ ...prev, [m.id]: val }));
                        if (materialErrors[m.id]) setMaterialErrors(({ [m.id]: _gone, ...rest }) => rest);
                      }}
                      invalid={Boolean(materialErrors[m.id])}
                      licenceType={licencesConnected ? m.licenceType : null}
                    />
                    {materialErrors[m.id] && <div className="field-error">{materialErrors[m.id]}</div>}
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        <section className="card case-section" aria-labelledby="intake-finish">
          <h2 id="intake-finish">{definition && definition.fields.length > 0 ? '5' : '4'}. 送达与确认</h2>
          <DeliveryAndDeclaration
            form={form}
            deliveryMethod={deliveryMethod}
            greenChannelLocked={assist && helpRequest.data?.priority === true}
            greenChannelNote={assist && helpRequest.data?.priority ? '求助人属特殊群体，按绿色通道优先办理' : '勾选后，本办件在受理、审批队列中排在最前'}
          />
        </section>

        <EligibilityWarnings definition={definition} guide={g} region={region} kind={kind} idNumber={idNumber} formData={answersNow} />
        <Space wrap>
          <BusyButton type="primary" htmlType="submit" size="large" busy={busy} busyText="正在提交…">
            提交并生成回执
          </BusyButton>
          <Button size="large" onClick={reset} disabled={busy}>
            清空重填
          </Button>
        </Space>
      </Form>
    </>
  );
}
