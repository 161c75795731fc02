/**
 * Photos for a record, from the phone's camera: one large 「拍照」 button (a visually hidden
 * `<input type="file" accept="image/*" capture="environment">`, so the keyboard, screen readers and
 * tests reach the real control; on a phone it opens the back camera), a thumbnail of each photo
 * with a 删除 that says which, and how many more fit. Nothing is uploaded here: the photos stay on
 * the phone with their record (the outbox) until it is sent.
 *
 * A camera's JPEG is made small first (admin/preparePhoto: at most 2000 px, drawn again, which also
 * drops its EXIF location): a village's signal takes a few hundred kB, not 5 MB, and the phone's
 * storage holds many records.
 */
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { preparePhoto } from '../admin/preparePhoto.js';
import '../components/FileUpload.css';

export interface PickedPhoto {
  ref: string;
  name: string;
  blob: Blob;
  /** the server's id once uploaded (a record corrected after a refusal keeps its uploaded photos) */
  uploadedId: string | null;
}

/** The server's limit for one photo (assistance HELP_PHOTO_MAX_BYTES). */
const MAX_BYTES = 5 * 1024 * 1024;

export function PhotoPicker({ id, label, photos, max, newRef, onChange, disabled, describedBy, hint }: {
  id: string;
  /** what the photos are of (现场照片): the button and the list name them */
  label: string;
  photos: readonly PickedPhoto[];
  max: number;
  newRef: () => string;
  onChange: (photos: PickedPhoto[]) => void;
  disabled?: boolean;
  describedBy?: string;
  /** what happens to the photos (by default: kept on the phone and sent with the record) */
  hint?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const hintId = useId();
  const problemId = useId();
  const full = photos.length >= max;

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length === 0) return;
    setProblem('');
    setBusy(true);
    const added: PickedPhoto[] = [];
    const problems: string[] = [];
    try {
      for (const file of files) {
        if (photos.length + added.length >= max) {
          problems.push(`每条记录最多 ${max} 张照片`);
          break;
        }
        if (file.type && !file.type.startsWith('image/')) {
          problems.push(`「${file.name}」不是照片`);
          continue;
        }
        const ready = await preparePhoto(file);
        if (ready.size > MAX_BYTES) {
          problems.push(`「${file.name}」太大（不能超过 5 MB）`);
          continue;
        }
        added.push({ ref: newRef(), name: ready.name || file.name || 'photo.jpg', blob: ready, uploadedId: null });
      }
    } finally {
      setBusy(false);
    }
    if (added.length) onChange([...photos, ...added]);
    if (problems.length) setProblem(problems.join('；'));
  };

  return (
    <div className="file-upload helper-photos">
      {photos.length > 0 && (
        <ul className="file-upload__files" aria-label={`${label}（${photos.length} 张）`}>
          {photos.map((p, i) => (
            <li key={p.ref} className="file-upload__file">
              <Thumbnail blob={p.blob} alt={`${label} ${i + 1}`} />
              <span className="file-upload__about">
                <span className="file-upload__name">
                  {label} {i + 1}
                </span>
                <span className="file-upload__state">{p.uploadedId ? '已上传' : '保存在手机上'}</span>
              </span>
              <button
                type="button"
                className="bm-btn bm-btn--secondary file-upload__remove"
                aria-label={`删除 ${label} ${i + 1}`}
                disabled={disabled || busy}
                onClick={() => onChange(photos.filter((x) => x.ref !== p.ref))}
              >
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="file-upload__actions">
        <input
          id={id}
          type="file"
          className="visually-hidden file-upload__input"
          accept="image/*"
          capture="environment"
          multiple
          disabled={disabled || busy || full}
          aria-describedby={[hintId, describedBy, problem ? problemId : ''].filter(Boolean).join(' ')}
          onChange={choose}
        />
        <label htmlFor={id} className={`bm-btn bm-btn--primary file-upload__button helper-photos__button${disabled || busy || full ? ' file-upload__button--off' : ''}`}>
          <CameraIcon />
          {photos.length ? '再拍一张' : '拍照'}
          <span className="visually-hidden">（{label}）</span>
        </label>
      </div>
      <p id={hintId} className="file-upload__hint">
        {full ? `已有 ${max} 张，不能再加。` : (hint ?? `可选。最多 ${max} 张，还可以拍 ${max - photos.length} 张；照片会先保存在手机上，随记录一起上传。`)}
      </p>
      <p className="file-upload__busy" role="status">
        {busy && '正在处理照片…'}
      </p>
      {problem && (
        <p id={problemId} className="helper-error file-upload__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A photo on this phone, shown from an object URL that is let go when the thumbnail leaves. */
export function Thumbnail({ blob, alt, className = 'file-upload__thumb' }: { blob: Blob; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url ? <img className={className} src={url} alt={alt} /> : <span className={className} aria-hidden="true" />;
}

function CameraIcon() {
  return (
    <svg className="file-upload__camera" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d="M4 8h3l2-3h6l2 3h3v11H4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
