/**
 * One of my requests for help (/my/help/:id): where it stands and who looks after it, 取消求助 (with
 * the reason) while it is open, the rating (1–5 stars and a comment, once) after it is done and
 * then the rating as given, what was asked, and its history as the server shows it to the person
 * who asked (no internal notes).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.js';
import { useCancelHelpRequest, useHelpRequest, useRateHelpRequest, type HelpRequestDetail } from '../../api/helpRequests.js';
import { useMe, useSite } from '../../api/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { chineseDateTime } from '../../dates.js';
import { placeLabel } from '../catalog/place.js';
import { PhoneLinks } from '../catalog/format.js';
import { Timeline } from '../cases/Timeline.js';
import { HelperPromise, HelpStatusBadge, requestTitle, useHelperPhone } from './words.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './help.css';

export default function MyHelpRequestPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const detail = useHelpRequest(me.data ? id : undefined);

  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(`/my/help/${id}`)}`} replace />;
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeading>求助详情</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>{gone ? '没有找到这条求助，或者它不是您提交的。' : errorMessage(detail.error)}</p>
        </div>
        <p>
          <Link to="/my/help">返回我的求助</Link>
        </p>
      </>
    );
  }
  return <RequestView r={detail.data} />;
}

/** After a change the request is read again (someone else changed it meanwhile), and the message says why. */
function changeProblem(err: unknown, what: string): string {
  if (err instanceof ApiError && err.code === 'HELP_REQUEST_CHANGED') return `这条求助刚有新的变化，页面已经更新。请看一下现在的情况，再决定是否${what}。`;
  return errorMessage(err);
}

function RequestView({ r }: { r: HelpRequestDetail }) {
  const phone = useHelperPhone(r.villageCode, r.helperId);
  const site = useSite();
  const focusNow = () => requestAnimationFrame(() => document.getElementById('help-now')?.focus());
  return (
    <>
      <PageHeading title={`我的求助：${requestTitle(r)}`}>{requestTitle(r)}</PageHeading>
      <p>
        <Link to="/my/help">← 返回我的求助</Link>
      </p>

      <section className="card" aria-labelledby="help-now">
        <h2 id="help-now" tabIndex={-1}>
          现在怎么样了
        </h2>
        <p className="help-status-line">
          <HelpStatusBadge status={r.status} label={r.statusLabel} testId="help-status" />
        </p>
        <HelperPromise r={r} phone={phone} />
        {r.overdue && (
          <p className="notice notice--warn">
            帮办代办员还没有按约定的时间{r.acceptedAt ? '联系您' : '接单'}
            {r.escalated ? '，已经报告镇（街道）协调人督办' : ''}。着急的话，可以拨打 <PhoneLinks value={site.data?.phone ?? '0537-12345'} />。
          </p>
        )}
        {r.status === 'completed' && (
          <dl className="kv">
            <dt>办结时间</dt>
            <dd>{chineseDateTime(r.completedAt)}</dd>
            <dt>办理结果</dt>
            <dd className="pre-line" data-testid="help-result">
              {r.resultNote}
            </dd>
            {r.helperName && (
              <>
                <dt>帮办代办员</dt>
                <dd>{r.helperName}</dd>
              </>
            )}
          </dl>
        )}
        {r.status === 'cancelled' && (
          <dl className="kv">
            <dt>取消时间</dt>
            <dd>{chineseDateTime(r.cancelledAt)}</dd>
            <dt>取消原因</dt>
            <dd className="pre-line" data-testid="help-cancel-reason">
              {r.cancelReason}
            </dd>
          </dl>
        )}
      </section>

      {r.can.cancel && <Cancel r={r} onDone={focusNow} />}
      {r.can.rate && <Rate r={r} />}
      {r.rating !== null && <GivenRating r={r} />}

      <section className="card" aria-labelledby="help-asked">
        <h2 id="help-asked">求助内容</h2>
        <dl className="kv">
          <dt>求助编号</dt>
          <dd className="help-number" data-testid="help-request-no">
            {r.requestNo}
          </dd>
          <dt>求助人</dt>
          <dd>
            {r.subjectName}
            {r.channel === 'relative' ? '（为家人求助）' : ''}
          </dd>
          <dt>联系电话</dt>
          <dd>{r.subjectPhone}</dd>
          <dt>村（社区）</dt>
          <dd>{placeLabel({ name: r.villageName, level: 'village', townName: r.townName })}</dd>
          <dt>详细住址</dt>
          <dd>{r.address}</dd>
          {r.itemName && (
            <>
              <dt>办理事项</dt>
              <dd>{r.itemName}</dd>
            </>
          )}
          <dt>需要办的事</dt>
          <dd className="pre-line">{r.need}</dd>
          <dt>方便联系的时间</dt>
          <dd>{r.preferredTime || '没有填写'}</dd>
          <dt>上门</dt>
          <dd>{r.homeVisit ? '需要帮办代办员上门' : '不需要'}</dd>
          <dt>特殊情况</dt>
          <dd>{r.flags.length ? `${r.flags.map((f) => f.label).join('、')}（优先安排）` : '无'}</dd>
          <dt>提交时间</dt>
          <dd>{chineseDateTime(r.createdAt)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="help-history">
        <h2 id="help-history">办理过程</h2>
        <Timeline items={r.events.map((e) => ({ at: e.occurredAt ?? e.at, label: e.actionLabel, note: e.note }))} />
      </section>
    </>
  );
}

/** 取消求助: behind a button (nothing is cancelled by one tap), with the reason the helper reads. */
function Cancel({ r, onDone }: { r: HelpRequestDetail; onDone: () => void }) {
  const cancel = useCancelHelpRequest();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // Opening puts the focus in the reason; 不取消 brings it back to the button.
  useEffect(() => {
    if (open) {
      opened.current = true;
      reasonRef.current?.focus();
    } else if (opened.current) openRef.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <p>
        <button ref={openRef} type="button" className="bm-btn bm-btn--secondary" onClick={() => setOpen(true)}>
          取消求助
        </button>
      </p>
    );
  }
  const send = async () => {
    if (cancel.isPending) return;
    setProblem('');
    if (!reason.trim()) {
      setError('请填写取消原因');
      reasonRef.current?.focus();
      return;
    }
    try {
      await cancel.mutateAsync({ id: r.id, body: { reason: reason.trim(), version: r.version } });
      onDone();
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldProblems.find((p) => p.field === 'reason') : undefined;
      if (field) {
        setError(field.message);
        return;
      }
      setProblem(changeProblem(err, '取消'));
    }
  };
  return (
    <section className="card" aria-labelledby="help-cancel">
      <h2 id="help-cancel">取消求助</h2>
      <p>不需要帮忙了，可以取消。取消后帮办代办员就不再办理；以后还需要，可以重新求助。</p>
      <div className="bm-form help-form-part">
        <div className={`bm-form__field${error ? ' bm-form__field--invalid' : ''}`}>
          <label htmlFor="help-cancel-reason">
            取消原因<span className="bm-form__required">（必填）</span>
          </label>
          <p id="help-cancel-reason-help" className="bm-form__help">
            例如：家里人已经帮我办好了
          </p>
          {error && (
            <p id="help-cancel-reason-error" className="bm-form__error">
              {error}
            </p>
          )}
          <textarea
            ref={reasonRef}
            id="help-cancel-reason"
            rows={3}
            maxLength={500}
            required
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'help-cancel-reason-help help-cancel-reason-error' : 'help-cancel-reason-help'}
            onChange={(e) => {
              setReason(e.target.value);
              if (error && e.target.value.trim()) setError('');
            }}
          />
        </div>
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" aria-disabled={cancel.isPending || undefined} onClick={() => void send()}>
          {cancel.isPending ? '正在取消…' : '确认取消求助'}
        </button>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={() => setOpen(false)}>
          不取消
        </button>
      </div>
    </section>
  );
}

const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'] as const;
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/** 评价: 1–5 stars as a radio group (each says its words, the stars are for the eye) and an optional comment. */
function Rate({ r }: { r: HelpRequestDetail }) {
  const id = useId();
  const rate = useRateHelpRequest();
  const [chosen, setChosen] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const send = async () => {
    if (rate.isPending) return;
    setProblem('');
    if (!chosen) {
      setError('请选择 1 到 5 星');
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`input[name="${id}-stars"]`)?.focus());
      return;
    }
    try {
      await rate.mutateAsync({ id: r.id, body: { stars: chosen, comment: comment.trim() } });
      requestAnimationFrame(() => document.getElementById('help-rated')?.focus());
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <section className="card" aria-labelledby="help-rate">
      <h2 id="help-rate">给这次帮办代办打个分</h2>
      <div className="bm-form help-form-part">
        <fieldset id="help-stars" className={`help-choices help-stars${error ? ' bm-form__field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
          <legend>
            您对这次帮办代办满意吗？<span className="bm-form__required">（必选）</span>
          </legend>
          {error && (
            <p id={`${id}-error`} className="bm-form__error">
              {error}
            </p>
          )}
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="radio help-star">
              <input
                type="radio"
                name={`${id}-stars`}
                value={n}
                checked={chosen === n}
                onChange={() => {
                  setChosen(n);
                  setError('');
                }}
              />
              <span className="help-star__glyphs" aria-hidden="true">
                {stars(n)}
              </span>
              {n} 星（{STAR_WORDS[n]}）
            </label>
          ))}
        </fieldset>
        <div className="bm-form__field">
          <label htmlFor={`${id}-comment`}>
            想说的话<span className="bm-form__optional">（选填）</span>
          </label>
          <textarea id={`${id}-comment`} rows={3} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="bm-btn bm-btn--primary" aria-disabled={rate.isPending || undefined} onClick={() => void send()}>
          {rate.isPending ? '正在提交…' : '提交评价'}
        </button>
      </div>
    </section>
  );
}

function GivenRating({ r }: { r: HelpRequestDetail }) {
  const n = r.rating ?? 0;
  return (
    <section className="card" aria-labelledby="help-rated">
      <h2 id="help-rated" tabIndex={-1}>
        您的评价
      </h2>
      <p className="help-rating" data-testid="help-rating">
        <span className="help-star__glyphs" aria-hidden="true">
          {stars(n)}
        </span>
        {n} 星（{STAR_WORDS[n]}）
      </p>
      {r.ratingComment && <p className="pre-line">{r.ratingComment}</p>}
      {r.ratedAt && <p className="muted">评价于 {chineseDateTime(r.ratedAt)}。谢谢您的评价！</p>}
    </section>
  );
}
