import type { ReactNode } from 'react';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../../shared/assistance.js';

/** A task's tags in the list and on its page: 优先, the special groups, 需要上门, its status, then what the caller adds (待上传 …). */
export function TaskTags({ task, status, children }: {
  task: { priority: boolean; flags: { code: string; label: string }[]; homeVisit: boolean };
  status: HelpRequestStatus;
  children?: ReactNode;
}) {
  return (
    <p className="task-row__tags">
      {task.priority && <span className="tag tag--strong">优先</span>}
      {task.flags.map((f) => (
        <span key={f.code} className="tag">
          {f.label}
        </span>
      ))}
      {task.homeVisit && <span className="tag tag--level">需要上门</span>}
      <span className="tag">{HELP_REQUEST_STATUSES[status]}</span>
      {children}
    </p>
  );
}
