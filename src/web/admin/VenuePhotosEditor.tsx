/**
 * 照片 on a venue's page in the workbench: the photos in the order the public pages show them, each
 * with its description (edited in place), 上移 / 下移 buttons and 删除 (confirmed in a dialog); below,
 * an upload that asks first what the photo shows — the description a screen reader reads instead
 * of it. Every change takes effect at once (no 保存), from the venue's version this page holds, and
 * the record's form goes on from the new version. Errors are the server's words; when someone else
 * changed the venue meanwhile, a button loads it again.
 */
import { Button, Card, Input, Space } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { VENUE_PHOTOS } from '../../shared/venues.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useChangeVenuePhotos, type PhotoChange, type VenuePhoto, type VenueRecord } from '../api/venueRecords.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ActionModal } from './catalog/ActionModal.js';
import { altProblem, PhotoUpload } from './PhotoUpload.js';
import './VenuePhotosEditor.css';

const LIMITS = { maxBytes: VENUE_PHOTOS.maxBytes, altMin: VENUE_PHOTOS.altMin, altMax: VENUE_PHOTOS.altMax };

export function VenuePhotosEditor({ record, onReload }: { record: VenueRecord; onReload: () => void }) {
  const change = useChangeVenuePhotos(record);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [said, setSaid] = useState('');
  const [removing, setRemoving] = useState<VenuePhoto | null>(null);
  const removedRef = useRef(false);
  const photos = record.photos;
  const busy = change.isPending;

  /** One change; true when it went through. What happened is said in the status line. */
  const run = async (c: PhotoChange, done: string): Promise<boolean> => {
    setError(null);
    setSaid('');
    try {
      await change.mutateAsync(c);
      setSaid(done);
      return true;
    } catch (err) {
      setError({ text: errorMessage(err), stale: err instanceof ApiError && err.code === 'VENUE_CHANGED' });
      return false;
    }
  };

  const arrange = (list: { fileId: string; alt: string }[], done: string) => run({ kind: 'arrange', photos: list }, done);
  const saved = () => photos.map((p) => ({ fileId: p.fileId, alt: p.alt }));

  const move = async (index: number, by: -1 | 1) => {
    const list = saved();
    const [photo] = list.splice(index, 1);
    list.splice(index + by, 0, photo!);
    return arrange(list, `已${by < 0 ? '上移' : '下移'}：现在是第 ${index + by + 1} 张`);
  };

  const remove = async () => {
    const photo = removing;
    if (!photo) return;
    if (await run({ kind: 'remove', fileId: photo.fileId }, `已删除照片「${photo.alt}」`)) {
      removedRef.current = true;
      setRemoving(null);
    }
  };

  return (
    <section aria-labelledby="vp-heading">
      <Card
        className="ca-card vp"
        title={
          <h2 className="card-title" id="vp-heading" ref={headingRef} tabIndex={-1}>
            照片
          </h2>
        }
        style={{ marginBottom: 16 }}
      >
        <p className="muted vp-intro">
          照片公开显示在服务地图的网点详情{record.kind === 'town_centre' || record.kind === 'village_station' ? '和镇村页面' : ''}上（网点撤销后不再显示）。上传、调整顺序、修改说明和删除都立即生效，不用点「保存」。最多{' '}
          {VENUE_PHOTOS.max} 张。
        </p>
        {photos.length === 0 ? (
          <p>还没有照片。</p>
        ) : (
          <ol className="vp-list" aria-labelledby="vp-heading">
            {photos.map((p, i) => (
              <PhotoRow
                key={p.fileId}
                photo={p}
                index={i}
                count={photos.length}
                busy={busy}
                onMove={(by) => move(i, by)}
                onSaveAlt={(alt) => arrange(photos.map((q) => ({ fileId: q.fileId, alt: q.fileId === p.fileId ? alt : q.alt })), `第 ${i + 1} 张照片的说明已保存`)}
                onRemove={() => setRemoving(p)}
              />
            ))}
          </ol>
        )}

        {error && (
          <ErrorAlert
            title={error.text}
            description={
              error.stale ? (
                <Button onClick={onReload} style={{ marginTop: 8 }}>
                  载入最新内容（上面表单中未保存的修改需要重新填写）
                </Button>
              ) : undefined
            }
            style={{ margin: '12px 0' }}
          />
        )}
        <p className="visually-hidden" role="status">
          {said}
        </p>

        {photos.length >= VENUE_PHOTOS.max ? (
          <p className="vp-full">已有 {VENUE_PHOTOS.max} 张照片，达到上限：删除一张后才能再上传。</p>
        ) : (
          <PhotoUpload busy={busy} limits={LIMITS} placeholder="如：一楼办事大厅，左侧为综合受理窗口" onUpload={(file, alt) => run({ kind: 'add', file, alt }, `照片「${alt}」已上传，共 ${photos.length + 1} 张`)} />
        )}

        <ActionModal
          open={removing !== null}
          title="删除照片"
          width={480}
          onClose={() => setRemoving(null)}
          action="确认删除"
          busy={busy}
          busyText="正在删除…"
          onAction={() => void remove()}
          afterClose={() => {
            // the photo's row (and the button that opened the dialog) is gone: the keyboard goes on from the section
            if (removedRef.current) headingRef.current?.focus();
            removedRef.current = false;
          }}
        >
          {removing && (
            <>
              <img className="vp-confirm-thumb" src={removing.url} alt={removing.alt} width={removing.width} height={removing.height} />
              <p>「{removing.alt}」将从服务地图上撤下，不能恢复；需要时请重新上传。</p>
            </>
          )}
        </ActionModal>
      </Card>
    </section>
  );
}

function PhotoRow({ photo, index, count, busy, onMove, onSaveAlt, onRemove }: {
  photo: VenuePhoto;
  index: number;
  count: number;
  busy: boolean;
  onMove: (by: -1 | 1) => Promise<boolean>;
  onSaveAlt: (alt: string) => Promise<boolean>;
  onRemove: () => void;
}) {
  const id = useId();
  const [alt, setAlt] = useState(photo.alt);
  const [problem, setProblem] = useState<string | null>(null);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const n = index + 1;
  const dirty = alt.trim() !== photo.alt;

  // a description saved (here, or by the same list elsewhere) is what the field shows again
  useEffect(() => {
    setAlt(photo.alt);
    setProblem(null);
  }, [photo.alt]);

  const save = async () => {
    const p = altProblem(alt, LIMITS);
    setProblem(p);
    if (!p) await onSaveAlt(alt.trim());
  };

  // A moved row is moved in the page, which loses the focus (so do buttons disabled while the change
  // is sent). Once the row is where it went (or stayed, if the change failed), the keyboard goes back
  // to the button pressed, or to the other one when the row reached an end.
  const [refocus, setRefocus] = useState<{ by: -1 | 1; at: number } | null>(null);
  useEffect(() => {
    if (!refocus || busy || index !== refocus.at) return;
    const [pressed, other] = refocus.by < 0 ? [upRef.current, downRef.current] : [downRef.current, upRef.current];
    (pressed && !pressed.disabled ? pressed : other)?.focus();
    setRefocus(null);
  }, [refocus, busy, index]);

  const move = async (by: -1 | 1) => {
    const moved = await onMove(by);
    setRefocus({ by, at: moved ? index + by : index });
  };

  return (
    <li className="vp-item">
      <img className="vp-thumb" src={photo.url} alt={photo.alt} width={photo.width} height={photo.height} loading="lazy" />
      <div className="vp-about">
        <p className="vp-position">
          第 {n} 张<span className="muted">（{photo.width} × {photo.height} 像素）</span>
        </p>
        <label htmlFor={`${id}-alt`} className="vp-label">
          照片 {n} 的说明
        </label>
        <div className="vp-alt-row">
          <Input
            id={`${id}-alt`}
            value={alt}
            maxLength={VENUE_PHOTOS.altMax}
            showCount
            status={problem ? 'error' : undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setAlt(e.target.value)}
            onPressEnter={() => void save()}
          />
          <Button onClick={() => void save()} disabled={busy || !dirty}>
            保存说明<span className="visually-hidden">照片 {n}</span>
          </Button>
        </div>
        {problem && (
          <p id={`${id}-problem`} className="vp-problem">
            {problem}
          </p>
        )}
        <Space wrap className="vp-actions">
          <Button ref={upRef} onClick={() => void move(-1)} disabled={busy || index === 0}>
            上移<span className="visually-hidden">照片 {n}</span>
          </Button>
          <Button ref={downRef} onClick={() => void move(1)} disabled={busy || index === count - 1}>
            下移<span className="visually-hidden">照片 {n}</span>
          </Button>
          <Button danger onClick={onRemove} disabled={busy}>
            删除<span className="visually-hidden">照片 {n}</span>
          </Button>
        </Space>
      </div>
    </li>
  );
}
