import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMe, useSaveElderMode } from '../api/session.js';
import { applyA11yDocument, clearA11yDocument, FONT_STEPS, getPrefs, READ_RATES, usePrefs, type A11yPrefs, type FontStep } from './prefs.js';
import type { Reader, ReadState } from './readAloud.js';
import { canVoiceSearch, VoiceSearchButton } from './VoiceSearch.js';

/** A one-sample silent WAV: played inside the tap so phones allow the real audio that follows. */
const SILENT_WAV = 'data:audio/wav;base64,UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQIAAACAgA==';
const IDLE: ReadState = { status: 'idle', source: null, what: '', error: '', pointer: false };

/**
 * The accessibility toolbar at the top of every public page: the 长辈版 switch, read-aloud
 * (朗读全文, 朗读选中文字, 指读, pause, stop, speed), voice search, text size A−…A++, high
 * contrast and the extra-large cursor. Everything is inline: no pop-up ever covers the page.
 */
export function A11yToolbar() {
  const [prefs, setPrefs] = usePrefs();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const navigate = useNavigate();
  const elder = useElderAccount(setPrefs, prefs.elder);
  const read = useReadAloud(prefs.rate);
  const elderSwitch = useRef<HTMLButtonElement>(null);
  const answerOffer = (on: boolean) => {
    elder.choose(on);
    setMessage(on ? '已切换到长辈版。想换回来，可以随时按页面顶部的「长辈版」开关。' : '好的。以后需要时，可以随时按页面顶部的「长辈版」开关。');
    elderSwitch.current?.focus();
  };

  useEffect(() => applyA11yDocument(prefs), [prefs]);
  // The staff workbench (its own antd layout) does not take the public pages' display settings.
  useEffect(() => clearA11yDocument, []);

  const { state } = read;
  const active = state.status !== 'idle';
  const status = state.error || readingText(state) || message;
  // On a phone the buttons show their short words (暂停, 工具); aria-label keeps the whole name.
  // What the buttons already show (reading, paused) is only announced on a phone, not given a line.
  const quietStatus = !state.error && !message && state.status !== 'idle';
  const voiceResult = (q: string) => navigate(`/items?q=${encodeURIComponent(q)}`);

  return (
    <section className="a11y-bar" aria-label="无障碍工具" data-read-skip>
      <div className="a11y-bar__row">
        <ToolbarSwitch ref={elderSwitch} className="a11y-btn--elder" on={prefs.elder === true} onToggle={elder.choose}>
          长辈版
        </ToolbarSwitch>
        {state.status === 'playing' || state.status === 'loading' ? (
          <button type="button" className="a11y-btn" aria-label="暂停朗读" onClick={read.pause}>
            暂停<span className="a11y-wide">朗读</span>
          </button>
        ) : state.status === 'paused' ? (
          <button type="button" className="a11y-btn" aria-label="继续朗读" onClick={read.resume}>
            继续<span className="a11y-wide">朗读</span>
          </button>
        ) : (
          <button type="button" className="a11y-btn" onClick={read.page}>
            朗读全文
          </button>
        )}
        {active && (
          <button type="button" className="a11y-btn" aria-label="停止朗读" onClick={read.stop}>
            停止<span className="a11y-wide">朗读</span>
          </button>
        )}
        <VoiceSearchButton className="a11y-btn a11y-row-wide" onMessage={setMessage} onResult={voiceResult} />
        <button type="button" className="a11y-btn a11y-btn--more" aria-label="无障碍工具" aria-expanded={open} aria-controls="a11y-panel" onClick={() => setOpen((o) => !o)}>
          <span className="a11y-wide">无障碍</span>工具
          <span className="a11y-chevron" aria-hidden="true">
            {open ? '▴' : '▾'}
          </span>
        </button>
      </div>

      <div id="a11y-panel" className="a11y-panel" hidden={!open}>
        {open && (
          <>
            <ToolbarGroup id="a11y-read-label" label="语音朗读">
              <button type="button" className="a11y-btn" onClick={read.page}>
                朗读全文
              </button>
              <button type="button" className="a11y-btn" onMouseDown={(e) => e.preventDefault()} onClick={read.selection}>
                朗读选中文字
              </button>
              <ToolbarSwitch on={state.pointer} onToggle={read.pointer}>
                指读
              </ToolbarSwitch>
            </ToolbarGroup>
            {/* On a phone the row keeps only 长辈版, 朗读 and 工具 (one line): voice search is here. */}
            {canVoiceSearch() && (
              <ToolbarGroup id="a11y-voice-label" label="语音搜索" className="a11y-panel-narrow">
                <VoiceSearchButton className="a11y-btn" onMessage={setMessage} onResult={voiceResult} />
              </ToolbarGroup>
            )}
            <ToolbarGroup id="a11y-rate-label" label="朗读语速">
              {READ_RATES.map((r) => (
                <button key={r.value} type="button" className="a11y-btn" aria-pressed={prefs.rate === r.value} onClick={() => setPrefs({ rate: r.value })}>
                  {r.label}
                </button>
              ))}
            </ToolbarGroup>
            <ToolbarGroup id="a11y-font-label" label="文字大小">
              {FONT_STEPS.map((s, i) => (
                <button key={s.label} type="button" className="a11y-btn a11y-btn--font" aria-pressed={prefs.font === i} onClick={() => setPrefs({ font: i as FontStep })}>
                  <span className="a11y-font__glyph">{s.label}</span> <span className="a11y-font__name">{s.name}</span>
                </button>
              ))}
            </ToolbarGroup>
            <ToolbarGroup id="a11y-view-label" label="显示">
              <ToolbarSwitch on={prefs.contrast} onToggle={(contrast) => setPrefs({ contrast })}>
                高对比度
              </ToolbarSwitch>
              <ToolbarSwitch on={prefs.bigCursor} onToggle={(bigCursor) => setPrefs({ bigCursor })}>
                超大鼠标
              </ToolbarSwitch>
              <button
                type="button"
                className="a11y-btn"
                onClick={() => {
                  setPrefs({ font: 1, contrast: false, bigCursor: false, rate: 'normal' });
                  read.pointer(false);
                  setMessage('已恢复默认的文字大小、颜色、鼠标和语速。');
                }}
              >
                恢复默认
              </button>
              <Link to="/accessibility" className="a11y-help">
                使用说明
              </Link>
            </ToolbarGroup>
          </>
        )}
      </div>

      {elder.offer && (
        <div className="a11y-offer" role="group" aria-labelledby="a11y-offer-text">
          <p id="a11y-offer-text">
            <strong>{elder.offer.name}，您好！</strong>
            长辈版的字更大、按钮更大、页面更简洁，还可以朗读网页内容。要切换到长辈版吗？
          </p>
          <div className="button-row">
            <button type="button" className="bm-btn bm-btn--primary" onClick={() => answerOffer(true)}>
              切换到长辈版
            </button>
            <button type="button" className="bm-btn bm-btn--secondary" onClick={() => answerOffer(false)}>
              暂不需要
            </button>
          </div>
        </div>
      )}

      {/* A polite live region without role="status", so a page's own status message stays the page's one status. */}
      <p className={quietStatus ? 'a11y-bar__status a11y-bar__status--quiet' : 'a11y-bar__status'} aria-live="polite" aria-atomic="true">
        {status}
      </p>
      <audio ref={read.audioRef} preload="none" />
    </section>
  );
}

/** A labelled group of the panel's buttons. */
function ToolbarGroup({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `a11y-group ${className}` : 'a11y-group'} role="group" aria-labelledby={id}>
      <span id={id} className="a11y-group__label">
        {label}
      </span>
      {children}
    </div>
  );
}

/** An on/off button of the toolbar: its state is also said in words (开/关), never by colour alone. */
function ToolbarSwitch({ on, onToggle, className, ref, children }: { on: boolean; onToggle: (on: boolean) => void; className?: string; ref?: Ref<HTMLButtonElement>; children: ReactNode }) {
  return (
    <button ref={ref} type="button" role="switch" aria-checked={on} className={className ? `a11y-btn ${className}` : 'a11y-btn'} onClick={() => onToggle(!on)}>
      {children}
      <span className="a11y-state" aria-hidden="true">
        {on ? '开' : '关'}
      </span>
    </button>
  );
}

function readingText(s: ReadState): string {
  const how = s.source === 'browser' ? '（本机语音）' : s.source === 'server' ? '（网站语音）' : '';
  if (s.status === 'loading') return '正在准备朗读…';
  if (s.status === 'playing') return `正在朗读${s.what}${how}`;
  if (s.status === 'paused') return '朗读已暂停，按「继续朗读」接着听。';
  if (s.pointer) return '指读已开启：鼠标停在哪里、或用 Tab 键移到哪里，就读哪里。';
  return '';
}

/**
 * 长辈版 remembered per device (prefs) and per account: a choice made on the device is saved to
 * the signed-in citizen's account; a device without a choice takes the account's. Citizens aged
 * 60 or more who have never chosen are offered it (in the page, never as a pop-up).
 */
function useElderAccount(setPrefs: (c: Partial<A11yPrefs>) => void, deviceElder: boolean | null) {
  const me = useMe();
  const citizen = me.data?.kind === 'citizen' ? me.data : null;
  const id = citizen?.id;
  const accountElder = citizen?.elderMode ?? null;

  // `mutate` (stable) swallows a failure: the device still remembers; the account is updated next time.
  const { mutate: save } = useSaveElderMode();

  // The device's own choice stands (and is saved to the account); a device that has none takes
  // the account's, so 长辈版 follows a person to a new phone or a kiosk.
  useEffect(() => {
    if (!id) return;
    const device = getPrefs().elder;
    if (device === null) {
      if (accountElder !== null) setPrefs({ elder: accountElder });
    } else if (device !== accountElder) save(device);
  }, [id, accountElder, save, setPrefs]);

  const choose = (on: boolean) => {
    setPrefs({ elder: on });
    if (id) save(on);
  };
  const offer = citizen && (citizen.age ?? 0) >= 60 && accountElder === null && deviceElder === null ? { name: citizen.name } : null;
  return { choose, offer };
}

/** Read-aloud controls; the engine (readAloud.ts) loads on first use. */
function useReadAloud(rate: A11yPrefs['rate']) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const [state, setState] = useState<ReadState>(IDLE);
  const engine = useRef<Promise<Reader> | null>(null);
  const unlocked = useRef(false);
  const { pathname } = useLocation();

  const load = useCallback(() => {
    // Inside the tap: let this page play sound (phones only allow it from a user's action).
    const audio = audioRef.current!;
    if (!unlocked.current) {
      unlocked.current = true;
      audio.src = SILENT_WAV;
      audio.play().catch(() => undefined);
    }
    engine.current ??= import('./readAloud.js').then((m) => new m.Reader(audio, setState));
    return engine.current;
  }, []);

  useEffect(() => {
    void engine.current?.then((r) => r.setRate(rate));
  }, [rate]);
  // A new page stops the reading of the old one (指读 stays on).
  useEffect(() => {
    void engine.current?.then((r) => r.stop());
  }, [pathname]);
  useEffect(() => () => void engine.current?.then((r) => r.destroy()), []);

  const withReader = (fn: (r: Reader) => void) => () => {
    void load().then((r) => {
      r.setRate(getPrefs().rate);
      fn(r);
    });
  };
  return {
    audioRef,
    state,
    page: withReader((r) => r.readPage(document.getElementById('main'))),
    selection: withReader((r) => r.readSelection()),
    pointer: (on: boolean) => withReader((r) => r.setPointer(on))(),
    pause: withReader((r) => r.pause()),
    resume: withReader((r) => r.resume()),
    stop: withReader((r) => r.stop()),
  };
}
