/**
 * Where a case's 好差评 stands, for the person who was served (我的办件 and /rate): the form while
 * it may be rated, the rating given, a 差评's rectification and the one re-rating it allows, the
 * end of the rating time, and the thanks after rating — for a 差评 who calls back and by when
 * it is put right.
 */
import { useEffect, useRef, useState, type Ref } from 'react';
import type { GivenRating, RateResult, RatingState, RatingTerminal } from '../../api/ratings.js';
import { chineseDate, chineseDateTime } from '../../dates.js';
import { RATING_WINDOW_WORKING_DAYS, RERATING_WINDOW_WORKING_DAYS, VISIT_WORKING_DAYS } from '../../../shared/ratings.js';
import { RatingForm } from './RatingForm.js';
import '../../components/kv.css';
import '../../components/notice.css';
import './rating.css';

type HeadingTag = 'h2' | 'h3';

export interface RatingPanelProps {
  state: RatingState;
  /** a rating link's token (/rate); without one the signed-in citizen rates their own case */
  token?: string;
  /** a hall's rating device or kiosk (/rate/terminal) */
  terminal?: RatingTerminal;
  /** the level of the panel's own headings (the page's section heading is one above) */
  heading?: HeadingTag;
}

export function RatingPanel({ state, token, terminal, heading: H = 'h3' }: RatingPanelProps) {
  const [result, setResult] = useState<RateResult | null>(null);
  const [stale, setStale] = useState('');
  const thanks = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result) thanks.current?.focus();
  }, [result]);

  if (result) {
    return (
      <>
        <RatingThanks result={result} heading={H} headingRef={thanks} />
        {state.ratings.length > 0 && <GivenRatings state={state} heading={H} title="评价详情" />}
      </>
    );
  }
  const form = <RatingForm state={state} token={token} terminal={terminal} onRated={setResult} onStale={setStale} />;
  return (
    <>
      {stale && (
        <div className="notice notice--warn" role="alert">
          <p>{stale}</p>
        </div>
      )}
      {state.state === 'open' && (
        <>
          <p className="rating-until">
            请在 <strong>{chineseDate(state.until)}</strong> 前评价（办结后 {RATING_WINDOW_WORKING_DAYS} 个工作日内，一个办件评价一次）。您的评价会如实转给办理单位。
          </p>
          {form}
        </>
      )}
      {state.state === 'rerate' && (
        <>
          <GivenRatings state={state} heading={H} title="第一次评价" />
          <H className="rating-rerate">再次评价</H>
          <p className="rating-until">
            整改后，您可以在 <strong>{chineseDate(state.until)}</strong> 前再评价一次（整改后 {RERATING_WINDOW_WORKING_DAYS} 个工作日内，仅限一次）。
          </p>
          {form}
        </>
      )}
      {state.state === 'rated' && <GivenRatings state={state} heading={H} />}
      {state.state === 'closed' && (
        <p>
          评价时间已过：办结后 {RATING_WINDOW_WORKING_DAYS} 个工作日内{state.until ? `（${chineseDate(state.until)}前）` : ''}可以评价。
        </p>
      )}
      {state.state === 'not_handled' && <p>这个办件还没有办结，办结后才能评价。</p>}
    </>
  );
}

/** After rating: thanks; for a 差评, who calls back within a working day and by when it is put right. */
export function RatingThanks({ result, heading: H = 'h3', headingRef }: { result: RateResult; heading?: HeadingTag; headingRef?: Ref<HTMLHeadingElement> }) {
  const f = result.followUp;
  return (
    <div className="rating-thanks" data-testid="rating-thanks">
      <H ref={headingRef} tabIndex={-1}>
        感谢您的评价
      </H>
      <p>
        您的{result.round === 2 ? '再次' : ''}评价：<strong>{result.levelLabel}</strong>
      </p>
      {f ? (
        <div className="notice notice--info">
          <p>
            您的意见已转给{f.handlingPlace}。工作人员将在 {VISIT_WORKING_DAYS} 个工作日内（{chineseDate(f.visitDueOn)}前）与您联系回访，并在 {chineseDate(f.rectifyDueOn)}前完成整改。
          </p>
          <p>整改完成后，您可以对这个办件再评价一次。</p>
        </div>
      ) : result.bad ? (
        <p>您的意见已转给办理单位，我们会继续改进。</p>
      ) : (
        <p>您的评价会帮助我们把服务做得更好。</p>
      )}
    </div>
  );
}

function RatingFacts({ r }: { r: GivenRating }) {
  const parts = r.dimensions.filter((d) => d.key !== 'overall');
  return (
    <dl className="kv rating-given" data-testid="given-rating">
      <dt>满意程度</dt>
      <dd>{r.levelLabel}</dd>
      {parts.length > 0 && (
        <>
          <dt>分项评价</dt>
          <dd>{parts.map((d) => `${d.label}：${d.levelLabel}`).join('；')}</dd>
        </>
      )}
      {r.tags.length > 0 && (
        <>
          <dt>{r.bad ? '不满意的原因' : '满意的地方'}</dt>
          <dd>{r.tags.join('、')}</dd>
        </>
      )}
      {r.text && (
        <>
          <dt>意见</dt>
          <dd className="pre-line">{r.text}</dd>
        </>
      )}
      <dt>评价时间</dt>
      <dd>
        {chineseDateTime(r.ratedAt)}（{r.channelLabel}）
      </dd>
    </dl>
  );
}

/** The ratings given (the first, and the re-rating after a rectification) and how a 差评 is followed up. */
export function GivenRatings({ state, heading: H = 'h3', title = '您的评价' }: { state: RatingState; heading?: HeadingTag; title?: string }) {
  const rounds = [...state.ratings].sort((a, b) => a.round - b.round);
  const f = state.followUp;
  return (
    <>
      {rounds.map((r) => (
        <div key={r.id} className="rating-round">
          <H>{rounds.length > 1 ? (r.round === 1 ? '第一次评价' : '再次评价') : title}</H>
          <RatingFacts r={r} />
        </div>
      ))}
      {f && (
        <div className="rating-round">
          <H>差评处理情况</H>
          <p>
            处理进度：<strong>{f.statusLabel}</strong>
            {f.status === 'visiting' ? `。办理单位（${state.handlingPlace}）会在 ${VISIT_WORKING_DAYS} 个工作日内与您联系回访。` : ''}
          </p>
          {f.rectification && (
            <>
              <p>{f.rectifiedAt ? `${chineseDate(f.rectifiedAt)}，` : ''}{state.handlingPlace}完成整改：</p>
              <p className="pre-line rating-rectification">{f.rectification}</p>
            </>
          )}
        </div>
      )}
    </>
  );
}
