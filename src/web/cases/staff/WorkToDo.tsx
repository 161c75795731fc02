import { Card } from 'antd';
import { Link } from 'react-router';
import { useOverdueReport, useStatusCounts } from '../../api/cases.js';
import { casesPath, OVERDUE_PATH, QUEUE_TABS } from './labels.js';
import './cases.css';

/**
 * The workbench home's 待办 (for staff who see cases): how many cases wait for me, how many at each
 * step, and the time-limit lights (黄灯: close to the due date; 红灯: overdue) over my regions —
 * each a link to the queue showing them. The same counts as the queue's tabs and 超期预警.
 */
export function WorkToDo() {
  const counts = useStatusCounts();
  const report = useOverdueReport();
  const yellow = report.data?.items.reduce((n, r) => n + r.yellow, 0);
  const red = report.data?.items.reduce((n, r) => n + r.red, 0);
  const tiles = QUEUE_TABS.filter((t) => t.status || t.awaiting);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.15rem' }}>待办</h2>} style={{ marginBottom: 16 }}>
      {counts.isError && <p role="alert">待办件数暂时读不到，请刷新重试。</p>}
      <ul className="todo-grid" aria-label="办件件数">
        {tiles.map((t) => (
          <li key={t.label} className={t.awaiting ? 'todo-tile todo-tile--mine' : 'todo-tile'}>
            <Link to={casesPath({ status: t.status, awaiting: t.awaiting ? '1' : undefined })}>
              <span className="todo-tile__label">{t.label}</span>
              <strong className="todo-tile__count">{counts.data ? (t.awaiting ? counts.data.awaiting : counts.data.byStatus[t.status!]) : '…'}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <ul className="todo-grid" aria-label="办理时限">
        <li className="todo-tile todo-tile--red">
          <Link to={casesPath({ overdue: '1' })}>
            <span className="todo-tile__label">红灯（已超期）</span>
            <strong className="todo-tile__count">{red ?? '…'}</strong>
          </Link>
        </li>
        <li className="todo-tile todo-tile--yellow">
          <Link to={OVERDUE_PATH}>
            <span className="todo-tile__label">黄灯（即将到期）</span>
            <strong className="todo-tile__count">{yellow ?? '…'}</strong>
          </Link>
        </li>
      </ul>
    </Card>
  );
}
