import { Link, Navigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/client.js';
import { EVENT_LABELS, useMarkRead, useMyMessages, useReadAll, type Message } from '../api/notifications.js';
import { chinaDateTime } from '../dates.js';
import { useMe } from '../api/session.js';
import { Breadcrumbs } from '../components/Breadcrumbs.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { Pagination } from '../portal/catalog/Pagination.js';
import './notifications.css';
import '../components/results.css';

const PAGE_SIZE = 10;

/** 我的消息 (citizens): notices about their cases, newest first; plain HTML like the rest of the portal. */
export default function MyMessagesPage() {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <>
        <PageHeading>我的消息</PageHeading>
        <p role="alert" className="status status--error">无法读取登录信息：{errorMessage(me.error)}</p>
      </>
    );
  }
  if (!me.data) return <Navigate to="/login?next=/my/messages" replace />;
  if (me.data.kind === 'staff') {
    return (
      <>
        <PageHeading>我的消息</PageHeading>
        <p>
          您当前以工作人员身份登录，工作消息请到 <Link to="/workbench/messages">工作台的消息页面</Link> 查看。
        </p>
      </>
    );
  }
  return <Messages />;
}

function Messages() {
  const [params] = useSearchParams();
  const n = Number.parseInt(params.get('page') ?? '1', 10);
  const page = Number.isFinite(n) && n >= 1 ? n : 1;
  const unreadOnly = params.get('filter') === 'unread';
  const list = useMyMessages({ page, pageSize: PAGE_SIZE, unread: unreadOnly });
  const markRead = useMarkRead();
  const readAll = useReadAll();
  const data = list.data;
  const href = (p: number, filter = unreadOnly) => {
    const q = new URLSearchParams();
    if (filter) q.set('filter', 'unread');
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `/my/messages?${s}` : '/my/messages';
  };
  const statusText = list.isPending
    ? '正在加载消息…'
    : data
      ? `${unreadOnly ? `未读消息 ${data.total} 条` : `共 ${data.total} 条消息`}，${data.unread > 0 ? `其中 ${data.unread} 条未读` : '没有未读消息'}`
      : '';
  const done = readAll.isSuccess ? `已将 ${readAll.data.updated} 条消息标为已读。` : markRead.isSuccess ? '已标为已读。' : '';

  return (
    <>
      <Breadcrumbs items={[{ label: '首页', to: '/' }, { label: '我的', to: '/my' }, { label: '我的消息' }]} />
      <PageHeading>我的消息</PageHeading>
      <p className="lead">办件提交、受理、补正、办结等通知会发到这里，同时以短信发到申请时填写的手机号码。</p>
      <nav aria-label="消息筛选" className="msg-filter">
        <ul>
          <li>
            <Link to={href(1, false)} aria-current={unreadOnly ? undefined : 'page'}>
              全部消息
            </Link>
          </li>
          <li>
            <Link to={href(1, true)} aria-current={unreadOnly ? 'page' : undefined}>
              只看未读{data && data.unread > 0 ? `（${data.unread}）` : ''}
            </Link>
          </li>
        </ul>
      </nav>
      <div className="msg-toolbar">
        <p role="status" aria-live="polite" className="results__count">
          {statusText}
          {done && <span className="visually-hidden">{done}</span>}
        </p>
        {data && data.unread > 0 && (
          <button type="button" className="bm-btn bm-btn--secondary" onClick={() => readAll.mutate()} aria-busy={readAll.isPending || undefined} disabled={readAll.isPending}>
            {readAll.isPending ? '正在标记…' : '全部标为已读'}
          </button>
        )}
      </div>
      {(list.isError || readAll.isError || markRead.isError) && (
        <p role="alert" className="status status--error">
          {list.isError ? `消息加载失败：${errorMessage(list.error)}` : `操作未完成：${errorMessage(readAll.error ?? markRead.error)}`}
        </p>
      )}
      {data && data.items.length === 0 && <p className="card empty-results">{unreadOnly ? '没有未读消息。' : '还没有消息。提交申请后，办理进展会通知到这里。'}</p>}
      {data && data.items.length > 0 && (
        <ul className="msg-list" aria-label="消息列表">
          {data.items.map((m) => (
            <MessageCard key={m.id} m={m} onRead={() => markRead.mutate(m.id)} busy={markRead.isPending && markRead.variables === m.id} />
          ))}
        </ul>
      )}
      {data && <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} hrefFor={(p) => href(p)} label="消息分页" />}
    </>
  );
}

function MessageCard({ m, onRead, busy }: { m: Message; onRead: () => void; busy: boolean }) {
  const unread = m.readAt === null;
  const titleId = `msg-${m.id}`;
  return (
    <li className={`card msg${unread ? ' msg--unread' : ''}`}>
      <h2 id={titleId} className="msg__title">
        {unread && <span className="msg__badge">未读</span>}
        {m.title}
      </h2>
      <p className="muted msg__meta">
        <span className="nowrap">{EVENT_LABELS[m.event] ?? '通知'}</span> · <time dateTime={m.createdAt}>{chinaDateTime(m.createdAt)}</time>
        {m.caseNo && (
          <>
            {' '}
            · <span>办件编号 {m.caseNo}</span>
          </>
        )}
      </p>
      <p className="msg__body">{m.body}</p>
      <div className="button-row">
        {m.caseId && (
          <Link className="bm-btn bm-btn--secondary" to={`/my/cases/${m.caseId}`} onClick={unread ? onRead : undefined}>
            查看办件<span className="visually-hidden">：{m.title}</span>
          </Link>
        )}
        {unread && (
          <button type="button" className="bm-btn bm-btn--secondary" onClick={onRead} disabled={busy} aria-busy={busy || undefined}>
            {busy ? '正在标记…' : '标为已读'}
            <span className="visually-hidden">：{m.title}</span>
          </button>
        )}
      </div>
    </li>
  );
}
