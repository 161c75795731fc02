import { MenuOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Layout } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS } from '../../shared/roles.js';
import { errorMessage } from '../api/client.js';
import { staffRolesOf, useMe, useSignOut, useSite } from '../api/session.js';
import type { Me } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { PageHeading } from '../components/PageHeading.js';
import { PageLoading } from '../components/PageLoading.js';
import { SkipLink } from '../components/SkipLink.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { menuFor } from './menu.js';
import type { WorkbenchContext } from './context.js';
import { SessionTimeout } from './SessionTimeout.js';
import './WorkbenchLayout.css';

/** Guards /workbench/*: staff only; anyone else goes to the staff sign-in page. */
export default function WorkbenchLayout() {
  const me = useMe(true);
  const location = useLocation();
  const wasSignedIn = useRef(false);
  if (me.data?.kind === 'staff') wasSignedIn.current = true;

  if (me.isPending) return <PageLoading label="正在确认登录状态…" />;
  if (me.isError && !me.data) {
    return (
      <main id="main" className="wb-content">
        <PageHeading>工作台</PageHeading>
        <Alert type="error" showIcon title={`无法确认登录状态：${errorMessage(me.error)}`} />
      </main>
    );
  }
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/staff/login?next=${next}`} replace state={{ reason: wasSignedIn.current ? 'expired' : 'unauthenticated' }} />;
  }
  if (me.data.kind !== 'staff') {
    return (
      <main id="main" className="wb-content">
        <PageHeading>工作台仅限工作人员使用</PageHeading>
        <p>您当前以群众身份（{me.data.name}）登录。工作人员请退出后使用工作人员账号登录。</p>
        <p>
          <Link to="/my">返回我的</Link>
          {' · '}
          <Link to="/staff/login">工作人员登录</Link>
        </p>
      </main>
    );
  }
  return <WorkbenchShell me={me.data} />;
}

function WorkbenchNav({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const { pathname } = useLocation();
  const menu = menuFor(me);
  // One entry is current: the longest that contains the page (/workbench/cases/overdue is 超期预警, not also 办件工作台).
  const current = menu.filter((m) => m.to !== '/workbench' && (pathname === m.to || pathname.startsWith(`${m.to}/`))).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <nav aria-label="工作台菜单" className="wb-nav">
      <ul>
        {menu.map((m) => (
          <li key={m.to}>
            <NavLink to={m.to} end={m.to === '/workbench'} onClick={onNavigate} aria-current={current && m.to !== current ? false : 'page'}>
              {m.icon}
              <span>{m.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WorkbenchShell({ me }: { me: Me }) {
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const site = useSite();
  const location = useLocation();
  const siteName = site.data?.siteName ?? '邹城市政务服务';
  const roles = staffRolesOf(me);
  const roleSummary = roles.map((r) => `${ROLE_LABELS[r.role]}（${r.regionName}）`).join('、');

  useEffect(() => setDrawerOpen(false), [location.pathname, isMobile]);

  const signOut = useSignOut('/staff/login?reason=signedOut');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      <Layout.Header className="wb-header">
        {isMobile && (
          <Button
            icon={<MenuOutlined aria-hidden />}
            aria-label="打开菜单"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/workbench" className="wb-brand">
          {isMobile ? '工作台' : `${siteName} · 工作台`}
        </Link>
        <span className="wb-header__spacer" />
        {!isMobile && (
          <span className="wb-user" title={roleSummary}>
            {me.name}
          </span>
        )}
        <BusyButton onClick={() => signOut.mutate()} busy={signOut.isPending} busyText="正在退出…">
          退出登录
        </BusyButton>
      </Layout.Header>
      <Layout hasSider={!isMobile}>
        {!isMobile && (
          <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #e5e7eb' }} aria-label="工作台侧栏">
            <WorkbenchNav me={me} />
          </Layout.Sider>
        )}
        <Layout.Content id="main" tabIndex={-1} className="wb-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet context={{ me } satisfies WorkbenchContext} />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isMobile && (
        <Drawer open={drawerOpen} placement="left" size={280} title="工作台菜单" onClose={() => setDrawerOpen(false)}>
          <p style={{ margin: '0 0 8px' }}>
            <strong>{me.name}</strong>
            <br />
            <span className="muted">{roleSummary}</span>
          </p>
          <WorkbenchNav me={me} onNavigate={() => setDrawerOpen(false)} />
          <p>
            <Link to="/">返回门户首页</Link>
          </p>
        </Drawer>
      )}
      <SessionTimeout me={me} />
    </Layout>
  );
}
