/**
 * The public catalog search: in memory, built from the published guidance catalogs. Understands
 * Chinese words, full pinyin ("dibao", "zuidishenghuo"), initials ("db", "zdshbz") and colloquial
 * synonyms kept as data (生孩子 → 生育登记). A county's catalogs are a few thousand rows, so a scan
 * over precomputed strings is both simple and fast (see npm run bench).
 */
import { pinyin } from 'pinyin-pro';
import { onlineLevel, type OnlineLevel, type QuickFilter } from '../../../shared/catalog.js';
import { displayName, promisedWorkingDays, rowCode, type CatalogItem } from '../../../shared/catalog-item.js';

export interface Highlight {
  start: number;
  end: number;
}

interface Phonetic {
  /** per character of the source string */
  syllables: string[];
  full: string;
  initials: string;
  /** offset of each character's syllable in `full` */
  offsets: number[];
  /** syllableStart[i] === 1 when a syllable starts at full[i] */
  syllableStart: Uint8Array;
}

function phonetic(text: string): Phonetic {
  const chars = Array.from(text);
  const syllables = (pinyin(text, { toneType: 'none', type: 'array', v: true }) as string[]).map((s) => s.toLowerCase());
  // pinyin-pro returns one entry per character; keep the arrays aligned even if it ever does not.
  const aligned = syllables.length === chars.length ? syllables : chars.map((c) => c.toLowerCase());
  const offsets: number[] = [];
  let full = '';
  for (const s of aligned) {
    offsets.push(full.length);
    full += s;
  }
  const syllableStart = new Uint8Array(full.length + 1);
  for (const o of offsets) syllableStart[o] = 1;
  return { syllables: aligned, full, initials: aligned.map((s) => s[0] ?? '').join(''), offsets, syllableStart };
}

export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const isLatin = (term: string) => /^[a-z]+$/.test(term);

export interface IndexedItem {
  rowCode: string;
  level: 'town' | 'village';
  /** town rows list before village rows */
  levelRank: number;
  sortOrder: number;
  item: CatalogItem;
  name: string;
  nameLc: string;
  namePhonetic: Phonetic;
  keywords: { text: string; phonetic: Phonetic }[];
  audienceKind: ('person' | 'business')[];
  onlineLevel: OnlineLevel;
  promisedDays: number | null;
}

export interface SearchFilters {
  level?: 'town' | 'village';
  /** row codes available in the chosen region (its published implementation list) */
  allowed?: Set<string>;
  /** a stable name for `allowed` (the region code) so results can be cached */
  allowedKey?: string;
  department?: string;
  audience?: 'person' | 'business';
  theme?: string;
  type?: string;
  quick?: QuickFilter[];
}

export interface SearchHit {
  entry: IndexedItem;
  score: number;
  highlights: Highlight[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: { departments: { name: string; count: number }[]; themes: { name: string; count: number }[] };
  /** what the query was read as: synonyms applied */
  expandedTerms: string[];
  suggestions: string[];
}

interface Synonym {
  term: string;
  targets: string[];
  phonetic: Phonetic;
}

interface Expansion {
  target: string;
  strong: boolean;
}

interface Match {
  score: number;
  highlight?: Highlight;
}

/** Highlight in character offsets of the display name, from a match in its pinyin. */
function spanFromFull(p: Phonetic, start: number, length: number): Highlight {
  let first = 0;
  while (first + 1 < p.offsets.length && p.offsets[first + 1] <= start) first++;
  let last = first;
  while (last + 1 < p.offsets.length && p.offsets[last + 1] < start + length) last++;
  return { start: first, end: last + 1 };
}

function matchChinese(entry: IndexedItem, term: string, weight = 1): Match | null {
  const at = entry.nameLc.indexOf(term);
  if (at >= 0) {
    const score = entry.nameLc === term ? 100 : at === 0 ? 90 : 80;
    // Names are BMP text (Han, ASCII, full-width punctuation), so UTF-16 offsets are character offsets.
    return { score: score * weight, highlight: { start: at, end: at + term.length } };
  }
  for (const k of entry.keywords) {
    if (k.text === term) return { score: 75 * weight };
    if (k.text.includes(term)) return { score: 60 * weight };
  }
  if (entry.item.department.includes(term)) return { score: 20 * weight };
  if (entry.item.materials.some((m) => m.name.includes(term))) return { score: 10 * weight };
  return null;
}

function matchLatin(entry: IndexedItem, term: string): Match | null {
  const p = entry.namePhonetic;
  if (p.initials === term) return { score: 72, highlight: { start: 0, end: term.length } };
  if (term.length >= 2) {
    const fullAt = p.full.indexOf(term);
    if (fullAt >= 0 && p.syllableStart[fullAt] === 1) {
      return { score: fullAt === 0 ? 70 : 60, highlight: spanFromFull(p, fullAt, term.length) };
    }
    // Initials inside a name only count for 3+ letters: two letters match too much by chance.
    const initAt = p.initials.indexOf(term);
    if (initAt === 0 || (initAt > 0 && term.length >= 3)) return { score: initAt === 0 ? 65 : 50, highlight: { start: initAt, end: initAt + term.length } };
  }
  for (const k of entry.keywords) {
    if (k.phonetic.full === term || k.phonetic.initials === term) return { score: 58 };
    if (term.length >= 3 && k.phonetic.full.startsWith(term)) return { score: 50 };
  }
  if (term.length === 1 && p.initials.startsWith(term)) return { score: 30, highlight: { start: 0, end: 1 } };
  return null;
}

/** Posting lists: key → ascending entry positions. */
class Postings {
  private map = new Map<string, number[]>();
  add(key: string, position: number): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  }
  get(key: string): number[] {
    return this.map.get(key) ?? [];
  }
}

function intersect(lists: number[][]): number[] {
  if (lists.length === 0) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0];
  for (const list of sorted.slice(1)) {
    const set = new Set(list);
    out = out.filter((x) => set.has(x));
    if (out.length === 0) break;
  }
  return out;
}

function union(lists: number[][]): number[] {
  const set = new Set<number>();
  for (const l of lists) for (const x of l) set.add(x);
  return [...set].sort((a, b) => a - b);
}

export class CatalogSearchIndex {
  private entries: IndexedItem[] = [];
  private synonyms: Synonym[] = [];
  private byCode = new Map<string, IndexedItem>();
  /** every character of the text a Chinese term can match (name, keywords, department, materials) */
  private chars = new Postings();
  /** pinyin keys: "f:" + 2 letters at a syllable start, "i:" + 2 initials, "1:" + first initial */
  private latin = new Postings();

  constructor(items: { level: 'town' | 'village'; sortOrder: number; item: CatalogItem }[] = [], synonyms: { term: string; targets: string[] }[] = []) {
    this.entries = items.map(({ level, sortOrder, item }) => {
      const name = displayName(item);
      const audienceKind: ('person' | 'business')[] = [];
      if (item.audience.includes('1')) audienceKind.push('person');
      if (item.audience.some((a) => a !== '1')) audienceKind.push('business');
      return {
        rowCode: rowCode(item), level, levelRank: level === 'town' ? 0 : 1, sortOrder, item, name, nameLc: name.toLowerCase(), namePhonetic: phonetic(name),
        keywords: item.keywords.map((k) => ({ text: k.toLowerCase(), phonetic: phonetic(k) })),
        audienceKind, onlineLevel: onlineLevel(item.onlineDepth, item.visits), promisedDays: promisedWorkingDays(item.promisedLimit),
      };
    });
    // Entries stay in display order, so an empty query needs no sort.
    this.entries.sort((a, b) => a.levelRank - b.levelRank || a.sortOrder - b.sortOrder);
    this.byCode = new Map(this.entries.map((e) => [`${e.level}:${e.rowCode}`, e]));
    this.entries.forEach((e, pos) => this.indexEntry(e, pos));
    this.synonyms = synonyms.map((s) => ({ term: s.term.toLowerCase(), targets: s.targets.map((t) => t.toLowerCase()), phonetic: phonetic(s.term) }));
  }

  private indexEntry(e: IndexedItem, pos: number): void {
    const texts = [e.nameLc, ...e.keywords.map((k) => k.text), e.item.department, ...e.item.materials.map((m) => m.name)];
    for (const text of texts) for (const ch of text) this.chars.add(ch, pos);
    for (const p of [e.namePhonetic, ...e.keywords.map((k) => k.phonetic)]) {
      for (const offset of p.offsets) {
        for (const n of [2, 3, 4]) if (offset + n <= p.full.length) this.latin.add(`f${n}:${p.full.slice(offset, offset + n)}`, pos);
      }
      for (let i = 0; i + 1 < p.initials.length; i++) {
        this.latin.add(`i2:${p.initials.slice(i, i + 2)}`, pos);
        if (i + 2 < p.initials.length) this.latin.add(`i3:${p.initials.slice(i, i + 3)}`, pos);
      }
      if (p.initials) this.latin.add(`1:${p.initials[0]}`, pos);
    }
  }

  /** Entries that can possibly match a term (a superset; matchTerm decides). */
  private candidates(term: string, expansions: Expansion[]): number[] {
    const lists: number[][] = [];
    if (isLatin(term)) {
      const n = Math.min(term.length, 4);
      if (term.length === 1) lists.push(this.latin.get(`1:${term}`));
      else lists.push(this.latin.get(`f${n}:${term.slice(0, n)}`), this.latin.get(`i${Math.min(term.length, 3)}:${term.slice(0, Math.min(term.length, 3))}`));
    } else {
      lists.push(intersect(Array.from(new Set(term)).map((ch) => this.chars.get(ch))));
    }
    for (const { target } of expansions) lists.push(intersect(Array.from(new Set(target)).map((ch) => this.chars.get(ch))));
    return union(lists);
  }

  codesOf(level: 'town' | 'village'): string[] {
    return this.entries.filter((e) => e.level === level).map((e) => e.rowCode);
  }

  get size(): number {
    return this.entries.length;
  }

  get(level: 'town' | 'village', code: string): IndexedItem | undefined {
    return this.byCode.get(`${level}:${code}`);
  }

  private passes(e: IndexedItem, f: SearchFilters): boolean {
    if (f.level && e.level !== f.level) return false;
    if (f.allowed && !f.allowed.has(e.rowCode)) return false;
    if (f.department && e.item.department !== f.department) return false;
    if (f.audience && !e.audienceKind.includes(f.audience)) return false;
    if (f.theme && !e.item.themes.includes(f.theme)) return false;
    if (f.type && e.item.type !== f.type) return false;
    for (const q of f.quick ?? []) {
      if (q === 'fullyOnline' && e.onlineLevel !== 'Ⅳ') return false;
      if (q === 'mobile' && !e.item.mobile) return false;
      if (q === 'atMostOneVisit' && e.item.visits > 1) return false;
      if (q === 'zeroVisit' && e.item.visits !== 0) return false;
      if (q === 'appointment' && !e.item.appointment) return false;
    }
    return true;
  }

  /**
   * Synonym targets for a term: by the term itself, or by its pinyin / initials. `strong` when
   * the whole term is the colloquial word (低保 → 最低生活保障): the target then outranks names
   * that merely contain the word (低保边缘家庭认定).
   */
  private expansions(term: string): Expansion[] {
    const out: Expansion[] = [];
    for (const s of this.synonyms) {
      const strong = isLatin(term) ? s.phonetic.full === term || (term.length >= 2 && s.phonetic.initials === term) : term === s.term;
      const hit = strong || (!isLatin(term) && term.includes(s.term));
      if (hit) for (const target of s.targets) out.push({ target, strong });
    }
    return out;
  }

  private matchTerm(e: IndexedItem, term: string, expansions: Expansion[]): Match | null {
    let best = isLatin(term) ? matchLatin(e, term) : matchChinese(e, term);
    for (const { target, strong } of expansions) {
      const m = matchChinese(e, target, 0.95);
      if (m && strong && m.highlight) m.score = Math.max(m.score, 95);
      if (m && (!best || m.score > best.score)) best = m;
    }
    return best;
  }

  /** The index never changes once built, so results can be kept; popular queries repeat a lot. */
  private cache = new Map<string, SearchResult>();
  private static readonly CACHE_SIZE = 1000;

  search(query: string, filters: SearchFilters, page: number, pageSize: number): SearchResult {
    // `allowed` sets are per region and cached by the caller, so their identity is stable: key on the region instead.
    const key = JSON.stringify([normaliseQuery(query), { ...filters, allowed: filters.allowedKey ?? (filters.allowed ? null : undefined) }, page, pageSize]);
    const cacheable = !filters.allowed || filters.allowedKey !== undefined;
    const hit = cacheable ? this.cache.get(key) : undefined;
    if (hit) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const result = this.compute(query, filters, page, pageSize);
    if (cacheable) {
      this.cache.set(key, result);
      if (this.cache.size > CatalogSearchIndex.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return result;
  }

  private compute(query: string, filters: SearchFilters, page: number, pageSize: number): SearchResult {
    const q = normaliseQuery(query);
    const terms = q ? q.split(' ').filter(Boolean) : [];
    const expansionsByTerm = terms.map((t) => this.expansions(t));
    const hits: SearchHit[] = [];
    const positions = terms.length === 0 ? null : intersect(terms.map((t, i) => this.candidates(t, expansionsByTerm[i])));
    const pool = positions === null ? this.entries : positions.map((p) => this.entries[p]);
    for (const e of pool) {
      if (!this.passes(e, filters)) continue;
      if (terms.length === 0) {
        hits.push({ entry: e, score: 0, highlights: [] });
        continue;
      }
      let score = 0;
      const highlights: Highlight[] = [];
      let all = true;
      for (let i = 0; i < terms.length; i++) {
        const m = this.matchTerm(e, terms[i], expansionsByTerm[i]);
        if (!m) {
          all = false;
          break;
        }
        score += m.score;
        if (m.highlight) highlights.push(m.highlight);
      }
      if (all) hits.push({ entry: e, score, highlights: mergeHighlights(highlights) });
    }
    if (terms.length > 0) hits.sort((a, b) => b.score - a.score || a.entry.levelRank - b.entry.levelRank || a.entry.sortOrder - b.entry.sortOrder);
    const facets = { departments: countBy(hits, (h) => [h.entry.item.department]), themes: countBy(hits, (h) => h.entry.item.themes) };
    const start = (page - 1) * pageSize;
    return {
      total: hits.length,
      hits: hits.slice(start, start + pageSize),
      facets,
      expandedTerms: [...new Set(expansionsByTerm.flat().map((x) => x.target))],
      suggestions: hits.length === 0 && terms.length > 0 ? this.suggest(terms, filters) : [],
    };
  }

  /** For an empty result: names sharing two-character pieces or initials with the query, else synonym terms. */
  private suggest(terms: string[], filters: SearchFilters): string[] {
    const pieces = new Set<string>();
    for (const t of terms) {
      const chars = Array.from(t);
      if (isLatin(t)) {
        if (t.length >= 2) pieces.add(t.slice(0, 2));
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i++) pieces.add(chars[i] + chars[i + 1]);
      if (chars.length === 1) pieces.add(chars[0]);
    }
    const names = new Set<string>();
    for (const p of pieces) {
      const positions = isLatin(p) ? this.latin.get(`i2:${p}`) : intersect(Array.from(p).map((ch) => this.chars.get(ch)));
      for (const pos of positions) {
        const e = this.entries[pos];
        if (!this.passes(e, { ...filters, quick: [] })) continue;
        if (isLatin(p) ? e.namePhonetic.initials.startsWith(p) : e.nameLc.includes(p)) names.add(e.item.name);
        if (names.size >= 5) break;
      }
      if (names.size >= 5) break;
    }
    if (names.size === 0) for (const s of this.synonyms.slice(0, 5)) names.add(s.term);
    return [...names].slice(0, 5);
  }
}

function mergeHighlights(list: Highlight[]): Highlight[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const out: Highlight[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else out.push({ ...h });
  }
  return out;
}

function countBy(hits: SearchHit[], keysOf: (h: SearchHit) => string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const h of hits) for (const k of keysOf(h)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
}
