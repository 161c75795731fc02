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
      <section aria-labelledby="diff-added">
        <H id="diff-added" className="diff-details__title">
          新增事项（{diff.added.length}）
        </H>
        {diff.added.length === 0 ? (
          <p className="muted">无</p>
        ) : (
          <ul>
            {diff.added.map((a) => (
              <li key={a.rowCode}>
                {link(a.rowCode, a.name)} <span className="muted">{a.rowCode}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="diff-removed">
        <H id="diff-removed" className="diff-details__title">
          取消事项（{diff.removed.length}）
        </H>
        {diff.removed.length === 0 ? (
          <p className="muted">无</p>
        ) : (
          <ul>
            {diff.removed.map((a) => (
              <li key={a.rowCode}>
                {a.name} <span className="muted">{a.rowCode}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="diff-changed">
        <H id="diff-changed" className="diff-details__title">
          调整事项（{diff.changed.length}）
        </H>
        {diff.changed.length === 0 ? (
          <p className="muted">无</p>
        ) : (
          <ul>
            {diff.changed.map((c) => (
              <li key={c.rowCode}>
                {link(c.rowCode, c.name)} <span className="muted">{c.rowCode}</span>
                <div>调整了：{c.fields.map((f) => f.label).join('、')}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
