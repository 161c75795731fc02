/** The case being rated, as the rating pages show it (/rate, /rate/terminal): item, place, number, when it was handled and until when it may be rated. */
import { useId } from 'react';
import type { RatingState } from '../../api/ratings.js';
import { chineseDate } from '../../dates.js';
import '../../components/kv.css';

export function RatedCaseCard({ s }: { s: RatingState }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-case`}>
      <h2 id={`${id}-case`}>办件信息</h2>
      <dl className="kv">
        <dt>办理事项</dt>
        <dd>{s.itemName}</dd>
        <dt>办理地点</dt>
        <dd>{s.handlingPlace}</dd>
        <dt>办件编号</dt>
        <dd className="break-all">{s.caseNo}</dd>
        {s.handledAt && (
          <>
            <dt>办结日期</dt>
            <dd>{chineseDate(s.handledAt)}</dd>
          </>
        )}
        {(s.state === 'open' || s.state === 'rerate') && s.until && (
          <>
            <dt>可评价至</dt>
            <dd>{chineseDate(s.until)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
