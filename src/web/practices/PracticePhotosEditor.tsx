/**
 * 照片 of a practice the place may still change: the photos in the order the portal shows them, each
 * with its description and 删除, and below an upload that asks first what the photo shows — the
 * words a screen reader reads instead of it. Every change takes effect at once, from the version
 * this page holds (409 when someone else changed the practice meanwhile: a button loads it again).
 * Photos are public once the city publishes the practice.
 */
import { Button, Input } from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { PRACTICE_LIMITS as L } from '../../shared/practices.js';
import { ApiError, errorMessage } from '../api/client.js';
import { useChangePracticePhotos, type PracticePhotoChange, type PracticeRecord } from '../api/practices.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { preparePhoto } from '../admin/preparePhoto.js';
import '../admin/VenuePhotosEditor.css';

const ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';
const MB = L.photoBytes / 1024 / 1024;

function altProblem(alt: string): string | null {
  const text = alt.trim();
  if (text.length < L.altMin) return `请填写照片说明（${L.altMin} 到 ${L.altMax} 个字）：这张照片拍的是什么`;
  if (text.length > L.altMax) return `照片说明不超过 ${L.altMax} 字`;
  return null;
}

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
        <PhotoUpload busy={busy} onUpload={(file, alt) => run({ kind: 'add', file, alt }, `照片「${alt}」已上传，共 ${photos.length + 1} 张`)} />
      )}
    </section>
  );
}

function PhotoUpload({ busy, onUpload }: { busy: boolean; onUpload: (file: File, alt: string) => Promise<boolean> }) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [problems, setProblems] = useState<{ file?: string; alt?: string }>({});
  const [preparing, setPreparing] = useState(false);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = { file: file ? undefined : '请选择一张照片', alt: altProblem(alt) ?? undefined };
    setProblems(found);
    if (found.alt) document.getElementById(`${id}-alt`)?.focus();
    else if (found.file) fileRef.current?.focus();
    if (!file || found.alt) return;
    setPreparing(true);
    const ready = await preparePhoto(file).finally(() => setPreparing(false));
    if (ready.size > L.photoBytes) {
      setProblems({ file: `照片不能超过 ${MB} MB，请缩小后再上传` });
      return;
    }
    if (await onUpload(ready, alt.trim())) {
      setFile(null);
      setAlt('');
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const working = busy || preparing;
  return (
    <form className="vp-upload" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${id}-title`} className="vp-upload__title">
        上传照片
      </h3>
      <div className="vp-field">
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          className="visually-hidden vp-file-input"
          disabled={working}
          aria-describedby={`${id}-file-hint${problems.file ? ` ${id}-file-problem` : ''}`}
          aria-invalid={problems.file ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblems((p) => ({ ...p, file: undefined }));
          }}
        />
        <div className="vp-file-row">
          <label htmlFor={`${id}-file`} className="vp-file-button">
            选择照片
          </label>
          <span className="vp-file-name">{file ? file.name : '未选择照片'}</span>
        </div>
        <p id={`${id}-file-hint`} className="vp-hint">
          JPG、PNG 或 WebP 图片，不超过 {MB} MB；较大的照片上传前会自动缩小。涉及群众肖像的，请事先征得本人同意。
        </p>
        {problems.file && (
          <p id={`${id}-file-problem`} className="vp-problem">
            {problems.file}
          </p>
        )}
        {preview && <img className="vp-thumb vp-thumb--preview" src={preview} alt="" />}
      </div>
      <div className="vp-field">
        <label htmlFor={`${id}-alt`} className="vp-label">
          照片说明（必填）
        </label>
        <Input
          id={`${id}-alt`}
          value={alt}
          maxLength={L.altMax}
          showCount
          status={problems.alt ? 'error' : undefined}
          aria-required
          aria-invalid={problems.alt ? true : undefined}
          aria-describedby={`${id}-alt-hint${problems.alt ? ` ${id}-alt-problem` : ''}`}
          onChange={(e) => {
            setAlt(e.target.value);
            if (problems.alt) setProblems((p) => ({ ...p, alt: undefined }));
          }}
          placeholder="如：帮办代办员上门为老人办理高龄津贴"
        />
        <p id={`${id}-alt-hint`} className="vp-hint">
          写清照片拍的是什么（{L.altMin} 到 {L.altMax} 个字）。看不见图片的人会听到这句话。
        </p>
        {problems.alt && (
          <p id={`${id}-alt-problem`} className="vp-problem">
            {problems.alt}
          </p>
        )}
      </div>
      <BusyButton type="primary" htmlType="submit" busy={working} busyText={preparing ? '正在处理照片…' : '正在上传…'}>
        上传照片
      </BusyButton>
    </form>
  );
}
