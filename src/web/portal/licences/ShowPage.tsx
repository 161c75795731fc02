/**
 * 亮证 (/my/licences/:id/show), in two steps.
 *
 * 1. What the verifier may see: every verifier sees the type, the holder's masked name and number,
 *    the issuer, the validity and the status; the holder ticks what else (the full name, the full
 *    number, the type's own fields) — nothing by default.
 * 2. The card filling the screen: the licence's type and the holder's name in big letters, the QR
 *    code of the verify address (server-made SVG, drawn as an image so nothing in it can run), how
 *    long it stays good, and a new code made by itself shortly before it expires (and by 刷新二维码).
 *    The screen is kept awake while the card is up, where the phone allows it.
 *
 * The address is also there in words (无法扫码？复制核验链接) for a verifier whose camera cannot read
 * the code; it is never a link here, as opening it on the holder's own phone would use the code up.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage, serverClockSkew } from '../../api/client.js';
import { useLicence, useShowLicence, type LicenceDetail, type ShownCode } from '../../api/licences.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { LICENCE_CODE_TTL_SECONDS, maskLicenceNumber } from '../../../shared/licences.js';
import { maskName } from '../../../shared/validators.js';
import { CitizenOnly } from '../CitizenOnly.js';
import { LicenceStatusTag, shownText } from './parts.js';
import '../../components/kv.css';
import '../../components/notice.css';
import '../../components/fields.css';
import './licences.css';

/** A new code is made this many seconds before the one on screen expires (a scan in the last seconds still works). */
const REFRESH_BEFORE_SECONDS = 20;
const TTL_MINUTES = Math.round(LICENCE_CODE_TTL_SECONDS / 60);

export default function ShowPage() {
  const { id = '' } = useParams();
  return (
    <CitizenOnly title="亮证" whose="群众自己的电子证照" next={`/my/licences/${id}/show`}>
      <Show id={id} />
    </CitizenOnly>
  );
}

function Show({ id }: { id: string }) {
  const detail = useLicence(id);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeading>亮证</PageHeading>
        <div className="notice notice--error" role="alert">
          <p>{gone ? '没有找到这个证照，或者它不是您的。' : errorMessage(detail.error)}</p>
        </div>
        <p>
          <Link to="/my/licences">返回我的电子证照</Link>
        </p>
      </>
    );
  }
  return <Presenting l={detail.data} />;
}

/** What went wrong making a code, in words for the holder. */
function showProblem(err: unknown): string {
  if (err instanceof ApiError && err.code === 'LICENCE_NOT_VALID') return `${err.message.replace(/[。.]$/, '')}，这个证照现在不能亮证。`;
  return errorMessage(err);
}

function Presenting({ l }: { l: LicenceDetail }) {
  const show = useShowLicence();
  const [chosen, setChosen] = useState<string[]>([]);
  const [code, setCode] = useState<ShownCode | null>(null);
  const [problem, setProblem] = useState('');
  const [note, setNote] = useState('');
  const busy = useRef(false);
  const cardHeading = useRef<HTMLHeadingElement>(null);
  const chooseHeading = useRef<HTMLHeadingElement>(null);

  /** A new code for the fields chosen: from step 1, by 刷新二维码, or by itself before the one on screen expires. */
  const make = useCallback(
    async (why: 'first' | 'refresh' | 'auto'): Promise<boolean> => {
      if (busy.current) return false;
      busy.current = true;
      try {
        const made = await show.mutateAsync({ id: l.id, body: { fields: chosen } });
        setCode(made);
        setProblem('');
        if (why === 'first') setNote('');
        else setNote(why === 'auto' ? `二维码已自动更新，${TTL_MINUTES} 分钟内有效` : `已换成新的二维码，${TTL_MINUTES} 分钟内有效`);
        return true;
      } catch (err) {
        setProblem(showProblem(err));
        return false;
      } finally {
        busy.current = false;
      }
    },
    [chosen, l.id, show],
  );

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (await make('first')) {
      // The card fills the screen from its top; the verifier reads the phone from there.
      requestAnimationFrame(() => {
        cardHeading.current?.scrollIntoView({ block: 'start' });
        cardHeading.current?.focus({ preventScroll: true });
      });
    }
  };
  const back = () => {
    setCode(null);
    setProblem('');
    setNote('');
    requestAnimationFrame(() => chooseHeading.current?.focus());
  };

  if (code) {
    return (
      <>
        <PageHeading title={`亮证：${l.type}`}>亮证</PageHeading>
        <CodeCard l={l} code={code} headingRef={cardHeading} busy={show.isPending} problem={problem} note={note} onRefresh={(auto) => void make(auto ? 'auto' : 'refresh')} onBack={back} />
      </>
    );
  }

  return (
    <>
      <PageHeading title={`亮证：${l.type}`}>亮证：{l.type}</PageHeading>
      <p>
        <Link to={`/my/licences/${encodeURIComponent(l.id)}`}>← 返回证照详情</Link>
      </p>
      {l.status !== 'valid' ? (
        <div className="notice notice--error" role="alert">
          <p>
            这个证照<LicenceStatusTag status={l.status} label={l.statusLabel} />，不能亮证。
          </p>
        </div>
      ) : (
        <form className="card licence-choose" aria-labelledby="licence-choose" onSubmit={(e) => void start(e)} noValidate>
          <h2 id="licence-choose" ref={chooseHeading} tabIndex={-1}>
            第 1 步：选择给对方看什么
          </h2>
          <p>对方扫码后，一定能看到这些基本信息：</p>
          <ul className="licence-always">
            <li>证照类型：{l.type}</li>
            <li>持证人姓名（部分隐藏：{maskName(l.holderName)}）</li>
            <li>证照编号（部分隐藏：{maskLicenceNumber(l.number)}）</li>
            <li>发证机关、有效期和证照是否有效</li>
          </ul>
          <fieldset className="licence-extra">
            <legend>还让对方看到（不勾就不给看）：</legend>
            {l.disclosable.map((d) => (
              <label key={d.key} className="radio">
                <input
                  type="checkbox"
                  checked={chosen.includes(d.key)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, d.key] : c.filter((k) => k !== d.key)))}
                />
                {d.label}
              </label>
            ))}
          </fieldset>
          <p className="muted">二维码 {TTL_MINUTES} 分钟内有效，每个二维码只能核验一次。对方扫码核验后，会记在您的「用证记录」里。</p>
          {problem && (
            <p className="notice notice--error" role="alert">
              {problem}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="bm-btn bm-btn--primary licence-big-btn" aria-disabled={show.isPending || undefined}>
              {show.isPending ? '正在生成…' : '第 2 步：出示二维码'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** The time now on the server's clock (the browser's may be off; every API answer tells how far). */
const serverNow = () => Date.now() + serverClockSkew();
/** Whole seconds from now (server clock) until `iso`; 0 once past. */
const secondsUntil = (iso: string, now = serverNow()) => Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));

/**
 * Seconds until `iso` on the server's clock, ticking each second (0 once past). A new `iso` (a new
 * code) is measured afresh in the same render: the last tick's time may be from before the answer
 * that brought it moved the clock skew, and would show a new code as already expired.
 */
function useSecondsLeft(iso: string): number {
  const [tick, setTick] = useState(() => ({ iso, now: serverNow() }));
  if (tick.iso !== iso) setTick({ iso, now: serverNow() });
  useEffect(() => {
    const update = () => setTick({ iso, now: serverNow() });
    const timer = window.setInterval(update, 1000);
    // A phone that slept or hid the page catches up at once.
    document.addEventListener('visibilitychange', update);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', update);
    };
  }, [iso]);
  return secondsUntil(iso, tick.iso === iso ? tick.now : serverNow());
}

/** Keeps the screen on while the card is shown (phones that support it; nothing happens elsewhere). */
function useKeepAwake(): void {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let gone = false;
    const ask = () => {
      if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
      navigator.wakeLock
        .request('screen')
        .then((l) => {
          if (gone) void l.release();
          else lock = l;
        })
        .catch(() => undefined);
    };
    ask();
    document.addEventListener('visibilitychange', ask);
    return () => {
      gone = true;
      document.removeEventListener('visibilitychange', ask);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}

const minutesAndSeconds = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`);

function CodeCard({ l, code, headingRef, busy, problem, note, onRefresh, onBack }: {
  l: LicenceDetail;
  code: ShownCode;
  headingRef: RefObject<HTMLHeadingElement | null>;
  busy: boolean;
  problem: string;
  note: string;
  onRefresh: (auto: boolean) => void;
  onBack: () => void;
}) {
  const id = useId();
  const left = useSecondsLeft(code.expiresAt);
  const expired = left <= 0;
  const [autoTried, setAutoTried] = useState<string | null>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'shown'>('no');
  useKeepAwake();

  // Shortly before the code expires, a new one, once per code (a failure waits for 刷新二维码),
  // and only while the page is in front (a forgotten tab in the background makes none).
  // `left` makes it look each second; the clock is read again here, as the answer that brought
  // this code may have moved the clock skew since `left` was counted.
  useEffect(() => {
    if (busy || autoTried === code.token || document.visibilityState !== 'visible') return;
    if (left > REFRESH_BEFORE_SECONDS || secondsUntil(code.expiresAt) > REFRESH_BEFORE_SECONDS) return;
    setAutoTried(code.token);
    onRefresh(true);
  }, [left, busy, autoTried, code.token, code.expiresAt, onRefresh]);
  useEffect(() => setCopied('no'), [code.token]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code.verifyUrl);
      setCopied('yes');
    } catch {
      setCopied('shown');
    }
  };

  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`;
  return (
    <section className="card licence-show" aria-labelledby={`${id}-type`} data-testid="licence-show">
      <h2 id={`${id}-type`} ref={headingRef} tabIndex={-1} className="licence-show__type">
        {l.type}
      </h2>
      <p className="licence-show__holder" data-testid="licence-show-holder">
        {l.holderName}
      </p>
      {!expired && <p className="licence-show__ask">请用手机扫码核验</p>}
      {expired ? (
        <div className="licence-qr licence-qr--expired" data-testid="licence-qr-expired">
          <p>二维码已失效</p>
          <p className="licence-qr__hint">{busy ? '正在生成新的二维码…' : '请按下面的「刷新二维码」'}</p>
        </div>
      ) : (
        <figure className="licence-qr" data-verify-url={code.verifyUrl} data-testid="licence-qr">
          <img src={qr} alt={`${l.type}的亮证二维码，请对方用手机扫码核验`} />
        </figure>
      )}
      <p className="licence-show__left" data-testid="licence-show-left">
        {expired ? '已失效' : `${minutesAndSeconds(left)}后失效`}
      </p>
      {!expired && <p className="muted">快到时会自动换成新的二维码</p>}
      <p className="licence-show__shown">对方扫码能看到：{shownText(code.shown)}</p>
      <p role="status" className="licence-show__note">
        {note}
      </p>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row licence-show__actions">
        <button type="button" className="bm-btn bm-btn--primary" aria-disabled={busy || undefined} onClick={() => !busy && onRefresh(false)}>
          {busy ? '正在刷新…' : '刷新二维码'}
        </button>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={onBack}>
          返回
        </button>
      </div>
      {!expired && (
        <div className="licence-show__link">
          <button type="button" className="linklike licence-show__copy" onClick={() => void copy()}>
            无法扫码？复制核验链接
          </button>
          <p role="status">{copied === 'no' ? '' : copied === 'yes' ? '已复制核验链接，可以粘贴发给核验的人。' : '请长按下面的链接复制，发给核验的人。'}</p>
          {copied !== 'no' && (
            <p className="licence-show__url" data-testid="verify-url">
              {code.verifyUrl}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
