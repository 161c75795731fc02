/**
 * One 一件事 theme (/workbench/themes/{code}, or /new): the draft — its heading, the 情形 questions,
 * the items with when each applies, the shared fields and the item fields each fills — saved as a
 * draft, previewed as applicants will see it (with what does not fit the items' current forms),
 * published as the next version, or withdrawn (停用). Published versions are kept and listed.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useItemFormSettings } from '../../api/forms.js';
import { themeAdminQueries, usePublishTheme, useSaveThemeDraft, useWithdrawTheme, type AdminTheme, type ThemeDefinitionInput } from '../../api/themesAdmin.js';
import { FieldGroup } from '../../components/FieldGroup.js';
import { applyFieldErrors } from '../../components/formErrors.js';
import { SwitchInput } from '../../components/SwitchInput.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chinaDateTime } from '../../dates.js';
import { FIELD_TYPES, PREFILL_SOURCES, type FieldType } from '../../../shared/forms.js';
import { PATTERN_MAX_LENGTH } from '../../../shared/form-patterns.js';
import { PATTERN_PRESETS } from '../../forms/designer/FieldProperties.js';
import { prefillChoices } from '../../forms/designer/model.js';
import { CATEGORIES_OF, THEME_CODE_PATTERN, THEME_SUBJECTS, type ThemeSubject } from '../../../shared/themes.js';
import { RequireAction } from '../../staff/RequireAction.js';
import { useWorkbench } from '../../staff/context.js';
import { canAtTop, scopeRoots } from '../../api/session.js';
import { useRegionChildren } from '../../api/regions.js';
import { LoadError } from '../catalog/scope.js';
import { ItemSelect } from '../ItemPicker.js';
import { offeredInText, themeStatusTag } from './ThemesAdminPage.js';
import './themes-admin.css';

/** Shared fields are what people type once: the types a table or an attachment would not suit. */
const SHARED_TYPES: FieldType[] = ['text', 'textarea', 'number', 'date', 'choice', 'multi_choice', 'id_number', 'phone', 'address'];
const withOptions = (type: unknown) => type === 'choice' || type === 'multi_choice';

type EditorValues = ThemeDefinitionInput & { code?: string };

const EMPTY: EditorValues = {
  code: '', name: '', subject: 'person', category: 'birth', summary: '', leadBody: '', promisedDays: 10, questions: [], items: [{ itemCode: '', note: '' }, { itemCode: '', note: '' }], sharedFields: [],
};

export default function ThemeEditRoute() {
  return (
    <RequireAction action="catalog.manage" title="一件事主题">
      <ThemeEditor />
    </RequireAction>
  );
}

function ThemeEditor() {
  const { code = '' } = useParams();
  const isNew = code === 'new';
  const theme = useQuery({ ...themeAdminQueries.one(code), enabled: !isNew });
  if (!isNew && theme.isPending) return <PageLoading />;
  if (!isNew && theme.isError) {
    return (
      <>
        <PageHeading>一件事主题</PageHeading>
        <LoadError what="一件事主题" error={theme.error} />
        <Link to="/workbench/themes">返回主题列表</Link>
      </>
    );
  }
  return <Editor key={code} existing={isNew ? null : theme.data!} />;
}

/** The definition as the form holds it, as the API takes it: an item's 适用条件 without a question is none. */
function draftOf(values: EditorValues): ThemeDefinitionInput {
  const { code: _code, ...def } = values;
  return {
    ...def,
    questions: (def.questions ?? []).map((q) => ({ ...q, help: q.help ?? '' })),
    items: (def.items ?? []).map((i) => ({ itemCode: i.itemCode, note: i.note ?? '', when: i.when?.question ? { question: i.when.question, anyOf: i.when.anyOf ?? [] } : null })),
    sharedFields: (def.sharedFields ?? []).map((f) => ({
      ...f,
      options: withOptions(f.type) ? (f.options ?? []) : [],
      // a rule left empty is none; lengths and rules only where the type has them
      pattern: f.type === 'text' && f.pattern?.regex?.trim() ? { regex: f.pattern.regex.trim(), message: f.pattern.message?.trim() ?? '' } : null,
      maxLength: f.type === 'text' || f.type === 'textarea' ? (f.maxLength ?? null) : null,
    })),
  };
}

function Editor({ existing }: { existing: AdminTheme | null }) {
  const [form] = Form.useForm<EditorValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useSaveThemeDraft();
  const publish = usePublishTheme();
  const withdraw = useWithdrawTheme();
  const [problem, setProblem] = useState<string | null>(null);
  const location = useLocation();
  // a new theme saved with 保存并预览 opens its own page with the preview
  const [previewing, setPreviewing] = useState(() => (location.state as { then?: string } | null)?.then === 'preview');
  const [publishing, setPublishing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const code = existing?.code;
  // the names of the items in the saved draft, as its preview has them
  const saved = useQuery({ ...themeAdminQueries.preview(code ?? '', undefined), enabled: Boolean(code) });
  const names = new Map((saved.data?.items ?? []).map((i) => [i.code, i.name]));

  /** `then`: what the page does once saved (a new theme's page opens with it) */
  const saveDraft = async (then?: 'preview'): Promise<string | null> => {
    setProblem(null);
    try {
      await form.validateFields();
    } catch {
      setProblem('有必填项没有填写，请看红字提示');
      return null;
    }
    const values = form.getFieldsValue(true);
    const target = code ?? values.code ?? '';
    try {
      const saved = await save.mutateAsync({ code: target, draft: draftOf(values) });
      message.success('草稿已保存');
      if (!code) navigate(`/workbench/themes/${saved.code}`, { replace: true, state: then ? { then } : null });
      return saved.code;
    } catch (err) {
      const marked = applyFieldErrors(form, err);
      setProblem(marked ? `${errorMessage(err)}（${marked} 处，见红字提示）` : errorMessage(err));
      return null;
    }
  };

  const heading = existing ? `一件事主题：${existing.draft.name}` : '新建一件事主题';
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      <p>
        <Link to="/workbench/themes">返回主题列表</Link>
      </p>
      {existing && (
        <p>
          {themeStatusTag(existing.status, existing.statusLabel)} {existing.version ? `现行第 ${existing.version} 版` : '尚未发布'}
          {existing.draftChanged && existing.version > 0 && <Tag color="warning" style={{ marginLeft: 8 }}>草稿有未发布的修改</Tag>}
        </p>
      )}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16, maxWidth: 760 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={existing?.draft ?? EMPTY}
        style={{ maxWidth: 960 }}
        requiredMark
        onFinish={() => void saveDraft()}
        onFinishFailed={() => setProblem('有必填项没有填写，请看红字提示')}
      >
        <Basics existing={existing} />
        <Questions />
        <Items names={names} form={form} />
        <SharedFields names={names} form={form} />
        <Space wrap style={{ marginBottom: 24 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存草稿
        </Button>
        <Button onClick={async () => (await saveDraft('preview')) && setPreviewing(true)}>保存并预览</Button>
        {existing && (
          <Button onClick={async () => (await saveDraft()) && setPublishing(true)} disabled={publish.isPending}>
            发布
          </Button>
        )}
        {existing?.status === 'published' && (
          <Button danger onClick={() => setWithdrawing(true)}>
            停用
          </Button>
        )}
        </Space>
      </Form>
      {previewing && code && <Preview code={code} onClose={() => setPreviewing(false)} />}
      {existing && <Versions theme={existing} />}
      <ReasonDialog
        open={publishing}
        title="发布主题"
        label="发布说明（选填）"
        required={false}
        okText="确认发布"
        busy={publish.isPending}
        onCancel={() => setPublishing(false)}
        onOk={async (note) => {
          await publish.mutateAsync({ code: code!, note });
          setPublishing(false);
          message.success('已发布，群众即可在“一件事”中看到并申请');
        }}
      />
      <ReasonDialog
        open={withdrawing}
        title="停用主题"
        label="停用原因"
        required
        okText="确认停用"
        busy={withdraw.isPending}
        onCancel={() => setWithdrawing(false)}
        onOk={async (reason) => {
          await withdraw.mutateAsync({ code: code!, reason });
          setWithdrawing(false);
          message.success('已停用：不再展示和受理，已提交的申请照常办理');
        }}
      />
    </>
  );
}

/** The value 适用范围's select gives the county's themes (a Select option needs a value). */
const COUNTY_WIDE = 'county';

/**
 * 适用范围, chosen when the theme is made and fixed after: the county (city administrators) or one
 * town the administrator manages — its own theme, offered at that town and its villages.
 */
function OfferedIn({ existing }: { existing: AdminTheme | null }) {
  const { me } = useWorkbench();
  const atTop = canAtTop(me, 'catalog.manage');
  const roots = scopeRoots(me, 'catalog.manage');
  const county = atTop ? roots[0]?.code : undefined;
  const towns = useRegionChildren(county, Boolean(county));
  if (existing) {
    return (
      <Form.Item label="适用范围" extra="创建后不能修改">
        <span id="theme-offered-in">{offeredInText(existing.offeredIn)}</span>
      </Form.Item>
    );
  }
  const options = atTop
    ? [{ value: COUNTY_WIDE, label: '全市（各镇街均可办理）' }, ...(towns.data ?? []).map((t) => ({ value: t.code, label: `${t.name}（仅本镇街及其村、社区）` }))]
    : roots.filter((r) => r.code.length === 9).map((r) => ({ value: r.code, label: `${r.name}（仅本镇街及其村、社区）` }));
  return (
    <Form.Item
      name="regionCode"
      label="适用范围"
      // the county's themes have none (COUNTY_WIDE shows for it); a town's administrator picks a town
      rules={atTop ? [] : [{ required: true, message: '请选择适用范围' }]}
      initialValue={!atTop && options.length === 1 ? options[0]!.value : undefined}
      extra="镇（街道）的“一件事”只在本镇街及其村（社区）展示和办理，只能包含本镇街实施的事项；创建后不能修改"
      getValueProps={(v: string | undefined) => ({ value: v ?? (atTop ? COUNTY_WIDE : undefined) })}
      normalize={(v: string) => (v === COUNTY_WIDE ? undefined : v)}
    >
      <Select options={options} loading={atTop && towns.isPending} placeholder="请选择" />
    </Form.Item>
  );
}

function Basics({ existing }: { existing: AdminTheme | null }) {
  const isNew = !existing;
  const subject = Form.useWatch('subject') as ThemeSubject | undefined;
  const categories = CATEGORIES_OF[subject ?? 'person'];
  return (
    <Card title={<h2 className="theme-admin-title">基本信息</h2>} style={{ marginBottom: 16 }}>
      {isNew && (
        <Form.Item name="code" label="主题编码（网址，如 birth）" rules={[{ required: true, message: '请填写主题编码' }, { pattern: THEME_CODE_PATTERN, message: '小写字母开头的小写字母、数字或连字符（2–40 位）' }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
      )}
      <OfferedIn existing={existing} />
      <Form.Item name="name" label="主题名称" rules={[{ required: true, message: '请填写主题名称' }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="subject" rules={[{ required: true }]}>
        <FieldGroup legend="办事对象">
          <Radio.Group options={Object.entries(THEME_SUBJECTS).map(([value, label]) => ({ value, label }))} />
        </FieldGroup>
      </Form.Item>
      <Form.Item name="category" label={subject === 'enterprise' ? '经营阶段' : '人生阶段'} rules={[{ required: true, message: '请选择分类' }]}>
        <Select options={Object.entries(categories).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="summary" label="简介" rules={[{ required: true, message: '请填写简介' }]}>
        <Input.TextArea maxLength={300} rows={3} />
      </Form.Item>
      <Form.Item name="leadBody" label="牵头部门" rules={[{ required: true, message: '请填写牵头部门' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="promisedDays" label="整件事承诺时限（工作日）" rules={[{ required: true, message: '请填写承诺时限' }]}>
        <InputNumber min={1} max={60} />
      </Form.Item>
    </Card>
  );
}

function Questions() {
  return (
    <Card title={<h2 className="theme-admin-title">情形问题（回答决定要办哪些事项）</h2>} style={{ marginBottom: 16 }}>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <fieldset key={f.key} className="theme-admin-block">
                <legend>问题 {n + 1}</legend>
                <Form.Item name={[f.name, 'key']} label="问题标识（英文，如 card）" rules={[{ required: true, message: '请填写问题标识' }]}>
                  <Input maxLength={40} autoComplete="off" />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} label="问题" rules={[{ required: true, message: '请填写问题' }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={[f.name, 'help']} label="说明（选填）">
                  <Input maxLength={300} />
                </Form.Item>
                <Options name={[f.name, 'options']} what={`问题 ${n + 1}`} />
                <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)}>
                  删除问题 {n + 1}
                </Button>
              </fieldset>
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', text: '', help: '', options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] })}>
              添加问题
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** Options (value and label) of a question or a choice field. */
function Options({ name, what }: { name: (string | number)[]; what: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="theme-admin-options">
          <p className="muted">选项</p>
          {fields.map((f, n) => (
            <Space key={f.key} wrap align="start">
              <Form.Item name={[f.name, 'value']} rules={[{ required: true, message: '请填写选项值' }]}>
                <Input aria-label={`${what}选项 ${n + 1} 的值（英文）`} placeholder="值（英文）" maxLength={40} />
              </Form.Item>
              <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写选项名称' }]}>
                <Input aria-label={`${what}选项 ${n + 1} 的名称`} placeholder="名称" maxLength={60} />
              </Form.Item>
              <Button icon={<DeleteOutlined aria-hidden />} aria-label={`删除${what}选项 ${n + 1}`} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button size="small" onClick={() => add({ value: '', label: '' })}>
            添加选项
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function Items({ names, form }: { names: Map<string, string>; form: FormInstance<EditorValues> }) {
  const questions = (Form.useWatch('questions', form) ?? []) as { key: string; text: string; options?: { value: string; label: string }[] }[];
  const initial = [...names].map(([code, name]) => ({ code, name }));
  return (
    <Card title={<h2 className="theme-admin-title">所含事项</h2>} style={{ marginBottom: 16 }}>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <ItemRow key={`${f.key}-${initial.length}`} index={n} name={f.name} questions={questions} initial={initial} onRemove={() => remove(f.name)} form={form} />
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ itemCode: '', note: '', when: null })}>
              添加事项
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function ItemRow({ index, name, questions, initial, onRemove, form }: {
  index: number; name: number; questions: { key: string; text: string; options?: { value: string; label: string }[] }[]; initial: { code: string; name: string }[]; onRemove: () => void; form: FormInstance<EditorValues>;
}) {
  const question = Form.useWatch(['items', name, 'when', 'question'], form) as string | undefined;
  const options = questions.find((q) => q.key === question)?.options ?? [];
  return (
    <fieldset className="theme-admin-block">
      <legend>事项 {index + 1}</legend>
      <Form.Item name={[name, 'itemCode']} label="事项" rules={[{ required: true, message: '请选择事项' }]}>
        <ItemSelect initial={initial} aria-label={`事项 ${index + 1}`} />
      </Form.Item>
      <Form.Item name={[name, 'note']} label="在本主题中办什么（选填，如：办老年人优待证）">
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name={[name, 'when', 'question']} label="适用条件：问题（不选则始终办理）">
          <Select allowClear style={{ minWidth: 220 }} options={questions.filter((q) => q.key).map((q) => ({ value: q.key, label: q.text || q.key }))} />
        </Form.Item>
        {question && (
          <Form.Item name={[name, 'when', 'anyOf']} label="回答为以下之一时办理" rules={[{ required: true, message: '请至少选择一个回答' }]}>
            <Select mode="multiple" style={{ minWidth: 220 }} options={options.map((o) => ({ value: o.value, label: o.label }))} />
          </Form.Item>
        )}
      </Space>
      <Button icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
        删除事项 {index + 1}
      </Button>
    </fieldset>
  );
}

function SharedFields({ names, form }: { names: Map<string, string>; form: FormInstance<EditorValues> }) {
  const items = ((Form.useWatch('items', form) ?? []) as { itemCode?: string }[]).map((i) => i.itemCode).filter((c): c is string => Boolean(c));
  return (
    <Card title={<h2 className="theme-admin-title">共用字段（只填一次，自动填入各事项的表单）</h2>} style={{ marginBottom: 16 }}>
      <Form.List name="sharedFields">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, n) => (
              <SharedFieldRow key={f.key} index={n} name={f.name} items={items} names={names} form={form} onRemove={() => remove(f.name)} />
            ))}
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', label: '', type: 'text', required: true, help: '', options: [], mapsTo: [], prefill: 'none' })}>
              添加共用字段
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function SharedFieldRow({ index, name, items, names, form, onRemove }: { index: number; name: number; items: string[]; names: Map<string, string>; form: FormInstance<EditorValues>; onRemove: () => void }) {
  const type = Form.useWatch(['sharedFields', name, 'type'], form) as FieldType | undefined;
  return (
    <fieldset className="theme-admin-block">
      <legend>共用字段 {index + 1}</legend>
      <Space wrap align="start">
        <Form.Item name={[name, 'key']} label="字段标识（英文）" rules={[{ required: true, message: '请填写字段标识' }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name={[name, 'label']} label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name={[name, 'type']} label="类型" rules={[{ required: true }]}>
          <Select style={{ minWidth: 160 }} options={SHARED_TYPES.map((t) => ({ value: t, label: FIELD_TYPES[t] }))} />
        </Form.Item>
        <Form.Item name={[name, 'required']} label="必填" valuePropName="checked">
          <SwitchInput onText="必填" offText="选填" />
        </Form.Item>
      </Space>
      <Form.Item name={[name, 'help']} label="填写说明（选填）">
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name={[name, 'prefill']} label="自动填充" extra="申请人登录后按此填入，可修改">
          <Select style={{ minWidth: 200 }} options={prefillChoices(type ?? 'text').map((value) => ({ value, label: PREFILL_SOURCES[value] }))} />
        </Form.Item>
        {(type === 'text' || type === 'textarea') && (
          <Form.Item name={[name, 'maxLength']} label="最多字数（选填）" extra={`不填为 ${type === 'text' ? 200 : 2000} 字`}>
            <InputNumber min={1} max={2000} precision={0} />
          </Form.Item>
        )}
      </Space>
      {type === 'text' && <SharedPattern name={name} index={index} form={form} />}
      {withOptions(type) && <Options name={[name, 'options']} what={`共用字段 ${index + 1}`} />}
      <Form.List name={[name, 'mapsTo']}>
        {(targets, { add, remove }) => (
          <div className="theme-admin-options">
            <p className="muted">填入哪些事项的哪个字段</p>
            {targets.map((t, k) => (
              <MapsToRow key={t.key} name={t.name} field={[name]} index={k} of={index} items={items} names={names} form={form} type={type} onRemove={() => remove(t.name)} />
            ))}
            <Button size="small" onClick={() => add({ itemCode: items[0] ?? '', fieldKey: '' })}>
              添加对应字段
            </Button>
          </div>
        )}
      </Form.List>
      <Button icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
        删除共用字段 {index + 1}
      </Button>
    </fieldset>
  );
}

/** 格式规则 of a text shared field (a common rule to start from, the rule, what is said when it fails): the same rules as an item form's. */
function SharedPattern({ name, index, form }: { name: number; index: number; form: FormInstance<EditorValues> }) {
  const regex = Form.useWatch(['sharedFields', name, 'pattern', 'regex'], form) as string | undefined;
  return (
    <fieldset className="theme-admin-options">
      <legend>共用字段 {index + 1} 的格式规则（选填）</legend>
      <Space wrap align="start">
        <Form.Item label="常用规则">
          <Select
            aria-label={`共用字段 ${index + 1}：常用格式规则`}
            style={{ minWidth: 200 }}
            placeholder="选择常用规则…"
            value={PATTERN_PRESETS.find((x) => x.regex === regex)?.name ?? null}
            onChange={(presetName: string) => {
              const preset = PATTERN_PRESETS.find((x) => x.name === presetName)!;
              form.setFieldValue(['sharedFields', name, 'pattern'], { regex: preset.regex, message: preset.message });
            }}
            options={PATTERN_PRESETS.map((x) => ({ value: x.name, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name={[name, 'pattern', 'regex']} label="规则（正则表达式）">
          <Input maxLength={PATTERN_MAX_LENGTH} spellCheck={false} placeholder="如 \d{6}" />
        </Form.Item>
        <Form.Item
          name={[name, 'pattern', 'message']}
          label="不符合时的提示"
          dependencies={[['sharedFields', name, 'pattern', 'regex']]}
          rules={[{ validator: async (_, v: string | undefined) => { if (regex && !v?.trim()) throw new Error('有格式规则时请填写提示'); } }]}
        >
          <Input maxLength={100} placeholder="如 邮政编码为 6 位数字" />
        </Form.Item>
      </Space>
    </fieldset>
  );
}

/** One item field a shared field fills: the item, then its form's fields of the same type. */
function MapsToRow({ name, field, index, of, items, names, form, type, onRemove }: {
  name: number; field: number[]; index: number; of: number; items: string[]; names: Map<string, string>; form: FormInstance<EditorValues>; type: FieldType | undefined; onRemove: () => void;
}) {
  const itemCode = Form.useWatch(['sharedFields', ...field, 'mapsTo', name, 'itemCode'], form) as string | undefined;
  const settings = useItemFormSettings(itemCode ?? '');
  const fields = (settings.data?.definition.fields ?? []).filter((f) => !type || f.type === type);
  const what = `共用字段 ${of + 1} 的对应 ${index + 1}`;
  return (
    <Space wrap align="start">
      <Form.Item name={[name, 'itemCode']} rules={[{ required: true, message: '请选择事项' }]}>
        <Select aria-label={`${what}：事项`} style={{ minWidth: 180 }} options={items.map((c) => ({ value: c, label: names.has(c) ? `${names.get(c)}（${c}）` : c }))} />
      </Form.Item>
      <Form.Item name={[name, 'fieldKey']} rules={[{ required: true, message: '请选择字段' }]}>
        <Select
          aria-label={`${what}：字段`}
          style={{ minWidth: 200 }}
          loading={settings.isPending && Boolean(itemCode)}
          options={fields.map((f) => ({ value: f.key, label: `${f.label}（${f.key}）` }))}
          notFoundContent={itemCode ? '该事项的表单没有这种类型的字段' : '请先选择事项'}
        />
      </Form.Item>
      <Button icon={<DeleteOutlined aria-hidden />} aria-label={`删除${what}`} onClick={onRemove} />
    </Space>
  );
}

/** The saved draft as applicants will see it, and what does not fit its items. */
function Preview({ code, onClose }: { code: string; onClose: () => void }) {
  const preview = useQuery(themeAdminQueries.preview(code, undefined));
  return (
    <Card title={<h2 className="theme-admin-title">预览（草稿）</h2>} style={{ marginBottom: 24, maxWidth: 960 }} extra={<Button onClick={onClose}>收起预览</Button>}>
      {preview.isPending && <PageLoading />}
      {preview.isError && <LoadError what="预览" error={preview.error} />}
      {preview.data && (
        <>
          {preview.data.problems.length > 0 ? (
            <Alert type="warning" showIcon title="与事项当前设置不一致，修改后才能发布" description={<ul>{preview.data.problems.map((p) => <li key={p}>{p}</li>)}</ul>} style={{ marginBottom: 16 }} />
          ) : (
            <Alert type="success" showIcon title="没有发现问题，可以发布" style={{ marginBottom: 16 }} />
          )}
          <p>
            {preview.data.items.length} 个事项分别办理共需填写 {preview.data.counts.itemFields} 项、提交 {preview.data.counts.itemMaterials} 份材料；合成一件事只需填写 {preview.data.counts.askedFields} 项、提交{' '}
            {preview.data.counts.askedMaterials} 份。
          </p>
          <h3>事项</h3>
          <ul>
            {preview.data.items.map((i) => (
              <li key={i.code}>
                {i.name}（{i.code}）{i.onlineApplication ? '' : '：须到窗口办理'}
                {i.when ? `；${i.when.questionText}为“${i.when.answers.join('”或“')}”时办理` : ''}
              </li>
            ))}
          </ul>
          <h3>共用信息</h3>
          {preview.data.sharedFields.length === 0 ? <p>无</p> : (
            <ul>
              {preview.data.sharedFields.map((f) => (
                <li key={f.key}>
                  {f.label}：用于 {f.usedBy.length} 个事项
                </li>
              ))}
            </ul>
          )}
          <h3>材料（相同的只交一份）</h3>
          <ul>
            {preview.data.materials.map((m) => (
              <li key={m.key}>
                {m.name}
                {m.usedBy.length > 1 ? `：${m.usedBy.length} 个事项共用` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function Versions({ theme }: { theme: AdminTheme }) {
  return (
    <Card title={<h2 className="theme-admin-title">已发布的版本</h2>} style={{ maxWidth: 960 }}>
      {theme.versions.length === 0 ? (
        <p>尚未发布。</p>
      ) : (
        <Table
          rowKey="version"
          pagination={false}
          dataSource={theme.versions}
          columns={[
            { title: '版本', key: 'v', render: (_, v) => `第 ${v.version} 版` },
            { title: '发布时间', key: 'at', render: (_, v) => chinaDateTime(v.publishedAt) },
            { title: '说明', key: 'note', render: (_, v) => v.note || <span className="muted">—</span> },
          ]}
        />
      )}
    </Card>
  );
}

/** A dialog asking for a note (发布说明) or a reason (停用原因); a refusal is said in it. */
function ReasonDialog({ open, title, label, required, okText, busy, onCancel, onOk }: {
  open: boolean; title: string; label: string; required: boolean; okText: string; busy: boolean; onCancel: () => void; onOk: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      onOk={async () => {
        if (required && text.trim().length < 2) {
          setError(`请填写${label}`);
          return;
        }
        try {
          await onOk(text.trim());
          setText('');
          setError(null);
        } catch (err) {
          setError(errorMessage(err));
        }
      }}
    >
      <label htmlFor="theme-reason">{label}</label>
      <Input.TextArea id="theme-reason" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? 'theme-reason-error' : undefined} />
      {error && (
        <p id="theme-reason-error" role="alert" className="bm-form__error">
          {error}
        </p>
      )}
    </Modal>
  );
}
