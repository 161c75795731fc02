/**
 * The public catalog search: in memory, built from the published guidance catalogs. Understands
 * Chinese words, full pinyin ("dibao", "zuidishenghuo"), initials ("db", "zdshbz") and colloquial
 * synonyms kept as data (生孩子 → 生育登记). A county's catalogs are a few thousand rows, so a scan
 * over precomputed strings is both simple and fast (see npm run bench).
 */
import { pinyin } from 'pinyin-pro';
import { onlineLevel, type OnlineLevel, type QuickFilter } from '../../../shared/catalog.js';
import { displayName, promisedWorkingDays, rowCode, type CatalogItem, type TimeLimit } from '../../../shared/catalog-item.js';

export interface Highlight {
  start: number;
  end: number;
}

interface Phonetic {
  full: string;
  initials: string;
  /** offset of each character's syllable in `full` (ascending; a syllable starts at each) */
  offsets: number[];
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
  return { full, initials: aligned.map((s) => s[0] ?? '').join(''), offsets };
}

export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const isLatin = (term: string) => /^[a-z]+$/.test(term);

/**
 * What the index reads of an item (a stored CatalogItem is one). It keeps only `ItemFacts`, so a
 * catalog of 10,000 items is never whole in memory; a guide reads its one item from the database.
 */
export type IndexSource = Pick<
  CatalogItem,
  'baseCode' | 'handlingSeq' | 'name' | 'handlingName' | 'type' | 'department' | 'visits' | 'mobile' | 'appointment' | 'themes' | 'keywords' | 'audience' | 'onlineDepth' | 'promisedLimit'
> & { materials: readonly { name: string }[] };

/** The facts search, filters and result lists read. */
export interface ItemFacts {
  name: string;
  handlingName: string;
  type: CatalogItem['type'];
  department: string;
  visits: number;
  mobile: boolean;
  appointment: boolean;
  themes: string[];
  materialNames: string[];
  promisedLimit: TimeLimit;
}

export interface IndexedItem {
  rowCode: string;
  level: 'town' | 'village';
  /** town rows list before village rows */
  levelRank: number;
  sortOrder: number;
  facts: ItemFacts;
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
  if (entry.facts.department.includes(term)) return { score: 20 * weight };
  if (entry.facts.materialNames.some((name) => name.includes(term))) return { score: 10 * weight };
  return null;
}

function matchLatin(entry: IndexedItem, term: string): Match | null {
  const p = entry.namePhonetic;
  if (p.initials === term) return { score: 72, highlight: { start: 0, end: term.length } };
  if (term.length >= 2) {
    const fullAt = p.full.indexOf(term);
    if (fullAt >= 0 && p.offsets.includes(fullAt)) {
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

/**
 * Posting lists: key → ascending entry positions. A 10,000-item catalog has about a million
 * positions: while building they go into one growing Int32Array of (key, position) pairs, and
 * `seal` lays every key's list out in a single Int32Array. Arrays of numbers grown per key took
 * three times the room and left that much garbage behind, which the heap kept as slack.
 */
class Postings {
  private ids = new Map<string, number>();
  /** the last position added per key id, to skip repeats (positions arrive in ascending order) */
  private lastPosition: number[] = [];
  private pairs: Int32Array | null = new Int32Array(1 << 15);
  private pairCount = 0;
  /** after `seal`: key id → its list is all[starts[id]] … all[starts[id + 1] - 1] */
  private starts = new Int32Array(1);
  private all = new Int32Array(0);

  add(key: string, position: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      this.lastPosition.push(-1);
    }
    if (this.lastPosition[id] === position) return;
    this.lastPosition[id] = position;
    let pairs = this.pairs!;
    if (this.pairCount * 2 + 2 > pairs.length) {
      const grown = new Int32Array(pairs.length * 2);
      grown.set(pairs);
      this.pairs = pairs = grown;
    }
    pairs[this.pairCount * 2] = id;
    pairs[this.pairCount * 2 + 1] = position;
    this.pairCount++;
  }

  seal(): void {
    const pairs = this.pairs!;
    const starts = new Int32Array(this.ids.size + 1);
    for (let i = 0; i < this.pairCount; i++) starts[pairs[i * 2]! + 1]!++;
    for (let id = 0; id < this.ids.size; id++) starts[id + 1]! += starts[id]!;
    const all = new Int32Array(this.pairCount);
    const cursor = starts.slice(0, this.ids.size);
    // pairs are in ascending position order, so each key's list comes out ascending
    for (let i = 0; i < this.pairCount; i++) all[cursor[pairs[i * 2]!]!++] = pairs[i * 2 + 1]!;
    this.starts = starts;
    this.all = all;
    this.pairs = null;
    this.lastPosition = [];
  }

  get(key: string): Int32Array {
    const id = this.ids.get(key);
    return id === undefined ? NO_POSITIONS : this.all.subarray(this.starts[id], this.starts[id + 1]);
  }
}
const NO_POSITIONS = new Int32Array(0);
type Positions = Int32Array | readonly number[];

function intersect(lists: Positions[]): number[] {
  if (lists.length === 0) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = Array.from(sorted[0]);
  for (const list of sorted.slice(1)) {
    const set = new Set(list);
    out = out.filter((x) => set.has(x));
    if (out.length === 0) break;
  }
  return out;
}

function union(lists: Positions[]): number[] {
  const set = new Set<number>();
  for (const l of lists) for (const x of l) set.add(x);
  return [...set].sort((a, b) => a - b);
}

/**
 * Makes index entries one item at a time, so a caller reading a catalog in batches keeps only the
 * entries: the stored items and their reductions die young instead of being promoted and leaving
 * the old generation fragmented (the heap then keeps the slack; docs/RELIABILITY.md, Memory).
 */
export class CatalogIndexBuilder {
  private entries: IndexedItem[] = [];
  /** Departments, themes and material names repeat across thousands of items: one copy of each. */
  private pool = new Map<string, string>();
  private audienceKinds = new Map<string, ('person' | 'business')[]>();

  private intern = (text: string): string => {
    const kept = this.pool.get(text);
    if (kept !== undefined) return kept;
    this.pool.set(text, text);
    return text;
  };

  add(level: 'town' | 'village', sortOrder: number, item: IndexSource): void {
    const name = displayName(item);
    const kinds: ('person' | 'business')[] = [];
    if (item.audience.includes('1')) kinds.push('person');
    if (item.audience.some((a) => a !== '1')) kinds.push('business');
    const kindsKey = kinds.join();
    if (!this.audienceKinds.has(kindsKey)) this.audienceKinds.set(kindsKey, kinds);
    const facts: ItemFacts = {
      name: item.name, handlingName: this.intern(item.handlingName), type: item.type, department: this.intern(item.department), visits: item.visits,
      mobile: item.mobile, appointment: item.appointment, themes: item.themes.map(this.intern), materialNames: item.materials.map((m) => this.intern(m.name)),
      promisedLimit: item.promisedLimit,
    };
    this.entries.push({
      rowCode: rowCode(item), level, levelRank: level === 'town' ? 0 : 1, sortOrder, facts, name, nameLc: name.toLowerCase(), namePhonetic: phonetic(name),
      keywords: item.keywords.map((k) => ({ text: this.intern(k.toLowerCase()), phonetic: phonetic(k) })),
      audienceKind: this.audienceKinds.get(kindsKey)!, onlineLevel: onlineLevel(item.onlineDepth, item.visits), promisedDays: promisedWorkingDays(item.promisedLimit),
    });
  }

  /** The entries made so far; the builder starts afresh. */
  takeEntries(): IndexedItem[] {
    const out = this.entries;
    this.entries = [];
    this.pool = new Map();
    return out;
  }

  build(synonyms: { term: string; targets: string[] }[]): CatalogSearchIndex {
    return CatalogSearchIndex.fromEntries(this.takeEntries(), synonyms);
  }
}

export class CatalogSearchIndex {
  private entries: IndexedItem[] = [];
  private synonyms: Synonym[] = [];
  private byCode = new Map<string, IndexedItem>();
  /** every character of the text a Chinese term can match (name, keywords, department, materials) */
  private chars = new Postings();
  /** pinyin keys: "f:" + 2 letters at a syllable start, "i:" + 2 initials, "1:" + first initial */
  private latin = new Postings();

  /** `items` in any order (they are listed in display order). */
  constructor(items: readonly { level: 'town' | 'village'; sortOrder: number; item: IndexSource }[] = [], synonyms: { term: string; targets: string[] }[] = []) {
    const builder = new CatalogIndexBuilder();
    for (const { level, sortOrder, item } of items) builder.add(level, sortOrder, item);
    this.init(builder.takeEntries(), synonyms);
  }

  /** The index over entries a `CatalogIndexBuilder` made. */
  static fromEntries(entries: IndexedItem[], synonyms: { term: string; targets: string[] }[]): CatalogSearchIndex {
    const index = new CatalogSearchIndex();
    index.init(entries, synonyms);
    return index;
  }

  private init(entries: IndexedItem[], synonyms: { term: string; targets: string[] }[]): void {
    this.entries = entries;
    // Entries stay in display order, so an empty query needs no sort.
    this.entries.sort((a, b) => a.levelRank - b.levelRank || a.sortOrder - b.sortOrder);
    this.byCode = new Map(this.entries.map((e) => [`${e.level}:${e.rowCode}`, e]));
    this.chars = new Postings();
    this.latin = new Postings();
    this.entries.forEach((e, pos) => this.indexEntry(e, pos));
    this.chars.seal();
    this.latin.seal();
    this.synonyms = synonyms.map((s) => ({ term: s.term.toLowerCase(), targets: s.targets.map((t) => t.toLowerCase()), phonetic: phonetic(s.term) }));
  }

  private indexEntry(e: IndexedItem, pos: number): void {
    const texts = [e.nameLc, ...e.keywords.map((k) => k.text), e.facts.department, ...e.facts.materialNames];
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
    const lists: Positions[] = [];
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
    if (f.department && e.facts.department !== f.department) return false;
    if (f.audience && !e.audienceKind.includes(f.audience)) return false;
    if (f.theme && !e.facts.themes.includes(f.theme)) return false;
    if (f.type && e.facts.type !== f.type) return false;
    for (const q of f.quick ?? []) {
      if (q === 'fullyOnline' && e.onlineLevel !== 'Ⅳ') return false;
      if (q === 'mobile' && !e.facts.mobile) return false;
      if (q === 'atMostOneVisit' && e.facts.visits > 1) return false;
      if (q === 'zeroVisit' && e.facts.visits !== 0) return false;
      if (q === 'appointment' && !e.facts.appointment) return false;
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
    const facets = { departments: countBy(hits, (h) => [h.entry.facts.department]), themes: countBy(hits, (h) => h.entry.facts.themes) };
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
        if (isLatin(p) ? e.namePhonetic.initials.startsWith(p) : e.nameLc.includes(p)) names.add(e.facts.name);
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
