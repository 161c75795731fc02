/**
 * 我的任务: the requests assigned to me — 待接单 first (with the time left to accept), then 办理中,
 * then the recently finished — each a big row to tap, 优先 for the special groups, 需要上门, and
 * 待上传 where a record of mine waits on the phone. Read from the phone when there is no signal.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useOutletContext } from 'react-router';
import { errorMessage, serverClockSkew } from '../api/client.js';
import type { HelpTaskItem } from '../api/helperWorkspace.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { chinaShortDateTime, chinaTimeOfDay } from '../dates.js';
import '../components/tags.css';
import type { HelperContext } from './HelperLayout.js';
import { projectedStatus } from './offline/outbox.js';
import { useOutbox } from './offline/runtime.js';
import { keepTasksForOffline, taskQueries } from './tasks.js';
import { useNow } from './useNow.js';
import { timeLeftWords } from './words.js';
import { HELP_REQUEST_STATUSES } from '../../shared/assistance.js';
import { TaskTags } from './TaskTags.js';

/** Finished requests shown below the open ones (the newest). */
const RECENT_DONE = 10;

export default function TasksPage() {
  const { helper } = useOutletContext<HelperContext>();
  const queryClient = useQueryClient();
  const list = useQuery(taskQueries.list(helper.id));
  const outbox = useOutbox(helper.id);
  const now = useNow(30_000) + serverClockSkew();

  // A fresh list from the server: keep every open task on the phone for reading without signal.
  const fresh = list.data && !list.data.fromDevice ? list.data : null;
  useEffect(() => {
    if (fresh) void keepTasksForOffline(queryClient, helper.id, fresh.value);
  }, [fresh, queryClient, helper.id]);

  if (list.isPending) return <PageLoading label="正在读取我的任务…" />;

  const waitingFor = (id: string) => outbox.items.filter((i) => i.requestId === id);
  const items = list.data?.value.items ?? [];
  const withStatus = items.map((i) => ({ item: i, status: projectedStatus(i.status, waitingFor(i.id)) }));
  const toAccept = withStatus.filter((t) => t.status === 'assigned');
  const inHand = withStatus.filter((t) => t.status === 'accepted' || t.status === 'contacted');
  const done = withStatus.filter((t) => t.status === 'completed' || t.status === 'cancelled').slice(0, RECENT_DONE);

  return (
    <>
      <PageHeading>我的任务</PageHeading>
      <p className="helper-greeting">
        {helper.name}，您好。待接单 <strong>{toAccept.length}</strong> 件，办理中 <strong>{inHand.length}</strong> 件。
      </p>
      <div className="helper-refresh">
        <button type="button" className="bm-btn bm-btn--secondary" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {list.isFetching ? '正在刷新…' : '刷新'}
        </button>
        <p className="muted" role="status">
          {list.data &&
            (list.data.fromDevice
              ? `没有连上网络，显示的是手机上保存的任务（${chinaShortDateTime(list.data.savedAt)} 更新）`
              : `${chinaTimeOfDay(list.data.savedAt)} 更新`)}
        </p>
      </div>
      {list.isError && (
        <div className="notice notice--error" role="alert">
          <p>未能读取任务：{errorMessage(list.error)}</p>
          <p>手机上还没有保存过任务。请在有网络的地方打开一次本页。</p>
        </div>
      )}
      {list.data && (
        <>
          <TaskSection id="to-accept" title="待接单" tasks={toAccept} now={now} waitingFor={waitingFor} empty="没有待接单的求助。" />
          <TaskSection id="in-hand" title="办理中" tasks={inHand} now={now} waitingFor={waitingFor} empty="没有办理中的求助。" />
          {done.length > 0 && <TaskSection id="done" title="最近办结" tasks={done} now={now} waitingFor={waitingFor} empty="" />}
        </>
      )}
    </>
  );
}

function TaskSection({ id, title, tasks, now, waitingFor, empty }: {
  id: string;
  title: string;
  tasks: { item: HelpTaskItem; status: keyof typeof HELP_REQUEST_STATUSES }[];
  now: number;
  waitingFor: (id: string) => { state: string }[];
  empty: string;
}) {
  return (
    <section className="helper-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title}
        <span className="helper-count">（{tasks.length}）</span>
      </h2>
      {tasks.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="task-list">
          {tasks.map(({ item, status }) => (
            <TaskRow key={item.id} item={item} status={status} now={now} queued={waitingFor(item.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskRow({ item, status, now, queued }: { item: HelpTaskItem; status: keyof typeof HELP_REQUEST_STATUSES; now: number; queued: { state: string }[] }) {
  const open = status === 'assigned' || status === 'accepted' || status === 'contacted';
  // the limit waited on now; once a 接单 or first contact waits on the phone, that limit is met
  const due = status === 'assigned' ? item.acceptDueAt : status === 'accepted' && item.contactDueAt ? item.contactDueAt : null;
  const left = open && due ? timeLeftWords(due, now) : null;
  const refused = queued.filter((q) => q.state === 'failed').length;
  const waiting = queued.length - refused;
  return (
    <li className={`task-row${item.priority ? ' task-row--priority' : ''}`}>
      <TaskTags task={item} status={status}>
        {waiting > 0 && <span className="tag tag--level">待上传 {waiting} 条</span>}
        {refused > 0 && <span className="tag tag--strong">{refused} 条未能上传</span>}
      </TaskTags>
      <h3 className="task-row__title">
        <Link to={`/helper/tasks/${encodeURIComponent(item.id)}`} className="task-row__link">
          {item.itemName ?? item.need}
        </Link>
      </h3>
      {item.itemName && <p className="task-row__need">{item.need}</p>}
      <p className="task-row__who">
        {item.subjectName} · {item.villageName}
      </p>
      {left && due && (
        <p className={left.overdue ? 'task-row__due task-row__due--late' : 'task-row__due'}>
          {status === 'assigned' ? '接单时限' : '首次联系时限'} {chinaShortDateTime(due)}（{left.text}）
        </p>
      )}
    </li>
  );
}
