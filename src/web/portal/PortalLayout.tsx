import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { A11yToolbar } from '../a11y/Toolbar.js';
import { useMe, useSignOut, useSite } from '../api/session.js';
import { PageLoading } from '../components/PageLoading.js';
import { SkipLink } from '../components/SkipLink.js';

/** The public shell: mobile-first header with sign-in state, main landmark, footer. */
export function PortalLayout() {
  return (
    <div className="portal">
      <SkipLink />
      <A11yToolbar />
      <SiteHeader />
      <main id="main" className="portal-main" tabIndex={-1}>
        <div className="portal-main__inner">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

function SiteHeader() {
  const site = useSite();
  const me = useMe();
  const signOut = useSignOut('/?signedOut=1');
  const user = me.data;
  const siteName = site.data?.siteName ?? '邹城市政务服务';

  return (
    <header className="portal-header">
      <div className="portal-header__inner">
        <Link to="/" className="site-name">
          <span className="site-name__emblem" aria-hidden="true">
            政
          </span>
          {siteName}
        </Link>
        <nav aria-label="栏目" className="section-nav">
          <Link to="/items">办事搜索</Link>
          {/* Phones keep the header to one line (styles.css): there 一件事 is on the home page. */}
          <Link to="/themes" className="hide-narrow">
            一件事
          </Link>
        </nav>
        <nav aria-label="账号" className="account-nav">
          {user ? (
            <>
              <Link to={user.kind === 'staff' ? '/workbench' : '/my'}>
                <span className="visually-hidden">{user.kind === 'staff' ? '进入工作台：' : '我的：'}</span>
                <span className="account-nav__name">{user.name}</span>
              </Link>
              <button type="button" className="linklike account-nav__sign-out" onClick={() => signOut.mutate()} aria-busy={signOut.isPending || undefined}>
                退出
              </button>
            </>
          ) : (
            <Link to="/login">登录</Link>
          )}
        </nav>
      </div>
    </header>
  );
}

function SiteFooter() {
  const site = useSite();
  const phone = site.data?.phone ?? '0537-12345';
  const tel = `tel:${phone.replace(/[^\d+]/g, '')}`;
  return (
    <footer className="portal-footer">
      <div className="portal-footer__inner">
        <ul className="portal-footer__list">
          <li>
            咨询电话：<a href={tel}>{phone}</a>
          </li>
          <li>
            监督投诉：拨打&nbsp;<a href={tel}>{phone}</a>
          </li>
          <li>
            <Link to="/help">请人代办</Link>
          </li>
          <li>
            <Link to="/practices">典型案例</Link>
          </li>
          <li>
            <Link to="/accessibility">无障碍声明</Link>
          </li>
          <li>
            <Link to="/staff/login">工作人员登录</Link>
          </li>
        </ul>
        <p className="portal-footer__note">
          {site.data?.siteName ?? '邹城市政务服务'}
          {site.data?.demoMode ? '（演示环境：数据为演示数据）' : ''}
        </p>
      </div>
    </footer>
  );
}
