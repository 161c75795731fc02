/**
 * Renders an item's application form (src/shared/forms.ts) as plain, accessible HTML: every control
 * has a visible label, help and errors are tied to it with aria-describedby, choices and tables are
 * fieldsets. Used by the citizen's application page, the window intake page and the form designer's
 * live preview, so all three show the same thing.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useRegionChildren } from '../api/regions.js';
import { FileUpload, type UploadedFile } from '../components/FileUpload.js';
import {
  tableProblems, tableRowWords, visibleFields, type AddressValue, type FormColumn, type FormDefinition, type FormField, type FormValue, type FormValues, type TableRow,
} from '../../shared/forms.js';
import '../components/fields.css';
import './FormRenderer.css';

export type { UploadedFile };

export interface FormRendererProps {
  /** the fields to draw (a definition's eligibility rules are not the renderer's) */
  definition: Pick<FormDefinition, 'fields'>;
  values: FormValues;
  onChange: (values: FormValues) => void;
  /** problems by field key (without the `formData.` prefix) */
  errors?: Record<string, string>;
  /** fields filled automatically, with where the value came from (e.g. 取自个人资料) */
  prefilled?: Record<string, string>;
  disabled?: boolean;
  /** uploads one attachment; without it attachment fields are shown read-only */
  uploadFile?: (file: File) => Promise<UploadedFile>;
  /** names of files already attached (by id), e.g. from a saved draft */
  fileNames?: Record<string, string>;
  /** prefix for element ids when two renderers share a page */
  idPrefix?: string;
}

export function FormRenderer(props: FormRendererProps) {
  const { definition, values, onChange, errors = {}, prefilled = {}, disabled, idPrefix } = props;
  const autoId = useId();
  const base = idPrefix ?? `f${autoId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const fields = visibleFields(definition, values);
  if (definition.fields.length === 0) return null;

  const set = (key: string, value: FormValue) => {
    if (!edited.has(key)) setEdited(new Set(edited).add(key));
    onChange({ ...withoutHidden(definition, { ...values, [key]: value }) });
  };

  return (
    <div className="bm-form">
      {fields.map((f) => (
        <FieldView
          key={f.key}
          field={f}
          id={`${base}-${f.key}`}
          value={values[f.key]}
          error={errors[f.key]}
          prefilledFrom={!edited.has(f.key) ? prefilled[f.key] : undefined}
          disabled={disabled}
          onChange={(v) => set(f.key, v)}
          uploadFile={props.uploadFile}
          fileNames={props.fileNames}
        />
      ))}
    </div>
  );
}

/** Answers to fields that a changed choice has hidden are dropped, so what is sent is what is shown. */
function withoutHidden(def: Pick<FormDefinition, 'fields'>, values: FormValues): FormValues {
  const shown = new Set(visibleFields(def, values).map((f) => f.key));
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    const known = def.fields.some((f) => f.key === k);
    if (!known || shown.has(k)) out[k] = v;
  }
  return out;
}

interface FieldViewProps {
  field: FormField;
  id: string;
  value: FormValue | undefined;
  error?: string;
  prefilledFrom?: string;
  disabled?: boolean;
  onChange: (value: FormValue) => void;
  uploadFile?: (file: File) => Promise<UploadedFile>;
  fileNames?: Record<string, string>;
}

function FieldView(p: FieldViewProps) {
  const { field: f, id, error } = p;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const fillId = `${id}-filled`;
  const describedBy = [f.help ? helpId : '', p.prefilledFrom ? fillId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const notes = (
    <>
      {f.help && <p id={helpId} className="bm-form__help">{f.help}</p>}
      {p.prefilledFrom && <p id={fillId} className="bm-form__filled">已自动填充：{p.prefilledFrom}，请核对</p>}
      {error && <p id={errorId} className="bm-form__error" role="alert">{error}</p>}
    </>
  );
  const labelText = (
    <>
      {f.label}
      {f.required ? <span className="bm-form__required">（必填）</span> : <span className="bm-form__optional">（选填）</span>}
    </>
  );
  const common = { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': describedBy, disabled: p.disabled };

  if (f.type === 'choice' || f.type === 'multi_choice' || f.type === 'address' || f.type === 'table' || f.type === 'attachment') {
    // A group marks only the control that is wrong (an ID number in the table's second row, the
    // address's street): its children say which, from the answer itself.
    return (
      <fieldset className={`bm-form__field bm-form__group${error ? ' bm-form__field--invalid' : ''}`} aria-describedby={describedBy} data-field={f.key}>
        <legend>{labelText}</legend>
        {notes}
        {f.type === 'choice' && <Choice {...p} />}
        {f.type === 'multi_choice' && <MultiChoice {...p} />}
        {f.type === 'address' && <Address {...p} />}
        {f.type === 'table' && <Table {...p} errorId={errorId} />}
        {f.type === 'attachment' && <Attachment {...p} />}
      </fieldset>
    );
  }

  let control: ReactNode;
  const text = typeof p.value === 'string' ? p.value : p.value === undefined || p.value === null ? '' : String(p.value);
  switch (f.type) {
    case 'textarea':
      control = <textarea id={id} rows={4} value={text} maxLength={f.maxLength ?? 2000} placeholder={f.placeholder || undefined} onChange={(e) => p.onChange(e.target.value)} {...common} />;
      break;
    case 'number':
      control = <NumberInput id={id} value={p.value} onChange={p.onChange} placeholder={f.placeholder} common={common} />;
      break;
    case 'date':
      control = <input id={id} type="date" value={text} onChange={(e) => p.onChange(e.target.value || null)} {...common} />;
      break;
    case 'id_number':
      control = <input id={id} type="text" inputMode="text" autoComplete="off" maxLength={18} spellCheck={false} value={text} placeholder={f.placeholder || '18 位身份证号码'} onChange={(e) => p.onChange(e.target.value.trim().toUpperCase())} {...common} />;
      break;
    case 'phone':
      control = <input id={id} type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={text} placeholder={f.placeholder || '11 位手机号码'} onChange={(e) => p.onChange(e.target.value.replace(/\D/g, ''))} {...common} />;
      break;
    default:
      control = <input id={id} type="text" value={text} maxLength={f.maxLength ?? 200} placeholder={f.placeholder || undefined} onChange={(e) => p.onChange(e.target.value)} {...common} />;
  }
  return (
    <div className={`bm-form__field${error ? ' bm-form__field--invalid' : ''}`} data-field={f.key}>
      <label htmlFor={id}>{labelText}</label>
      {notes}
      {control}
    </div>
  );
}

/** A number typed as text (phones' number keypads are unreliable with type=number); sent as a number. */
function NumberInput({ id, value, onChange, placeholder, common }: { id: string; value: FormValue | undefined; onChange: (v: FormValue) => void; placeholder: string; common: object }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  // The typed text wins while it stands for the value (e.g. "12." while typing 12.5); a value set
  // from outside (prefill, a draft, the form cleared) replaces it.
  const shown = typeof value === 'number' ? (Number(text) === value && text !== '' ? text : String(value)) : typeof value === 'string' ? text : '';
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      value={shown}
      placeholder={placeholder || undefined}
      onChange={(e) => {
        const raw = e.target.value.replace(/[^\d.-]/g, '');
        setText(raw);
        const n = Number(raw);
        onChange(raw === '' ? null : Number.isFinite(n) && raw !== '-' && raw !== '.' ? n : raw);
      }}
      {...common}
    />
  );
}

function Choice({ field: f, id, value, onChange, disabled, error }: FieldViewProps) {
  if (f.options.length > 6) {
    return (
      <select id={id} aria-label={f.label} aria-invalid={error ? true : undefined} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">请选择</option>
        {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  }
  return (
    <div className="radio-group">
      {f.options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={id} value={o.value} checked={value === o.value} disabled={disabled} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

function MultiChoice({ field: f, id, value, onChange, disabled }: FieldViewProps) {
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  return (
    <div className="radio-group">
      {f.options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="checkbox"
            name={id}
            value={o.value}
            checked={chosen.includes(o.value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

function Address({ id, value, onChange, disabled, field, error }: FieldViewProps) {
  const a: AddressValue = value && typeof value === 'object' && !Array.isArray(value) ? (value as AddressValue) : { regionCode: '', regionName: '', detail: '' };
  const county = useRegionChildren(undefined);
  const countyCode = county.data?.[0]?.code;
  const towns = useRegionChildren(countyCode, Boolean(countyCode));
  const townCode = a.regionCode.slice(0, 9);
  const villages = useRegionChildren(townCode || undefined, townCode.length === 9);
  const townName = towns.data?.find((t) => t.code === townCode)?.name ?? '';
  // The part that is wrong: no place chosen, else the street and number.
  const wrong = !error ? null : townCode ? 'detail' : 'town';
  const update = (regionCode: string, detail = a.detail) => {
    const town = towns.data?.find((t) => t.code === regionCode.slice(0, 9));
    const village = regionCode.length === 12 ? villages.data?.find((v) => v.code === regionCode) : undefined;
    onChange({ regionCode, regionName: `${town?.name ?? ''}${village?.name ?? ''}`, detail });
  };
  return (
    <div className="bm-form__address">
      <label htmlFor={`${id}-town`}>镇（街道）</label>
      <select id={`${id}-town`} value={townCode} disabled={disabled} aria-invalid={wrong === 'town' ? true : undefined} onChange={(e) => update(e.target.value)}>
        <option value="">请选择镇（街道）</option>
        {towns.data?.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
      </select>
      <label htmlFor={`${id}-village`}>村（社区）</label>
      <select id={`${id}-village`} value={a.regionCode.length === 12 ? a.regionCode : ''} disabled={disabled || !townCode} onChange={(e) => update(e.target.value || townCode)}>
        <option value="">{townCode ? `${townName}（不选村、社区）` : '请先选择镇（街道）'}</option>
        {villages.data?.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
      </select>
      <label htmlFor={`${id}-detail`}>详细地址（{field.label}）</label>
      <input id={`${id}-detail`} type="text" maxLength={200} value={a.detail} placeholder="街道、门牌号" disabled={disabled} autoComplete="address-line1" aria-invalid={wrong === 'detail' ? true : undefined} onChange={(e) => onChange({ ...a, detail: e.target.value })} />
    </div>
  );
}

/**
 * 表格: one fieldset per row, named as people say it (第 1 位家庭成员), with 添加家庭成员 below. When
 * the field has a problem, the cells that are wrong (and only those) are marked and say why.
 */
function Table({ field: f, id, value, onChange, disabled, error, errorId }: FieldViewProps & { errorId: string }) {
  const rows = Array.isArray(value) ? (value as TableRow[]) : [];
  const addRef = useRef<HTMLButtonElement>(null);
  const words = tableRowWords(f);
  const problems = error ? tableProblems(f, rows) : [];
  const setCell = (i: number, key: string, v: string | number | null) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const full = rows.length >= f.maxRows;
  // a person's row is named by its name cell, when there is one (删除第 2 位家庭成员（李四）)
  const nameColumn = f.columns.find((c) => c.type === 'text' && c.label.includes('姓名'));
  return (
    <div className="bm-form__table">
      {rows.length === 0 && <p className="bm-form__help">还没有填写，请点「{words.add}」。</p>}
      <ol className="bm-form__rows">
        {rows.map((row, i) => {
          const who = nameColumn && typeof row[nameColumn.key] === 'string' && String(row[nameColumn.key]).trim() ? `（${String(row[nameColumn.key]).trim()}）` : '';
          const rowProblem = problems.find((p) => p.row === i && p.column === null);
          return (
            <li key={i} className="bm-form__row">
              <fieldset aria-describedby={rowProblem ? errorId : undefined}>
                <legend>{words.row(i)}</legend>
                {f.columns.map((c) => {
                  const problem = problems.find((p) => p.row === i && p.column === c.key);
                  return (
                    <Cell key={c.key} column={c} id={`${id}-${i}-${c.key}`} value={row[c.key]} disabled={disabled} problem={problem ? `${words.ordinal(i)}${problem.message}` : undefined} onChange={(v) => setCell(i, c.key, v)} />
                  );
                })}
                <button
                  type="button"
                  className="bm-btn bm-btn--secondary bm-form__remove"
                  aria-label={`删除${words.row(i)}${who}`}
                  disabled={disabled}
                  onClick={() => {
                    onChange(rows.filter((_, j) => j !== i));
                    requestAnimationFrame(() => addRef.current?.focus());
                  }}
                >
                  删除
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button ref={addRef} type="button" className="bm-btn bm-btn--secondary" disabled={disabled || full} onClick={() => onChange([...rows, {}])}>
        {words.add}{full ? `（最多 ${f.maxRows} ${words.unit}）` : ''}
      </button>
    </div>
  );
}

function Cell({ column: c, id, value, disabled, problem, onChange }: {
  column: FormColumn; id: string; value: string | number | null | undefined; disabled?: boolean; problem?: string; onChange: (v: string | number | null) => void;
}) {
  const label = `${c.label}${c.required ? '（必填）' : ''}`;
  const text = value === undefined || value === null ? '' : String(value);
  const problemId = `${id}-error`;
  const marks = problem ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {};
  let control: ReactNode;
  if (c.type === 'choice') {
    control = (
      <select id={id} value={text} disabled={disabled} {...marks} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">请选择</option>
        {c.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    );
  } else if (c.type === 'number') {
    control = (
      <input id={id} type="text" inputMode="decimal" value={text} disabled={disabled} {...marks} onChange={(e) => {
        const raw = e.target.value.replace(/[^\d.-]/g, '');
        const n = Number(raw);
        onChange(raw === '' ? null : Number.isFinite(n) ? n : raw);
      }} />
    );
  } else {
    const type = c.type === 'date' ? 'date' : c.type === 'phone' ? 'tel' : 'text';
    control = (
      <input id={id} type={type} value={text} disabled={disabled} {...marks} maxLength={c.type === 'id_number' ? 18 : c.type === 'phone' ? 11 : 200}
        inputMode={c.type === 'phone' ? 'numeric' : undefined} autoComplete={c.type === 'id_number' ? 'off' : undefined} spellCheck={c.type === 'id_number' ? false : undefined}
        onChange={(e) => onChange(c.type === 'id_number' ? e.target.value.trim().toUpperCase() : e.target.value)} />
    );
  }
  return (
    <div className={`bm-form__cell${problem ? ' bm-form__cell--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {problem && <p id={problemId} className="bm-form__error">{problem}</p>}
    </div>
  );
}

/** 附件: the shared upload control (several files); read-only names where nothing can be uploaded (previews without an upload). */
function Attachment({ id, field, value, onChange, disabled, error, uploadFile, fileNames = {} }: FieldViewProps) {
  const ids = Array.isArray(value) ? (value as string[]) : [];
  const [known, setKnown] = useState<Record<string, UploadedFile>>({});
  const files = ids.map((fileId) => known[fileId] ?? { id: fileId, name: fileNames[fileId] ?? '已上传的文件' });
  // An upload ends seconds after it began: it adds to the answers as they are then (the person may have typed meanwhile).
  const latest = useRef({ ids, onChange });
  useEffect(() => {
    latest.current = { ids, onChange };
  });
  if (!uploadFile) {
    return files.length ? <ul className="bm-form__files">{files.map((f) => <li key={f.id}>{f.name}</li>)}</ul> : null;
  }
  return (
    <FileUpload
      id={`${id}-file`}
      purpose={field.label}
      files={files}
      multiple
      upload={uploadFile}
      onUploaded={(f) => {
        setKnown((k) => ({ ...k, [f.id]: f }));
        latest.current.onChange([...latest.current.ids, f.id]);
      }}
      onRemove={(f) => onChange(ids.filter((x) => x !== f.id))}
      disabled={disabled}
      invalid={Boolean(error)}
    />
  );
}
