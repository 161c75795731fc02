import type { CaseEvent } from '../../api/cases.js';
import { CASE_CHANNELS, CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { chineseDateTime } from '../../dates.js';
import './Timeline.css';

/** 办理过程: every event of the case, oldest first, as an ordered list. */
export function Timeline({ events }: { events: CaseEvent[] }) {
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className="timeline__item">
          <p className="timeline__head">
            <strong>{e.actionLabel}</strong>
            <span className="timeline__status">→ {CASE_STATUSES[e.toStatus as CaseStatus] ?? e.toStatus}</span>
          </p>
          <p className="timeline__meta">
            <time dateTime={e.at}>{chineseDateTime(e.at)}</time>
            {e.actorName && <> · {e.actorName}</>}
            {e.onBehalfOf && <>（{e.onBehalfOf}）</>}
            {' · '}
            {CASE_CHANNELS[e.channel as keyof typeof CASE_CHANNELS] ?? e.channel}
          </p>
          {e.opinion && <p className="timeline__opinion">{e.opinion}</p>}
        </li>
      ))}
    </ol>
  );
}
