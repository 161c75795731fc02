import { Link } from 'react-router';
import { useUnreadCount } from '../api/notifications.js';

/** The 我的 page's entry to 我的消息, with the unread count. */
export function MessagesEntry() {
  const unread = useUnreadCount();
  const n = unread.data?.unread ?? 0;
  return (
    <section className="card" aria-labelledby="my-messages">
      <h2 id="my-messages">我的消息</h2>
      <p>办件提交、受理、补正、办结等通知。</p>
      <p>
        <Link to="/my/messages" className="bm-btn bm-btn--primary">
          查看消息{n > 0 ? `（${n} 条未读）` : ''}
        </Link>
      </p>
    </section>
  );
}
