import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useSite } from '../api/session.js';

/**
 * After a client-side navigation, focus moves to the new page's h1 (screen readers announce it,
 * keyboard users start from the top). The first page load keeps the browser's default focus.
 */
let focusPending = false;
let lastPathname: string | null = null;

export function NavigationFocus() {
  const { pathname } = useLocation();
  useEffect(() => {
    // Only a new page moves focus; a changed query string (filters, paging) does not.
    if (lastPathname !== null && pathname !== lastPathname) focusPending = true;
    lastPathname = pathname;
  }, [pathname]);
  return null;
}

/** Sets the document title: "页面 - 站点名". */
export function DocumentTitle({ title }: { title: string }) {
  const site = useSite();
  const siteName = site.data?.siteName ?? '邹城市政务服务';
  return <title>{!title.trim() || title === siteName ? siteName : `${title} - ${siteName}`}</title>;
}

/** The words of a heading's text parts ("网上申请：", name → "网上申请：最低生活保障"); elements count for nothing. */
function plainText(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(plainText).join('');
  return '';
}

/** The page's one h1, which also names the document (from its text when no title is given). */
export function PageHeading({ children, title, className = 'page-title' }: { children: ReactNode; title?: string; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (focusPending && ref.current) {
      focusPending = false;
      ref.current.focus();
    }
  }, [pathname]);
  return (
    <>
      <DocumentTitle title={title ?? plainText(children)} />
      <h1 className={className} tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}
