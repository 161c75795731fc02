/**
 * One 典型案例 in the workbench (/workbench/practices/:id; /workbench/practices/new writes a new one):
 * where it stands (the city's reasons when it was returned or taken down), what this person may do
 * now (the server's `actions`: 保存修改 and 报送 for the place while the practice is its own to change;
 * the city's 退回 and 发布 of a submitted one, 撤下 and 推荐用于培训 of a published one), the text
 * (a form while it may be changed), its photos and its history. Every step is made on the version
 * the page showed: if the practice changed meanwhile (409), nothing is done, the page says so and
 * shows it as it stands.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PRACTICE_LIMITS as L, paragraphsOf } from '../../shared/practices.js';
import { ApiError, errorMessage } from '../api/client.js';
import { guideHref } from '../api/catalog.js';
import {
  practicePath, practiceQueries, PRACTICES_PATH, publicPracticePath, useCreatePractice, usePracticeRecord, usePracticeStep, useUpdatePractice,
  type PracticeRecord, type PracticeStep,
} from '../api/practices.js';
import { actionsOf } from '../api/session.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { PracticeStatusTag, TrainingTag } from './parts.js';
import { PracticeForm } from './PracticeForm.js';
import { PracticePhotosEditor } from './PracticePhotosEditor.js';
import './practices.css';
import { RecordUnavailable } from '../components/RecordUnavailable.js';

export default function PracticeRoute() {
  const { id } = useParams();
  return (
    <RequireAction action="practice.submit" title="典型案例">
      {id === 'new' ? <NewPracticePage /> : <PracticePage key={id} />}
    </RequireAction>
  );
}

function NewPracticePage() {
  const navigate = useNavigate();
  const create = useCreatePractice();
  const { message } = App.useApp();
  return (
    <>
      <Breadcrumbs items={[{ label: '典型案例', to: PRACTICES_PATH }, { label: '新建' }]} />
      <PageHeading>新建典型案例</PageHeading>
      <p className="muted practice-lead">先保存为草稿，可以再上传照片、继续修改；写好后点「报送市级审核」。</p>
      <section className="card practice-section" aria-label="案例内容">
        <PracticeForm
          record={null}
          submitText="保存草稿"
          busy={create.isPending}
          onSave={async (input) => {
            const made = await create.mutateAsync(input);
            message.success('已保存草稿，可以上传照片或报送');
            navigate(practicePath(made.id), { replace: true });
          }}
        />
      </section>
    </>
  );
}

/** Errors that mean the page showed an old state. */
const STALE_CODES = ['PRACTICE_CHANGED', 'PRACTICE_WRONG_STATUS'];

type Dialog = 'return' | 'withdraw';
const DIALOGS: Record<Dialog, { title: string; label: string; submit: string; done: string; hint: string }> = {
  return: { title: '退回案例', label: '退回理由', submit: '确认退回', done: '已退回，报送单位会看到退回理由', hint: '写明需要修改或补充的内容，报送单位修改后可以再次报送。' },
  withdraw: { title: '撤下案例', label: '撤下理由', submit: '确认撤下', done: '已撤下，门户不再显示', hint: '撤下后门户不再显示这个案例，培训推荐随之取消；报送单位可以修改后再次报送。' },
};

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card practice-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function PracticePage() {
  const { id } = useParams();
  const { me } = useWorkbench();
  const reviewer = actionsOf(me).has('practice.review');
  const detail = usePracticeRecord(id);
  const queryClient = useQueryClient();
  const update = useUpdatePractice();
  const step = usePracticeStep();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const p = detail.data;

  if (detail.isPending) return <PageLoading label="正在加载案例…" />;
  if (detail.isError || !p) {
    return <RecordUnavailable error={detail.error} noun="案例" missing="没有找到这个案例" hint="编号有误，或该案例不属于本辖区。" back={{ to: PRACTICES_PATH, label: '典型案例' }} />;
  }

  const reload = async (text: string | null) => {
    setStale(text);
    await queryClient.invalidateQueries({ queryKey: practiceQueries.all });
    if (text) window.requestAnimationFrame(() => staleRef.current?.focus());
  };
  const staleText = (err: unknown, what: string): string | null => {
    if (!(err instanceof ApiError) || !STALE_CODES.includes(err.code)) return null;
    return `未能${what}：${err.message.replace(/[，,]?请刷新后再试[。.]?$/, '').replace(/[。.]$/, '')}。页面已刷新为最新状态，请核对后再操作。`;
  };
  const run = async (s: PracticeStep, what: string, done: string) => {
    setStepError(null);
    try {
      const next = await step.mutateAsync(s);
      setStale(null);
      message.success(`${done}：现为「${next.statusLabel}」`);
      return true;
    } catch (err) {
      const t = staleText(err, what);
      if (t) await reload(t);
      else setStepError(`未能${what}：${errorMessage(err)}`);
      return false;
    }
  };

  const can = new Set(p.actions);
  const base = { id: p.id, version: p.version };

  return (
    <>
      <Breadcrumbs items={[{ label: '典型案例', to: PRACTICES_PATH }, { label: p.title }]} />
      <PageHeading title={`典型案例：${p.title}`}>{p.title}</PageHeading>
      <div className="practice-meta">
        <PracticeStatusTag status={p.status} reviewer={reviewer} />
        {p.training && <TrainingTag />}
        <span className="muted">
          {p.regionName} · {p.createdByName} 撰写
        </span>
      </div>
      {stale && (
        <div ref={staleRef} tabIndex={-1}>
          <Alert type="warning" showIcon role="alert" title="案例已有新的变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}
      {p.status === 'returned' && p.returnReason && (
        <Alert type="warning" showIcon title="市级退回了这个案例" description={<span className="practice-reason-text">退回理由：{p.returnReason}</span>} style={{ marginBottom: 16 }} />
      )}
      {p.status === 'withdrawn' && p.withdrawReason && (
        <Alert type="info" showIcon title="市级已从门户撤下这个案例" description={<span className="practice-reason-text">撤下理由：{p.withdrawReason}</span>} style={{ marginBottom: 16 }} />
      )}

      <section className="practice-actions" aria-labelledby="practice-actions-title">
        <h2 id="practice-actions-title" className="visually-hidden">
          案例操作
        </h2>
        {stepError && <ErrorAlert title={stepError} style={{ marginBottom: 12 }} />}
        <Space wrap>
          {can.has('submit') && (
            <BusyButton type="primary" busy={step.isPending} busyText="正在报送…" onClick={() => void run({ step: 'submit', ...base }, '报送', '已报送市级审核')}>
              {p.status === 'draft' ? '报送市级审核' : '再次报送'}
            </BusyButton>
          )}
          {can.has('publish') && (
            <BusyButton type="primary" busy={step.isPending} busyText="正在发布…" onClick={() => void run({ step: 'publish', ...base }, '发布', '已发布到门户')}>
              审核通过并发布
            </BusyButton>
          )}
          {can.has('return') && <Button onClick={() => setDialog('return')}>退回</Button>}
          {can.has('training') && (
            <BusyButton busy={step.isPending} onClick={() => void run({ step: 'training', ...base, training: !p.training }, p.training ? '取消培训推荐' : '推荐用于培训', p.training ? '已取消培训推荐' : '已推荐用于培训')}>
              {p.training ? '取消培训推荐' : '推荐用于培训'}
            </BusyButton>
          )}
          {can.has('withdraw') && (
            <Button danger onClick={() => setDialog('withdraw')}>
              从门户撤下
            </Button>
          )}
          {p.status === 'published' && <Link to={publicPracticePath(p.id)}>在门户查看</Link>}
        </Space>
        {p.actions.length === 0 && (
          <p className="muted" style={{ margin: '8px 0 0' }}>
            当前状态为「{p.statusLabel}」{p.status === 'submitted' ? '，等待市级审核。' : '。'}
          </p>
        )}
      </section>

      {can.has('edit') ? (
        <Section id="practice-text" title="案例内容">
          <PracticeForm
            key={p.version}
            record={p}
            submitText="保存修改"
            busy={update.isPending}
            onSave={async (input) => {
              try {
                await update.mutateAsync({ ...input, id: p.id, version: p.version });
                message.success('已保存修改');
              } catch (err) {
                const t = staleText(err, '保存修改');
                if (!t) throw err;
                await reload(t);
              }
            }}
          />
        </Section>
      ) : (
        <PracticeText p={p} />
      )}

      {can.has('edit') ? (
        <PracticePhotosEditor record={p} onReload={() => void reload(null)} />
      ) : (
        <Section id="practice-photos" title="照片">
          {p.photos.length === 0 ? (
            <p>没有照片。</p>
          ) : (
            <ul className="practice-photos">
              {p.photos.map((ph) => (
                <li key={ph.fileId}>
                  <figure>
                    <img src={ph.url} alt={ph.alt} width={ph.width} height={ph.height} />
                    <figcaption>{ph.alt}</figcaption>
                  </figure>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section id="practice-history" title="办理经过">
        <ol className="practice-timeline">
          {p.history.map((h, i) => (
            <li key={i}>
              <strong>{h.actionLabel}</strong>
              <div className="muted">
                <time dateTime={h.at}>{chinaDateTime(h.at)}</time> · {h.by}
              </div>
              {h.note && <div className="practice-timeline__note">{h.note}</div>}
            </li>
          ))}
        </ol>
      </Section>

      {dialog && <ReasonDialog key={dialog} kind={dialog} p={p} onClose={() => setDialog(null)} onSend={(reason) => run({ step: dialog, ...base, reason }, DIALOGS[dialog].title.slice(0, 2), DIALOGS[dialog].done)} busy={step.isPending} />}
    </>
  );
}

/** The practice as the portal will show it: summary, paragraphs, items (to their guides), tags. */
function PracticeText({ p }: { p: PracticeRecord }) {
  return (
    <Section id="practice-text" title="案例内容">
      <dl className="practice-kv">
        <DescRow term="地区">{p.regionName}</DescRow>
        <DescRow term="摘要">{p.summary}</DescRow>
        <DescRow term="标签">{p.tags.length ? p.tags.join('、') : '—'}</DescRow>
        <DescRow term="涉及的事项">
          {p.items.length ? (
            <ul className="practice-items">
              {p.items.map((i) => (
                <li key={i.code}>
                  <Link to={guideHref(i.code)}>{i.name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </DescRow>
        {p.submittedAt && <DescRow term="报送">{`${chinaDateTime(p.submittedAt)}${p.submittedByName ? `（${p.submittedByName}）` : ''}`}</DescRow>}
        {p.publishedAt && <DescRow term="发布">{chinaDateTime(p.publishedAt)}</DescRow>}
        {p.trainingSessions > 0 && <DescRow term="用于培训">{`${p.trainingSessions} 次培训选用为教学案例`}</DescRow>}
      </dl>
      <h3>正文</h3>
      <div className="practice-body">
        {paragraphsOf(p.body).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
    </Section>
  );
}

function ReasonDialog({ kind, p, onClose, onSend, busy }: { kind: Dialog; p: PracticeRecord; onClose: () => void; onSend: (reason: string) => Promise<boolean>; busy: boolean }) {
  const [form] = Form.useForm<{ reason: string }>();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const d = DIALOGS[kind];
  const onFinish = async (v: { reason: string }) => {
    try {
      if (await onSend(v.reason.trim())) onClose();
    } catch (err) {
      applyFieldErrors(form, err);
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
          <BusyButton type="primary" danger={kind === 'withdraw'} onClick={() => form.submit()} busy={busy} busyText="正在提交…">
            {d.submit}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {p.title} · {p.regionName}
      </p>
      <p>{d.hint}</p>
      <Form form={form} name={`practice-${kind}`} layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={d.label}
          name="reason"
          rules={[{ required: true, whitespace: true, message: `请填写${d.label}` }, { min: L.reasonMin, message: `${d.label}至少 ${L.reasonMin} 个字` }, { max: L.reasonMax, message: `不超过 ${L.reasonMax} 字` }]}
        >
          <AutoTextArea minRows={3} maxRows={8} maxLength={L.reasonMax} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
