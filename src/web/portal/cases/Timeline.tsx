import { chineseDateTime } from '../../dates.js';
import './Timeline.css';

/** A milestone as the server words it for the applicant and the public (shared/case-progress.ts). */
export interface Milestone {
  at: string;
  /** 已提交, 已受理, 需补正, 决定准予（已办结）… */
  label: string;
  /** the public office that acted (钢山街道为民服务中心); never a staff member's name */
  office?: string | null;
  /** the reason the applicant is owed (补正, 不予受理, 不予许可, 延期…) */
  note?: string;
}

/** 办理过程 for the applicant (我的办件) and the public (办件查询): the milestones, oldest first. */
export function Timeline({ items }: { items: Milestone[] }) {
  return (
    <ol className="timeline">
      {items.map((m, i) => (
        <li key={i} className="timeline__item">
          <p className="timeline__head">
            <strong>{m.label}</strong>
          </p>
          <p className="timeline__meta">
            <time dateTime={m.at}>{chineseDateTime(m.at)}</time>
            {m.office && <> · {m.office}</>}
          </p>
          {m.note && <p className="timeline__opinion">{m.note}</p>}
        </li>
      ))}
    </ol>
  );
}
