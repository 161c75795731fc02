import { Link } from 'react-router';
import '../../components/inline-list.css';
import './Pagination.css';

/** Pages as real links (keyboard, middle-click and back button all work). */
export function Pagination({
  page,
  total,
  pageSize,
  hrefFor,
  onNavigate,
  label = '分页',
}: {
  page: number;
  total: number;
  pageSize: number;
  hrefFor: (page: number) => string;
  onNavigate?: () => void;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const around = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const shown = [...around].sort((a, b) => a - b);
  return (
    <nav aria-label={label} className="pager">
      <p className="pager__where">
        第 {page} 页，共 {pages} 页
      </p>
      <ul className="inline-list pager__list">
        {page > 1 && (
          <li>
            <Link to={hrefFor(page - 1)} onClick={onNavigate} className="pager__step">
              上一页
            </Link>
          </li>
        )}
        {shown.map((p, i) => (
          <li key={p}>
            {i > 0 && shown[i - 1] !== p - 1 && (
              <span className="pager__gap" aria-hidden="true">
                …
              </span>
            )}
            {p === page ? (
              <span className="pager__num pager__num--current" aria-current="page">
                <span className="visually-hidden">第 </span>
                {p}
                <span className="visually-hidden"> 页（当前）</span>
              </span>
            ) : (
              <Link to={hrefFor(p)} onClick={onNavigate} className="pager__num" aria-label={`第 ${p} 页`}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <Link to={hrefFor(page + 1)} onClick={onNavigate} className="pager__step">
              下一页
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
