import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { useRegionChildren } from '../../api/regions.js';
import { placeLabel, type Place } from './place.js';
import '../../components/fields.css';
import './PlacePicker.css';

interface PlacePickerProps {
  /** The place in effect now (null = 全市 / not chosen). */
  value: Place | null;
  onConfirm: (place: Place | null) => void;
  /** A guide's level: a village item needs a village, a town item a town. */
  require?: 'town' | 'village';
  /** Offers 清除 (back to 全市). */
  allowClear?: boolean;
  /** Shown before the current place, e.g. 当前地点 / 办理地点. */
  currentLabel?: string;
  /** Shown when no place is chosen. */
  emptyText?: string;
  /** Wording of the button that opens the choice. */
  openLabel?: string;
  defaultOpen?: boolean;
  /** A place the choice starts from without it being in effect (e.g. where the person applied before). */
  initial?: Place | null;
}

/**
 * Chooses a town, then (optionally) a village, from /api/v1/regions with two native selects —
 * the most dependable control on phones and with screen readers. Nothing happens until 确定.
 */
export function PlacePicker({ value, onConfirm, require, allowClear = true, currentLabel = '当前地点', emptyText = '全市（未选择镇村）', openLabel, defaultOpen = false, initial = null }: PlacePickerProps) {
  const id = useId();
  const [open, setOpen] = useState(defaultOpen);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const county = useRegionChildren(undefined);
  const countyCode = county.data?.[0]?.code;
  const towns = useRegionChildren(countyCode, Boolean(countyCode));
  const start = value ?? initial;
  const [town, setTown] = useState(start?.townCode ?? '');
  const [village, setVillage] = useState(start?.level === 'village' ? start.code : '');
  const [problem, setProblem] = useState('');
  const wantVillage = require !== 'town';
  const villages = useRegionChildren(town || undefined, Boolean(town) && wantVillage);

  const panelId = `${id}-panel`;
  const errorId = `${id}-error`;
  const townName = towns.data?.find((t) => t.code === town)?.name ?? '';

  const close = () => {
    setOpen(false);
    setProblem('');
    // The panel goes away: focus returns to the button that opened it.
    requestAnimationFrame(() => toggleRef.current?.focus());
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!town) {
      if (require) {
        setProblem(require === 'village' ? '请先选择镇（街道），再选择村（社区）' : '请选择镇（街道）');
        return;
      }
      onConfirm(null);
      close();
      return;
    }
    if (require === 'village' && !village) {
      setProblem('这个事项在村（社区）便民服务站办理，请选择村（社区）');
      return;
    }
    const v = wantVillage && village ? villages.data?.find((x) => x.code === village) : undefined;
    const place: Place = v
      ? { code: v.code, name: v.name, level: 'village', townCode: town, townName }
      : { code: town, name: townName, level: 'town', townCode: town, townName };
    onConfirm(place);
    close();
  };

  const toggleText = openLabel ?? (value ? '更换地点' : '选择所在镇村');

  return (
    <div className="place-picker">
      <p className="place-picker__current">
        <span className="place-picker__label">{currentLabel}：</span>
        <strong>{value ? placeLabel(value) : emptyText}</strong>
      </p>
      <button
        ref={toggleRef}
        type="button"
        className="bm-btn bm-btn--secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (open) return close();
          // Start from the place in effect now (or the one suggested).
          setTown(start?.townCode ?? '');
          setVillage(start?.level === 'village' ? start.code : '');
          setOpen(true);
        }}
      >
        {open ? '收起地点选择' : toggleText}
      </button>
      <div id={panelId} hidden={!open} className="place-picker__panel">
        {open && (
          <form onSubmit={submit} noValidate>
            <fieldset>
              <legend>{require === 'village' ? '选择办理的村（社区）' : require === 'town' ? '选择办理的镇（街道）' : '选择所在镇村'}</legend>
              {county.isError && (
                <p role="alert" className="status status--error">
                  地区列表加载失败：{errorMessage(county.error)}
                </p>
              )}
              {towns.isError && (
                <p role="alert" className="status status--error">
                  镇（街道）列表加载失败：{errorMessage(towns.error)}
                </p>
              )}
              <div className="field">
                <label htmlFor={`${id}-town`}>镇（街道）</label>
                <select
                  id={`${id}-town`}
                  className="bm-control"
                  value={town}
                  aria-describedby={problem ? errorId : undefined}
                  aria-invalid={problem && !town ? true : undefined}
                  onChange={(e) => {
                    setTown(e.target.value);
                    setVillage('');
                    setProblem('');
                  }}
                >
                  <option value="">{require ? '请选择镇（街道）' : '全市（不限镇街）'}</option>
                  {towns.data?.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              {wantVillage && town && (
                <div className="field">
                  <label htmlFor={`${id}-village`}>村（社区）</label>
                  <select
                    id={`${id}-village`}
                    className="bm-control"
                    value={village}
                    aria-describedby={problem ? errorId : undefined}
                    aria-invalid={problem && town && !village ? true : undefined}
                    aria-busy={villages.isPending || undefined}
                    onChange={(e) => {
                      setVillage(e.target.value);
                      setProblem('');
                    }}
                  >
                    <option value="">{require === 'village' ? '请选择村（社区）' : `不选村（社区），只看${townName}`}</option>
                    {villages.data?.map((v) => (
                      <option key={v.code} value={v.code}>
                        {v.name}
                      </option>
                    ))}
                  </select>
                  {villages.isPending && <p className="muted">正在加载村（社区）…</p>}
                  {villages.isError && (
                    <p role="alert" className="status status--error">
                      村（社区）列表加载失败：{errorMessage(villages.error)}
                    </p>
                  )}
                </div>
              )}
              {problem && (
                <p id={errorId} role="alert" className="status status--error">
                  {problem}
                </p>
              )}
              <div className="button-row">
                <button type="submit" className="bm-btn bm-btn--primary">
                  确定
                </button>
                {allowClear && value && (
                  <button
                    type="button"
                    className="bm-btn bm-btn--secondary"
                    onClick={() => {
                      setTown('');
                      setVillage('');
                      onConfirm(null);
                      close();
                    }}
                  >
                    清除，查看全市
                  </button>
                )}
              </div>
            </fieldset>
          </form>
        )}
      </div>
    </div>
  );
}
