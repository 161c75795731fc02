/**
 * Uploading one photo with its description (alt), for the workbench's photo editors (a venue's, a
 * 典型案例's): choose an image, say what it shows, send it — made ready in the browser first
 * (preparePhoto: turned upright, shrunk) and checked against the same limits the server applies.
 */
import { Input } from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { BusyButton } from '../components/BusyButton.js';
import { preparePhoto } from './preparePhoto.js';
import './VenuePhotosEditor.css';

export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

export interface PhotoLimits {
  maxBytes: number;
  altMin: number;
  altMax: number;
}

/** The description's problem, or null: what the server checks, said before anything is sent. */
export function altProblem(alt: string, limits: PhotoLimits): string | null {
  const text = alt.trim();
  if (text.length < limits.altMin) return `请填写照片说明（${limits.altMin} 到 ${limits.altMax} 个字）：这张照片拍的是什么`;
  if (text.length > limits.altMax) return `照片说明不超过 ${limits.altMax} 字`;
  return null;
}

export interface PhotoUploadProps {
  busy: boolean;
  /** true when sent (the form empties) */
  onUpload: (file: File, alt: string) => Promise<boolean>;
  limits: PhotoLimits;
  /** an example description */
  placeholder: string;
  /** said after the file's limits (e.g. about people's consent to be photographed) */
  note?: ReactNode;
}

/** Choose an image, say what it shows, send it (made ready in the browser first: preparePhoto). */
export function PhotoUpload({ busy, onUpload, limits, placeholder, note }: PhotoUploadProps) {
  const MB = limits.maxBytes / 1024 / 1024;
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [problems, setProblems] = useState<{ file?: string; alt?: string }>({});
  const [preparing, setPreparing] = useState(false);
  // the chosen picture from this device, let go when another is chosen or the form leaves the page
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview);
  }, [preview]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = { file: file ? undefined : '请选择一张照片', alt: altProblem(alt, limits) ?? undefined };
    setProblems(found);
    if (found.alt) document.getElementById(`${id}-alt`)?.focus();
    else if (found.file) fileRef.current?.focus();
    if (!file || found.alt) return;
    setPreparing(true);
    const ready = await preparePhoto(file).finally(() => setPreparing(false));
    if (ready.size > limits.maxBytes) {
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
        {/* the input is hidden; its label is the button one sees (and shows where the focus is) */}
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept={PHOTO_ACCEPT}
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
          JPG、PNG 或 WebP 图片，不超过 {MB} MB；较大的照片上传前会自动缩小。{note}
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
          maxLength={limits.altMax}
          showCount
          status={problems.alt ? 'error' : undefined}
          aria-required
          aria-invalid={problems.alt ? true : undefined}
          aria-describedby={`${id}-alt-hint${problems.alt ? ` ${id}-alt-problem` : ''}`}
          onChange={(e) => {
            setAlt(e.target.value);
            if (problems.alt) setProblems((p) => ({ ...p, alt: undefined }));
          }}
          placeholder={placeholder}
        />
        <p id={`${id}-alt-hint`} className="vp-hint">
          写清照片拍的是什么（{limits.altMin} 到 {limits.altMax} 个字）。看不见图片的人会听到这句话。
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
