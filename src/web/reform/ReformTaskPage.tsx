/**
 * One 改革任务: its requirement, source, lead and cooperating units, deadline and flags; the tasks
 * above it (titles; links where the person sees them) and its sub-tasks; the progress timeline
 * (reports with their evidence files to download, acceptance, returns, 督办); and what the person
 * may do now (the server's `actions`): 填报进展 with evidence (the lead region), 分解子任务, 修改,
 * 验收通过, 退回, 督办 (the city). Each change is made on the version the page showed: if the task
 * changed meanwhile (409), nothing is done, the page says so and shows it as it stands.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { REFORM_EVIDENCE_MAX_BYTES } from '../../shared/reform.js';
import { ApiError, errorMessage } from '../api/client.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { DescRow } from '../components/DescRow.js';
import { FileUpload, type UploadedFile } from '../components/FileUpload.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime, chinaToday } from '../dates.js';
import { RequireAction } from '../staff/RequireAction.js';
import { REFORM_PATH, reformQueries, taskPath, uploadEvidence, useAccept, useRemind, useReport, useReturn, useTask, type Task, type TaskAction } from './api.js';
import { Flags, ProgressBar, StatusTag, TaskDialog } from './parts.js';
import { RecordUnavailable } from '../components/RecordUnavailable.js';

export default function ReformTaskRoute() {
  return (
    <RequireAction action="reform.report" title="改革任务">
      <ReformTaskPage />
    </RequireAction>
  );
}

const STALE_CODES = ['REFORM_TASK_CHANGED', 'REFORM_TASK_WRONG_STATUS'];
const EVIDENCE_ACCEPT = 'application/pdf,.pdf,image/jpeg,image/png,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd';
const ORDER: TaskAction[] = ['report', 'accept', 'return', 'decompose', 'remind', 'edit'];
const BUTTONS: Record<TaskAction, { label: string; primary: boolean }> = {
  report: { label: '填报进展', primary: true },
  accept: { label: '验收通过', primary: true },
  return: { label: '退回', primary: false },
  decompose: { label: '分解子任务', primary: false },
  remind: { label: '督办', primary: false },
  edit: { label: '修改任务', primary: false },
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const sizeWords = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function ReformTaskPage() {
  const { id } = useParams();
  const detail = useTask(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<TaskAction | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const t = detail.data;

  if (detail.isPending) return <PageLoading label="正在加载任务…" />;
  if (detail.isError || !t) {
    return <RecordUnavailable error={detail.error} noun="任务" missing="没有找到这项任务" hint="编号有误，或该任务不是本地区牵头的任务。" back={{ to: REFORM_PATH, label: '改革任务' }} />;
  }

  const onDone = (text: string) => {
    setDialog(null);
    setStale(null);
    message.success(text);
  };
  const onStale = async (text: string) => {
    setDialog(null);
    setStale(text);
    await queryClient.invalidateQueries({ queryKey: reformQueries.all });
    window.requestAnimationFrame(() => staleRef.current?.focus());
  };
  const actions = ORDER.filter((a) => t.actions.includes(a));

  return (
    <>
      <Breadcrumbs items={[{ label: '改革任务', to: REFORM_PATH }, ...t.ancestors.map((a) => (a.visible ? { label: a.title, to: taskPath(a.id) } : { label: a.title })), { label: t.title }]} />
      <PageHeading title={`改革任务：${t.title}`}>{t.title}</PageHeading>
      <div className="reform-flags" style={{ margin: '-8px 0 16px' }}>
        <StatusTag status={t.status} />
        <Flags t={t} />
      </div>
      {stale && (
        <div ref={staleRef} tabIndex={-1}>
          <Alert type="warning" showIcon role="alert" title="任务已有新的变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}
      {t.returnedReason && <Alert type="warning" showIcon title="市行政审批服务局已退回" description={`退回原因：${t.returnedReason}`} style={{ marginBottom: 16 }} />}

      <section className="reform-actions" aria-labelledby="reform-actions-title">
        <h2 id="reform-actions-title" className="visually-hidden">
          任务操作
        </h2>
        {actions.length ? (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={BUTTONS[a].primary ? 'primary' : 'default'} onClick={() => setDialog(a)}>
                {BUTTONS[a].label}
              </Button>
            ))}
          </Space>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            {t.status === 'awaiting' ? '已报请验收，等待市行政审批服务局验收。' : t.status === 'done' ? '任务已完成。' : t.subtasks > 0 ? '进展由各子任务填报。' : '当前无需操作。'}
          </p>
        )}
      </section>

      <div className="reform-grid">
        <Section id="reform-facts" title="任务信息">
          <dl className="reform-kv">
            <DescRow term="任务来源">{t.source || '—'}</DescRow>
            <DescRow term="牵头单位">
              {t.leadUnit}（{t.leadRegion.name}）
            </DescRow>
            <DescRow term="配合单位">{t.cooperating.length ? t.cooperating.join('、') : '—'}</DescRow>
            <DescRow term="完成时限">{t.deadline}</DescRow>
            <DescRow term="完成进度">
              <ProgressBar value={t.progress} label="本任务" />
            </DescRow>
            <DescRow term="最近填报">{t.lastReportOn ?? '—'}</DescRow>
            {t.acceptedAt && (
              <DescRow term="验收">
                {t.acceptedBy}，{chinaDateTime(t.acceptedAt)}
              </DescRow>
            )}
            {t.remindedAt && <DescRow term="最近督办">{chinaDateTime(t.remindedAt)}</DescRow>}
          </dl>
        </Section>
        <Section id="reform-requirement" title="工作要求">
          <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{t.requirement || '—'}</p>
        </Section>
      </div>

      {(t.children.length > 0 || t.subtasks > 0) && (
        <Section id="reform-children" title={`子任务（${t.children.length}）`}>
          {t.children.length === 0 ? (
            <p className="muted">子任务由其他地区牵头。</p>
          ) : (
            <ul className="reform-timeline">
              {t.children.map((c) => (
                <li key={c.id}>
                  <Link to={taskPath(c.id)} className="reform-title">
                    {c.title}
                  </Link>{' '}
                  <StatusTag status={c.status} /> <Flags t={c} />
                  <div className="reform-timeline__meta">
                    {c.leadUnit}（{c.leadRegion.name}） · 完成时限 {c.deadline}
                  </div>
                  <ProgressBar value={c.progress} label={c.title} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section id="reform-timeline" title="进展情况">
        {t.timeline.length === 0 ? (
          <p className="muted">暂无记录。</p>
        ) : (
          <ol className="reform-timeline">
            {t.timeline.map((e) => (
              <li key={e.id}>
                <div>
                  <strong>
                    {e.kindLabel}
                    {e.percent !== null ? `：完成 ${e.percent}%` : ''}
                  </strong>
                </div>
                <div className="reform-timeline__meta">
                  <time dateTime={e.at}>{chinaDateTime(e.at)}</time> · {e.by}
                  {e.reportedOn ? ` · 填报日期 ${e.reportedOn}` : ''}
                </div>
                {(e.done || e.problems || e.nextSteps || e.note) && (
                  <dl className="reform-timeline__body">
                    {e.done && <DescRow term="完成情况">{e.done}</DescRow>}
                    {e.problems && <DescRow term="存在问题">{e.problems}</DescRow>}
                    {e.nextSteps && <DescRow term="下步计划">{e.nextSteps}</DescRow>}
                    {e.note && <DescRow term={e.kind === 'return' ? '退回原因' : e.kind === 'remind' ? '督办内容' : '说明'}>{e.note}</DescRow>}
                  </dl>
                )}
                {e.evidence.length > 0 && (
                  <ul className="reform-evidence" aria-label="证明材料">
                    {e.evidence.map((f) => (
                      <li key={f.id}>
                        <a href={f.url} download={f.name}>
                          下载 {f.name}
                        </a>{' '}
                        <span className="muted">（{sizeWords(f.size)}）</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </Section>

      {(dialog === 'decompose' || dialog === 'edit') && (
        <TaskDialog
          parent={dialog === 'decompose' ? t : undefined}
          task={dialog === 'edit' ? t : undefined}
          onClose={() => setDialog(null)}
          onDone={(next) => onDone(dialog === 'edit' ? '已保存修改' : `已分解子任务「${next.title}」`)}
        />
      )}
      {dialog === 'report' && <ReportDialog t={t} onClose={() => setDialog(null)} onDone={(next) => onDone(next.status === 'awaiting' ? '已填报 100%，报请验收' : '已填报进展')} onStale={onStale} />}
      {(dialog === 'accept' || dialog === 'return' || dialog === 'remind') && (
        <DecisionDialog key={dialog} kind={dialog} t={t} onClose={() => setDialog(null)} onDone={onDone} onStale={onStale} />
      )}
    </>
  );
}

/** What a refused change says when the page showed an old state (null for any other failure). */
function staleText(err: unknown, what: string): string | null {
  if (!(err instanceof ApiError) || !STALE_CODES.includes(err.code)) return null;
  return `未能${what}：${err.message.replace(/[，,]?请刷新后再试[。.]?$/, '').replace(/[。.]$/, '')}。页面已刷新为最新状态，请核对后再操作。`;
}

interface ReportValues {
  reportedOn?: string;
  percent?: number;
  done?: string;
  problems?: string;
  nextSteps?: string;
}

/** 填报进展: date, percent, what was done, problems, next steps, evidence files (uploaded one by one first). */
function ReportDialog({ t, onClose, onDone, onStale }: { t: Task; onClose: () => void; onDone: (next: Task) => void; onStale: (text: string) => void }) {
  const [form] = Form.useForm<ReportValues>();
  const report = useReport();
  const [seenVersion] = useState(t.version);
  const [files, setFiles] = useState<UploadedFile[]>(t.pendingEvidence.map((e) => ({ id: e.id, name: e.name, mime: e.mime })));
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const today = chinaToday();
  const percent = Form.useWatch('percent', form);

  const onFinish = async (v: ReportValues) => {
    setError(null);
    try {
      const next = await report.mutateAsync({
        id: t.id, version: seenVersion, reportedOn: v.reportedOn ?? '', percent: v.percent ?? 0, done: v.done?.trim() ?? '', problems: v.problems?.trim() ?? '',
        nextSteps: v.nextSteps?.trim() ?? '', evidence: files.map((f) => f.id),
      });
      onDone(next);
    } catch (err) {
      const stale = staleText(err, '填报进展');
      if (stale) return onStale(stale);
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title="填报进展"
      onCancel={onClose}
      width={isMobile ? '100%' : 640}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={report.isPending} busyText="正在提交…">
            {percent === 100 ? '提交并报请验收' : '提交进展'}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {t.title}（完成时限 {t.deadline}，当前进度 {t.progress}%）。进度填 100% 即报请市行政审批服务局验收。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="reform-report" layout="vertical" onFinish={onFinish} initialValues={{ reportedOn: today, percent: t.progress }}>
        <Form.Item label="填报日期" name="reportedOn" rules={[{ required: true, message: '请选择填报日期' }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item label="完成进度（%）" name="percent" rules={[{ required: true, message: '请填写完成进度' }, { type: 'integer', min: 0, max: 100, message: '完成进度应为 0 到 100 的整数' }]}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="本期完成情况" name="done" rules={[{ required: true, whitespace: true, message: '请填写本期完成情况' }, { min: 2, message: '请填写本期完成情况' }, { max: 2000, message: '不超过 2000 字' }]}>
          <AutoTextArea minRows={3} maxRows={8} maxLength={2000} />
        </Form.Item>
        <Form.Item label="存在问题" name="problems" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <AutoTextArea minRows={2} maxRows={6} maxLength={2000} />
        </Form.Item>
        <Form.Item label="下步计划" name="nextSteps" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <AutoTextArea minRows={2} maxRows={6} maxLength={2000} />
        </Form.Item>
        <div className="field" style={{ marginBottom: 8 }}>
          <p id="reform-evidence-label" style={{ margin: '0 0 4px' }}>
            证明材料
          </p>
          <FileUpload
            id="reform-evidence"
            purpose="证明材料"
            files={files}
            multiple
            accept={EVIDENCE_ACCEPT}
            hint={`PDF、图片、Word、Excel 或 OFD，每个不超过 ${REFORM_EVIDENCE_MAX_BYTES / 1024 / 1024} MB，可上传多个`}
            describedBy="reform-evidence-label"
            upload={async (file) => {
              const e = await uploadEvidence(t.id, file);
              return { id: e.id, name: e.name, mime: e.mime };
            }}
            onUploaded={(f) => setFiles((fs) => [...fs, f])}
            onRemove={(f) => setFiles((fs) => fs.filter((x) => x.id !== f.id))}
          />
        </div>
      </Form>
    </Modal>
  );
}

const DECISIONS = {
  accept: { title: '验收通过', submit: '确认验收通过', done: '已验收通过', label: '验收意见（选填）', min: 0 },
  return: { title: '退回', submit: '确认退回', done: '已退回，任务回到推进中', label: '退回原因', min: 4 },
  remind: { title: '督办', submit: '发送督办提醒', done: '已发送督办提醒', label: '督办内容（选填，不填则按完成时限自动生成）', min: 0 },
} as const;

/** The city's 验收通过, 退回 (with the reason) and 督办 (a site message to the lead region). */
function DecisionDialog({ kind, t, onClose, onDone, onStale }: { kind: 'accept' | 'return' | 'remind'; t: Task; onClose: () => void; onDone: (text: string) => void; onStale: (text: string) => void }) {
  const [form] = Form.useForm<{ text?: string }>();
  const accept = useAccept();
  const ret = useReturn();
  const remind = useRemind();
  const [seenVersion] = useState(t.version);
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const d = DECISIONS[kind];

  const onFinish = async (v: { text?: string }) => {
    setError(null);
    const text = v.text?.trim() ?? '';
    const base = { id: t.id, version: seenVersion };
    try {
      if (kind === 'accept') await accept.mutateAsync({ ...base, note: text });
      else if (kind === 'return') await ret.mutateAsync({ ...base, reason: text });
      else await remind.mutateAsync({ ...base, message: text });
      onDone(d.done);
    } catch (err) {
      const stale = staleText(err, d.title);
      if (stale) return onStale(stale);
      if (applyFieldErrors(form, err, { note: 'text', reason: 'text', message: 'text' }) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={d.title}
      onCancel={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" danger={kind === 'return'} onClick={() => form.submit()} busy={accept.isPending || ret.isPending || remind.isPending} busyText="正在提交…">
            {d.submit}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {t.title} · {t.leadUnit}（{t.leadRegion.name}） · 完成时限 {t.deadline}
        {t.overdue ? '（已超期）' : ''}
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name={`reform-${kind}`} layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={d.label}
          name="text"
          rules={d.min ? [{ required: true, whitespace: true, message: '请填写退回原因' }, { min: d.min, message: `至少 ${d.min} 个字` }, { max: 1000, message: '不超过 1000 字' }] : [{ max: 1000, message: '不超过 1000 字' }]}
        >
          <AutoTextArea minRows={3} maxRows={8} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
