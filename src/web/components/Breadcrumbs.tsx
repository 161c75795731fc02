import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './breadcrumb.css';

export interface Crumb {
  label: ReactNode;
  /** Where the crumb leads; the current page (the last crumb) has none. */
  to?: string;
}

/**
 * 位置 (breadcrumb): `<nav aria-label="位置">` around an `<ol>`, a link for each place above this
 * page and the page itself last, marked aria-current="page".
 */
export function Breadcrumbs({ items, className }: { items: Crumb[]; className?: string }) {
  return (
    <nav aria-label="位置" className={className ? `breadcrumb ${className}` : 'breadcrumb'}>
      <ol>
        {items.map((c, i) => (
          <li key={i} aria-current={i === items.length - 1 ? 'page' : undefined}>
            {c.to === undefined ? c.label : <Link to={c.to}>{c.label}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
