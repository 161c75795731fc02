import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef } from 'react';
import './controls.css';

/**
 * Page buttons for a workbench list or table, used instead of antd's Pagination (and a Table's
 * `pagination`), whose page numbers are focusable `<li tabindex="0">` around `<a rel="nofollow">`
 * without `href` (invalid HTML, no role, two tab stops for 上一页). Here: a named `<nav>` with a
 * list of real buttons, the current page marked `aria-current="page"`, 上一页/下一页 in words.
 *
 * Renders nothing when everything fits on one page. When a press takes the focused button away
 * (下一页 on reaching the last page), focus moves to the current page's button, not to the body.
 */
export function ListPagination({
  current,
  pageSize,
  total,
  onChange,
  label = '分页',
  showTotal = true,
  unit = '条',
}: {
  current: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** The nav's name, e.g. 审计日志分页 (several lists on one page need different names). */
  label?: string;
  /** Shows 共 N 条 before the buttons. */
  showTotal?: boolean;
  /** The measure word of 共 N 条 (e.g. 件 for cases). */
  unit?: string;
}) {
  const navRef = useRef<HTMLElement>(null);
  const pressed = useRef(false);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, current), pages);

  useEffect(() => {
    if (!pressed.current) return;
    pressed.current = false;
    const nav = navRef.current;
    const focused = document.activeElement;
    // Gone (a page number scrolled out of the window) or just disabled (下一页 on the last page).
    const lost = !nav?.contains(focused) || (focused instanceof HTMLButtonElement && focused.disabled);
    if (nav && lost) nav.querySelector<HTMLElement>('[aria-current="page"]')?.focus();
  }, [page]);

  if (pages <= 1) return null;
  const go = (p: number) => {
    pressed.current = true;
    onChange(p);
  };
  // First, last, and two either side of the current page; gaps shown as …
  const shown = [...new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);

  return (
    <nav ref={navRef} aria-label={label} className="list-pager">
      {showTotal && (
        <p className="list-pager__total">
          共 {total} {unit}，第 {page}/{pages} 页
        </p>
      )}
      <ul className="list-pager__list">
        <li>
          <Button icon={<LeftOutlined aria-hidden />} disabled={page === 1} onClick={() => go(page - 1)}>
            上一页
          </Button>
        </li>
        {shown.map((p, i) => (
          <li key={p} className="list-pager__page">
            {i > 0 && shown[i - 1] !== p - 1 && (
              <span className="list-pager__gap" aria-hidden="true">
                …
              </span>
            )}
            <Button
              type={p === page ? 'primary' : 'default'}
              aria-current={p === page ? 'page' : undefined}
              aria-label={`第 ${p} 页`}
              onClick={() => p !== page && go(p)}
            >
              {p}
            </Button>
          </li>
        ))}
        <li>
          <Button disabled={page === pages} onClick={() => go(page + 1)}>
            下一页
            <RightOutlined aria-hidden />
          </Button>
        </li>
      </ul>
    </nav>
  );
}
