import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Radio, Select, Space, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/cases.js';
import { materialRequired, situationMaterials, situationsCalling } from '../../../shared/case-rules.js';
import { NECESSITIES } from '../../../shared/catalog.js';
import { validateForm, type FormValues } from '../../../shared/forms.js';
import { ageFromIdNumber, idNumberBirthDate, isValidIdNumber, isValidMobile, isValidUscc, normaliseIdNumber } from '../../../shared/validators.js';
import { catalogQueries, useGuide, type Guide } from '../../api/catalog.js';
import { newIdempotencyKey, useSubmitAtWindow, useUploadCaseFile, type CaseDetail, type MaterialInput, type SubmitInput } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { actionsOf, scopeRoots, staffRolesOf } from '../../api/session.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { chinaToday } from '../../dates.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { SELECT_CLEAR } from '../../components/clear.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SwitchInput } from '../../components/SwitchInput.js';
import { FieldGroup } from '../../components/FieldGroup.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { useItemFormSettings } from '../../api/forms.js';
import { casePath, casesPath, TAKEN_IN_PATH } from './labels.js';
import { EMPTY_MATERIAL, MaterialField, toMaterialInput, type MaterialValue } from './MaterialField.js';
import { Receipt } from './Receipt.js';
import './cases.css';

export default function IntakeRoute() {
  return (
    <RequireAction action="case.intake" title="一窗受理">
      <IntakePage />
    </RequireAction>
  );
}

const PERSON_NAME = /^[\p{Script=Han}A-Za-z·・. ]+$/u;
const ORG_NAME = /^[\p{Script=Han}A-Za-z0-9（）()·・.\- ]+$/u;
const MATERIALS_INCOMPLETE = '申请材料不齐';
const INCOMPLETE = '申请还不完整';

interface Values {
  applicant: {
    kind: 'person' | 'org';
    name?: string;
    idNumber?: string;
    phone?: string;
    address?: string;
    legalRep?: string;
  };
  deliveryMethod: DeliveryMethod;
  deliveryAddress?: string;
  assist: boolean;
  declaration: boolean;
}

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
  // Helpers have no work queue: they follow their intakes in 我代办的.
  const followUp = actions.has('case.view') ? { to: casesPath(), name: '办件工作台' } : { to: TAKEN_IN_PATH, name: '我代办的' };
  const isClerk = staffRolesOf(me).some((r) => r.role === 'window_clerk');
  const roots = scopeRoots(me, 'case.intake');
  const [form] = Form.useForm<Values>();
  const [region, setRegion] = useState<string | undefined>(roots.length === 1 && roots[0]!.code.length > 6 ? roots[0]!.code : undefined);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [itemSearch, setItemSearch] = useState('');
  const debounced = useDebounced(itemSearch, 250);
  const items = useItemOptions(region, debounced);
  const guide = useGuide(itemCode ?? '', region, Boolean(itemCode && region));
  const itemForm = useItemFormSettings(itemCode);
  const [formValues, setFormValues] = useState<FormValues>({});
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [situationErrors, setSituationErrors] = useState<Record<string, string>>({});
  const [materials, setMaterials] = useState<Record<string, MaterialValue>>({});
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
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
  const assist = Form.useWatch('assist', form) ?? false;
  const deliveryMethod = Form.useWatch('deliveryMethod', form);

  // A new item: its materials start as not received, its form and situation questions unanswered.
  useEffect(() => {
    setMaterials({});
    setMissing(new Set());
    setFormValues({});
    setFormErrors({});
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

  // The summary of what was incomplete goes once each named problem has been put right.
  useEffect(() => {
    if ((error === INCOMPLETE || error === MATERIALS_INCOMPLETE) && missing.size === 0 && Object.keys(formErrors).length === 0 && Object.keys(situationErrors).length === 0) {
      setError(null);
      setProblems([]);
    }
  }, [error, missing, formErrors, situationErrors]);

  const normalisedId = normaliseIdNumber(idNumber);
  const idInfo = kind === 'person' && isValidIdNumber(normalisedId) ? { birth: idNumberBirthDate(normalisedId), age: ageFromIdNumber(normalisedId, chinaToday()) } : null;

  const reset = () => {
    form.resetFields();
    setItemCode(undefined);
    setItemSearch('');
    setFormValues({});
    setFormErrors({});
    setAnswers({});
    setSituationErrors({});
    setMaterials({});
    setMissing(new Set());
    setProblems([]);
    setError(null);
    setKeyReused(false);
    setIdempotencyKey(newIdempotencyKey());
    setDone(null);
  };

  const showError = (text: string, list: string[] = []) => {
    setError(text);
    setProblems(list);
    window.requestAnimationFrame(() => errorRef.current?.focus());
  };

  const onFinish = async (v: Values) => {
    setError(null);
    setProblems([]);
    setKeyReused(false);
    if (!region) return showError('请选择收件地点');
    if (!itemCode || !guide.data) return showError('请选择申请的事项');
    const g = guide.data;
    // 情形引导: every question answered (they decide which conditional materials are needed).
    const situations = situationMaterials(g.situations, answers);
    const unanswered = Object.fromEntries(situations.problems.filter((p) => p.kind === 'unanswered').map((p) => [p.situationId, p.message]));
    setSituationErrors(unanswered);
    // The item's form, checked by the same rules the server applies.
    const definition = itemForm.data?.definition;
    const formProblems = definition ? validateForm(definition, formValues) : [];
    setFormErrors(Object.fromEntries(formProblems.map((p) => [p.field.replace(/^formData\./, ''), p.message])));
    const { selected } = situations;
    const chosen: MaterialInput[] = [];
    const lacking = new Set<string>();
    for (const m of g.materials) {
      const value = materials[m.id];
      const input = toMaterialInput(m.id, value);
      if (input) chosen.push(input);
      else if (value?.source === 'upload') lacking.add(m.id);
      else if (materialRequired(m, selected)) lacking.add(m.id);
    }
    setMissing(lacking);
    const list = [
      ...Object.values(unanswered),
      ...formProblems.map((p) => p.message),
      ...g.materials.filter((m) => lacking.has(m.id)).map((m) => `「${m.name}」未收取或未上传`),
    ];
    if (list.length) return showError(lacking.size && list.length === lacking.size ? MATERIALS_INCOMPLETE : INCOMPLETE, list);
    const a = v.applicant;
    const body: SubmitInput = {
      itemCode,
      regionCode: region,
      applicant: {
        kind: a.kind,
        name: a.name?.trim() ?? '',
        idType: a.kind === 'org' ? 'uscc' : 'id_card',
        idNumber: normaliseIdNumber(a.idNumber ?? ''),
        phone: a.phone?.trim() ?? '',
        address: a.address?.trim() ?? '',
        ...(a.kind === 'org' ? { legalRep: a.legalRep?.trim() } : {}),
      },
      materials: chosen,
      formData: formValues,
      situationAnswers: answers,
      deliveryMethod: v.deliveryMethod,
      ...(v.deliveryMethod === 'post' ? { deliveryAddress: v.deliveryAddress?.trim() } : {}),
      intakeChannel: canAssist && v.assist ? 'assist' : 'window',
      declaration: true,
    };
    try {
      const detail = await submit.mutateAsync({ body, idempotencyKey });
      setDone({ detail, guide: g });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        setKeyReused(true);
        return showError(err.message);
      }
      if (err instanceof ApiError && err.code === 'MATERIALS_MISSING' && Array.isArray(err.details)) {
        const ids = (err.details as { materialId?: string }[]).map((d) => d.materialId).filter((x): x is string => Boolean(x));
        setMissing(new Set(ids));
        return showError(err.message);
      }
      const set = applyFieldErrors(form, err);
      const fieldProblems = err instanceof ApiError ? err.fieldProblems : [];
      const onForm = fieldProblems.filter((p) => p.field.startsWith('formData.'));
      if (onForm.length) setFormErrors(Object.fromEntries(onForm.map((p) => [p.field.slice('formData.'.length), p.message])));
      const onSituation = fieldProblems.filter((p) => p.field.startsWith('situationAnswers.'));
      if (onSituation.length) setSituationErrors(Object.fromEntries(onSituation.map((p) => [p.field.slice('situationAnswers.'.length), p.message])));
      const unplaced = fieldProblems.filter((p) => !p.field.startsWith('applicant.') && !['deliveryMethod', 'deliveryAddress', 'declaration'].includes(p.field));
      const names = (field: string) => {
        const n = /^materials\.(\d+)\./.exec(field);
        const m = n ? g.materials.find((x) => x.id === chosen[Number(n[1])]?.materialId) : undefined;
        return m ? `「${m.name}」` : '';
      };
      showError(set > 0 && unplaced.length === 0 ? '请按提示修改后再提交' : errorMessage(err), unplaced.map((p) => `${names(p.field)}${p.message}`));
    }
  };

  if (done) {
    return (
      <>
        <PageHeading>收件回执</PageHeading>
        <Alert
          type="success"
          showIcon
          className="no-print"
          title={`已收件，办件编号 ${done.detail.caseNo}`}
          description={`办件现为「${done.detail.statusLabel}」。请打印回执交申请人，${actions.has('case.view') ? '并在办件工作台继续受理' : '并在「我代办的」中跟进办理进度'}。`}
          style={{ marginBottom: 16 }}
        />
        <Space wrap className="no-print" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            打印回执
          </Button>
          <Link to={casePath(done.detail.id)}>打开办件</Link>
          {!actions.has('case.view') && <Link to={TAKEN_IN_PATH}>我代办的</Link>}
          <Button onClick={reset}>继续收件（下一位）</Button>
        </Space>
        <Receipt c={done.detail} guide={done.guide} />
      </>
    );
  }

  const g = guide.data;
  const receiving = roots.map((r) => r.name).join('、');
  const definition = itemForm.data?.definition;
  const { selected } = situationMaterials(g?.situations ?? [], answers);

  return (
    <>
      <PageHeading>一窗受理</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        为到窗口（或上门）办事的群众收件：选择事项，录入申请人，收取材料，提交后打印收件回执。收件范围：{receiving}。
      </p>
      <Form
        form={form}
        name="case-intake"
        layout="vertical"
        onFinish={onFinish}
        onFinishFailed={() => {
          // antd scrolls to and focuses the first field in error; the summary only says why.
          setError('请按提示补全或修改标红的内容');
          setProblems([]);
        }}
        scrollToFirstError={{ focus: true, block: 'center' }}
        initialValues={{ applicant: { kind: 'person' }, deliveryMethod: 'pickup', assist: canAssist && !isClerk, declaration: false }}
        className="intake-form"
      >
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
          <Form.Item name={['applicant', 'kind']}>
            <FieldGroup legend="申请人类型">
              <Radio.Group
                options={[
                  { value: 'person', label: '个人' },
                  { value: 'org', label: '单位（法人）' },
                ]}
                onChange={() => form.setFields([{ name: ['applicant', 'idNumber'], errors: [] }])}
              />
            </FieldGroup>
          </Form.Item>
          <div className="intake-grid">
            <Form.Item
              label={kind === 'org' ? '单位名称' : '姓名'}
              name={['applicant', 'name']}
              rules={[
                { required: true, whitespace: true, message: kind === 'org' ? '请输入单位名称' : '请输入姓名' },
                { max: kind === 'org' ? 100 : 50, message: kind === 'org' ? '单位名称不超过 100 字' : '姓名不超过 50 字' },
                {
                  pattern: kind === 'org' ? ORG_NAME : PERSON_NAME,
                  message: kind === 'org' ? '单位名称包含不允许的字符' : '姓名只能包含汉字、字母、空格和间隔号“·”',
                },
              ]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={kind === 'org' ? '统一社会信用代码' : '身份证号码'}
              name={['applicant', 'idNumber']}
              validateTrigger={['onChange', 'onBlur']}
              normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
              extra={
                kind === 'org'
                  ? '18 位，按 GB 32100 核对校验位'
                  : idInfo
                    ? `校验通过：出生日期 ${idInfo.birth ?? '—'}${idInfo.age !== null ? `，${idInfo.age} 周岁` : ''}`
                    : '18 位，可手工输入或用身份证阅读器读取（读卡后自动跳到下一项）'
              }
              rules={[
                { required: true, message: kind === 'org' ? '请输入统一社会信用代码' : '请输入身份证号码' },
                {
                  validator: async (_, value: string | undefined) => {
                    const v = normaliseIdNumber(value ?? '');
                    if (!v) return;
                    if (v.length < 18) throw new Error(`应为 18 位，已输入 ${v.length} 位`);
                    if (kind === 'org' ? !isValidUscc(v) : !isValidIdNumber(v)) throw new Error(kind === 'org' ? '统一社会信用代码不正确（请核对校验位）' : '身份证号码不正确（请核对校验位）');
                  },
                },
              ]}
            >
              <Input
                maxLength={18}
                autoComplete="off"
                spellCheck={false}
                className="intake-id"
                // A card reader types the number and presses Enter: move on instead of submitting.
                onPressEnter={(e) => {
                  e.preventDefault();
                  form.getFieldInstance(['applicant', kind === 'org' ? 'legalRep' : 'phone'])?.focus?.();
                }}
              />
            </Form.Item>
            {kind === 'org' && (
              <Form.Item
                label="法定代表人"
                name={['applicant', 'legalRep']}
                rules={[
                  { required: true, whitespace: true, message: '请填写法定代表人' },
                  { pattern: PERSON_NAME, message: '姓名只能包含汉字、字母、空格和间隔号“·”' },
                  { max: 50, message: '不超过 50 字' },
                ]}
              >
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item
              label="手机号码"
              name={['applicant', 'phone']}
              normalize={(v: string) => (v ?? '').replace(/[\s-]/g, '')}
              extra="用于接收受理、补正和办结短信，及凭手机号查询进度"
              rules={[
                { required: true, message: '请输入手机号码' },
                { validator: async (_, v: string | undefined) => { if (v && !isValidMobile(v)) throw new Error('手机号码应为 11 位数字，以 1 开头'); } },
              ]}
            >
              <Input maxLength={13} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item label="通讯地址（选填）" name={['applicant', 'address']} rules={[{ max: 200, message: '不超过 200 字' }]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </div>
        </section>

        {definition && definition.fields.length > 0 && (
          <section className="card case-section" aria-labelledby="intake-form">
            <h2 id="intake-form">3. 申请表</h2>
            <p className="muted" style={{ marginTop: 0 }}>
              按申请人所述填写（与网上申请同一张表）。
            </p>
            <FormRenderer
              definition={definition}
              values={formValues}
              onChange={(v) => {
                setFormValues(v);
                if (Object.keys(formErrors).length) setFormErrors(Object.fromEntries(Object.entries(formErrors).filter(([k]) => v[k] === formValues[k])));
              }}
              errors={formErrors}
              uploadFile={upload.mutateAsync}
              idPrefix="intake-form"
            />
          </section>
        )}

        <section className="card case-section" aria-labelledby="intake-materials">
          <h2 id="intake-materials">{definition && definition.fields.length > 0 ? '4' : '3'}. 申请材料</h2>
          {!g && <p className="muted">选择事项后列出所需材料。</p>}
          {g && g.situations.length > 0 && (
            <div className="intake-situations">
              <p style={{ marginTop: 0 }}>请先询问申请人的情形，据此确定需要的材料：</p>
              {g.situations.map((sit) => (
                <fieldset key={sit.id} className="case-fieldset" aria-describedby={situationErrors[sit.id] ? `intake-sit-${sit.id}-error` : undefined}>
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
                  <li key={m.id} className={missing.has(m.id) ? 'intake-material intake-material--missing' : 'intake-material'}>
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
                        if (missing.has(m.id)) setMissing(new Set([...missing].filter((x) => x !== m.id)));
                      }}
                      invalid={missing.has(m.id)}
                    />
                    {missing.has(m.id) && <div className="field-error">{materials[m.id]?.source === 'upload' ? '请上传文件，或改为纸质收取' : '必要材料，请收取'}</div>}
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        <section className="card case-section" aria-labelledby="intake-finish">
          <h2 id="intake-finish">{definition && definition.fields.length > 0 ? '5' : '4'}. 送达与确认</h2>
          <Form.Item name="deliveryMethod">
            <FieldGroup legend="结果送达方式">
            <Radio.Group
              options={Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label }))}
              onChange={(e) => {
                // 邮寄: start from the applicant's address.
                if (e.target.value === 'post' && !form.getFieldValue('deliveryAddress')) form.setFieldValue('deliveryAddress', form.getFieldValue(['applicant', 'address']));
              }}
            />
            </FieldGroup>
          </Form.Item>
          {deliveryMethod === 'post' && (
            <Form.Item
              label="邮寄地址"
              name="deliveryAddress"
              rules={[
                { required: true, whitespace: true, message: '选择邮寄送达请填写收件地址' },
                { min: 5, message: '请填写完整的收件地址' },
                { max: 200, message: '不超过 200 字' },
              ]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          )}
          {canAssist && (
            <Form.Item label="帮办代办（代为申请）" name="assist" valuePropName="checked" extra={assist ? '办件记录为帮办代办：申请人为群众本人，代办人为您' : '窗口收件：申请人本人到场'}>
              <SwitchInput onText="代为申请" offText="窗口收件" />
            </Form.Item>
          )}
          <Form.Item
            name="declaration"
            valuePropName="checked"
            rules={[{ validator: async (_, v: boolean) => { if (!v) throw new Error('请向申请人宣读并确认申请承诺'); } }]}
          >
            <Checkbox>申请人承诺：所填信息和提交的材料真实、有效，如有虚假愿承担相应法律责任（已向申请人宣读并经其确认）</Checkbox>
          </Form.Item>
        </section>

        <div ref={errorRef} tabIndex={-1} className="intake-errors">
          {error && (
            <ErrorAlert
              title={error}
              description={
                problems.length || keyReused ? (
                  <>
                    {problems.length > 0 && (
                      <ul style={{ margin: 0, paddingLeft: 20 }}>
                        {problems.map((p, i) => (
                          <li key={i}>{p}</li>
                        ))}
                      </ul>
                    )}
                    {keyReused && (
                      <p style={{ margin: '8px 0 0' }}>
                        请先在 <Link to={followUp.to}>{followUp.name}</Link> 查看是否已生成办件。确认需要另行提交时，
                        <Button type="link" onClick={() => { setIdempotencyKey(newIdempotencyKey()); setKeyReused(false); setError(null); }} style={{ padding: 0 }}>
                          作为新申请提交
                        </Button>
                      </p>
                    )}
                  </>
                ) : undefined
              }
              style={{ marginBottom: 16 }}
            />
          )}
        </div>
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
