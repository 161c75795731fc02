/**
 * The read-aloud engine (语音朗读), loaded on first use. It speaks with the browser's own speech
 * synthesis when a Mandarin voice is installed, and otherwise plays audio made by the server
 * (POST /api/v1/speech: espeak-ng Mandarin as MP3, cached), so it also works on phones and kiosks
 * that have no Chinese voice. Text is spoken in short pieces cut at sentence ends (text.ts; the
 * server takes at most 500 characters a request): the first starts quickly, the next is fetched
 * while the current one plays, and pause/resume work the same on every platform.
 */
import { api, errorMessage } from '../api/client.js';
import type { ReadRate } from './prefs.js';
import { chunkText, describeTarget, visibleText } from './text.js';

export type ReadStatus = 'idle' | 'loading' | 'playing' | 'paused';

export interface ReadState {
  status: ReadStatus;
  /** 'browser': the device's voice; 'server': audio from the server. */
  source: 'browser' | 'server' | null;
  /** What is being read, for the status line (全文, 选中的文字, …). */
  what: string;
  error: string;
  pointer: boolean;
}

export const IDLE: ReadState = { status: 'idle', source: null, what: '', error: '', pointer: false };

const urlKey = (text: string, rate: ReadRate) => `${rate}|${text}`;
const BROWSER_RATE: Record<ReadRate, number> = { slow: 0.75, normal: 1, fast: 1.35 };
const HIGHLIGHT = 'bm-reading';

/** A Mandarin voice of the browser, if any (zh-CN first; Cantonese zh-HK is not Mandarin). */
function mandarinVoice(): SpeechSynthesisVoice | null {
  if (!('speechSynthesis' in window)) return null;
  const score = (v: SpeechSynthesisVoice) => {
    const lang = v.lang.replace('_', '-').toLowerCase();
    if (lang === 'zh-cn' || lang.startsWith('cmn') || lang === 'zh-hans-cn') return 4;
    if (lang === 'zh-hans' || lang === 'zh-sg') return 3;
    if (lang === 'zh-tw' || lang === 'zh-hant-tw') return 2;
    if (lang === 'zh') return 1;
    return 0;
  };
  let best: SpeechSynthesisVoice | null = null;
  for (const v of window.speechSynthesis.getVoices()) {
    const s = score(v);
    if (s > 0 && (!best || s > score(best) || (s === score(best) && v.localService && !best.localService))) best = v;
  }
  return best;
}

/** Voices arrive asynchronously in some browsers: wait briefly for them the first time. */
function voicesReady(): Promise<void> {
  if (!('speechSynthesis' in window) || window.speechSynthesis.getVoices().length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      window.speechSynthesis.removeEventListener('voiceschanged', done);
      resolve();
    };
    window.speechSynthesis.addEventListener('voiceschanged', done);
    window.setTimeout(done, 400);
  });
}

export class Reader {
  private state: ReadState = IDLE;
  private chunks: string[] = [];
  private index = 0;
  /** Bumped by every stop/pause/new reading: callbacks of an older run do nothing. */
  private run = 0;
  private rate: ReadRate = 'normal';
  private urls = new Map<string, Promise<string>>();
  private highlighted: Element | null = null;
  private pointerTimer = 0;
  private lastPointerEl: Element | null = null;
  private lastSelection = '';

  constructor(
    private readonly audio: HTMLAudioElement,
    private readonly onChange: (s: ReadState) => void,
  ) {
    audio.addEventListener('ended', this.onAudioEnded);
    document.addEventListener('selectionchange', this.onSelection);
  }

  destroy(): void {
    this.stop();
    this.setPointer(false);
    this.audio.removeEventListener('ended', this.onAudioEnded);
    document.removeEventListener('selectionchange', this.onSelection);
  }

  private set(change: Partial<ReadState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }

  setRate(rate: ReadRate): void {
    this.rate = rate;
  }

  /** Reads the visible text of the page's main content. */
  readPage(root: Element | null): void {
    const text = root ? visibleText(root) : '';
    this.start(text, '全文', null);
  }

  /** Reads the text selected on the page (also just after a tap on the button cleared it). */
  readSelection(): void {
    const now = window.getSelection()?.toString().trim() ?? '';
    const text = now || this.lastSelection;
    if (!text) {
      this.stop();
      this.set({ error: '请先用鼠标拖动或用手指长按，选中要朗读的文字，再按「朗读选中文字」。' });
      return;
    }
    this.start(text, '选中的文字', null);
  }

  private onSelection = () => {
    const sel = window.getSelection();
    const text = sel?.toString().trim() ?? '';
    // Text selected inside the toolbar itself (e.g. a double-click on a button) is not kept.
    if (text && !sel?.anchorNode?.parentElement?.closest('.a11y-bar')) this.lastSelection = text.slice(0, 4000);
  };

  /** 指读: read what the pointer rests on or what receives focus. */
  setPointer(on: boolean): void {
    if (on === this.state.pointer) return;
    const opts = { capture: true } as const;
    if (on) {
      document.addEventListener('pointerover', this.onPointer, opts);
      document.addEventListener('focusin', this.onFocus, opts);
    } else {
      document.removeEventListener('pointerover', this.onPointer, opts);
      document.removeEventListener('focusin', this.onFocus, opts);
      window.clearTimeout(this.pointerTimer);
      this.lastPointerEl = null;
    }
    this.set({ pointer: on });
  }

  private onPointer = (e: PointerEvent) => this.schedulePointer(e.target, e.pointerType === 'touch' ? 0 : 350);
  private onFocus = (e: FocusEvent) => this.schedulePointer(e.target, 120);

  private schedulePointer(target: EventTarget | null, delay: number): void {
    if (!(target instanceof Element)) return;
    window.clearTimeout(this.pointerTimer);
    this.pointerTimer = window.setTimeout(() => {
      const found = describeTarget(target);
      if (!found || found.el === this.lastPointerEl) return;
      this.lastPointerEl = found.el;
      this.start(found.text, '指向的内容', found.el);
    }, delay);
  }

  pause(): void {
    if (this.state.status !== 'playing' && this.state.status !== 'loading') return;
    this.run++;
    if (this.state.source === 'browser') window.speechSynthesis.cancel();
    else this.audio.pause();
    this.set({ status: 'paused' });
  }

  resume(): void {
    if (this.state.status !== 'paused') return;
    const run = ++this.run;
    if (this.state.source === 'server' && this.audio.src && !this.audio.ended && this.audio.currentTime > 0) {
      this.set({ status: 'playing' });
      this.audio.play().catch((err: unknown) => this.fail(run, err));
    } else {
      // The browser's voice restarts the current piece (pause() is unreliable on phones).
      void this.playFrom(run, this.index);
    }
  }

  stop(): void {
    this.run++;
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.chunks = [];
    this.index = 0;
    this.mark(null);
    this.set({ status: 'idle', what: '', error: '' });
  }

  private start(text: string, what: string, el: Element | null): void {
    const pointer = this.state.pointer;
    const lastPointer = this.lastPointerEl;
    this.stop();
    this.lastPointerEl = lastPointer;
    this.set({ pointer });
    this.chunks = chunkText(text);
    if (this.chunks.length === 0) {
      this.set({ error: '这里没有可朗读的文字。' });
      return;
    }
    this.mark(el);
    void this.playFrom(this.run, 0, what);
  }

  private async playFrom(run: number, index: number, what = this.state.what): Promise<void> {
    this.index = index;
    this.set({ status: 'loading', what, error: '' });
    await voicesReady();
    if (run !== this.run) return;
    const voice = mandarinVoice();
    if (voice) {
      try {
        this.speakBrowser(run, voice);
        return;
      } catch {
        // A voice the browser lists but cannot use: the server's audio instead.
      }
    }
    await this.playServer(run);
  }

  private speakBrowser(run: number, voice: SpeechSynthesisVoice): void {
    const text = this.chunks[this.index];
    if (text === undefined) return this.finish(run);
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = BROWSER_RATE[this.rate];
    u.onend = () => {
      if (run !== this.run) return;
      this.index++;
      this.speakBrowser(run, voice);
    };
    u.onerror = (e) => {
      if (run !== this.run || e.error === 'interrupted' || e.error === 'canceled') return;
      // The voice failed: the server's audio takes over from this piece.
      void this.playServer(run);
    };
    this.set({ status: 'playing', source: 'browser' });
    window.speechSynthesis.speak(u);
  }

  private urlFor(text: string, rate: ReadRate): Promise<string> {
    const key = urlKey(text, rate);
    let url = this.urls.get(key);
    if (!url) {
      url = api<{ url: string }>('/api/v1/speech', { method: 'POST', body: { text, rate } }).then((r) => r.url);
      url.catch(() => this.urls.delete(key));
      this.urls.set(key, url);
      if (this.urls.size > 200) this.urls.delete(this.urls.keys().next().value!);
    }
    return url;
  }

  private async playServer(run: number, retried = false): Promise<void> {
    const text = this.chunks[this.index];
    if (text === undefined) return this.finish(run);
    this.set({ source: 'server' });
    const rate = this.rate;
    try {
      const url = await this.urlFor(text, rate);
      if (run !== this.run) return;
      // Fetch the next piece while this one plays.
      const next = this.chunks[this.index + 1];
      if (next !== undefined) this.urlFor(next, rate).catch(() => undefined);
      this.audio.src = url;
      this.set({ status: 'playing' });
      try {
        await this.audio.play();
      } catch (err) {
        // The server's cache is bounded and may have dropped audio whose address was kept here:
        // ask for it once more, which makes it again.
        if (retried || !(err instanceof DOMException) || err.name !== 'NotSupportedError' || run !== this.run) throw err;
        this.urls.delete(urlKey(text, rate));
        return this.playServer(run, true);
      }
    } catch (err) {
      this.fail(run, err);
    }
  }

  private onAudioEnded = () => {
    if (this.state.source !== 'server' || this.state.status !== 'playing') return;
    this.index++;
    void this.playServer(this.run);
  };

  private finish(run: number): void {
    if (run !== this.run) return;
    this.chunks = [];
    this.index = 0;
    this.mark(null);
    this.set({ status: 'idle', what: '' });
  }

  private fail(run: number, err: unknown): void {
    if (run !== this.run) return;
    let message = errorMessage(err);
    if (err instanceof DOMException && err.name === 'NotAllowedError') message = '浏览器没有允许播放声音，请再按一次朗读按钮。';
    else if (err instanceof DOMException || (err instanceof Error && err.name !== 'ApiError')) message = '声音无法播放，请检查设备音量或稍后再试。';
    this.run++;
    this.audio.pause();
    this.mark(null);
    this.set({ status: 'idle', error: `朗读失败：${message}` });
  }

  /** Outlines the element being read by 指读. */
  private mark(el: Element | null): void {
    this.highlighted?.classList.remove(HIGHLIGHT);
    this.highlighted = el;
    el?.classList.add(HIGHLIGHT);
  }
}
