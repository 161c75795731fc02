import { Button, Modal } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { onApiActivity, serverClockSkew } from '../api/client.js';
import { useRefreshSession, useSignOut } from '../api/session.js';
import type { Me } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';

/** Warn this long before the idle limit ends the session. */
export const WARN_BEFORE_MS = 2 * 60_000;
/** The server records activity at most once a minute, so any other request proves at least idle − 1 min. */
const SERVER_TOUCH_INTERVAL_MS = 60_000;

/** The browser-clock moment a session expires, from the server's sessionExpiresAt. */
const toClientTime = (iso: string) => Date.parse(iso) - serverClockSkew();

const formatLeft = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒`;
};

/**
 * Staff sessions end after a period without activity (30 minutes by default). Two minutes before,
 * a dialog offers 「继续使用」 (which calls /me and so extends the session) for as long as the
 * session lasts; at the end, the browser signs out and opens the sign-in page with a message.
 * Nothing here polls the server: polling would keep an idle session alive for ever.
 */
export function SessionTimeout({ me }: { me: Me }) {
  const [deadline, setDeadline] = useState(() => toClientTime(me.sessionExpiresAt));
  const [now, setNow] = useState(() => Date.now());
  const idleMs = useRef(Math.max(toClientTime(me.sessionExpiresAt) - Date.now(), 0));
  const ended = useRef(false);

  // A fresh /me (or sign-in) states the deadline exactly.
  useEffect(() => {
    const d = toClientTime(me.sessionExpiresAt);
    const remaining = d - Date.now();
    if (remaining > idleMs.current) idleMs.current = Math.ceil(remaining / 60_000) * 60_000;
    setDeadline(d);
  }, [me.sessionExpiresAt]);

  // Any other successful request moves the deadline to at least idle − 1 minute from now.
  useEffect(
    () =>
      onApiActivity((a) => {
        if (a.path === '/api/v1/me' || a.path.startsWith('/api/v1/auth/') || idleMs.current <= 0) return;
        const atLeast = Date.now() + idleMs.current - SERVER_TOUCH_INTERVAL_MS;
        setDeadline((d) => Math.max(d, atLeast));
      }),
    [],
  );

  const refresh = useRefreshSession();
  const signOut = useSignOut('/staff/login?reason=signedOut');
  // Back to this page after signing in again (read at each render: the dialog re-renders every second).
  const { mutate: expire } = useSignOut(`/staff/login?reason=expired&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);

  const end = useCallback(() => {
    if (ended.current) return;
    ended.current = true;
    expire();
  }, [expire]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const left = deadline - now;
  useEffect(() => {
    if (left <= 0) end();
  }, [left, end]);

  const extend = async () => {
    try {
      const fresh = await refresh.mutateAsync();
      if (!fresh) {
        end();
        return;
      }
      setDeadline(toClientTime(fresh.sessionExpiresAt));
      setNow(Date.now());
    } catch {
      // A network problem: keep the dialog so the person can try again.
    }
  };

  const onSignOut = () => {
    ended.current = true;
    signOut.mutate();
  };

  const warning = left > 0 && left <= WARN_BEFORE_MS;
  const idleMinutes = Math.round(idleMs.current / 60_000);
  return (
    <Modal
      open={warning}
      title="即将自动退出登录"
      closable={false}
      mask={{ closable: false }}
      keyboard
      onCancel={extend}
      footer={[
        <Button key="out" onClick={onSignOut}>
          退出登录
        </Button>,
        <BusyButton key="stay" type="primary" onClick={extend} busy={refresh.isPending} busyText="正在延长…" autoFocus>
          继续使用
        </BusyButton>,
      ]}
    >
      <p>
        为保护账号安全，工作台{idleMinutes > 0 ? ` ${idleMinutes} 分钟` : '长时间'}未操作将自动退出登录。
      </p>
      <p>
        剩余时间：<strong>{formatLeft(left)}</strong>。如需继续工作，请选择「继续使用」。
      </p>
    </Modal>
  );
}
