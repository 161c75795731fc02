import type { HelpTaskEvent } from '../api/helperWorkspace.js';
import { chineseDateTime } from '../dates.js';

/**
 * A request's history as the server keeps it, newest first: what happened, when (and, for a
 * record written without signal, when it reached the server), who, the note, whether only staff
 * see it, and the photos taken (opened full size on a tap; without a connection, a word in their
 * place: the pictures stay on the server).
 */
export function History({ events, offline }: { events: HelpTaskEvent[]; offline: boolean }) {
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  if (newestFirst.length === 0) return <p className="muted">还没有记录。</p>;
  return (
    <ol className="helper-timeline" aria-label="已上传的记录（最新的在前）">
      {newestFirst.map((e) => (
        <li key={e.seq} className="helper-timeline__item">
          <p className="helper-timeline__head">
            <strong>{e.actionLabel}</strong>
            {e.internal && <span className="tag helper-timeline__internal">仅工作人员可见</span>}
          </p>
          <p className="helper-timeline__meta">
            <time dateTime={e.occurredAt ?? e.at}>{chineseDateTime(e.occurredAt ?? e.at)}</time> · {e.actorName}
            {e.occurredAt && <> （{chineseDateTime(e.at)} 上传）</>}
          </p>
          {e.note && <p className="pre-line">{e.note}</p>}
          {e.photos.length > 0 && (
            <ul className="helper-photo-row" aria-label={`照片（${e.photos.length} 张）`}>
              {e.photos.map((p, i) =>
                // the server keeps the pictures; without a connection the phone has none to show
                offline ? (
                  <li key={p.id} className="helper-photo helper-photo--offline">
                    照片 {i + 1}（联网后可看）
                  </li>
                ) : (
                  <li key={p.id}>
                    <a href={p.url}>
                      <img className="helper-photo" src={p.url} alt={`照片 ${i + 1}（查看大图）`} />
                    </a>
                  </li>
                ),
              )}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
