import { Alert, App, Button, Checkbox, Drawer, Form, Input, Popconfirm, Radio, Space, Table, Tag, type GetRef, type InputRef, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { ListPagination } from '../components/ListPagination.js';
import {
  EVENT_LABELS, previewTemplate, SMS_STATUS_LABELS, useOutbox, useResetTemplate, useRunWarnings, useSaveTemplate, useTemplates,
  type NotificationTemplate, type SmsStatus, type TemplatePreview, type WarningRun,
} from '../api/notifications.js';
import { chinaDateTime } from '../dates.js';
import { BusyButton } from '../components/BusyButton.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { RequireAction } from '../staff/RequireAction.js';
import './notifications.css';

export default function TemplatesRoute() {
  return (
    <RequireAction action="notification.manage" title="通知模板">
      <TemplatesPage />
    </RequireAction>
  );
}

const keyOf = (t: Pick<NotificationTemplate, 'event' | 'channel'>) => `${t.event}:${t.channel}`;

function TemplatesPage() {
  const templates = useTemplates();
  // On a phone a table would hide its last columns off-screen: each template becomes a card.
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [editing, setEditing] = useState<NotificationTemplate | null>(null);
  const signature = templates.data?.signature ?? '';

  const columns: TableColumnsType<NotificationTemplate> = [
    {
      title: '通知',
      key: 'event',
      width: 220,
      render: (_, t) => (
        <>
          <div style={{ fontWeight: 600 }}>{t.eventLabel}</div>
          <div className="muted">发给{t.recipientLabel}</div>
        </>
      ),
    },
    { title: '渠道', key: 'channel', width: 96, render: (_, t) => t.channelLabel },
    {
      title: '示例效果',
      key: 'preview',
      render: (_, t) => (
        <div className="wb-msg-body">
          {t.preview.title && <strong>{t.preview.title}</strong>}
          {t.preview.title && <br />}
          {t.preview.body}
          {t.channel === 'sms' && <div className="muted">{`${t.preview.length} 字${t.preview.parts && t.preview.parts > 1 ? `，分 ${t.preview.parts} 条发送` : ''}`}</div>}
        </div>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 120,
      render: (_, t) => (
        <>
          <div>{t.enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>}</div>
          <div className="muted">{t.custom ? `已修改${t.updatedBy ? `（${t.updatedBy}）` : ''}` : '系统默认'}</div>
        </>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 96,
      render: (_, t) => (
        <Button onClick={() => setEditing(t)} aria-label={`编辑「${t.eventLabel}」${t.channelLabel}模板`}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading>通知模板</PageHeading>
      <p className="muted" style={{ marginTop: -8, maxWidth: 880 }}>
        办件提交、受理、补正、不予受理、办结时通知申请人，时限预警通知办理人员；每种通知有短信和站内消息两个模板。用大括号占位符（如 {'{申请人}'}）插入办件信息；短信开头自动加签名
        {signature}，一条短信 70 字以内按 1 条计费。
      </p>
      {templates.isError && <Alert type="error" showIcon title={`通知模板加载失败：${errorMessage(templates.error)}`} style={{ marginBottom: 12 }} />}
      <section aria-labelledby="tpl-list-heading" style={{ marginBottom: 32 }}>
        <h2 id="tpl-list-heading" className="card-title">
          模板列表
        </h2>
        {isMobile ? (
          <ul className="record-cards" aria-label="模板">
            {(templates.data?.items ?? []).map((t) => (
              <li key={keyOf(t)} className="card">
                <h3 className="record-cards__title">
                  {t.eventLabel} · {t.channelLabel}
                </h3>
                <p className="muted" style={{ margin: '0 0 4px' }}>
                  发给{t.recipientLabel} · {t.enabled ? '启用' : '停用'} · {t.custom ? '已修改' : '系统默认'}
                </p>
                <div className="wb-msg-body">
                  {t.preview.title && <strong>{t.preview.title}</strong>}
                  {t.preview.title && <br />}
                  {t.preview.body}
                </div>
                <Button onClick={() => setEditing(t)} aria-label={`编辑「${t.eventLabel}」${t.channelLabel}模板`}>
                  编辑
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <Table<NotificationTemplate>
            rowKey={keyOf}
            columns={columns}
            dataSource={templates.data?.items ?? []}
            loading={templates.isFetching}
            pagination={false}
            scroll={{ x: 880 }}
            locale={{ emptyText: templates.isPending ? '正在加载…' : '没有模板' }}
          />
        )}
      </section>
      <WarningScan />
      <OutboxSection />
      {editing && <TemplateDrawer key={keyOf(editing)} template={editing} signature={signature} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values {
  title: string;
  body: string;
  enabled: boolean;
}

type Field = 'title' | 'body';

/** Edits one template: placeholder chips insert at the cursor, the preview follows every keystroke (debounced), problems show at their field. */
function TemplateDrawer({ template, signature, onClose }: { template: NotificationTemplate; signature: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const saveTemplate = useSaveTemplate();
  const resetTemplate = useResetTemplate();
  const busy = saveTemplate.isPending || resetTemplate.isPending;
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const title = Form.useWatch('title', form) ?? template.title;
  const body = Form.useWatch('body', form) ?? template.body;
  const titleRef = useRef<InputRef>(null);
  const bodyRef = useRef<GetRef<typeof Input.TextArea>>(null);
  const cursor = useRef<{ field: Field; start: number; end: number }>({ field: 'body', start: template.body.length, end: template.body.length });
  const isSite = template.channel === 'site';

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewTemplate({ event: template.event, channel: template.channel, title: isSite ? title : '', body }, controller.signal)
        .then((p) => {
          setPreview(p);
          setPreviewError(null);
          // Problems appear at their field as the text is typed; fields without problems are cleared.
          form.setFields((['title', 'body'] as const).map((name) => ({ name, errors: p.problems.filter((x) => x.field === name).map((x) => x.message) })));
        })
        .catch((err: unknown) => {
          if ((err as Error).name !== 'AbortError') setPreviewError(errorMessage(err));
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [title, body, template.event, template.channel, isSite, form]);

  const remember = (field: Field) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    cursor.current = { field, start: e.currentTarget.selectionStart ?? 0, end: e.currentTarget.selectionEnd ?? 0 };
  };

  const insert = (name: string) => {
    const { field, start, end } = cursor.current;
    const current: string = form.getFieldValue(field) ?? '';
    const token = `{${name}}`;
    const next = current.slice(0, start) + token + current.slice(end);
    form.setFieldValue(field, next);
    const caret = start + token.length;
    cursor.current = { field, start: caret, end: caret };
    requestAnimationFrame(() => {
      const el = field === 'title' ? titleRef.current?.input : bodyRef.current?.resizableTextArea?.textArea;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const save = async (v: Values) => {
    setError(null);
    try {
      const saved = await saveTemplate.mutateAsync({ event: template.event, channel: template.channel, body: { title: isSite ? v.title : '', body: v.body, enabled: v.enabled } });
      message.success(`已保存「${saved.eventLabel}」${saved.channelLabel}模板`);
      onClose();
    } catch (err) {
      const n = applyFieldErrors(form, err);
      setError(n > 0 ? '模板有误，请按输入框下方的提示修改后再保存。' : errorMessage(err));
    }
  };

  const reset = async () => {
    setError(null);
    try {
      await resetTemplate.mutateAsync({ event: template.event, channel: template.channel });
      message.success(`「${template.eventLabel}」${template.channelLabel}模板已恢复为系统默认`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={`编辑模板：${template.eventLabel} · ${template.channelLabel}`}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
      footer={
        <Space wrap>
          <BusyButton type="primary" onClick={() => form.submit()} busy={busy} busyText="正在保存…">
            保存
          </BusyButton>
          {template.custom && (
            <Popconfirm title="恢复为系统默认模板？" description="当前修改的内容将被替换。" okText="恢复默认" cancelText="取消" onConfirm={reset}>
              <Button disabled={busy}>恢复默认</Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>取消</Button>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {template.description} 接收人：{template.recipientLabel}。
      </p>
      <Form form={form} name="notification-template" layout="vertical" onFinish={save} initialValues={{ title: template.title, body: template.body, enabled: template.enabled }}>
        <Form.Item name="enabled" valuePropName="checked" extra="停用后，这种通知不再通过该渠道发送。">
          <Checkbox>启用此模板</Checkbox>
        </Form.Item>
        {isSite && (
          <Form.Item label="消息标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写消息标题' }]}>
            <Input ref={titleRef} maxLength={60} showCount onSelect={remember('title')} onKeyUp={remember('title')} onClick={remember('title')} />
          </Form.Item>
        )}
        <Form.Item
          label={isSite ? '消息正文' : `短信正文（发送时开头自动加签名${signature}）`}
          name="body"
          rules={[{ required: true, whitespace: true, message: '请填写通知正文' }]}
        >
          <AutoTextArea ref={bodyRef} minRows={4} maxRows={12} maxLength={isSite ? 500 : 200} showCount onSelect={remember('body')} onKeyUp={remember('body')} onClick={remember('body')} />
        </Form.Item>
        <div role="group" aria-labelledby="tpl-chips-label" style={{ marginBottom: 16 }}>
          <div id="tpl-chips-label" style={{ fontWeight: 600 }}>
            插入占位符（插在{isSite ? '标题或正文' : '正文'}的光标处）
          </div>
          <ul className="tpl-chips">
            {template.placeholders.map((p) => (
              <li key={p.name}>
                <Button size="small" onClick={() => insert(p.name)} title={`${p.description}，例如：${p.sample}`} aria-label={`插入 {${p.name}}：${p.description}`}>
                  {`{${p.name}}`}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </Form>
      <section aria-labelledby="tpl-preview-heading">
        <h3 id="tpl-preview-heading" style={{ marginBottom: 8 }}>
          预览（示例数据）
        </h3>
        <div className="tpl-preview" aria-live="polite">
          {preview ? (
            <>
              {isSite && <p className="tpl-preview__title">{preview.title || '（无标题）'}</p>}
              <p className="tpl-preview__body">{preview.body}</p>
              {!isSite && (
                <p className="muted" style={{ margin: '8px 0 0' }}>
                  含签名共 {preview.length} 字{preview.parts && preview.parts > 1 ? `，将拆成 ${preview.parts} 条发送和计费` : '，按 1 条发送'}
                </p>
              )}
            </>
          ) : (
            <p className="tpl-preview__body muted">{previewError ? `预览失败：${previewError}` : '正在生成预览…'}</p>
          )}
        </div>
        {preview?.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 12 }} />)}
      </section>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
    </Drawer>
  );
}

function WarningScan() {
  const runWarnings = useRunWarnings();
  const [result, setResult] = useState<WarningRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setResult(await runWarnings.mutateAsync());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section aria-labelledby="tpl-warn-heading" style={{ marginBottom: 32 }}>
      <h2 id="tpl-warn-heading" className="card-title">
        时限预警提醒
      </h2>
      <p className="muted" style={{ maxWidth: 880 }}>
        每个工作日 8 点自动扫描在办件，黄灯（剩余不足 1 个工作日或不足承诺时限的 40%）和红灯（已超期）的办件提醒对其有受理或审批权限的工作人员。同一办件同一等级每天只提醒一次，手动扫描不会重复提醒。
      </p>
      <BusyButton onClick={run} busy={runWarnings.isPending} busyText="正在扫描…">
        立即扫描
      </BusyButton>
      <div role="status" aria-live="polite" style={{ marginTop: 12 }}>
        {result && (
          <p style={{ margin: 0 }}>
            {result.day}：在办件中黄灯 {result.yellow} 件、红灯 {result.red} 件；本次新提醒 {result.notifiedCases} 件（站内消息 {result.messages} 条，短信 {result.sms} 条）。
          </p>
        )}
      </div>
      {error && <Alert type="error" showIcon title={`扫描失败：${error}`} style={{ marginTop: 12 }} />}
    </section>
  );
}

const OUTBOX_PAGE = 10;
const SMS_TEMPLATE_LABELS: Record<string, string> = { ...EVENT_LABELS, login_code: '登录验证码' };
const STATUS_COLORS: Record<SmsStatus, string> = { queued: 'default', sent: 'processing', delivered: 'success', failed: 'error' };

function OutboxSection() {
  const [status, setStatus] = useState<SmsStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const outbox = useOutbox({ page, pageSize: OUTBOX_PAGE, status: status === 'all' ? undefined : status });
  const counts = outbox.data?.counts;
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const note = (r: NonNullable<typeof outbox.data>['items'][number]) =>
    r.status === 'failed'
      ? `${r.error ?? '发送失败'}${r.nextAttemptAt ? `；${chinaDateTime(r.nextAttemptAt)} 重试` : '；不再重试'}`
      : r.deliveredAt
        ? `${chinaDateTime(r.deliveredAt)} 送达`
        : r.sentAt
          ? `${chinaDateTime(r.sentAt)} 交给短信网关（${r.sender}）`
          : '等待发送';
  const columns: TableColumnsType<NonNullable<typeof outbox.data>['items'][number]> = [
    { title: '时间', key: 'at', width: 150, render: (_, r) => chinaDateTime(r.createdAt) },
    { title: '手机号', dataIndex: 'phoneMasked', key: 'phone', width: 130 },
    { title: '类型', key: 'template', width: 120, render: (_, r) => SMS_TEMPLATE_LABELS[r.template] ?? r.template },
    { title: '状态', key: 'status', width: 100, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{SMS_STATUS_LABELS[r.status]}</Tag> },
    { title: '尝试', dataIndex: 'attempts', key: 'attempts', width: 64 },
    { title: '说明', key: 'note', render: (_, r) => note(r) },
  ];
  return (
    <section aria-labelledby="tpl-outbox-heading">
      <h2 id="tpl-outbox-heading" className="card-title">
        短信发送记录
      </h2>
      <p className="muted" style={{ maxWidth: 880 }}>
        手机号已脱敏，不显示短信内容。发送失败的短信按 1、5、30、120 分钟的间隔自动重试，共 5 次。
      </p>
      <Radio.Group
        aria-label="按状态筛选短信"
        optionType="button"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as SmsStatus | 'all');
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          ...(Object.keys(SMS_STATUS_LABELS) as SmsStatus[]).map((s) => ({ value: s, label: `${SMS_STATUS_LABELS[s]}${counts ? `（${counts[s]}）` : ''}` })),
        ]}
        style={{ marginBottom: 12 }}
      />
      {outbox.isError && <Alert type="error" showIcon title={`发送记录加载失败：${errorMessage(outbox.error)}`} style={{ marginBottom: 12 }} />}
      {isMobile ? (
        <>
          {outbox.data?.items.length === 0 && <p>没有短信记录。</p>}
          <ul className="record-cards" aria-label="短信发送记录">
            {(outbox.data?.items ?? []).map((r) => (
              <li key={r.id} className="card">
                <h3 className="record-cards__title">
                  {SMS_TEMPLATE_LABELS[r.template] ?? r.template} · {r.phoneMasked}
                </h3>
                <p style={{ margin: 0 }}>
                  <Tag color={STATUS_COLORS[r.status]}>{SMS_STATUS_LABELS[r.status]}</Tag> {chinaDateTime(r.createdAt)} · 尝试 {r.attempts} 次
                </p>
                <p className="muted" style={{ margin: '4px 0 0' }}>
                  {note(r)}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={outbox.data?.items ?? []}
          loading={outbox.isFetching}
          scroll={{ x: 820 }}
          locale={{ emptyText: outbox.isPending ? '正在加载…' : '没有短信记录' }}
          pagination={false}
        />
      )}
      <ListPagination current={page} pageSize={OUTBOX_PAGE} total={outbox.data?.total ?? 0} onChange={setPage} label="短信发送记录分页" />
    </section>
  );
}
