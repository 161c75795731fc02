/**
 * Accessibility preferences remembered on this device: 长辈版 (elder mode), text size step,
 * high contrast, the extra-large cursor and the read-aloud speed. The page reflects them as
 * attributes on <html> (data-elder, data-contrast, data-cursor) and the --font-scale custom
 * property, so every page's CSS follows without knowing about this module.
 *
 * Signed-in citizens also have elder mode remembered with their account (see useElderAccountSync).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { deviceStore } from '../components/deviceStore.js';

export type FontStep = 0 | 1 | 2 | 3;
export type ReadRate = 'slow' | 'normal' | 'fast';

export interface A11yPrefs {
  /** null: never chosen on this device (a 60+ citizen is then offered 长辈版). */
  elder: boolean | null;
  font: FontStep;
  contrast: boolean;
  bigCursor: boolean;
  rate: ReadRate;
}

/** A− A A+ A++: the text-size steps. `name` completes the accessible name (A+ 大字). */
export const FONT_STEPS: readonly { label: string; name: string; scale: number }[] = [
  { label: 'A−', name: '小字', scale: 0.875 },
  { label: 'A', name: '标准字', scale: 1 },
  { label: 'A+', name: '大字', scale: 1.25 },
  { label: 'A++', name: '特大字', scale: 1.5 },
];

export const READ_RATES: readonly { value: ReadRate; label: string }[] = [
  { value: 'slow', label: '慢速' },
  { value: 'normal', label: '中速' },
  { value: 'fast', label: '快速' },
];

export const DEFAULT_PREFS: A11yPrefs = { elder: null, font: 1, contrast: false, bigCursor: false, rate: 'normal' };

function parse(raw: string | null): A11yPrefs {
  if (!raw) return DEFAULT_PREFS;
  try {
    const p = JSON.parse(raw) as Partial<A11yPrefs>;
    return {
      elder: typeof p.elder === 'boolean' ? p.elder : null,
      font: p.font === 0 || p.font === 1 || p.font === 2 || p.font === 3 ? p.font : 1,
      contrast: p.contrast === true,
      bigCursor: p.bigCursor === true,
      rate: p.rate === 'slow' || p.rate === 'fast' ? p.rate : 'normal',
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

const store = deviceStore('bianmin.a11y', parse);

export const getPrefs = (): A11yPrefs => store.get();

export function setPrefs(change: Partial<A11yPrefs>): void {
  store.write(JSON.stringify({ ...getPrefs(), ...change }));
}

export function usePrefs(): [A11yPrefs, (change: Partial<A11yPrefs>) => void] {
  const prefs = useSyncExternalStore(store.subscribe, getPrefs, () => DEFAULT_PREFS);
  return [prefs, useCallback((c: Partial<A11yPrefs>) => setPrefs(c), [])];
}

/** Whether 长辈版 is on (for pages that lay themselves out differently in it). */
export const useElderMode = (): boolean => usePrefs()[0].elder === true;

/**
 * Puts the preferences on <html>. Called before the first render (main.tsx, so pages never flash
 * at the wrong size) and while the public layout is mounted; `clearA11yDocument` removes them for
 * the staff workbench, which has its own antd layout.
 */
export function applyA11yDocument(prefs: A11yPrefs): void {
  const html = document.documentElement;
  const set = (name: string, value: string | null) => (value === null ? html.removeAttribute(name) : html.setAttribute(name, value));
  set('data-elder', prefs.elder ? 'on' : null);
  set('data-contrast', prefs.contrast ? 'high' : null);
  set('data-cursor', prefs.bigCursor ? 'big' : null);
  html.style.setProperty('--font-scale', String(FONT_STEPS[prefs.font].scale));
}

export function clearA11yDocument(): void {
  const html = document.documentElement;
  for (const a of ['data-elder', 'data-contrast', 'data-cursor']) html.removeAttribute(a);
  html.style.removeProperty('--font-scale');
}
