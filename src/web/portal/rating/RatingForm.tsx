/**
 * 好差评's form, for the citizen's own case (我的办件) and for a rating link (/rate): the overall
 * level as five big labelled choices (a native radio group: arrow keys move, Space picks), the
 * other dimensions behind 「分项评价（可选）」, the tags as check boxes drawn as chips (what was
 * good for 非常满意 … 基本满意, the reasons for a 差评), words, and the server's refusals in its
 * own Chinese. A 差评 needs a reason or words: the server decides, the form shows where.
 */
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { useRate, type RateInput, type RateResult, type RatingState, type RatingTerminal } from '../../api/ratings.js';
import {
  BAD_RATING_TAGS, GOOD_RATING_TAGS, isBadLevel, RATING_LEVEL_CODES, RATING_LEVELS, SHANDONG_SCORE, type RatingLevel,
} from '../../../shared/ratings.js';
import { withoutEndMark } from '../../../shared/text.js';
import '../../components/fields.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './rating.css';

/** Refusals that mean the page is out of date: the panel says so and shows where the rating stands now. */
const STALE = new Set(['RATING_ALREADY_GIVEN', 'RATING_WINDOW_CLOSED', 'CASE_NOT_HANDLED', 'RATING_LINK_INVALID', 'RATING_STATE_CHANGED', 'CASE_NOT_FOUND']);

/** Phones and narrow windows rate as 移动端, the rest as 电脑端. */
const NARROW = '(max-width: 767.98px)';

/** A face for the eye only (the words say the level): a smile that turns into a frown. */
const MOUTH: Record<RatingLevel, string> = {
  very_satisfied: 'M12 24 Q20 33 28 24',
  satisfied: 'M13 25 Q20 30 27 25',
  basic: 'M13 27 L27 27',
  dissatisfied: 'M13 29 Q20 25 27 29',
  very_dissatisfied: 'M12 31 Q20 22 28 31',
};

function Face({ level }: { level: RatingLevel }) {
  return (
    <svg className="rating-level__face" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="17" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <circle cx="14" cy="16" r="2.2" fill="currentColor" />
      <circle cx="26" cy="16" r="2.2" fill="currentColor" />
      <path d={MOUTH[level]} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

const focusFirstInput = (ref: RefObject<HTMLElement | null>) =>
  requestAnimationFrame(() => ref.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus());

export interface RatingFormProps {
  /** the case's rating as it stands (open, or rerate after a rectified 差评) */
  state: RatingState;
  /** a rating link's token; without one the signed-in citizen rates their own case */
  token?: string;
  /** a hall's rating device or kiosk rating the case in front of it */
  terminal?: RatingTerminal;
  onRated: (result: RateResult) => void;
  /** the server said the page is out of date (rated meanwhile, the time is up): its words */
  onStale: (message: string) => void;
}

export function RatingForm({ state, token, terminal, onRated, onStale }: RatingFormProps) {
  const id = useId();
  const rate = useRate(terminal);
  const levelsRef = useRef<HTMLFieldSetElement>(null);
  const tagsRef = useRef<HTMLFieldSetElement>(null);
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [dimensions, setDimensions] = useState<Record<string, RatingLevel>>({});
  const [tags, setTags] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const [levelError, setLevelError] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [problem, setProblem] = useState('');

  const bad = level !== null && isBadLevel(level);
  const tagList: readonly string[] = bad ? BAD_RATING_TAGS : GOOD_RATING_TAGS;
  const parts = state.dimensions.filter((d) => d.key !== 'overall');

  const toggle = (tag: string) => {
    const next = new Set(tags);
    if (next.has(tag)) next.delete(tag);
    else next.add(tag);
    setTags(next);
    setReasonError('');
  };

  const channel = (): RateInput['channel'] => {
    if (terminal) return terminal.channel;
    if (token) return state.linkChannel ?? 'sms';
    return window.matchMedia(NARROW).matches ? 'mobile' : 'pc';
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (rate.isPending) return;
    setProblem('');
    setReasonError('');
    if (!level) {
      setLevelError('请选择您对这次办事的满意程度');
      focusFirstInput(levelsRef);
      return;
    }
    // Only the tags of the level chosen now (a choice made under the other kind of level stays unsent).
    const chosen = tagList.filter((t) => tags.has(t));
    const words = text.trim();
    const given = Object.fromEntries(parts.filter((d) => dimensions[d.key]).map((d) => [d.key, SHANDONG_SCORE[dimensions[d.key]!]]));
    const body: RateInput = {
      caseNo: state.caseNo,
      level: SHANDONG_SCORE[level],
      channel: channel(),
      ...(chosen.length ? { tags: chosen as NonNullable<RateInput['tags']> } : {}),
      ...(words ? { text: words } : {}),
      ...(Object.keys(given).length ? { dimensions: given as NonNullable<RateInput['dimensions']> } : {}),
      ...(token ? { token } : {}),
    };
    try {
      onRated(await rate.mutateAsync(body));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RATING_REASON_REQUIRED') {
        setReasonError(err.message);
        focusFirstInput(tagsRef);
      } else if (err instanceof ApiError && STALE.has(err.code)) {
        onStale(err.message);
      } else if (err instanceof ApiError && err.fieldProblems.length) {
        setProblem(`${withoutEndMark(err.message)}：${err.fieldProblems.map((p) => withoutEndMark(p.message)).join('；')}`);
      } else {
        setProblem(errorMessage(err));
      }
    }
  };

  return (
    <form className="bm-form rating-form" noValidate onSubmit={(e) => void submit(e)}>
      <fieldset
        ref={levelsRef}
        className={`rating-group${levelError ? ' rating-group--invalid' : ''}`}
        aria-describedby={levelError ? `${id}-level-error` : undefined}
      >
        <legend className="rating-legend">
          您对这次办事满意吗？<span className="bm-form__required">（必选）</span>
        </legend>
        {levelError && (
          <p id={`${id}-level-error`} className="bm-form__error" role="alert">
            {levelError}
          </p>
        )}
        <div className="rating-levels">
          {RATING_LEVEL_CODES.map((code) => (
            <label key={code} className="rating-level">
              <input
                type="radio"
                name={`${id}-level`}
                value={SHANDONG_SCORE[code]}
                checked={level === code}
                onChange={() => {
                  setLevel(code);
                  setLevelError('');
                  setReasonError('');
                }}
              />
              <Face level={code} />
              <span className="rating-level__label">{RATING_LEVELS[code]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {level && (
        <fieldset
          ref={tagsRef}
          className={`rating-group${reasonError ? ' rating-group--invalid' : ''}`}
          aria-describedby={[bad ? `${id}-tags-help` : '', reasonError ? `${id}-tags-error` : ''].filter(Boolean).join(' ') || undefined}
        >
          <legend className="rating-legend">
            {bad ? (
              <>
                不满意的原因<span className="bm-form__required">（请至少选一项，可多选）</span>
              </>
            ) : (
              <>
                您满意的地方<span className="bm-form__optional">（选填，可多选）</span>
              </>
            )}
          </legend>
          {bad && (
            <p id={`${id}-tags-help`} className="bm-form__help">
              差评请选择原因，或在下面写下您的意见，办理单位会据此回访和整改。
            </p>
          )}
          {reasonError && (
            <p id={`${id}-tags-error`} className="bm-form__error" role="alert">
              {reasonError}
            </p>
          )}
          <ul className="rating-chips">
            {tagList.map((t) => (
              <li key={t}>
                <label className="rating-chip">
                  <input type="checkbox" checked={tags.has(t)} onChange={() => toggle(t)} />
                  <span>{t}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      {parts.length > 0 && (
        <details className="rating-more">
          <summary>分项评价（可选）</summary>
          <p className="bm-form__help">可以分别评价以下几个方面，不评也可以提交。</p>
          {parts.map((d) => (
            <fieldset key={d.key} className="radio-group rating-dimension">
              <legend>{d.label}</legend>
              {RATING_LEVEL_CODES.map((code) => (
                <label key={code} className="radio">
                  <input
                    type="radio"
                    name={`${id}-dimension-${d.key}`}
                    value={SHANDONG_SCORE[code]}
                    checked={dimensions[d.key] === code}
                    onChange={() => setDimensions({ ...dimensions, [d.key]: code })}
                  />
                  <span>{RATING_LEVELS[code]}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </details>
      )}

      <div className="bm-form__field">
        <label htmlFor={`${id}-text`}>
          {bad ? (
            <>
              您的意见<span className="bm-form__required">（没有选择原因时必填）</span>
            </>
          ) : (
            <>
              意见和建议<span className="bm-form__optional">（选填）</span>
            </>
          )}
        </label>
        {bad && (
          <p id={`${id}-text-help`} className="bm-form__help">
            请写下遇到的问题，至少 2 个字。
          </p>
        )}
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={500}
          value={text}
          aria-describedby={bad ? `${id}-text-help` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setReasonError('');
          }}
        />
      </div>

      {problem && (
        <p className="notice notice--error rating-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row rating-submit">
        <button type="submit" className="bm-btn bm-btn--primary" aria-disabled={rate.isPending || undefined}>
          {rate.isPending ? '正在提交…' : '提交评价'}
        </button>
      </div>
    </form>
  );
}
