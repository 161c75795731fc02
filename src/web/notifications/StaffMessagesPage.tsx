import { Alert, Button, Radio, Tag } from 'antd';
import { ListPagination } from '../components/ListPagination.js';
import { Link, useSearchParams } from 'react-router';
import { actionsOf } from '../api/session.js';
import { errorMessage } from '../api/client.js';
import { EVENT_LABELS, useMarkRead, useMyMessages, useReadAll, type Message } from '../api/notifications.js';
import { chinaDateTime } from '../dates.js';
import { BusyButton } from '../components/BusyButton.js';
import { PageHeading } from '../components/PageHeading.js';
import { useWorkbench } from '../staff/context.js';
import './notifications.css';

const PAGE_SIZE = 20;

/** 消息 in the workbench: time-limit warnings and other notices for the signed-in staff member. */
export default function StaffMessagesPage() {
  const { me } = useWorkbench();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unreadOnly = params.get('filter') === 'unread';
  const list = useMyMessages({ page, pageSize: PAGE_SIZE, unread: unreadOnly });
  const markRead = useMarkRead();
  const readAll = useReadAll();
  const data = list.data;
  const canSeeCases = actionsOf(me).has('case.view') || actionsOf(me).has('case.intake');

  const go = (next: { page?: number; unread?: boolean }) => {
    const p = new URLSearchParams();
    if (next.unread ?? unreadOnly) p.set('filter', 'unread');
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  return (
    <>
      <PageHeading>消息</PageHeading>
      <p className="muted" style={{ marginTop: -8 }}>
        办理时限预警（黄灯：剩余时间不足；红灯：已超期）等工作提醒。每个工作日早上 8 点扫描一次，同一办件同一等级每天只提醒一次。
      </p>
      <div className="toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <Radio.Group
          aria-label="显示哪些消息"
          optionType="button"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(e) => go({ unread: e.target.value === 'unread', page: 1 })}
          options={[
            { value: 'all', label: '全部消息' },
            { value: 'unread', label: `只看未读${data && data.unread > 0 ? `（${data.unread}）` : ''}` },
          ]}
        />
        {data && data.unread > 0 && (
          <BusyButton onClick={() => readAll.mutate()} busy={readAll.isPending} busyText="正在标记…">
            全部标为已读
          </BusyButton>
        )}
      </div>
      <p role="status" aria-live="polite" style={{ margin: '0 0 12px' }}>
        {list.isPending ? '正在加载…' : data ? `共 ${data.total} 条，未读 ${data.unread} 条` : ''}
        {readAll.isSuccess && <span className="visually-hidden">已将 {readAll.data.updated} 条消息标为已读。</span>}
      </p>
      {(list.isError || readAll.isError || markRead.isError) && (
        <Alert type="error" showIcon title={list.isError ? `消息加载失败：${errorMessage(list.error)}` : `操作未完成：${errorMessage(readAll.error ?? markRead.error)}`} style={{ marginBottom: 12 }} />
      )}
      {data && data.items.length === 0 && <p>{unreadOnly ? '没有未读消息。' : '还没有消息。'}</p>}
      {data && data.items.length > 0 && (
        <ul className="record-cards msg-list" aria-label="消息列表">
          {data.items.map((m) => (
            <StaffMessage key={m.id} m={m} caseLink={canSeeCases} onRead={() => markRead.mutate(m.id)} busy={markRead.isPending && markRead.variables === m.id} />
          ))}
        </ul>
      )}
      {data && (
        <ListPagination current={page} pageSize={PAGE_SIZE} total={data.total} onChange={(p) => go({ page: p })} label="消息分页" />
      )}
    </>
  );
}

function StaffMessage({ m, caseLink, onRead, busy }: { m: Message; caseLink: boolean; onRead: () => void; busy: boolean }) {
  const unread = m.readAt === null;
  const red = m.title.startsWith('红灯');
  return (
    <li className={unread ? 'card msg--unread' : 'card'}>
      <h2 className="record-cards__title">
        {unread && (
          <Tag color="processing" style={{ marginInlineEnd: 8 }}>
            未读
          </Tag>
        )}
        {m.event === 'case.warning' && <Tag color={red ? 'error' : 'warning'}>{red ? '红灯' : '黄灯'}</Tag>}
        {m.title}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {EVENT_LABELS[m.event] ?? '通知'} · <time dateTime={m.createdAt}>{chinaDateTime(m.createdAt)}</time>
        {m.caseNo ? ` · 办件编号 ${m.caseNo}` : ''}
      </p>
      <p className="wb-msg-body">{m.body}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {m.caseId && caseLink && (
          <Link to={`/workbench/cases/${m.caseId}`} onClick={unread ? onRead : undefined}>
            查看办件<span className="visually-hidden">：{m.caseNo}</span>
          </Link>
        )}
        {unread && (
          <Button size="small" onClick={onRead} disabled={busy} aria-busy={busy || undefined}>
            {busy ? '正在标记…' : '标为已读'}
            <span className="visually-hidden">：{m.title}</span>
          </Button>
        )}
      </div>
    </li>
  );
}
