/**
 * One 帮办代办 request for its town's coordinator: who asked and for what, where it stands against
 * its time limits, its whole history (the staff-only entries too: escalations, the helpers' and
 * coordinators' notes), and the coordinator's actions — 分派/改派 to a helper covering the village
 * or the town (each shown with how many open requests they have), and 取消 with a reason. Both are
 * made on the version the page showed: if the request changed meanwhile (409), nothing is done,
 * the page says so and shows the request as it now stands.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Select, Space } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { HELP_CONTACT_METHODS, HELP_REQUEST_STATUSES, type HelpContactMethod, type HelpRequestStatus } from '../../shared/assistance.js';
import { COORDINATOR_LABEL } from '../../shared/helpers.js';
import { ApiError, errorMessage } from '../api/client.js';
import { helperRecordQueries } from '../api/helperRecords.js';
import {
  helpRequestStaffQueries, useAssignHelpRequest, useCancelHelpRequest, useHelperLoads, useHelpRequest, type HelpRequestDetail,
} from '../api/helpRequestsStaff.js';
import { AutoTextArea } from '../components/AutoTextArea.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { BusyButton } from '../components/BusyButton.js';
import { SELECT_CLEAR } from '../components/clear.js';
import { DescRow } from '../components/DescRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { applyFieldErrors } from '../components/formErrors.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { chinaDateTime } from '../dates.js';
import { RequireAction } from '../staff/RequireAction.js';
import { areaWords } from './HelperParts.js';
import { HelpFlagTags, HelpLimit, HELP_REQUESTS_PATH, HelpStatusTag } from './HelpRequestsParts.js';
import { RecordUnavailable } from '../components/RecordUnavailable.js';

export default function HelpRequestRoute() {
  return (
    <RequireAction action="assist.coordinate" title="帮办代办求助">
      <HelpRequestPage />
    </RequireAction>
  );
}

/** Errors that mean the page showed an old state: say so and show the request as it stands. */
const STALE_CODES = ['HELP_REQUEST_CHANGED', 'HELP_REQUEST_WRONG_STATUS'];

const statusWord = (s: string | null) => (s ? (HELP_REQUEST_STATUSES[s as HelpRequestStatus] ?? s) : '');

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card help-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function HelpRequestPage() {
  const { id } = useParams();
  const detail = useHelpRequest(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'assign' | 'cancel' | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const r = detail.data;

  if (detail.isPending) return <PageLoading label="正在加载求助…" />;
  if (detail.isError || !r) {
    return <RecordUnavailable error={detail.error} noun="求助" missing="没有找到这条求助" hint="求助编号有误，或该求助不在您的辖区内。" back={{ to: HELP_REQUESTS_PATH, label: '帮办代办求助' }} />;
  }

  const done = (text: string) => {
    setDialog(null);
    setStale(null);
    message.success(text);
  };
  // The page showed an old state: nothing was done; show the request as it now stands.
  const onStale = async (text: string) => {
    setDialog(null);
    setStale(text);
    await queryClient.invalidateQueries({ queryKey: helpRequestStaffQueries.all });
    window.requestAnimationFrame(() => staleRef.current?.focus());
  };

  const when = (at: string | null, what: string) => (at ? `${chinaDateTime(at)} ${what}` : null);
  const contactMethod = r.contactMethod ? (HELP_CONTACT_METHODS[r.contactMethod as HelpContactMethod] ?? r.contactMethod) : '';

  return (
    <>
      <Breadcrumbs items={[{ label: '帮办代办求助', to: HELP_REQUESTS_PATH }, { label: r.requestNo }]} />
      <PageHeading title={`帮办代办求助 ${r.requestNo}`}>帮办代办求助 {r.requestNo}</PageHeading>
      <div className="help-meta">
        <HelpStatusTag status={r.status} />
        <HelpFlagTags r={r} />
        <HelpLimit r={r} />
      </div>
      {stale && (
        <div ref={staleRef} tabIndex={-1}>
          <Alert type="warning" showIcon role="alert" title="求助已有新的变化" description={stale} closable={{ 'aria-label': '关闭提示' }} onClose={() => setStale(null)} style={{ marginBottom: 16 }} />
        </div>
      )}

      <section className="help-actions" aria-labelledby="help-actions-title">
        <h2 id="help-actions-title" className="visually-hidden">
          协调操作
        </h2>
        {r.can.assign || r.can.cancel ? (
          <Space wrap>
            {r.can.assign && (
              <Button type="primary" onClick={() => setDialog('assign')}>
                {r.helperId ? '改派帮办代办员' : '分派帮办代办员'}
              </Button>
            )}
            {r.can.cancel && (
              <Button danger onClick={() => setDialog('cancel')}>
                取消求助
              </Button>
            )}
          </Space>
        ) : (
          <p className="muted" style={{ margin: 0 }}>
            本求助{r.statusLabel}，无需操作。
          </p>
        )}
      </section>

      <div className="help-grid">
        <Section id="help-person" title="求助人">
          <dl className="help-kv">
            <DescRow term="姓名">{r.subjectName}</DescRow>
            <DescRow term="电话">
              {r.subjectPhone}
              <div className="muted">完整号码仅被分派的帮办代办员可查看</div>
            </DescRow>
            <DescRow term="住址">{r.address || '—'}</DescRow>
            <DescRow term="村（社区）">
              {r.townName} {r.villageName}
            </DescRow>
            <DescRow term="求助方式">{r.channelLabel}</DescRow>
            <DescRow term="方便联系的时间">{r.preferredTime || '—'}</DescRow>
          </dl>
        </Section>

        <Section id="help-need" title="求助内容">
          <dl className="help-kv">
            <DescRow term="事项">{r.itemName ?? '未指定事项'}</DescRow>
            <DescRow term="需要帮什么">{r.need}</DescRow>
            <DescRow term="上门服务">{r.homeVisit ? '需要上门' : '不需要'}</DescRow>
            <DescRow term="特殊群体">{r.flags.length ? `${r.flags.map((f) => f.label).join('、')}（优先办理）` : '无'}</DescRow>
            <DescRow term="提交时间">{chinaDateTime(r.createdAt)}</DescRow>
          </dl>
        </Section>

        <Section id="help-progress" title="办理情况">
          <dl className="help-kv">
            <DescRow term="帮办代办员">{r.helperName ?? '未分派'}</DescRow>
            {r.assignedAt && <DescRow term="分派时间">{chinaDateTime(r.assignedAt)}</DescRow>}
            <DescRow term="接单">{r.acceptedAt ? when(r.acceptedAt, '已接单') : `时限 ${chinaDateTime(r.acceptDueAt)}`}</DescRow>
            <DescRow term="首次联系">{r.contactedAt ? when(r.contactedAt, contactMethod || '已联系') : `时限 ${chinaDateTime(r.contactDueAt)}`}</DescRow>
            <DescRow term="督办">{r.escalatedAt ? `${chinaDateTime(r.escalatedAt)} 超时，已上报协调人` : '无'}</DescRow>
            {r.completedAt && <DescRow term="办结">{`${chinaDateTime(r.completedAt)}：${r.resultNote ?? ''}`}</DescRow>}
            {r.cancelledAt && <DescRow term="取消">{`${chinaDateTime(r.cancelledAt)}：${r.cancelReason ?? ''}`}</DescRow>}
            {r.rating !== null && (
              <DescRow term="群众评价">
                {r.rating} 星（满分 5 星）{r.ratingComment ? `：${r.ratingComment}` : ''}
              </DescRow>
            )}
          </dl>
        </Section>
      </div>

      <Section id="help-events" title="办理过程">
        <ol className="help-timeline">
          {r.events.map((e) => (
            <li key={e.seq} className={e.internal ? 'help-timeline__internal' : undefined}>
              <div>
                <strong>{e.actionLabel}</strong>
                {e.toStatus && e.toStatus !== e.fromStatus && (
                  <span className="muted">
                    {' '}
                    · {e.fromStatus ? `${statusWord(e.fromStatus)} → ` : ''}
                    {statusWord(e.toStatus)}
                  </span>
                )}
                {e.internal && <span className="muted"> · 仅工作人员可见</span>}
              </div>
              <div className="help-timeline__meta">
                <time dateTime={e.at}>{chinaDateTime(e.at)}</time> · {e.actorName}
              </div>
              {e.note && <div className="help-timeline__note">{e.note}</div>}
            </li>
          ))}
        </ol>
      </Section>

      {dialog === 'assign' && (
        <AssignDialog r={r} onClose={() => setDialog(null)} onDone={(next) => done(`已${r.helperId ? '改派' : '分派'}给帮办代办员 ${next.helperName ?? ''}`)} onStale={onStale} />
      )}
      {dialog === 'cancel' && <CancelDialog r={r} onClose={() => setDialog(null)} onDone={() => done('已取消求助')} onStale={onStale} />}
    </>
  );
}

interface DialogProps {
  r: HelpRequestDetail;
  onClose: () => void;
  onDone: (next: HelpRequestDetail) => void;
  onStale: (text: string) => void;
}

/** What a refused change says when the page showed an old state (null for any other failure). */
function staleText(err: unknown, what: string): string | null {
  if (!(err instanceof ApiError) || !STALE_CODES.includes(err.code)) return null;
  return `未能${what}：${err.message.replace(/[，,]?请刷新后再操作[。.]?$/, '').replace(/[。.]$/, '')}。页面已刷新为最新状态，请核对后再操作。`;
}

/** 分派 / 改派: the helpers covering the village (its own, then the whole town's and the coordinators), with their open requests. */
function AssignDialog({ r, onClose, onDone, onStale }: DialogProps) {
  const [form] = Form.useForm<{ helperId?: string; note?: string }>();
  // the version the coordinator saw when opening the dialog: a change since is refused (409), not overwritten
  const [seenVersion] = useState(r.version);
  const assign = useAssignHelpRequest();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const roster = useQuery(helperRecordQueries.list({ village: r.villageCode, active: true, page: 1, pageSize: 100 }));
  const helpers = roster.data?.items ?? [];
  const loads = useHelperLoads(helpers.map((h) => h.id), roster.isSuccess);
  const title = r.helperId ? '改派帮办代办员' : '分派帮办代办员';

  const options = helpers.map((h) => {
    const load = loads.get(h.id);
    const parts = [
      h.coordinator ? COORDINATOR_LABEL : areaWords(h),
      load ? `在办 ${load.open}${load.more ? '+' : ''} 件` : '在办 … 件',
      ...(h.staff ? [] : ['未开通工作台账号']),
    ];
    return { value: h.id, label: `${h.name}（${parts.join('，')}）${h.id === r.helperId ? ' · 当前负责' : ''}`, disabled: h.id === r.helperId };
  });

  const onFinish = async (v: { helperId?: string; note?: string }) => {
    setError(null);
    try {
      onDone(await assign.mutateAsync({ id: r.id, helperId: v.helperId!, note: v.note?.trim() ?? '', version: seenVersion }));
    } catch (err) {
      const stale = staleText(err, title.replace('帮办代办员', ''));
      if (stale) return onStale(stale);
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={isMobile ? '100%' : 600}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <BusyButton type="primary" onClick={() => form.submit()} busy={assign.isPending} busyText="正在提交…">
            确认{r.helperId ? '改派' : '分派'}
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        求助 {r.requestNo} · {r.villageName} · {r.itemName ?? r.need}
        {r.helperName ? ` · 当前由 ${r.helperName} 负责` : ''}
      </p>
      <p>可选覆盖{r.villageName}的帮办代办员和{r.townName}的帮办代办员。新的帮办代办员须重新接单，接单时限从现在起重新计算；首次联系时限不变。</p>
      {roster.isError && <ErrorAlert title={`帮办代办员名单加载失败：${errorMessage(roster.error)}`} style={{ marginBottom: 12 }} />}
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="help-assign" layout="vertical" onFinish={onFinish}>
        <Form.Item label="帮办代办员" name="helperId" rules={[{ required: true, message: '请选择帮办代办员' }]}>
          <Select
            options={options}
            placeholder={roster.isPending ? '正在加载名单…' : '请选择'}
            loading={roster.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear={SELECT_CLEAR}
            notFoundContent={roster.isSuccess ? '没有覆盖该村（社区）的帮办代办员' : undefined}
          />
        </Form.Item>
        <Form.Item label="分派说明（选填，仅工作人员可见）" name="note" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <AutoTextArea minRows={2} maxRows={5} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消求助: the reason is required, and the citizen reads it. */
function CancelDialog({ r, onClose, onDone, onStale }: DialogProps) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [seenVersion] = useState(r.version);
  const cancel = useCancelHelpRequest();
  const [error, setError] = useState<string | null>(null);
  const isMobile = useMediaQuery('(max-width: 767.98px)');

  const onFinish = async (v: { reason?: string }) => {
    setError(null);
    try {
      onDone(await cancel.mutateAsync({ id: r.id, reason: v.reason?.trim() ?? '', version: seenVersion }));
    } catch (err) {
      const stale = staleText(err, '取消求助');
      if (stale) return onStale(stale);
      if (applyFieldErrors(form, err) === 0) setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title="取消求助"
      onCancel={onClose}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Space wrap>
          <Button onClick={onClose}>返回</Button>
          <BusyButton type="primary" danger onClick={() => form.submit()} busy={cancel.isPending} busyText="正在提交…">
            确认取消求助
          </BusyButton>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        求助 {r.requestNo} · {r.subjectName} · {r.villageName}
      </p>
      <p>取消后求助结束，不再计时；求助人可以看到取消原因。</p>
      {error && <ErrorAlert title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="help-cancel" layout="vertical" onFinish={onFinish}>
        <Form.Item label="取消原因（求助人可见）" name="reason" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }, { max: 500, message: '不超过 500 字' }]}>
          <AutoTextArea minRows={3} maxRows={6} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
