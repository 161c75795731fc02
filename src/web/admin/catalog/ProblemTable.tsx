import type { SheetProblem } from '../../api/catalogAdmin.js';
import './ProblemTable.css';

/** Problems of a refused workbook, one row each, so the official can find every cell to fix. */
export function ProblemTable({ problems, caption }: { problems: SheetProblem[]; caption: string }) {
  return (
    <div className="problem-table" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">工作表</th>
            <th scope="col">行</th>
            <th scope="col">列</th>
            <th scope="col">问题</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{p.sheet || '—'}</td>
              <td>{p.row > 0 ? `第 ${p.row} 行` : '整表'}</td>
              <td>{p.column || '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
