import { useState } from 'react';
import { chineseDateTime } from '../dates.js';
import type { OutboxItem, RecordKind } from './offline/outbox.js';
import { discardRecord } from './offline/runtime.js';
import { Thumbnail } from './PhotoPicker.js';

const KIND_WORDS: Record<RecordKind, string> = { accept: '接单', contact: '联系求助人', progress: '办理进展', complete: '办结' };

/**
 * The records of this request still on the phone, above its history: 待上传 (waiting for a
 * connection), or 未能上传 with the server's words and what the helper can do — correct it and
 * send it again, or give it up (asked once more first; nothing is discarded by a single tap).
 */
export function Outbox({ items, sending, onEdit }: { items: OutboxItem[]; sending: boolean; onEdit: (item: OutboxItem) => void }) {
  return (
    <div id="outbox" className="helper-outbox">
      <h3>保存在手机上、还没有上传的记录（{items.length}）</h3>
      <ul className="helper-timeline">
        {items.map((item) => (
          <OutboxEntry key={item.ref} item={item} sending={sending} onEdit={onEdit} />
        ))}
      </ul>
    </div>
  );
}

function OutboxEntry({ item, sending, onEdit }: { item: OutboxItem; sending: boolean; onEdit: (item: OutboxItem) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const failed = item.state === 'failed';
  const what = `${KIND_WORDS[item.kind]}${item.kind === 'contact' ? `（${item.method === 'visit' ? '上门走访' : '电话联系'}）` : item.kind === 'progress' && item.visit ? '（上门走访）' : ''}`;
  return (
    <li className={`helper-timeline__item helper-timeline__item--${failed ? 'failed' : 'waiting'}`}>
      <p className="helper-timeline__head">
        <span className={`tag ${failed ? 'tag--strong' : 'tag--level'}`}>{failed ? '未能上传' : '待上传'}</span> <strong>{what}</strong>
      </p>
      <p className="helper-timeline__meta">
        <time dateTime={item.at}>{chineseDateTime(item.at)}</time>
      </p>
      {item.note && <p className="pre-line">{item.note}</p>}
      {item.photos.length > 0 && (
        <ul className="helper-photo-row" aria-label={`照片（${item.photos.length} 张）`}>
          {item.photos.map((p, i) => (
            <li key={p.ref}>
              <Thumbnail blob={p.blob} alt={`现场照片 ${i + 1}（待上传）`} className="helper-photo" />
            </li>
          ))}
        </ul>
      )}
      {failed && (
        <div className="notice notice--error">
          <p>服务器未接收这条记录：{item.problem?.message ?? '原因不明'}</p>
          <p>请按提示修改后重新上传；如果这条记录已经不需要（例如求助已取消、已改由他人负责），可以放弃。</p>
        </div>
      )}
      {failed &&
        (confirming ? (
          <div className="button-row" role="group" aria-label="确认放弃这条记录">
            <p className="helper-confirm">放弃后这条记录会从手机上删除，不能恢复。确定放弃吗？</p>
            <button
              type="button"
              className="bm-btn bm-btn--primary"
              onClick={async () => {
                try {
                  await discardRecord(item);
                } catch (err) {
                  setProblem(`未能删除：${err instanceof Error ? err.message : String(err)}`);
                }
              }}
            >
              确定放弃
            </button>
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setConfirming(false)}>
              保留
            </button>
          </div>
        ) : (
          <p className="button-row">
            {item.kind !== 'accept' && (
              <button type="button" className="bm-btn bm-btn--primary" disabled={sending} onClick={() => onEdit(item)}>
                修改后重新上传
              </button>
            )}
            <button type="button" className="bm-btn bm-btn--secondary" disabled={sending} onClick={() => setConfirming(true)}>
              放弃这条记录
            </button>
          </p>
        ))}
      {problem && (
        <p className="helper-error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}
