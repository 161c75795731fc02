/**
 * One request, for the helper it is assigned to: who needs help, where, with what and when it
 * suits them; 接单; 打电话 (the full number is revealed on the server, which records who looked,
 * then offered as a tel: link); 记录联系/上门, 记录进展, 办结 with photos (through the outbox: saved on
 * the phone first, 待上传 without signal); 代办 — the person's consent by an SMS code or a signed
 * 委托书, then 代为申请 on the workbench's intake form; and the whole history, the records still on
 * the phone first.
 *
 * The name stays masked until the helper has taken the request on (三不: no more personal data
 * than the work needs).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useOutletContext, useParams } from 'react-router';
import { ApiError, errorMessage, serverClockSkew } from '../api/client.js';
import type { HelpTask } from '../api/helperWorkspace.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { chineseDateTime, chinaShortDateTime } from '../dates.js';
import '../components/kv.css';
import '../components/tags.css';
import type { HelpRequestStatus } from '../../shared/assistance.js';
import { maskName } from '../../shared/validators.js';
import { Consent } from './Consent.js';
import type { HelperContext } from './HelperLayout.js';
import { newRecordRef, nextSeq, projectedStatus, recordsAllowed, type OutboxItem } from './offline/outbox.js';
import { putRecord, sendOutbox, useOutbox } from './offline/runtime.js';
import { Outbox } from './OutboxList.js';
import { FORM_TITLES, RecordForm, type FormKind, type RecordOutcome } from './RecordForm.js';
import { taskQueries, useRevealPhone } from './tasks.js';
import { History } from './History.js';
import { useNow } from './useNow.js';
import { useOnline } from './useOnline.js';
import { timeLeftWords } from './words.js';
import { TaskTags } from './TaskTags.js';

export default function TaskPage() {
  const { id = '' } = useParams();
  const { helper } = useOutletContext<HelperContext>();
  const task = useQuery(taskQueries.one(helper.id, id));

  if (task.isPending) return <PageLoading label="正在读取求助…" />;
  if (task.isError) {
    const gone = task.error instanceof ApiError && task.error.status === 404;
    return (
      <>
        <PageHeading>求助详情</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>
            {gone
              ? '没有找到这条求助，或它已不再由您负责。'
              : `未能读取这条求助：${errorMessage(task.error)}。手机上还没有保存过它，请在有网络的地方打开一次。`}
          </p>
        </div>
        <p>
          <Link to="/helper/">返回我的任务</Link>
        </p>
      </>
    );
  }
  return <TaskView task={task.data.value} savedAt={task.data.savedAt} fromDevice={task.data.fromDevice} staffId={helper.id} refetch={() => void task.refetch()} refetching={task.isFetching} />;
}

function TaskView({ task, savedAt, fromDevice, staffId, refetch, refetching }: {
  task: HelpTask;
  savedAt: string;
  fromDevice: boolean;
  staffId: string;
  refetch: () => void;
  refetching: boolean;
}) {
  const outbox = useOutbox(staffId);
  const online = useOnline();
  const queued = outbox.items.filter((i) => i.requestId === task.id);
  const status = projectedStatus(task.status as HelpRequestStatus, queued);
  const pending = queued.length > 0;
  // The server's `can` while nothing of mine waits; what the waiting records lead to otherwise.
  const allowed = recordsAllowed(status);
  const can = {
    accept: allowed.accept && (pending || task.can.accept),
    contact: allowed.contact && (pending || task.can.contact),
    progress: allowed.progress && (pending || task.can.progress),
    complete: allowed.complete && (pending || task.can.complete),
  };
  const [form, setForm] = useState<{ kind: FormKind; editing?: OutboxItem } | null>(null);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);
  const [accepting, setAccepting] = useState(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const now = useNow(30_000) + serverClockSkew();
  const takenOn = status !== 'assigned' && status !== 'unassigned';
  const title = task.itemName ?? '帮办代办求助';

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const done = (o: RecordOutcome) => {
    setForm(null);
    setOutcome(o);
  };

  const accept = async () => {
    setOutcome(null);
    setAccepting(true);
    const item: OutboxItem = {
      ref: newRecordRef(), staffId, requestId: task.id, requestNo: task.requestNo, kind: 'accept', note: '', at: new Date(Date.now() + serverClockSkew()).toISOString(),
      photos: [], createdAt: new Date().toISOString(), seq: nextSeq(), state: 'waiting', problem: null,
    };
    try {
      await putRecord(item);
      const result = await sendOutbox(staffId);
      const refused = result?.refused.find((i) => i.ref === item.ref);
      if (result?.sent.some((i) => i.ref === item.ref)) done({ kind: 'sent', text: '已接单。请尽快联系求助人。' });
      else if (refused) done({ kind: 'refused', text: `未能接单：${refused.problem?.message ?? ''}` });
      else done({ kind: 'queued', text: '现在连不上网络，「接单」已保存在手机上（待上传），有网络时会自动上传。可以先联系求助人并记录。' });
    } catch (err) {
      done({ kind: 'refused', text: `手机未能保存（${err instanceof Error ? err.message : String(err)}）` });
    } finally {
      setAccepting(false);
    }
  };

  const due = status === 'assigned' ? { label: '接单时限', at: task.acceptDueAt } : status === 'accepted' ? { label: '首次联系时限', at: task.contactDueAt } : null;
  const left = due ? timeLeftWords(due.at, now) : null;

  return (
    <>
      <p className="helper-back">
        <Link to="/helper/">← 我的任务</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      <TaskTags task={task} status={status}>
        {pending && <span className="tag tag--level">待上传 {queued.length} 条</span>}
      </TaskTags>
      <div className="helper-refresh">
        <button type="button" className="bm-btn bm-btn--secondary" onClick={refetch} disabled={refetching}>
          {refetching ? '正在刷新…' : '刷新'}
        </button>
        <p className="muted" role="status">
          {fromDevice ? `没有连上网络，显示的是手机上保存的内容（${chinaShortDateTime(savedAt)} 更新）` : `${chinaShortDateTime(savedAt)} 更新`}
        </p>
      </div>
      {outcome && (
        <p ref={outcomeRef} tabIndex={-1} className={`notice ${outcome.kind === 'sent' ? 'notice--info' : outcome.kind === 'queued' ? 'notice--warn' : 'notice--error'}`} role="status">
          {outcome.text}
        </p>
      )}

      {can.accept && (
        <section className="card helper-accept" aria-labelledby="task-accept">
          <h2 id="task-accept">等您接单</h2>
          {due && left && (
            <p className={left.overdue ? 'task-row__due task-row__due--late' : 'task-row__due'}>
              请在 {chineseDateTime(due.at)} 前接单（{left.text}）。
            </p>
          )}
          <p>接单后请尽快联系求助人。没有信号时也可以接单，有信号时自动上传。</p>
          <p className="button-row">
            <button type="button" className="bm-btn bm-btn--primary helper-big" onClick={() => void accept()} disabled={accepting}>
              {accepting ? '正在接单…' : '接单'}
            </button>
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="task-person">
        <h2 id="task-person">求助人</h2>
        <dl className="kv">
          <dt>姓名</dt>
          <dd>{takenOn ? task.subjectName : maskName(task.subjectName)}{!takenOn && <span className="muted">（接单后显示全名）</span>}</dd>
          <dt>住址</dt>
          <dd>{task.address || '—'}</dd>
          <dt>村（社区）</dt>
          <dd>
            {task.townName} {task.villageName}
          </dd>
          <dt>需要上门</dt>
          <dd>{task.homeVisit ? '是，请上门服务' : '否'}</dd>
          <dt>方便的时间</dt>
          <dd>{task.preferredTime || '未说明'}</dd>
        </dl>
        <PhoneCall task={task} online={online && !fromDevice} />
      </section>

      <section className="card" aria-labelledby="task-need">
        <h2 id="task-need">要办的事</h2>
        <dl className="kv">
          {task.itemName && (
            <>
              <dt>事项</dt>
              <dd>{task.itemName}</dd>
            </>
          )}
          <dt>需求</dt>
          <dd className="pre-line">{task.need}</dd>
          <dt>求助编号</dt>
          <dd>{task.requestNo}</dd>
          <dt>来源</dt>
          <dd>{task.channelLabel}</dd>
          <dt>提交时间</dt>
          <dd>{chineseDateTime(task.createdAt)}</dd>
          {due && left && (
            <>
              <dt>{due.label}</dt>
              <dd className={left.overdue ? 'task-row__due--late' : undefined}>
                {chineseDateTime(due.at)}（{left.text}）
              </dd>
            </>
          )}
          {task.status === 'completed' && task.resultNote && (
            <>
              <dt>办理结果</dt>
              <dd className="pre-line">{task.resultNote}</dd>
            </>
          )}
          {task.status === 'cancelled' && (
            <>
              <dt>取消原因</dt>
              <dd>{task.cancelReason ?? '—'}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="task-actions">
        <h2 id="task-actions">办理</h2>
        {can.accept && <p className="muted">接单后可以记录联系、上门走访、办理进展和办结。</p>}
        {!can.accept && !can.contact && !can.progress && !can.complete && <p className="muted">{noActionWords(status)}</p>}
        {form === null && (can.contact || can.progress || can.complete) && (
          <p className="button-row helper-actions">
            {(['contact', 'progress', 'complete'] as const)
              .filter((k) => can[k])
              .map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`bm-btn ${k === 'complete' ? 'bm-btn--secondary' : 'bm-btn--primary'} helper-big`}
                  onClick={() => {
                    setOutcome(null);
                    setForm({ kind: k });
                  }}
                >
                  {FORM_TITLES[k]}
                </button>
              ))}
          </p>
        )}
        {form && (
          <RecordForm
            key={form.editing?.ref ?? form.kind}
            task={task}
            kind={form.kind}
            staffId={staffId}
            editing={form.editing}
            onDone={done}
            onCancel={() => setForm(null)}
          />
        )}
      </section>

      <Consent task={task} staffId={staffId} online={online && !fromDevice} status={status} />

      <section className="card" aria-labelledby="task-history">
        <h2 id="task-history">办理记录</h2>
        {queued.length > 0 && (
          <Outbox
            items={queued}
            sending={outbox.sending}
            onEdit={(item) => {
              setOutcome(null);
              if (item.kind !== 'accept') setForm({ kind: item.kind, editing: item });
            }}
          />
        )}
        <History events={task.events} offline={!online || fromDevice} />
      </section>
    </>
  );
}

function noActionWords(status: HelpRequestStatus): string {
  if (status === 'completed') return '这条求助已办结。';
  if (status === 'cancelled') return '这条求助已取消，不需要再办理。';
  if (status === 'unassigned') return '这条求助正在等待镇（街道）分派。';
  return '现在没有需要您操作的事项。';
}

/** 打电话: the full number is asked for only when the helper is about to call (the server records it). */
function PhoneCall({ task, online }: { task: HelpTask; online: boolean }) {
  const reveal = useRevealPhone();
  const [phone, setPhone] = useState<string | null>(null);
  const callRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (phone) callRef.current?.focus();
  }, [phone]);
  if (phone) {
    return (
      <div className="helper-call">
        <a ref={callRef} className="bm-btn bm-btn--primary helper-big helper-call__link" href={`tel:${phone}`}>
          拨打 {phone}
        </a>
        <p className="helper-hint">查看完整号码已按规定记录。请只用于联系求助人，不要告诉他人。</p>
      </div>
    );
  }
  return (
    <div className="helper-call">
      <p>
        电话：<span className="nowrap">{task.subjectPhone}</span>
      </p>
      {task.can.revealPhone &&
        (online ? (
          <p className="button-row">
            <button
              type="button"
              className="bm-btn bm-btn--primary helper-big"
              disabled={reveal.isPending}
              onClick={async () => {
                try {
                  setPhone((await reveal.mutateAsync(task.id)).phone);
                } catch {
                  // the message below says what went wrong
                }
              }}
            >
              {reveal.isPending ? '正在获取号码…' : '打电话'}
            </button>
          </p>
        ) : (
          <p className="muted">没有网络时不能查看完整号码。</p>
        ))}
      {reveal.isError && (
        <p className="helper-error" role="alert">
          未能获取号码：{errorMessage(reveal.error)}
        </p>
      )}
    </div>
  );
}
