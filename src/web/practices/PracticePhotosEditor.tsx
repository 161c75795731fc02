/**
 * 照片 of a practice the place may still change: the photos in the order the portal shows them, each
 * with its description and 删除, and below an upload that asks first what the photo shows — the
 * words a screen reader reads instead of it. Every change takes effect at once, from the version
 * this page holds (409 when someone else changed the practice meanwhile: a button loads it again).
 * Photos are public once the city publishes the practice.
 */
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { PRACTICE_LIMITS as L } from '../../shared/practices.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useChangePracticePhotos, type PracticePhotoChange, type PracticeRecord } from '../api/practices.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PhotoUpload } from '../admin/PhotoUpload.js';
import '../admin/VenuePhotosEditor.css';

const LIMITS = { maxBytes: L.photoBytes, altMin: L.altMin, altMax: L.altMax };

export function PracticePhotosEditor({ record, onReload }: { record: PracticeRecord; onReload: () => void }) {
  const change = useChangePracticePhotos(record);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [said, setSaid] = useState('');
  const photos = record.photos;
  const busy = change.isPending;

  const run = async (c: PracticePhotoChange, done: string): Promise<boolean> => {
    setError(null);
    setSaid('');
    try {
      await change.mutateAsync(c);
      setSaid(done);
      return true;
    } catch (err) {
      setError({ text: errorMessage(err), stale: err instanceof ApiError && err.code === 'PRACTICE_CHANGED' });
      return false;
    }
  };

  return (
    <section className="card practice-section" aria-labelledby="pp-heading">
      <h2 id="pp-heading" ref={headingRef} tabIndex={-1}>
        照片
      </h2>
      <p className="muted vp-intro">案例发布后，照片显示在门户的案例页上。上传和删除立即生效，不用点「保存」。最多 {L.photos} 张，也可以不放照片。</p>
      {photos.length === 0 ? (
        <p>还没有照片。</p>
      ) : (
        <ol className="vp-list" aria-labelledby="pp-heading">
          {photos.map((p, i) => (
            <li key={p.fileId} className="vp-item">
              <img className="vp-thumb" src={p.url} alt={p.alt} width={p.width} height={p.height} />
              <div className="vp-about">
                <p className="vp-position">第 {i + 1} 张</p>
                <p style={{ margin: '0 0 8px' }}>{p.alt}</p>
                <Button
                  danger
                  disabled={busy}
                  aria-label={`删除第 ${i + 1} 张照片「${p.alt}」`}
                  onClick={async () => {
                    if (await run({ kind: 'remove', fileId: p.fileId }, `已删除照片「${p.alt}」`)) headingRef.current?.focus();
                  }}
                >
                  删除
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <ErrorAlert
          title={error.text}
          description={
            error.stale ? (
              <Button onClick={onReload} style={{ marginTop: 8 }}>
                载入最新内容
              </Button>
            ) : undefined
          }
          style={{ margin: '12px 0' }}
        />
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {photos.length >= L.photos ? (
        <p className="vp-full">已有 {L.photos} 张照片，达到上限：删除一张后才能再上传。</p>
      ) : (
        <PhotoUpload busy={busy} limits={LIMITS} placeholder="如：帮办代办员上门为老人办理高龄津贴" note="涉及群众肖像的，请事先征得本人同意。" onUpload={(file, alt) => run({ kind: 'add', file, alt }, `照片「${alt}」已上传，共 ${photos.length + 1} 张`)} />
      )}
    </section>
  );
}
