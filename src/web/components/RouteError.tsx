import { useEffect } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeading } from './PageHeading.js';

/**
 * The routes' error element (routes.tsx): a page that failed to load (its code could not be
 * fetched, e.g. offline or after a new release) or failed while rendering. It says so in Chinese
 * and offers a reload and a way home. Plain HTML, no antd: it also serves the light public pages.
 *
 * The home link is a full page load on purpose: it recovers from a stale release as well.
 */
export function RouteError({ home = '/', homeLabel = '返回首页' }: { home?: string; homeLabel?: string }) {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <>
        <PageHeading>页面不存在</PageHeading>
        <p>您访问的页面不存在，可能链接有误或页面已调整。</p>
        <p>
          <a href={home}>{homeLabel}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>页面未能显示</PageHeading>
      <p>很抱歉，这个页面未能正常打开。可能是网络不稳定，或网站刚刚更新。请刷新页面重试；如果仍然不能使用，请返回首页。</p>
      <p className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" onClick={() => window.location.reload()}>
          刷新页面
        </button>
        <a href={home} className="bm-btn bm-btn--secondary">
          {homeLabel}
        </a>
      </p>
    </>
  );
}

/** The outermost error element: a layout itself failed, so it brings its own main landmark. */
export function RootRouteError() {
  return (
    <main id="main" className="portal-main" tabIndex={-1}>
      <div className="portal-main__inner">
        <RouteError />
      </div>
    </main>
  );
}
