/**
 * The place a citizen chose (a town, or a village in it), remembered in this browser so that
 * searches and guides show what that place offers. Codes nest: a village's first 9 digits are
 * its town's code.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useRegion } from '../../api/regions.js';
import { deviceStore } from '../../components/deviceStore.js';

export interface Place {
  code: string;
  name: string;
  level: 'town' | 'village';
  townCode: string;
  townName: string;
}

function parse(raw: string | null): Place | null {
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<Place>;
    if (typeof p.code !== 'string' || !/^\d{9}(\d{3})?$/.test(p.code) || typeof p.name !== 'string') return null;
    if (typeof p.townCode !== 'string' || typeof p.townName !== 'string') return null;
    return { code: p.code, name: p.name, level: p.code.length === 12 ? 'village' : 'town', townCode: p.townCode, townName: p.townName };
  } catch {
    return null;
  }
}

const store = deviceStore('bianmin.place', parse);

export function rememberPlace(place: Place | null): void {
  store.write(place ? JSON.stringify(place) : null);
}

/** The remembered place (null = 全市) and a setter that remembers a new one. */
export function usePlace(): [Place | null, (place: Place | null) => void] {
  const place = useSyncExternalStore(store.subscribe, store.get, () => null);
  const set = useCallback((p: Place | null) => rememberPlace(p), []);
  return [place, set];
}

/** 孟庄社区（钢山街道） or 钢山街道. */
export const placeLabel = (p: Pick<Place, 'name' | 'level' | 'townName'>) => (p.level === 'village' ? `${p.name}（${p.townName}）` : p.name);

/**
 * The region a guide of this level should open with for a remembered place: a village item needs
 * the village, a town item the town (a village's town will do).
 */
export function regionForLevel(place: Place | null, level: 'town' | 'village'): string | undefined {
  if (!place) return undefined;
  if (level === 'town') return place.townCode;
  return place.level === 'village' ? place.code : undefined;
}

/**
 * The place a region code in an address stands for (names from the API; the remembered place
 * answers at once when it is the same). Null for no code, the whole city, or while loading.
 */
export function usePlaceOf(code: string | undefined): { place: Place | null; isPending: boolean; isError: boolean } {
  const [remembered] = usePlace();
  const known = remembered && remembered.code === code ? remembered : null;
  const wanted = Boolean(code) && !known && (code!.length === 9 || code!.length === 12);
  const region = useRegion(wanted ? code : undefined);
  if (!code) return { place: null, isPending: false, isError: false };
  if (known) return { place: known, isPending: false, isError: false };
  if (!wanted) return { place: null, isPending: false, isError: false };
  const r = region.data;
  if (!r) return { place: null, isPending: region.isPending, isError: region.isError };
  if (r.level === 'county') return { place: null, isPending: false, isError: false };
  const town = r.level === 'town' ? { code: r.code, name: r.name } : r.ancestors.find((a) => a.level === 'town');
  return { place: { code: r.code, name: r.name, level: r.level, townCode: town?.code ?? r.code.slice(0, 9), townName: town?.name ?? '' }, isPending: false, isError: false };
}
