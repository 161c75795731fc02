/**
 * /rate/terminal: 好差评 on a hall's rating device (窗口评价器, channel tablet) or a self-service
 * kiosk (channel kiosk). The hall's administrator sets the device up once with the terminal's id
 * and token (工作台「自助终端」 issues the token, shown once); the device remembers them. Then, for
 * each person served, the clerk or the person types — or scans from the receipt — the case number,
 * the person rates, and 「下一位」 clears the screen for the next one, so nobody sees the case before.
 *
 * While the page is open the device reports a heartbeat every 5 minutes, so the status board and
 * the dashboards count it online. The server decides what may be rated here: only cases received
 * or handled in the terminal's own place; its refusal is shown in its own words.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { ApiError, api, errorMessage } from '../../api/client.js';
import { useRatingState, type RatingState, type RatingTerminal } from '../../api/ratings.js';
import { deviceStore } from '../../components/deviceStore.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PageLoading } from '../../components/PageLoading.js';
import { CASE_NO_PATTERN } from '../../../shared/cases.js';
import { RATING_CHANNELS } from '../../../shared/ratings.js';
import { RatedCaseCard } from './RatedCaseCard.js';
import { RatingPanel } from './RatingPanel.js';
import '../../components/fields.css';
import '../../components/notice.css';
import '../../forms/FormRenderer.css';
import './rating.css';

const HEARTBEAT_EVERY_MS = 5 * 60_000;

function parseTerminal(raw: string | null): RatingTerminal | null {
  if (!raw) return null;
  try {
    const t = JSON.parse(raw) as Partial<RatingTerminal>;
    return typeof t.id === 'string' && typeof t.token === 'string' && (t.channel === 'tablet' || t.channel === 'kiosk') ? { id: t.id, token: t.token, channel: t.channel } : null;
  } catch {
    return null;
  }
}
const terminalStore = deviceStore('bianmin.rating-terminal', parseTerminal);

/** The terminal's heartbeat; it also proves the id and token at set-up. */
const heartbeat = (t: RatingTerminal) =>
  api(`/api/v1/terminals/${encodeURIComponent(t.id)}/heartbeat`, {
    method: 'POST', body: { status: 'ok', version: 'rating-web' }, headers: { authorization: `Bearer ${t.token}` },
  });

const credentialsRefused = (err: unknown) => err instanceof ApiError && (err.status === 401 || err.status === 404);

export default function TerminalRatePage() {
  const terminal = useSyncExternalStore(terminalStore.subscribe, terminalStore.get);
  const [lost, setLost] = useState(false);

  useEffect(() => {
    if (!terminal) return;
    setLost(false);
    const beat = () => heartbeat(terminal).then(() => setLost(false), (err: unknown) => setLost(credentialsRefused(err)));
    const timer = window.setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [terminal]);

  return (
    <>
      <PageHeading>服务评价</PageHeading>
      {terminal ? (
        <>
          {lost && (
            <div className="notice notice--error" role="alert">
              <p>本设备的终端令牌已失效（可能已重新生成或终端停用维护），暂时无法评价。请联系大厅管理员重新设置。</p>
            </div>
          )}
          <TerminalRating terminal={terminal} />
          <TerminalSettings terminal={terminal} />
        </>
      ) : (
        <TerminalSetup />
      )}
    </>
  );
}

/** The one-time set-up by the hall's administrator: the terminal's id, its token, and what kind of device this is. */
function TerminalSetup() {
  const id = useId();
  const [terminalId, setTerminalId] = useState('');
  const [token, setToken] = useState('');
  const [channel, setChannel] = useState<RatingTerminal['channel']>('tablet');
  const [problem, setProblem] = useState('');
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = { id: terminalId.trim(), token: token.trim(), channel };
    if (!t.id || !t.token) {
      setProblem('请填写终端编号和终端令牌');
      return;
    }
    setPending(true);
    setProblem('');
    try {
      await heartbeat(t);
      terminalStore.write(JSON.stringify(t));
    } catch (err) {
      setProblem(credentialsRefused(err) ? '终端编号或令牌不正确，或该终端正在停用维护。请在工作台「自助终端」中核对，必要时重新生成令牌。' : errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>设置评价设备</h2>
      <p>这台设备还没有绑定终端。请大厅管理员在工作台「自助终端」中找到这台设备，生成令牌后填写在下面（令牌只显示一次）。</p>
      <form className="terminal-form" noValidate onSubmit={(e) => void submit(e)}>
        {problem && (
          <div className="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-id`}>终端编号</label>
          <input id={`${id}-id`} type="text" className="bm-control" value={terminalId} autoComplete="off" spellCheck={false} onChange={(e) => setTerminalId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-token`}>终端令牌</label>
          <input id={`${id}-token`} className="bm-control" type="password" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} />
        </div>
        <fieldset className="radio-group">
          <legend>设备类型</legend>
          {(['tablet', 'kiosk'] as const).map((c) => (
            <label key={c} className="radio">
              <input type="radio" name={`${id}-channel`} value={c} checked={channel === c} onChange={() => setChannel(c)} /> {RATING_CHANNELS[c]}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="bm-btn bm-btn--primary" disabled={pending}>
            {pending ? '正在核对…' : '保存设置'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One person after another: the case number, the case, the rating, 「下一位」. */
function TerminalRating({ terminal }: { terminal: RatingTerminal }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [caseNo, setCaseNo] = useState('');
  const [typo, setTypo] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const state = useRatingState(caseNo ? { caseNo, terminal } : null);

  const start = (e: FormEvent) => {
    e.preventDefault();
    const no = typed.replace(/\s+/g, '');
    if (!CASE_NO_PATTERN.test(no)) {
      setTypo('办件编号是 25 位数字，请核对办件回执');
      input.current?.focus();
      return;
    }
    setTypo('');
    setCaseNo(no);
  };
  const next = () => {
    setTyped('');
    setTypo('');
    setCaseNo('');
    requestAnimationFrame(() => input.current?.focus());
  };

  if (!caseNo) {
    return (
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>请输入办件编号</h2>
        <p>办件编号印在办件回执上；也可以用扫码枪扫描回执上的条码。</p>
        <form className="terminal-form" noValidate onSubmit={start}>
          <div className="field">
            <label htmlFor={`${id}-no`}>办件编号</label>
            {typo && (
              <p id={`${id}-typo`} className="bm-form__error" role="alert">
                {typo}
              </p>
            )}
            <input
              ref={input}
              id={`${id}-no`}
              type="text"
              className="bm-control"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              aria-invalid={typo ? true : undefined}
              aria-describedby={typo ? `${id}-typo` : undefined}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          <div>
            <button type="submit" className="bm-btn bm-btn--primary" disabled={!typed.trim()}>开始评价</button>
          </div>
        </form>
      </section>
    );
  }
  return (
    <>
      {state.isPending ? (
        <PageLoading />
      ) : state.isError ? (
        <div className="notice notice--warn" role="alert">
          <p>{state.error instanceof ApiError && state.error.status === 404 ? `没有找到办件「${caseNo}」，请核对回执上的办件编号。` : errorMessage(state.error)}</p>
        </div>
      ) : (
        <CaseRating s={state.data} terminal={terminal} />
      )}
      <p>
        <button type="button" className="bm-btn bm-btn--secondary" onClick={next}>下一位</button>
      </p>
    </>
  );
}

function CaseRating({ s, terminal }: { s: RatingState; terminal: RatingTerminal }) {
  const id = useId();
  return (
    <>
      <RatedCaseCard s={s} />
      <section className="card" aria-labelledby={`${id}-rate`}>
        <h2 id={`${id}-rate`}>评价</h2>
        <RatingPanel state={s} terminal={terminal} />
      </section>
    </>
  );
}

/** For the administrator: which terminal this is, and unbinding it (e.g. before the device moves to another window). */
function TerminalSettings({ terminal }: { terminal: RatingTerminal }) {
  return (
    <details className="terminal-settings">
      <summary>设备设置（管理员）</summary>
      <p>
        本设备：{RATING_CHANNELS[terminal.channel]}，终端编号 <span className="break-all">{terminal.id}</span>
      </p>
      <button
        type="button"
        className="bm-btn bm-btn--secondary"
        onClick={() => {
          if (window.confirm('解除绑定后，这台设备需要重新填写终端编号和令牌才能评价。确定解除吗？')) terminalStore.write(null);
        }}
      >
        解除绑定
      </button>
    </details>
  );
}
