/**
 * 一件事收件 (/workbench/intake/theme): the window takes in a whole 一件事 for the person in front of
 * it — the place, the theme (those offered there: the county's and the town's own), the situation
 * questions that decide the items, the applicant once, the shared answers once and each item's own,
 * every material once (paper, a scan or a 电子证照), then one submission making a case per item
 * (POST /themes/:code/intake). The result lists each case with its number and who decides it, for
 * the receipt.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Radio, Select, Space, Table, type FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { validateForm, type FormValues } from '../../../shared/forms.js';
import { applicableItems } from '../../../shared/theme-rules.js';
import { ageFromIdNumber, idNumberBirthDate, isValidIdNumber, normaliseIdNumber } from '../../../shared/validators.js';
import { newIdempotencyKey, useUploadCaseFile } from '../../api/cases.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { scopeRoots, useSite } from '../../api/session.js';
import { themeQueries, useTheme, useThemeIntake, type ThemeApplication, type ThemeDetail, type ThemeIntakeInput } from '../../api/themes.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.js';
import { fieldPath } from '../../components/formErrors.js';
import { PageHeading } from '../../components/PageHeading.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { chinaToday } from '../../dates.js';
import { FormRenderer } from '../../forms/FormRenderer.js';
import { useWorkbench } from '../../staff/context.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { ApplicantFields, applicantBody, DeliveryAndDeclaration, type WindowValues } from './WindowFields.js';
import { casePath, INTAKE_PATH } from './labels.js';
import { EMPTY_MATERIAL, MaterialField, toMaterialInput, type MaterialValue } from './MaterialField.js';
import './cases.css';

export default function ThemeIntakeRoute() {
  return (
    <RequireAction action="case.intake" title="一件事收件">
      <ThemeIntakePage />
    </RequireAction>
  );
}

type Values = WindowValues;

/** What was typed for the theme chosen; a new theme or place starts afresh. */
interface Answers {
  questions: Record<string, string>;
  shared: FormValues;
  /** each item's own fields, and its 情形 answers */
  items: Record<string, { formData: FormValues; situationAnswers: Record<string, string> }>;
  materials: Record<string, MaterialValue>;
}
const NO_ANSWERS: Answers = { questions: {}, shared: {}, items: {}, materials: {} };

/** Problems found here or by the server, by where they show. */
interface Problems {
  list: SummaryItem[];
  title: string | null;
  shared: Record<string, string>;
  items: Record<string, Record<string, string>>;
  materials: Record<string, string>;
  questions: Record<string, string>;
}

function ThemeIntakePage() {
  const { me } = useWorkbench();
  const roots = scopeRoots(me, 'case.intake');
  const [form] = Form.useForm<Values>();
  const [region, setRegion] = useState<string | undefined>(roots.length === 1 && roots[0]!.code.length > 6 ? roots[0]!.code : undefined);
  const [code, setCode] = useState<string | undefined>();
  const themes = useQuery({ ...themeQueries.list({ region }), enabled: Boolean(region) });
  const theme = useTheme(code ?? '', region);
  const [answers, setAnswers] = useState<Answers>(NO_ANSWERS);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<{ application: ThemeApplication; theme: ThemeDetail } | null>(null);
  const intake = useThemeIntake();
  const upload = useUploadCaseFile();
  const licencesConnected = useSite().data?.licencesConnected === true;
  const summaryRef = useRef<HTMLDivElement>(null);
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'person';
  const idNumber = Form.useWatch(['applicant', 'idNumber'], form) ?? '';
  const deliveryMethod = Form.useWatch('deliveryMethod', form);
  const normalisedId = normaliseIdNumber(idNumber);
  const idInfo = kind === 'person' && isValidIdNumber(normalisedId) ? { birth: idNumberBirthDate(normalisedId), age: ageFromIdNumber(normalisedId, chinaToday()) } : null;

  const t = code && theme.data?.code === code ? theme.data : undefined;
  const { applies, undecided } = useMemo(
    () => (t ? applicableItems({ items: t.items.map((i) => ({ itemCode: i.code, when: i.when && { question: i.when.question, anyOf: i.when.anyOf } })) }, answers.questions) : { applies: [], undecided: [] }),
    [t, answers.questions],
  );
  const applying = t ? t.items.filter((i) => applies.includes(i.code)) : [];
  const sharedFields = t ? t.sharedFields.filter((f) => f.usedBy.some((c) => applies.includes(c))) : [];
  const materials = t ? t.materials.filter((m) => m.usedBy.some((u) => applies.includes(u.itemCode))) : [];

  const startOver = (next: { region?: string; code?: string }) => {
    if ('region' in next) setRegion(next.region);
    setCode(next.code);
    setAnswers(NO_ANSWERS);
    setProblems(null);
  };
  const reset = () => {
    form.resetFields();
    startOver({ code: undefined });
    setIdempotencyKey(newIdempotencyKey());
    setDone(null);
  };
  const show = (p: Problems) => {
    setProblems(p);
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const itemName = (c?: string) => t?.items.find((i) => i.code === c)?.name;

  /** Everything checkable here, checked at once; the server's answer shown the same way. */
  const submitAll = async (antdErrors: { name: (string | number)[]; errors: string[] }[]) => {
    setProblems(null);
    const found: Problems = { list: [], title: null, shared: {}, items: {}, materials: {}, questions: {} };
    const add = (text: string, target?: string) => found.list.push({ key: `${found.list.length}`, text, target });
    if (!region) add('请选择收件地点', 'theme-intake-region');
    if (!t) add('请选择要办的一件事', 'theme-intake-theme');
    for (const e of antdErrors) if (e.errors.length) add(e.errors[0]!, `theme-intake_${e.name.join('_')}`);
    if (t) {
      for (const q of t.questions) {
        if (!answers.questions[q.key] && t.items.some((i) => i.when?.question === q.key && undecided.includes(i.code))) {
          found.questions[q.key] = `请回答「${q.text}」`;
          add(found.questions[q.key]!, `theme-intake-q-${q.key}`);
        }
      }
      for (const p of validateForm({ fields: sharedFields }, answers.shared)) {
        const key = p.field.replace(/^formData\./, '');
        found.shared[key] = p.message;
        add(`${sharedFields.find((f) => f.key === key)?.label ?? key}：${p.message}`, `theme-intake-shared-${key}`);
      }
      for (const item of applying) {
        const fields = t.itemFields.find((f) => f.itemCode === item.code)?.fields ?? [];
        for (const p of validateForm({ fields }, answers.items[item.code]?.formData ?? {})) {
          const key = p.field.replace(/^formData\./, '');
          (found.items[item.code] ??= {})[key] = p.message;
          add(`${item.name}，${fields.find((f) => f.key === key)?.label ?? key}：${p.message}`, `theme-intake-${item.code}-${key}`);
        }
        for (const s of item.situations) {
          if (!answers.items[item.code]?.situationAnswers[s.id]) {
            (found.items[item.code] ??= {})[`sit:${s.id}`] = '请选择';
            add(`${item.name}：请回答「${s.question}」`, `theme-intake-sit-${item.code}-${s.id}`);
          }
        }
      }
      for (const m of materials) {
        const v = answers.materials[m.key];
        if (v?.source === 'upload' && !v.fileId) found.materials[m.key] = '尚未上传文件';
        else if (m.required && (!v || v.source === 'none')) found.materials[m.key] = '必要材料，请收取';
        if (found.materials[m.key]) add(`「${m.name}」${found.materials[m.key]}`, `theme-intake-material-${m.key}`);
      }
    }
    if (found.list.length || !t || !region) return show(found);

    const v = form.getFieldsValue(true) as Values;
    const body: ThemeIntakeInput = {
      regionCode: region,
      answers: answers.questions,
      shared: answers.shared,
      items: Object.fromEntries(applying.map((i) => [i.code, answers.items[i.code] ?? { formData: {}, situationAnswers: {} }])),
      materials: materials.flatMap((m) => {
        const input = toMaterialInput(m.key, answers.materials[m.key]);
        return input ? [{ key: m.key, source: input.source, ...(input.fileId ? { fileId: input.fileId } : {}), checkedOriginal: input.checkedOriginal ?? false, copies: input.copies ?? 0 }] : [];
      }),
      applicant: applicantBody(v.applicant),
      deliveryMethod: v.deliveryMethod,
      ...(v.deliveryMethod === 'post' ? { deliveryAddress: v.deliveryAddress?.trim() } : {}),
      ...(v.greenChannel ? { greenChannel: true } : {}),
      declaration: v.declaration === true,
    };
    try {
      const application = await intake.mutateAsync({ code: t.code, body, idempotencyKey });
      setDone({ application, theme: t });
    } catch (err) {
      const server: Problems = { list: [], title: errorMessage(err), shared: {}, items: {}, materials: {}, questions: {} };
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { field?: string; message: string; itemCode?: string }[]) : [];
      for (const d of details) {
        const field = d.field ?? '';
        if (field.startsWith('shared.')) server.shared[field.slice('shared.'.length)] = d.message;
        if (d.itemCode && field.startsWith('formData.')) {
          const key = field.slice('formData.'.length);
          const from = t.sharedFields.find((f) => f.mapsTo.some((m) => m.itemCode === d.itemCode && m.fieldKey === key));
          if (from) server.shared[from.key] = d.message;
          else (server.items[d.itemCode] ??= {})[key] = d.message;
        }
        if (field.startsWith('applicant.')) (form as FormInstance).setFields([{ name: fieldPath(field), errors: [d.message] }]);
        server.list.push({ key: `${server.list.length}`, text: `${itemName(d.itemCode) ? `${itemName(d.itemCode)}，` : ''}${d.message}` });
      }
      show(server);
    }
  };

  if (done) return <ThemeIntakeDone application={done.application} theme={done.theme} onReset={reset} />;

  const setItem = (itemCode: string, part: Partial<Answers['items'][string]>) =>
    setAnswers((a) => ({ ...a, items: { ...a.items, [itemCode]: { ...(a.items[itemCode] ?? { formData: {}, situationAnswers: {} }), ...part } } }));

  return (
    <>
      <PageHeading>一件事收件</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        群众到窗口办一件事（如出生、退休）的，在这里一次收件：回答情形问题确定要办的事项，申请人和共用信息只录一次，每份材料只收一次，提交后每个事项生成一个办件，交给各自的办理部门。
        只办单个事项的，请用 <Link to={INTAKE_PATH}>一窗受理</Link>。
      </p>
      <div ref={summaryRef} tabIndex={-1}>
        {problems && (problems.list.length > 0 || problems.title) && (
          <ErrorSummary title={problems.title ?? `收件还不完整：请补全或修改以下 ${problems.list.length} 处后再提交`} items={problems.list} />
        )}
      </div>
      <Form
        form={form}
        name="theme-intake"
        layout="vertical"
        onFinish={() => void submitAll([])}
        onFinishFailed={({ errorFields }) => void submitAll(errorFields)}
        initialValues={{ applicant: { kind: 'person' }, deliveryMethod: 'pickup', greenChannel: false, declaration: false }}
        className="intake-form"
      >
        <section className="card case-section" aria-labelledby="theme-intake-what">
          <h2 id="theme-intake-what">1. 收件地点和一件事</h2>
          <div className="intake-grid">
            <Form.Item label="收件地点" htmlFor="theme-intake-region" required extra="本人辖区内的镇（街道）或村（社区）">
              <RegionTreeSelect id="theme-intake-region" roots={roots} value={region} onChange={(r) => startOver({ region: r })} placeholder="请选择收件地点" />
            </Form.Item>
            <Form.Item label="一件事" htmlFor="theme-intake-theme" required extra={region ? '本地可办的一件事（含本镇街自己的）' : '请先选择收件地点'}>
              <Select
                id="theme-intake-theme"
                value={code}
                onChange={(c: string) => startOver({ code: c })}
                disabled={!region}
                loading={themes.isFetching}
                placeholder="请选择"
                options={(themes.data?.items ?? []).map((x) => ({ value: x.code, label: x.offeredIn ? `${x.name}（${x.offeredIn.name}）` : x.name }))}
              />
            </Form.Item>
          </div>
          {theme.isError && <Alert type="error" showIcon title={`一件事加载失败：${errorMessage(theme.error)}`} />}
          {t && t.questions.length > 0 && (
            <div className="intake-situations">
              <p style={{ marginTop: 0 }}>请询问申请人，据此确定要办的事项：</p>
              {t.questions.map((q) => (
                <fieldset key={q.key} id={`theme-intake-q-${q.key}`} className="case-fieldset">
                  <legend>{q.text}</legend>
                  <Radio.Group
                    value={answers.questions[q.key]}
                    onChange={(e) => setAnswers((a) => ({ ...a, questions: { ...a.questions, [q.key]: e.target.value as string } }))}
                    options={q.options.map((o) => ({ value: o.value, label: o.label }))}
                  />
                  {problems?.questions[q.key] && <div className="field-error">{problems.questions[q.key]}</div>}
                </fieldset>
              ))}
            </div>
          )}
          {t && (
            <p aria-live="polite">
              要办 {applying.length} 个事项：{applying.map((i) => i.name).join('、') || '—'}
              {undecided.length > 0 ? `；另有 ${undecided.length} 个事项待回答问题后确定` : ''}。
            </p>
          )}
          {applying.some((i) => !i.available) && (
            <Alert
              type="warning"
              showIcon
              title="所选收件地点不能办理其中的事项"
              description={
                <>
                  {applying.filter((i) => !i.available).map((i) => `「${i.name}」${i.unavailableReason ? `（${i.unavailableReason}）` : ''}`).join('、')}
                  。一件事按镇（街道）的实施清单办理，请选择镇（街道）作为收件地点。
                </>
              }
            />
          )}
        </section>

        <section className="card case-section" aria-labelledby="theme-intake-applicant">
          <h2 id="theme-intake-applicant">2. 申请人</h2>
          <ApplicantFields form={form} kind={kind} idInfo={idInfo} />
        </section>

        {t && (sharedFields.length > 0 || applying.some((i) => (t.itemFields.find((f) => f.itemCode === i.code)?.fields.length ?? 0) > 0 || i.situations.length > 0)) && (
          <section className="card case-section" aria-labelledby="theme-intake-form">
            <h2 id="theme-intake-form">3. 申请表</h2>
            {sharedFields.length > 0 && (
              <>
                <h3>共用信息（只录一次，自动填入各事项）</h3>
                <FormRenderer
                  definition={{ fields: sharedFields }}
                  values={answers.shared}
                  onChange={(shared) => setAnswers((a) => ({ ...a, shared }))}
                  errors={problems?.shared}
                  uploadFile={upload.mutateAsync}
                  idPrefix="theme-intake-shared"
                />
              </>
            )}
            {applying.map((item) => {
              const fields = t.itemFields.find((f) => f.itemCode === item.code)?.fields ?? [];
              if (fields.length === 0 && item.situations.length === 0) return null;
              const own = answers.items[item.code] ?? { formData: {}, situationAnswers: {} };
              return (
                <div key={item.code}>
                  <h3>{item.name}</h3>
                  {item.situations.map((s) => (
                    <fieldset key={s.id} id={`theme-intake-sit-${item.code}-${s.id}`} className="case-fieldset">
                      <legend>{s.question}</legend>
                      <Radio.Group
                        value={own.situationAnswers[s.id]}
                        onChange={(e) => setItem(item.code, { situationAnswers: { ...own.situationAnswers, [s.id]: e.target.value as string } })}
                        options={s.options.map((o) => ({ value: o.id, label: o.label }))}
                      />
                    </fieldset>
                  ))}
                  <FormRenderer
                    definition={{ fields }}
                    values={own.formData}
                    onChange={(formData) => setItem(item.code, { formData })}
                    errors={problems?.items[item.code]}
                    uploadFile={upload.mutateAsync}
                    idPrefix={`theme-intake-${item.code}`}
                  />
                </div>
              );
            })}
          </section>
        )}

        <section className="card case-section" aria-labelledby="theme-intake-materials">
          <h2 id="theme-intake-materials">{t ? '4' : '3'}. 申请材料（每份只收一次）</h2>
          {!t && <p className="muted">选择一件事后列出所需材料。</p>}
          {t && materials.length === 0 && <p>要办的事项无需提交材料。</p>}
          {materials.length > 0 && (
            <ol className="intake-materials">
              {materials.map((m) => (
                <li key={m.key} id={`theme-intake-material-${m.key}`} className={problems?.materials[m.key] ? 'intake-material intake-material--missing' : 'intake-material'}>
                  <div className="intake-material__head">
                    <strong>{m.name}</strong> <span className="muted">{m.required ? '必要' : '视情形提交'} · 用于：{[...new Set(m.usedBy.filter((u) => applies.includes(u.itemCode)).map((u) => u.itemName))].join('、')}</span>
                  </div>
                  <MaterialField
                    materialId={m.key}
                    name={m.name}
                    value={answers.materials[m.key] ?? EMPTY_MATERIAL}
                    onChange={(val) => setAnswers((a) => ({ ...a, materials: { ...a.materials, [m.key]: val } }))}
                    invalid={Boolean(problems?.materials[m.key])}
                    licenceType={licencesConnected ? m.licenceType : null}
                  />
                  {problems?.materials[m.key] && <div className="field-error">{problems.materials[m.key]}</div>}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="card case-section" aria-labelledby="theme-intake-finish">
          <h2 id="theme-intake-finish">{t ? '5' : '4'}. 送达与确认</h2>
          <DeliveryAndDeclaration form={form} deliveryMethod={deliveryMethod} greenChannelNote="勾选后，各事项的办件在受理、审批队列中排在最前" />
        </section>
        <Space wrap>
          <BusyButton type="primary" htmlType="submit" size="large" busy={intake.isPending} busyText="正在提交…">
            提交整件事
          </BusyButton>
          <Button size="large" onClick={reset} disabled={intake.isPending}>
            清空重填
          </Button>
        </Space>
      </Form>
    </>
  );
}

/** The whole taken in: each case, its number and who decides it — what the applicant is told and given. */
function ThemeIntakeDone({ application, theme, onReset }: { application: ThemeApplication; theme: ThemeDetail; onReset: () => void }) {
  return (
    <>
      <PageHeading>一件事已收件</PageHeading>
      <Alert
        type="success"
        showIcon
        role="status"
        title={`「${theme.name}」已收件，共 ${application.cases.length} 个办件`}
        description={`牵头部门：${theme.leadBody}；整件事承诺 ${theme.promisedDays} 个工作日内办结。各办件的进度会以短信告知申请人，申请人也可在“我的一件事”中查看。`}
        style={{ marginBottom: 16 }}
      />
      <section className="card case-section" aria-labelledby="theme-intake-cases">
        <h2 id="theme-intake-cases">收件清单</h2>
        <Table
          rowKey="id"
          pagination={false}
          dataSource={application.cases}
          columns={[
            { title: '事项', dataIndex: 'itemName', key: 'itemName' },
            { title: '办件编号', key: 'caseNo', render: (_, c) => <Link to={casePath(c.id)}>{c.caseNo}</Link> },
            { title: '办理单位', dataIndex: 'handlingPlace', key: 'handlingPlace' },
            { title: '状态', dataIndex: 'statusLabel', key: 'status' },
          ]}
          scroll={{ x: 'max-content' }}
        />
      </section>
      <Space wrap className="no-print">
        <Button type="primary" onClick={() => window.print()}>
          打印收件清单
        </Button>
        <Button onClick={onReset}>继续收件</Button>
      </Space>
    </>
  );
}
