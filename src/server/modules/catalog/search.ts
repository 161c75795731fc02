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
  return { syllables: aligned, full, initials: aligned.map((s) => s[0] ?? '').join(''), offsets };
}

export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const isLatin = (term: string) => /^[a-z]+$/.test(term);

export interface IndexedItem {
  rowCode: string;
  level: 'town' | 'village';
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
    return { score: score * weight, highlight: { start: Array.from(entry.nameLc.slice(0, at)).length, end: Array.from(entry.nameLc.slice(0, at)).length + Array.from(term).length } };
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

export class CatalogSearchIndex {
  private entries: IndexedItem[] = [];
  private synonyms: Synonym[] = [];
  private byCode = new Map<string, IndexedItem>();

  constructor(items: { level: 'town' | 'village'; sortOrder: number; item: CatalogItem }[] = [], synonyms: { term: string; targets: string[] }[] = []) {
    this.entries = items.map(({ level, sortOrder, item }) => {
      const name = displayName(item);
      const audienceKind: ('person' | 'business')[] = [];
      if (item.audience.includes('1')) audienceKind.push('person');
      if (item.audience.some((a) => a !== '1')) audienceKind.push('business');
      return {
        rowCode: rowCode(item), level, sortOrder, item, name, nameLc: name.toLowerCase(), namePhonetic: phonetic(name),
        keywords: item.keywords.map((k) => ({ text: k.toLowerCase(), phonetic: phonetic(k) })),
        audienceKind, onlineLevel: onlineLevel(item.onlineDepth, item.visits), promisedDays: promisedWorkingDays(item.promisedLimit),
      };
    });
    this.byCode = new Map(this.entries.map((e) => [`${e.level}:${e.rowCode}`, e]));
    this.synonyms = synonyms.map((s) => ({ term: s.term.toLowerCase(), targets: s.targets.map((t) => t.toLowerCase()), phonetic: phonetic(s.term) }));
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

  /** Synonym targets for a term: by the term itself, or by its pinyin / initials. */
  private expansions(term: string): string[] {
    const out: string[] = [];
    for (const s of this.synonyms) {
      const hit = isLatin(term)
        ? s.phonetic.full === term || (term.length >= 2 && s.phonetic.initials === term)
        : term.includes(s.term);
      if (hit) out.push(...s.targets);
    }
    return out;
  }

  private matchTerm(e: IndexedItem, term: string, expansions: string[]): Match | null {
    let best = isLatin(term) ? matchLatin(e, term) : matchChinese(e, term);
    for (const target of expansions) {
      const m = matchChinese(e, target, 0.95);
      if (m && (!best || m.score > best.score)) best = m;
    }
    return best;
  }

  search(query: string, filters: SearchFilters, page: number, pageSize: number): SearchResult {
    const q = normaliseQuery(query);
    const terms = q ? q.split(' ').filter(Boolean) : [];
    const expansionsByTerm = terms.map((t) => this.expansions(t));
    const hits: SearchHit[] = [];
    for (const e of this.entries) {
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
    hits.sort((a, b) => b.score - a.score || a.entry.level.localeCompare(b.entry.level) * -1 || a.entry.sortOrder - b.entry.sortOrder);
    const facets = { departments: countBy(hits, (h) => [h.entry.item.department]), themes: countBy(hits, (h) => h.entry.item.themes) };
    const start = (page - 1) * pageSize;
    return {
      total: hits.length,
      hits: hits.slice(start, start + pageSize),
      facets,
      expandedTerms: [...new Set(expansionsByTerm.flat())],
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
    for (const e of this.entries) {
      if (!this.passes(e, { ...filters, quick: [] })) continue;
      for (const p of pieces) {
        if (isLatin(p) ? e.namePhonetic.initials.startsWith(p) : e.nameLc.includes(p)) names.add(e.item.name);
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
