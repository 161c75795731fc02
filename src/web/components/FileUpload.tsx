/**
 * One upload control for a citizen's files — the application's materials, the form's attachment
 * fields and 补正 — built for a phone: a large labelled 「拍照或选择文件」 button (a visually hidden
 * native file input, so the keyboard, screen readers and Playwright's setInputFiles reach the real
 * control), a thumbnail of each photo, a file icon and name for PDF/OFD, a busy line while a file
 * goes up, and a short 「删除」 whose name says what it deletes (删除 身份证正面.jpg).
 *
 * Phones and the camera: the main input takes photos and files alike (no `capture`): iOS Safari
 * offers 拍照 / 照片图库 / 选取文件 for it, and Android browsers offer the camera for inputs that
 * accept images — but on recent Android versions an image input may open the photo picker, which
 * has no camera. So on touch screens a second 「拍照」 button opens the camera itself
 * (`capture="environment"`, the back camera); a desktop, where `capture` means nothing, does not show it.
 *
 * The server checks every file's type by its content and its size (≤ 20 MB) and says what is wrong;
 * here only the size is checked first, with the server's words, so nobody waits for 30 MB to go up
 * over a phone connection to be told.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useMediaQuery } from './useMediaQuery.js';
import './FileUpload.css';

export interface UploadedFile {
  id: string;
  name: string;
  /** the type the server found (image/jpeg, application/pdf…), when known */
  mime?: string;
}

/** What the main input offers: photos and the file types the server takes (PDF, JPG, PNG, OFD). */
export const UPLOAD_ACCEPT = 'image/jpeg,image/png,.jpg,.jpeg,.png,application/pdf,.pdf,.ofd,application/ofd';
/** The largest file the server takes (files module MAX_UPLOAD_BYTES), and its words when one is larger. */
const MAX_BYTES = 20 * 1024 * 1024;
const TOO_LARGE = '文件不能超过 20 MB';

/**
 * Files uploaded on this page, by their upload id: a thumbnail needs the file itself (uploads are
 * private; a photo is never fetched back). Kept while the page lives, so going back a step still
 * shows the photos; a removed file is forgotten.
 */
const localFiles = new Map<string, File>();

type Kind = 'image' | 'pdf' | 'ofd' | 'other';
function kindOf(name: string, mime?: string): Kind {
  const type = mime ?? '';
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (type.startsWith('image/') || ['jpg', 'jpeg', 'png'].includes(ext)) return 'image';
  if (type === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (type === 'application/ofd' || ext === 'ofd') return 'ofd';
  return 'other';
}
const KIND_WORDS: Record<Kind, string> = { image: '照片', pdf: 'PDF 文件', ofd: 'OFD 文件', other: '文件' };

export interface FileUploadProps {
  /** the id of the main file input (the camera's is `${id}-camera`) */
  id: string;
  /** what the files are (身份证正面): named in the buttons, 拍照或选择文件（身份证正面） */
  purpose: string;
  files: readonly UploadedFile[];
  /** several files (an attachment field); otherwise one, and a new one replaces it */
  multiple?: boolean;
  upload: (file: File) => Promise<UploadedFile>;
  onUploaded: (file: UploadedFile) => void;
  onRemove: (file: UploadedFile) => void;
  disabled?: boolean;
  /** ids of the field's help and error, for the inputs' descriptions */
  describedBy?: string;
  invalid?: boolean;
  /** what the main input offers (by default UPLOAD_ACCEPT: photos, PDF and OFD) */
  accept?: string;
  /** the line under the buttons saying what may be chosen (by default photos, PDF, OFD, ≤ 20 MB) */
  hint?: string;
  /** where a file already on the server can be shown as a thumbnail (one uploaded on an earlier visit) */
  thumbnailUrl?: (file: UploadedFile) => string | undefined;
}

export function FileUpload({ id, purpose, files, multiple = false, upload, onUploaded, onRemove, disabled, describedBy, invalid, accept = UPLOAD_ACCEPT, hint, thumbnailUrl }: FileUploadProps) {
  const hintId = useId();
  const problemId = `${id}-problem`;
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const mainRef = useRef<HTMLInputElement>(null);
  // A phone or tablet (a finger, not a mouse): the 拍照 button is worth showing.
  const touch = useMediaQuery('(pointer: coarse)');
  const describe = [hintId, describedBy, problem ? problemId : ''].filter(Boolean).join(' ');
  const off = disabled || busy !== null;

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    setProblem('');
    if (file.size > MAX_BYTES) {
      setProblem(`「${file.name}」：${TOO_LARGE}`);
      input.value = '';
      return;
    }
    setBusy(file.name);
    try {
      const uploaded = await upload(file);
      localFiles.set(uploaded.id, file);
      onUploaded({ ...uploaded, mime: uploaded.mime ?? (file.type || undefined) });
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '上传没有成功，请检查网络后重试');
    } finally {
      setBusy(null);
      input.value = '';
    }
  };

  const remove = (f: UploadedFile) => {
    localFiles.delete(f.id);
    setProblem('');
    onRemove(f);
    // The row with its button goes away: the keyboard carries on from the upload button.
    requestAnimationFrame(() => mainRef.current?.focus());
  };

  const replacing = !multiple && files.length > 0;
  return (
    <div className={`file-upload${invalid ? ' file-upload--invalid' : ''}`}>
      {files.length > 0 && (
        <ul className="file-upload__files" aria-label={`已上传（${purpose}）`}>
          {files.map((f) => (
            <li key={f.id} className="file-upload__file">
              <Preview file={f} url={thumbnailUrl?.(f)} />
              <span className="file-upload__about">
                <span className="file-upload__name">{f.name}</span>
                <span className="file-upload__state">已上传 · {KIND_WORDS[kindOf(f.name, f.mime ?? localFiles.get(f.id)?.type)]}</span>
              </span>
              <button type="button" className="bm-btn bm-btn--secondary file-upload__remove" aria-label={`删除 ${f.name}`} disabled={off} onClick={() => remove(f)}>
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="file-upload__actions">
        <input
          ref={mainRef}
          id={id}
          type="file"
          className="visually-hidden file-upload__input"
          accept={accept}
          disabled={off}
          aria-describedby={describe}
          aria-invalid={invalid || problem ? true : undefined}
          onChange={choose}
        />
        <label htmlFor={id} className={`bm-btn bm-btn--primary file-upload__button${off ? ' file-upload__button--off' : ''}`}>
          <CameraIcon />
          {replacing ? '重新拍照或选择文件' : '拍照或选择文件'}
          <span className="visually-hidden">（{purpose}）</span>
        </label>
        {touch && (
          <>
            <input
              id={`${id}-camera`}
              type="file"
              className="visually-hidden file-upload__input"
              accept="image/*"
              capture="environment"
              disabled={off}
              aria-describedby={describe}
              onChange={choose}
            />
            <label htmlFor={`${id}-camera`} className={`bm-btn bm-btn--secondary file-upload__button${off ? ' file-upload__button--off' : ''}`}>
              拍照<span className="visually-hidden">（{purpose}，打开相机）</span>
            </label>
          </>
        )}
      </div>
      <p id={hintId} className="file-upload__hint">
        {replacing ? '新的文件会替换已上传的。' : ''}
        {hint ?? '可以用手机拍照，也可以选 PDF、JPG、PNG、OFD 文件，每个不超过 20 MB。'}
      </p>
      <p className="file-upload__busy" role="status">
        {busy !== null && (
          <>
            <span className="file-upload__spinner" aria-hidden="true" />
            正在上传「{busy}」，请稍候…
          </>
        )}
      </p>
      {problem && (
        <p id={problemId} className="bm-form__error file-upload__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A photo's thumbnail (from the file on this device), else an icon for the file's kind. */
function Preview({ file, url }: { file: UploadedFile; url?: string }) {
  const local = localFiles.get(file.id);
  const kind = kindOf(file.name, file.mime ?? local?.type);
  if (local && kind === 'image') return <Thumbnail file={local} name={file.name} />;
  if (url && kind === 'image') return <img className="file-upload__thumb" src={url} alt={`预览：${file.name}`} />;
  return (
    <span className={`file-upload__icon file-upload__icon--${kind}`} aria-hidden="true">
      <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
        <path d="M6 2h8l5 5v15H6z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        <path d="M14 2v5h5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      </svg>
      <span className="file-upload__icon-text">{kind === 'image' ? '图片' : kind === 'other' ? '文件' : kind.toUpperCase()}</span>
    </span>
  );
}

/** A photo shown from an object URL, which is let go when the thumbnail leaves the page. */
function Thumbnail({ file, name }: { file: File; name: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  // until the address exists, the same box without a picture (an <img> needs a src)
  return url ? <img className="file-upload__thumb" src={url} alt={`预览：${name}`} /> : <span className="file-upload__thumb" aria-hidden="true" />;
}

function CameraIcon() {
  return (
    <svg className="file-upload__camera" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d="M4 8h3l2-3h6l2 3h3v11H4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
