/**
 * 帮办工作台 (/helper): the phone workspace of 帮办代办员 — light like the public pages (no antd),
 * with the 长辈版 and text-size toolbar, installable (its own web manifest, linked from these pages
 * only) and usable without signal: a service worker keeps the app itself (pwa/), the phone keeps
 * the tasks last read and the records not yet sent (offline/).
 *
 * Staff only: signed out (or the session ended) goes to the staff sign-in and comes back; a staff
 * member who does not help people (no assist.act) is told so. Without a connection the helper
 * last signed in on this phone opens the workspace from what the phone holds, as long as the
 * session cookie is still there (signing out removes it, and with it this way in).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { A11yToolbar } from '../a11y/Toolbar.js';
import { ApiError, errorMessage } from '../api/client.js';
import { actionsOf, sessionQueries } from '../api/session.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { SkipLink } from '../components/SkipLink.js';
import { NetworkBanner } from './NetworkBanner.js';
import { onOutboxRun, sendOutbox } from './offline/runtime.js';
import { registerHelperServiceWorker } from './pwa/register.js';
import { forgetOtherPeople, lastHelper, mayStillBeSignedIn, rememberHelper, rememberTask, taskQueries, type KnownHelper } from './tasks.js';
import { useOnline } from './useOnline.js';
import './Helper.css';

export interface HelperContext {
  helper: KnownHelper;
  /** opened from the phone's copy: the server could not be reached to confirm the session */
  offline: boolean;
}

type Session =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'citizen'; name: string }
  | { kind: 'not-helper'; name: string }
  | { kind: 'error'; message: string }
  | { kind: 'helper'; helper: KnownHelper; offline: boolean };

/** Who is using the workspace: /me when the server answers; the last helper here when it cannot be reached. */
function useHelperSession(): Session {
  const online = useOnline();
  // Without a connection the phone's copy opens at once instead of after the retries.
  const known = lastHelper();
  const offlineStart = !online && known !== null && mayStillBeSignedIn();
  const wasOffline = useRef(false);
  if (offlineStart) wasOffline.current = true;
  const me = useQuery({ ...sessionQueries.me(), refetchOnMount: 'always', retry: false, enabled: !offlineStart });
  if (offlineStart) return { kind: 'helper', helper: known, offline: true };
  // The connection came back: the workspace stays open while /me confirms who is signed in.
  if (me.isPending) return wasOffline.current && known ? { kind: 'helper', helper: known, offline: true } : { kind: 'loading' };
  if (me.isError && !me.data) {
    const unreachable = !(me.error instanceof ApiError) || me.error.status === 0 || me.error.status >= 500;
    if (unreachable && known && mayStillBeSignedIn()) return { kind: 'helper', helper: known, offline: true };
    return { kind: 'error', message: errorMessage(me.error) };
  }
  const data = me.data;
  if (!data) return { kind: 'signed-out' };
  if (data.kind !== 'staff') return { kind: 'citizen', name: data.name };
  if (!actionsOf(data).has('assist.act')) return { kind: 'not-helper', name: data.name };
  return { kind: 'helper', helper: { id: data.id, name: data.name }, offline: false };
}

export default function HelperLayout() {
  useEffect(registerHelperServiceWorker, []);
  return (
    <div className="portal helper">
      {/* The workspace's own manifest (React puts it in <head>): installing from here opens /helper. */}
      <link rel="manifest" href="/helper.webmanifest" />
      <link rel="apple-touch-icon" href="/helper-icon-192.png" />
      <SkipLink />
      <A11yToolbar />
      <header className="portal-header">
        <div className="portal-header__inner">
          <Link to="/helper/" className="site-name">
            <span className="site-name__emblem" aria-hidden="true">
              帮
            </span>
            帮办工作台
          </Link>
          <nav aria-label="工作台" className="account-nav">
            <Link to="/workbench">返回工作台</Link>
          </nav>
        </div>
      </header>
      <HelperMain />
    </div>
  );
}

function HelperMain() {
  const session = useHelperSession();
  const location = useLocation();
  if (session.kind === 'helper') return <Workspace helper={session.helper} offline={session.offline} />;
  if (session.kind === 'signed-out') {
    return <Navigate to={`/staff/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace state={{ reason: 'unauthenticated' }} />;
  }
  return (
    <main id="main" className="portal-main" tabIndex={-1}>
      <div className="portal-main__inner">
        {session.kind === 'loading' && <PageLoading label="正在确认登录状态…" />}
        {session.kind === 'error' && (
          <>
            <PageHeading>帮办工作台</PageHeading>
            <div className="notice notice--error" role="alert">
              <p>无法确认登录状态：{session.message}</p>
            </div>
            <p className="button-row">
              <button type="button" className="bm-btn bm-btn--primary" onClick={() => window.location.reload()}>
                重试
              </button>
            </p>
          </>
        )}
        {session.kind === 'citizen' && (
          <>
            <PageHeading>帮办工作台仅限帮办代办员使用</PageHeading>
            <p>您当前以群众身份（{session.name}）登录。帮办代办员请退出后使用工作人员账号登录。</p>
            <p>
              <Link to="/my">返回我的</Link>
            </p>
          </>
        )}
        {session.kind === 'not-helper' && (
          <>
            <PageHeading title="无权使用帮办工作台">无权使用帮办工作台</PageHeading>
            <div className="notice notice--warn">
              <p>
                {session.name}，帮办工作台供帮办代办员接单、联系群众和记录办理情况使用。您的账号没有「帮办代办」权限（403）。
              </p>
              <p>如果您是帮办代办员，请联系镇（街道）管理员为您的账号授予「帮办代办员」角色，并在帮办代办员名单中关联您的账号。</p>
            </div>
            <p>
              <Link to="/workbench">返回工作台</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}

/** The signed-in helper's pages, with the network and upload banner; sends what waits at start, when the connection returns, and every minute while any waits. */
function Workspace({ helper, offline }: { helper: KnownHelper; offline: boolean }) {
  const queryClient = useQueryClient();
  const online = useOnline();

  useEffect(() => {
    if (offline) return;
    rememberHelper(helper);
    void forgetOtherPeople(helper.id);
  }, [helper, offline]);

  // What the server answered for each record sent is shown and stored at once; the list is asked again.
  useEffect(
    () =>
      onOutboxRun((result) => {
        for (const task of result.details.values()) void rememberTask(queryClient, helper.id, task);
        if (result.sent.length > 0 || result.refused.length > 0) void queryClient.invalidateQueries({ queryKey: [...taskQueries.all(helper.id), 'list'] });
      }),
    [queryClient, helper.id],
  );

  useEffect(() => {
    if (online) void sendOutbox(helper.id);
  }, [online, helper.id]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sendOutbox(helper.id);
    }, 60_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && navigator.onLine) void sendOutbox(helper.id);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [helper.id]);

  const context: HelperContext = { helper, offline };
  return (
    <main id="main" className="portal-main helper-main" tabIndex={-1}>
      <div className="portal-main__inner">
        <NetworkBanner staffId={helper.id} />
        <Outlet context={context} />
      </div>
    </main>
  );
}
