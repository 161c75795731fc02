import { useEffect, useRef, useState } from 'react';

/** The part of the Web Speech API's recognition object used here (not in TypeScript's DOM types). */
interface Recognition {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  continuous: boolean;
  start(): void;
  abort(): void;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
}
type RecognitionCtor = new () => Recognition;

const recognitionCtor = (): RecognitionCtor | undefined => {
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
};

/** Set when the browser has the API but cannot use it here (no recognition service, language). */
let brokenThisVisit = false;

/** Whether this browser offers voice search (for the toolbar to leave out an empty group). */
export const canVoiceSearch = (): boolean => Boolean(recognitionCtor()) && !brokenThisVisit;

const MESSAGES: Record<string, string> = {
  'no-speech': '没有听到声音。请再按「语音搜索」，听到提示后说出要办的事，例如“办低保”。',
  'audio-capture': '没有找到麦克风，请检查设备后再试，或用文字搜索。',
  'not-allowed': '没有使用麦克风的权限。请在浏览器设置中允许本网站使用麦克风，或用文字搜索。',
};

/**
 * 语音搜索: speaks a search into the catalog. Shown only where the browser offers speech
 * recognition; hidden for the rest of the visit if the browser turns out unable to recognise speech.
 */
export function VoiceSearchButton({ onResult, onMessage, className }: { onResult: (q: string) => void; onMessage: (m: string) => void; className?: string }) {
  const [supported, setSupported] = useState(canVoiceSearch);
  const [listening, setListening] = useState(false);
  const rec = useRef<Recognition | null>(null);
  useEffect(() => () => rec.current?.abort(), []);
  if (!supported) return null;

  const start = () => {
    const Ctor = recognitionCtor();
    if (!Ctor) return;
    if (listening) {
      rec.current?.abort();
      return;
    }
    const r = new Ctor();
    r.lang = 'zh-CN';
    r.interimResults = false;
    r.maxAlternatives = 1;
    r.continuous = false;
    r.onresult = (e) => {
      const words = (e.results[0]?.[0]?.transcript ?? '').replace(/[。，？！.,?!\s]+$/u, '').trim();
      if (words) {
        onMessage(`听到：“${words}”，正在搜索。`);
        onResult(words);
      } else onMessage(MESSAGES['no-speech']);
    };
    r.onerror = (e) => {
      if (e.error === 'aborted') return;
      if (MESSAGES[e.error]) onMessage(MESSAGES[e.error]);
      else {
        brokenThisVisit = true;
        setSupported(false);
        onMessage('本浏览器暂时不能识别语音，请用文字搜索。');
      }
    };
    r.onend = () => setListening(false);
    rec.current = r;
    try {
      r.start();
      setListening(true);
      onMessage('请说出要办的事，例如“办低保”“养老保险”。');
    } catch {
      onMessage('语音识别没有启动，请稍后再试，或用文字搜索。');
    }
  };

  return (
    <button type="button" className={className} onClick={start}>
      {listening ? '停止聆听' : '语音搜索'}
    </button>
  );
}
