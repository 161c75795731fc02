import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { CatalogDiff } from '../../api/catalogAdmin.js';
import { itemPath } from './paths.js';
import './DiffSummary.css';

/** Counts of a diff in one sentence. */
export const diffCounts = (d: CatalogDiff) => `新增 ${d.added.length} 项，取消 ${d.removed.length} 项，调整 ${d.changed.length} 项`;

/**
 * Added / removed / changed rows with the labels of the changed fields. `versionId` links added
 * and changed rows to the item (removed rows no longer exist in this version).
 */
export function DiffDetails({ diff, versionId, headingLevel = 2 }: { diff: CatalogDiff; versionId?: string; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const link = (rowCode: string, name: string) => (versionId ? <Link to={itemPath(versionId, rowCode)}>{name}</Link> : name);
  return (
    <div className="diff-details">
      <DiffSection id="diff-added" title="新增事项" heading={H} rows={diff.added} name={(a) => link(a.rowCode, a.name)} />
      <DiffSection id="diff-removed" title="取消事项" heading={H} rows={diff.removed} name={(a) => a.name} />
      <DiffSection
        id="diff-changed"
        title="调整事项"
        heading={H}
        rows={diff.changed}
        name={(c) => link(c.rowCode, c.name)}
        detail={(c) => <div>调整了：{c.fields.map((f) => f.label).join('、')}</div>}
      />
    </div>
  );
}

/** One kind of row of a diff: a heading with the count, then each row's name and code (or 无). */
function DiffSection<R extends { rowCode: string }>({
  id,
  title,
  heading: H,
  rows,
  name,
  detail,
}: {
  id: string;
  title: string;
  heading: 'h2' | 'h3';
  rows: R[];
  name: (row: R) => ReactNode;
  detail?: (row: R) => ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <H id={id} className="diff-details__title">
        {title}（{rows.length}）
      </H>
      {rows.length === 0 ? (
        <p className="muted">无</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.rowCode}>
              {name(r)} <span className="muted">{r.rowCode}</span>
              {detail?.(r)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
