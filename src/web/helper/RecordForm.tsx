/**
 * A record of the helper's work on a request — 记录联系/上门 (the first contact: by phone or a home
 * visit), 记录进展 (later news, or a later visit), 办结 (the result) — with when it happened
 * (now, unless the helper writes it up later) and photos from the camera.
 *
 * Saving writes it to the phone first (the outbox) and then sends it; without signal it waits
 * there, 待上传, and goes when the connection returns. A record the server refused comes back
 * here to be corrected: it keeps its clientRef and its photos already uploaded.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { serverClockSkew } from '../api/client.js';
import type { HelpTask } from '../api/helperWorkspace.js';
import { chineseDateTime } from '../dates.js';
import '../components/fields.css';
import { HELP_PHOTOS_PER_RECORD } from '../../shared/assistance.js';
import { newPhotoRef, newRecordRef, nextSeq, type OutboxItem } from './offline/outbox.js';
import { putRecord, sendOutbox } from './offline/runtime.js';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.js';
import { chinaInputValue, fromChinaInput } from './words.js';

export type FormKind = 'contact' | 'progress' | 'complete';

export const FORM_TITLES: Record<FormKind, string> = { contact: '记录联系/上门', progress: '记录进展', complete: '办结' };
const SUBMIT: Record<FormKind, string> = { contact: '保存联系记录', progress: '保存进展', complete: '确认办结' };
const NOTE_LABEL: Record<FormKind, string> = { contact: '联系情况', progress: '办理进展', complete: '办理结果' };
const NOTE_HINT: Record<FormKind, string> = {
  contact: '只有工作人员能看到。求助人看到的是「帮办代办员已电话联系／上门走访」。例如：已电话联系，约好明天上午上门。',
  progress: '求助人能看到。例如：材料已收齐，明天送到街道便民服务中心。',
  complete: '求助人能看到。例如：优待证已办好，已送到家中。',
};
const NOTE_MAX = 1000;

/** What happened to a saved record, for the page to say. */
export interface RecordOutcome {
  kind: 'sent' | 'queued' | 'refused' | 'signed-out';
  text: string;
}

export function RecordForm({ task, kind, staffId, editing, onDone, onCancel }: {
  task: HelpTask;
  kind: FormKind;
  staffId: string;
  /** a refused record being corrected */
  editing?: OutboxItem;
  onDone: (outcome: RecordOutcome) => void;
  onCancel: () => void;
}) {
  const base = useId();
  const ids = { method: `${base}-method`, note: `${base}-note`, at: `${base}-at`, photos: `${base}-photos`, visit: `${base}-visit` };
  const [ref] = useState(() => editing?.ref ?? newRecordRef());
  const [method, setMethod] = useState<'phone' | 'visit' | ''>(editing?.method ?? '');
  const [visit, setVisit] = useState(editing?.visit ?? false);
  const [note, setNote] = useState(editing?.note ?? '');
  const [at, setAt] = useState(() => chinaInputValue(editing?.at ?? Date.now() + serverClockSkew()));
  /** the helper changed the time (else the record is dated when it is saved, to the second) */
  const [atGiven, setAtGiven] = useState(editing?.atGiven ?? false);
  const [photos, setPhotos] = useState<PickedPhoto[]>(() => editing?.photos.map((p) => ({ ...p })) ?? []);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof ids, string>>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);

  const check = (): Partial<Record<keyof typeof ids, string>> => {
    const found: Partial<Record<keyof typeof ids, string>> = {};
    if (kind === 'contact' && !method) found.method = '请选择是电话联系还是上门走访';
    if (!note.trim()) found.note = `请填写${NOTE_LABEL[kind]}`;
    else if (note.trim().length > NOTE_MAX) found.note = `${NOTE_LABEL[kind]}不能超过 ${NOTE_MAX} 字`;
    const iso = fromChinaInput(at);
    const serverNow = Date.now() + serverClockSkew();
    // the field shows whole minutes: the minute the request came in counts as after it
    if (!iso) found.at = '请填写时间（年月日和几点几分）';
    else if (Date.parse(iso) > serverNow + 60_000) found.at = '时间不能晚于现在';
    else if (Date.parse(iso) < Date.parse(task.createdAt) - 60_000) found.at = `时间不能早于求助提交的时间（${chineseDateTime(task.createdAt)}）`;
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure('');
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const now = new Date().toISOString();
    const item: OutboxItem = {
      ref, staffId, requestId: task.id, requestNo: task.requestNo, kind,
      ...(kind === 'contact' ? { method: method as 'phone' | 'visit' } : {}),
      ...(kind === 'progress' ? { visit } : {}),
      note: note.trim(), at: whenItHappened(at, atGiven, task.createdAt), atGiven, photos: photos.map((p) => ({ ...p })),
      createdAt: editing?.createdAt ?? now, seq: editing?.seq ?? nextSeq(), state: 'waiting', problem: null,
    };
    setSaving(true);
    try {
      await putRecord(item);
    } catch (err) {
      setSaving(false);
      setFailure(`手机未能保存这条记录（${err instanceof Error ? err.message : String(err)}）。请检查手机存储空间后再试。`);
      return;
    }
    const result = await sendOutbox(staffId);
    setSaving(false);
    const refused = result?.refused.find((i) => i.ref === ref);
    if (result?.sent.some((i) => i.ref === ref)) onDone({ kind: 'sent', text: kind === 'complete' ? '已办结。' : '已保存并上传。' });
    else if (refused) onDone({ kind: 'refused', text: `未能上传：${refused.problem?.message ?? ''}。记录仍保存在手机上，可以修改后重新上传，或放弃。` });
    else if (result?.stopped === 'signed-out') onDone({ kind: 'signed-out', text: '登录已过期，记录已保存在手机上（待上传）。请重新登录，登录后会自动上传。' });
    else onDone({ kind: 'queued', text: '现在连不上网络，记录已保存在手机上（待上传），有网络时会自动上传。' });
  };

  const problems = Object.entries(errors) as [keyof typeof ids, string][];
  const describe = (field: keyof typeof ids, hint?: string) => [hint, errors[field] ? `${ids[field]}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof typeof ids) =>
    errors[field] ? (
      <p id={`${ids[field]}-error`} className="helper-error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="card helper-form" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{editing ? `修改后重新上传：${FORM_TITLES[kind]}` : FORM_TITLES[kind]}</h3>
      {problems.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} className="notice notice--error" role="alert">
          <p>请先改正以下问题：</p>
          <ul>
            {problems.map(([field, text]) => (
              <li key={field}>
                <a
                  href={`#${ids[field]}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    focusField(ids[field]);
                  }}
                >
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {kind === 'contact' && (
        <fieldset id={ids.method} className="radio-group radio-group--stacked" aria-describedby={describe('method')}>
          <legend>联系方式</legend>
          {fieldError('method')}
          {(['phone', 'visit'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name={`${base}-method`} value={m} checked={method === m} onChange={() => setMethod(m)} />
              {m === 'phone' ? '电话联系' : '上门走访'}
            </label>
          ))}
        </fieldset>
      )}
      <div className="helper-field">
        <label htmlFor={ids.note}>{NOTE_LABEL[kind]}</label>
        <p id={`${ids.note}-hint`} className="helper-hint">
          {NOTE_HINT[kind]}
        </p>
        {fieldError('note')}
        <textarea
          id={ids.note}
          className="helper-input"
          rows={4}
          value={note}
          maxLength={NOTE_MAX}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describe('note', `${ids.note}-hint`)}
          onChange={(ev) => setNote(ev.target.value)}
        />
      </div>
      {kind === 'progress' && (
        <p className="helper-field">
          <label className="radio">
            <input id={ids.visit} type="checkbox" checked={visit} onChange={(ev) => setVisit(ev.target.checked)} />
            这次是上门走访
          </label>
        </p>
      )}
      <div className="helper-field">
        <label htmlFor={ids.at}>时间</label>
        <p id={`${ids.at}-hint`} className="helper-hint">
          默认是现在。事后补记时，请改成实际的时间。
        </p>
        {fieldError('at')}
        <input
          id={ids.at}
          type="datetime-local"
          className="helper-input"
          value={at}
          max={chinaInputValue(Date.now() + serverClockSkew() + 60_000)}
          aria-invalid={errors.at ? true : undefined}
          aria-describedby={describe('at', `${ids.at}-hint`)}
          onChange={(ev) => {
            setAt(ev.target.value);
            setAtGiven(true);
          }}
        />
      </div>
      <div className="helper-field">
        <p className="helper-label" id={`${ids.photos}-label`}>
          照片
        </p>
        <PhotoPicker
          id={ids.photos}
          label="现场照片"
          photos={photos}
          max={HELP_PHOTOS_PER_RECORD}
          newRef={() => newPhotoRef(ref)}
          onChange={setPhotos}
          disabled={saving}
          describedBy={`${ids.photos}-label`}
        />
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="bm-btn bm-btn--primary" disabled={saving}>
          {saving ? '正在保存…' : SUBMIT[kind]}
        </button>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={onCancel} disabled={saving}>
          取消
        </button>
      </div>
    </form>
  );
}

/**
 * The record's time: the moment it is saved, unless the helper wrote one in (whole minutes: within
 * the minute the request came in, the request's own second, which the server requires it not to precede).
 */
function whenItHappened(value: string, given: boolean, requestCreatedAt: string): string {
  const now = new Date(Date.now() + serverClockSkew()).toISOString();
  if (!given) return now < requestCreatedAt ? requestCreatedAt : now;
  const iso = fromChinaInput(value)!;
  return iso < requestCreatedAt ? requestCreatedAt : iso;
}

/** Moves to a field from the problem list: the field itself, or the first choice of a group. */
function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const control = el.matches('input, textarea, select') ? el : el.querySelector<HTMLElement>('input:checked, input, textarea, select');
  el.scrollIntoView({ block: 'center' });
  (control ?? el).focus({ preventScroll: true });
}
