/**
 * One 差评 and its follow-up (rating.followup; 复核 rating.review): the rating as given (level,
 * each dimension, reasons, words, channel), the limits (回访时限, 整改时限, 复评截止), what was
 * done so far in order — the return visit, the appeal and its review, the rectification, the
 * re-rating — and the forms of what this person may do now (the server's `actions`): 回访登记,
 * 整改登记, 申诉, and the city's 复核. Each is made on the version the page showed: if the
 * follow-up changed meanwhile (409), nothing is done, the page says so and shows it as it stands.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Radio, Space, Tag } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { FOLLOW_UP_STATUSES, RERATING_WINDOW_WORKING_DAYS, VISIT_METHODS, VISIT_METHOD_CODES, type VisitMethod } from '../../shared/ratings.js';
import { ApiError, errorMessage } from '../api/client.js';
import {
  ratingStaffQueries, useAppealFollowUp, useFollowUp, useRectifyFollowUp, useReviewFollowUp, useVisitFollowUp,
  type FollowUp, type FollowUpAction, type RatingDetail,
} from '../api/ratingsStaff.js';
import { actionsOf } from '../api/session.js';
import { casePath } from '../cases/staff/labels.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { FieldGroup } from '../components/FieldGroup.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime } from '../dates.js';
import { useWorkbench } from '../staff/context.js';
import { RequireAction } from '../staff/RequireAction.js';
import { FollowUpLimit, FOLLOW_UPS_PATH, FollowUpStatusTag, RatingLevelTag } from './RatingsParts.js';
import { RecordUnavailable } from '../components/RecordUnavailable.js';

export default function RatingFollowUpRoute() {
  return (
    <RequireAction action="rating.followup" title="差评整改">
      <RatingFollowUpPage />
    </RequireAction>
  );
}

/** Errors that mean the page showed an old state: say so and show the follow-up as it stands. */
const STALE_CODES = ['FOLLOW_UP_CHANGED', 'FOLLOW_UP_WRONG_STATUS'];

/** Each step: its button, its dialog's title and what it says, its button in the dialog, what is said when done. */
const STEPS: Record<FollowUpAction, { button: string; title: string; submit: string; done: string; primary: boolean }> = {
  visit: { button: '回访登记', title: '回访登记', submit: '提交回访登记', done: '已登记回访', primary: true },
  rectify: { button: '整改登记', title: '整改登记', submit: '提交整改登记', done: '已登记整改', primary: true },
  appeal: { button: '申诉', title: '差评申诉', submit: '提交申诉', done: '已提交申诉，等待市级复核', primary: false },
  review: { button: '申诉复核', title: '申诉复核', submit: '提交复核结论', done: '已提交复核结论', primary: true },
};
const ACTION_ORDER: FollowUpAction[] = ['visit', 'rectify', 'review', 'appeal'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card rating-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The reasons and the words of a rating. */
function Reasons({ r }: { r: RatingDetail }) {
  return (
    <>
      {r.tags.length > 0 && <div>{r.tags.join('、')}</div>}
      {r.text && <div className="rating-timeline__note">“{r.text}”</div>}
    </>
  );
}

interface Entry {
  key: string;
  at: string | null;
  title: string;
  meta?: string;
  note?: ReactNode;
  className?: string;
}

/** What happened, in order, and the step still to come. */
function timeline(f: FollowUp): Entry[] {
  const done: Entry[] = [
    { key: 'rated', at: f.rating.ratedAt, title: `收到差评：${f.rating.levelLabel}`, meta: f.rating.channelLabel, note: <Reasons r={f.rating} /> },
  ];
  if (f.visit) done.push({ key: 'visit', at: f.visit.at, title: `回访（${f.visit.methodLabel}）`, meta: f.visit.by, note: f.visit.note });
  if (f.appeal) done.push({ key: 'appeal', at: f.appeal.at, title: '申诉', meta: f.appeal.by, note: f.appeal.reason });
  if (f.review) done.push({ key: 'review', at: f.review.at, title: `复核：${f.review.decisionLabel}`, meta: f.review.by, note: f.review.note });
  if (f.rectification) done.push({ key: 'rectify', at: f.rectification.at, title: '整改', meta: f.rectification.by, note: f.rectification.measures });
  if (f.rerating) {
    done.push({ key: 'rerate', at: f.rerating.ratedAt, title: `群众再次评价：${f.rerating.levelLabel}`, meta: f.rerating.channelLabel, note: <Reasons r={f.rerating} /> });
  }
  done.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  const next: Entry | null =
    f.status === 'visiting'
      ? { key: 'next', at: null, title: f.overdue === 'visit' ? `待回访（已超期：时限 ${f.visitDueOn}）` : `待回访（时限 ${f.visitDueOn}）`, className: f.overdue === 'visit' ? 'rating-timeline__overdue' : 'rating-timeline__next' }
      : f.status === 'rectifying'
        ? { key: 'next', at: null, title: f.overdue === 'rectify' ? `待整改（已超期：时限 ${f.rectifyDueOn}）` : `待整改（时限 ${f.rectifyDueOn}）`, className: f.overdue ? 'rating-timeline__overdue' : 'rating-timeline__next' }
        : f.status === 'rectified'
          ? { key: 'next', at: null, title: `待群众再次评价${f.rerateUntil ? `（${f.rerateUntil} 前；逾期不评则办结）` : ''}`, className: 'rating-timeline__next' }
          : f.status === 'appealing'
            ? { key: 'next', at: null, title: '待市级好差评工作人员复核', className: 'rating-timeline__next' }
            : null;
  return next ? [...done, next] : done;
}

/** A limit in words: done when, or still running (已超期 in words and in red once passed). */
function limitWords(dueOn: string, doneAt: string | null | undefined, overdue: boolean, what: string): ReactNode {
  if (doneAt) return `${dueOn} 前（已于 ${chinaDateTime(doneAt)} ${what}）`;
  if (overdue) return <Tag color="error">已超期：应于 {dueOn} 前{what}</Tag>;
  return `${dueOn} 前`;
}

function RatingFollowUpPage() {
  const { id } = useParams();
  const { me } = useWorkbench();
  const detail = useFollowUp(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<FollowUpAction | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const f = detail.data;

  if (detail.isPending) return <PageLoading label="正在加载差评…" />;
  if (detail.isError || !f) {
    return <RecordUnavailable error={detail.error} noun="差评" missing="没有找到这条差评" hint="编号有误，或该差评不是本辖区办理的办件。" back={{ to: FOLLOW_UPS_PATH, label: '差评整改' }} />;
  }

  const onDone = (step: FollowUpAction, next: FollowUp) => {
    setDialog(null);
    setStale(null);
    message.success(`${STEPS[step].done}：现为「${next.statusLabel}」`);
  };
  // The page showed an old state: nothing was done; show the follow-up as it now stands.
  const onStale = async (text: string) => {
    setDialog(null);
    setStale(text);
    await queryClient.invalidateQueries({ queryKey: ratingStaffQueries.all });
    window.requestAnimationFrame(() => staleRef.current?.focus());
  };

  const actions = ACTION_ORDER.filter((a) => f.actions.includes(a));
  const r = f.rating;
  const canSeeCase = actionsOf(me).has('case.view');

  return (
    <>
      <Breadcrumbs items={[{ label: '差评整改', to: FOLLOW_UPS_PATH }, { label: f.caseNo }]} />
      <PageHeading title={`差评整改 ${f.caseNo}`}>差评整改 {f.caseNo}</PageHeading>
      <div className="rating-meta">
        <FollowUpStatusTag status={f.status} />
        <FollowUpLimit f={f} />
      </div>
      {stale && (
        <div ref={staleRef} tabIndex={-1}>
          <Alert type="warning" showIcon role="alert" title="差评已有新的变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}

      <section className="rating-actions" aria-labelledby="rating-actions-title">
        <h2 id="rating-actions-title" className="visually-hidden">
          整改操作
        </h2>
        {actions.length ? (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={STEPS[a].primary ? 'primary' : 'default'} onClick={() => setDialog(a)}>
                {STEPS[a].button}
              </Button>
            ))}
          </Space>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            当前状态为「{f.statusLabel}」，{f.status === 'appealing' ? '等待市级复核。' : f.status === 'rectified' ? '等待群众再次评价。' : '无需操作。'}
          </p>
        )}
      </section>

      <div className="rating-grid">
        <Section id="rating-given" title="群众评价">
          <dl className="rating-kv">
            <DescRow term="整体满意度">
              <RatingLevelTag level={r.level} bad={r.bad} />
            </DescRow>
            {r.dimensions
              .filter((d) => d.key !== 'overall')
              .map((d) => (
                <DescRow key={d.key} term={d.label}>
                  {d.levelLabel}
                </DescRow>
              ))}
            <DescRow term="差评原因">{r.tags.length ? r.tags.join('、') : '—'}</DescRow>
            <DescRow term="评价意见">{r.text || '—'}</DescRow>
            <DescRow term="评价渠道">{r.channelLabel}</DescRow>
            <DescRow term="评价时间">{chinaDateTime(r.ratedAt)}</DescRow>
            <DescRow term="统计">{r.counted ? '计入好差评统计' : f.status === 'voided' ? '不计入（申诉成立）' : '不计入（已由再次评价取代）'}</DescRow>
          </dl>
        </Section>

        <Section id="rating-case" title="办件">
          <dl className="rating-kv">
            <DescRow term="办件编号">{canSeeCase ? <Link to={casePath(f.caseId)}>{f.caseNo}</Link> : f.caseNo}</DescRow>
            <DescRow term="事项">{f.itemName}</DescRow>
            <DescRow term="办理地">{f.handlingPlace}</DescRow>
          </dl>
        </Section>

        <Section id="rating-limits" title="整改时限">
          <dl className="rating-kv">
            <DescRow term="回访时限">{limitWords(f.visitDueOn, f.visit?.at, f.overdue === 'visit', '回访')}</DescRow>
            <DescRow term="整改时限">{limitWords(f.rectifyDueOn, f.rectification?.at, f.overdue === 'rectify', '整改')}</DescRow>
            {f.rerateUntil && <DescRow term="再次评价截止">{f.rerateUntil}</DescRow>}
            <DescRow term="督办">{f.escalated ? '曾超过时限，已上报市级' : '无'}</DescRow>
            <DescRow term="当前状态">{FOLLOW_UP_STATUSES[f.status]}</DescRow>
          </dl>
        </Section>
      </div>

      <Section id="rating-events" title="整改过程">
        <ol className="rating-timeline">
          {timeline(f).map((e) => (
            <li key={e.key} className={e.className}>
              <div>
                <strong>{e.title}</strong>
              </div>
              {(e.at || e.meta) && (
                <div className="rating-timeline__meta">
                  {e.at && <time dateTime={e.at}>{chinaDateTime(e.at)}</time>}
                  {e.at && e.meta ? ' · ' : ''}
                  {e.meta}
                </div>
              )}
              {e.note && <div className="rating-timeline__note">{e.note}</div>}
            </li>
          ))}
        </ol>
      </Section>

      {dialog && <StepDialog key={dialog} step={dialog} f={f} onClose={() => setDialog(null)} onDone={(next) => onDone(dialog, next)} onStale={onStale} />}
    </>
  );
}

/** What a refused step says when the page showed an old state (null for any other failure). */
function staleText(err: unknown, what: string): string | null {
  if (!(err instanceof ApiError) || !STALE_CODES.includes(err.code)) return null;
  return `未能${what}：${err.message.replace(/[，,]?请刷新后再试[。.]?$/, '').replace(/[。.]$/, '')}。页面已刷新为最新状态，请核对后再操作。`;
}

interface StepValues {
  method?: VisitMethod;
  note?: string;
  measures?: string;
  reason?: string;
  decision?: 'upheld' | 'rejected';
}

/** The form of one step, sent with the version the page showed when it opened. */
function StepDialog({ step, f, onClose, onDone, onStale }: { step: FollowUpAction; f: FollowUp; onClose: () => void; onDone: (next: FollowUp) => void; onStale: (text: string) => void }) {
  const [form] = Form.useForm<StepValues>();
  // the version seen when the dialog opened: a change since is refused (409), not overwritten
  const [seenVersion] = useState(f.version);
  const visit = useVisitFollowUp();
  const rectify = useRectifyFollowUp();
  const appeal = useAppealFollowUp();
  const review = useReviewFollowUp();
  const busy = visit.isPending || rectify.isPending || appeal.isPending || review.isPending;
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const s = STEPS[step];

  const onFinish = async (v: StepValues) => {
    setError(null);
    const base = { id: f.ratingId, version: seenVersion };
    try {
      const next =
        step === 'visit'
          ? await visit.mutateAsync({ ...base, method: v.method!, note: v.note?.trim() ?? '' })
          : step === 'rectify'
            ? await rectify.mutateAsync({ ...base, measures: v.measures?.trim() ?? '' })
            : step === 'appeal'
              ? await appeal.mutateAsync({ ...base, reason: v.reason?.trim() ?? '' })
              : await review.mutateAsync({ ...base, decision: v.decision!, note: v.note?.trim() ?? '' });
      onDone(next);
    } catch (err) {
      const stale = staleText(err, s.title);
      if (stale) return onStale(stale);
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={s.title}
      onCancel={onClose}
      width={isMobile ? '100%' : 600}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={busy} busyText="正在提交…">
            {s.submit}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        差评 {f.caseNo} · {f.itemName} · {f.rating.levelLabel}
        {f.rating.tags.length ? `（${f.rating.tags.join('、')}）` : ''}
      </p>
      {step === 'visit' && <p>请在 {f.visitDueOn} 前联系评价人，了解不满意的原因，并如实登记回访情况。登记后进入整改，整改时限为 {f.rectifyDueOn}。</p>}
      {step === 'rectify' && <p>请写明针对差评采取的整改措施和结果。登记后，评价人可在 {RERATING_WINDOW_WORKING_DAYS} 个工作日内再评价一次。</p>}
      {step === 'appeal' && <p>恶意差评或错误差评（如评价的不是本办件、评价人误操作）可申诉，请写明理由和依据。申诉由市级好差评工作人员复核：成立则该评价不计入统计；不成立则继续回访、整改。</p>}
      {step === 'review' && f.appeal && (
        <div>
          <p style={{ marginBottom: 4 }}>
            <strong>申诉理由</strong>（{f.appeal.by}，{chinaDateTime(f.appeal.at)}）
          </p>
          <p className="rating-timeline__note" style={{ marginTop: 0 }}>
            {f.appeal.reason}
          </p>
        </div>
      )}
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name={`rating-${step}`} layout="vertical" onFinish={onFinish}>
        {step === 'visit' && (
          <>
            <Form.Item name="method" rules={[{ required: true, message: '请选择回访方式' }]}>
              <FieldGroup legend="回访方式" required>
                <Radio.Group options={VISIT_METHOD_CODES.map((m) => ({ value: m, label: VISIT_METHODS[m] }))} />
              </FieldGroup>
            </Form.Item>
            <Form.Item label="回访情况" name="note" rules={[{ required: true, whitespace: true, message: '请填写回访情况' }, { min: 2, message: '请填写回访情况' }, { max: 1000, message: '不超过 1000 字' }]}>
              <AutoTextArea minRows={3} maxRows={8} maxLength={1000} placeholder="评价人反映的问题、意见和诉求" />
            </Form.Item>
          </>
        )}
        {step === 'rectify' && (
          <Form.Item label="整改措施和结果" name="measures" rules={[{ required: true, whitespace: true, message: '请填写整改措施和结果' }, { min: 4, message: '请填写整改措施和结果（至少 4 个字）' }, { max: 2000, message: '不超过 2000 字' }]}>
            <AutoTextArea minRows={4} maxRows={10} maxLength={2000} />
          </Form.Item>
        )}
        {step === 'appeal' && (
          <Form.Item label="申诉理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写申诉理由' }, { min: 4, message: '请填写申诉理由（至少 4 个字）' }, { max: 1000, message: '不超过 1000 字' }]}>
            <AutoTextArea minRows={3} maxRows={8} maxLength={1000} placeholder="如恶意差评、误评，及其依据" />
          </Form.Item>
        )}
        {step === 'review' && (
          <>
            <Form.Item name="decision" rules={[{ required: true, message: '请选择复核结论' }]}>
              <FieldGroup legend="复核结论" required>
                <Radio.Group
                  options={[
                    { value: 'upheld', label: '申诉成立（该评价不计入统计）' },
                    { value: 'rejected', label: '申诉不成立（继续回访、整改）' },
                  ]}
                />
              </FieldGroup>
            </Form.Item>
            <Form.Item label="复核意见" name="note" rules={[{ required: true, whitespace: true, message: '请填写复核意见' }, { min: 2, message: '请填写复核意见' }, { max: 1000, message: '不超过 1000 字' }]}>
              <AutoTextArea minRows={3} maxRows={8} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
