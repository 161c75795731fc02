import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { sendOutbox, useOutbox } from './offline/runtime.js';
import { useOnline } from './useOnline.js';

/**
 * The line under the header that says what the phone holds back: no connection, records 待上传
 * (with 立即上传), records the server refused (to correct or discard on their task), a session that
 * ended before they could go. Nothing shows when all is sent and the connection is there.
 */
export function NetworkBanner({ staffId }: { staffId: string }) {
  const online = useOnline();
  const outbox = useOutbox(staffId);
  const location = useLocation();
  const waiting = outbox.items.filter((i) => i.state === 'waiting');
  const refused = outbox.items.filter((i) => i.state === 'failed');
  const signedOut = outbox.last?.stopped === 'signed-out' && waiting.length > 0;
  const firstRefused = refused[0];

  const lines: ReactNode[] = [];
  if (!online) {
    lines.push(<p key="offline">当前没有网络。已保存在手机上的任务可以照常查看；新写的记录会先保存在手机上，有网络时自动上传。</p>);
  }
  if (outbox.storageError) lines.push(<p key="storage">{outbox.storageError}。请不要关闭页面，并尽快在有网络的地方上传。</p>);
  if (waiting.length > 0) {
    lines.push(
      <div key="waiting" className="helper-banner__row">
        <p>
          <strong>{waiting.length} 条记录待上传</strong>
          {outbox.sending ? '，正在上传…' : online ? '' : '，有网络时自动上传'}
          {!outbox.sending && online && outbox.last?.stopped === 'offline' && '（上次未能连上网络）'}
          {!outbox.sending && online && outbox.last?.stopped === 'server' && `（上次未能上传：${outbox.last.message}）`}
        </p>
        {!signedOut && (
          <button type="button" className="bm-btn bm-btn--secondary" disabled={outbox.sending} onClick={() => void sendOutbox(staffId)}>
            立即上传
          </button>
        )}
      </div>,
    );
  }
  if (signedOut) {
    lines.push(
      <div key="signed-out" className="helper-banner__row">
        <p>登录已过期，记录仍保存在手机上。请重新登录，登录后会自动上传。</p>
        <Link className="bm-btn bm-btn--primary" to={`/staff/login?next=${encodeURIComponent(location.pathname)}`} state={{ reason: 'expired' }}>
          重新登录
        </Link>
      </div>,
    );
  }
  if (firstRefused) {
    lines.push(
      <p key="refused">
        <strong>{refused.length} 条记录未能上传</strong>，需要您处理：
        <Link to={`/helper/tasks/${encodeURIComponent(firstRefused.requestId)}#outbox`}>查看求助 {firstRefused.requestNo}</Link>
      </p>,
    );
  }

  return (
    <div className={lines.length ? `helper-banner${online ? '' : ' helper-banner--offline'}` : 'visually-hidden'} role="status">
      {lines}
    </div>
  );
}
