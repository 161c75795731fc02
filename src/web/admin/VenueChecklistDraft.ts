/**
 * A new checklist version being drafted in the workbench (VenueChecklistEditPage), as plain data:
 * copied from a published version, turned back into the body of POST /venue-standards/checklists,
 * checked by the same rules as the server (the field shapes of the module's schema, repeated here
 * with its words, and the shared `checklistProblems`), and kept in sessionStorage so a reload does
 * not lose it. No React here: the unit test runs it in Node.
 *
 * Must-haves are kept per item as the lowest level that asks for it (a higher level asks at least
 * what the lower asks, which the server requires), and become each level's list when published.
 */
import {
  ASSESSED_KINDS, CHECKLIST_CODE, checklistProblems, VENUE_LEVEL_CODES, type AssessedKind, type ChecklistContent, type VenueLevel,
} from '../../shared/venue-standards.js';
import type { Checklist, ChecklistInput } from '../api/venue-standards.js';

export interface DraftItem {
  /** stable while the draft lives (codes are edited) */
  key: string;
  code: string;
  title: string;
  criteria: string;
  points: number | null;
  /** the lowest level that requires the item to earn its full points; null: not a must-have */
  mustFrom: VenueLevel | null;
  /** fields of a newly added item not yet filled in: their problems wait for a publish attempt */
  fresh?: string[];
}

export interface DraftSection {
  key: string;
  code: string;
  title: string;
  items: DraftItem[];
  fresh?: string[];
}

export interface ChecklistDraft {
  /** the version it was copied from */
  baseId: string;
  baseVersion: number;
  name: string;
  note: string;
  appliesTo: AssessedKind[];
  sections: DraftSection[];
  percents: Record<VenueLevel, number | null>;
  /** the last number used for keys and new codes */
  seq: number;
}

export interface DraftProblem {
  /** the field as the server names it: sections.0.items.2.points */
  field: string;
  message: string;
}

const LEVEL_RANK: Record<VenueLevel, number> = { basic: 0, standard: 1, benchmark: 2 };
const NAME_MAX = 60;
const TITLE_MAX = 40;
const CRITERIA_MAX = 300;
const NOTE_MAX = 500;
export const MAX_SECTIONS = 30;
export const MAX_ITEMS = 60;
const CODE_RULE = '编码以小写字母开头，只含小写字母、数字和 _ . -，不超过 40 个字符';

/** A published version as a draft of the next one (its note is the new version's own: empty). */
export function draftFrom(c: Checklist): ChecklistDraft {
  let seq = 0;
  const mustFrom = new Map<string, VenueLevel>();
  // each item keeps the lowest level that lists it
  for (const level of [...VENUE_LEVEL_CODES].reverse()) for (const code of c.thresholds[level].mustHave) mustFrom.set(code, level);
  const sections = c.sections.map((s) => ({
    key: `s${++seq}`,
    code: s.code,
    title: s.title,
    items: s.items.map((i) => ({ key: `i${++seq}`, code: i.code, title: i.title, criteria: i.criteria, points: i.points, mustFrom: mustFrom.get(i.code) ?? null })),
  }));
  return {
    baseId: c.id,
    baseVersion: c.version,
    name: c.name,
    note: '',
    appliesTo: [...c.appliesTo],
    sections,
    percents: { basic: c.thresholds.basic.percent, standard: c.thresholds.standard.percent, benchmark: c.thresholds.benchmark.percent },
    seq,
  };
}

/** The levels whose must-have list includes an item required from `from` on. */
const requiredAt = (from: VenueLevel | null, level: VenueLevel) => from !== null && LEVEL_RANK[from] <= LEVEL_RANK[level];

/** The draft as the publish request's body (texts trimmed, as the server reads them). */
export function toInput(d: ChecklistDraft): ChecklistInput {
  const items = d.sections.flatMap((s) => s.items);
  const threshold = (level: VenueLevel) => ({
    percent: d.percents[level] ?? Number.NaN,
    mustHave: items.filter((i) => requiredAt(i.mustFrom, level)).map((i) => i.code.trim()),
  });
  return {
    name: d.name.trim(),
    appliesTo: ASSESSED_KINDS.filter((k) => d.appliesTo.includes(k)),
    sections: d.sections.map((s) => ({
      code: s.code.trim(),
      title: s.title.trim(),
      items: s.items.map((i) => ({ code: i.code.trim(), title: i.title.trim(), criteria: i.criteria.trim(), points: i.points ?? Number.NaN })),
    })),
    thresholds: { basic: threshold('basic'), standard: threshold('standard'), benchmark: threshold('benchmark') },
    note: d.note.trim(),
  };
}

/** Whether the draft says something other than the version it was copied from. */
export const draftChanged = (d: ChecklistDraft, base: ChecklistDraft): boolean => JSON.stringify(toInput(d)) !== JSON.stringify(toInput(base));

/** The maximum: every item's points (an empty or wrong one counts as 0). */
export function draftMax(d: ChecklistDraft): number {
  return d.sections.reduce((n, s) => n + sectionMax(s), 0);
}
export const sectionMax = (s: DraftSection): number => s.items.reduce((n, i) => n + (i.points !== null && Number.isFinite(i.points) && i.points > 0 ? i.points : 0), 0);

/**
 * The least total that reaches a percent of the maximum, in half points (the scoring rule compares
 * total × 100 ≥ percent × max); null while the percent is not a number.
 */
export function pointsFor(percent: number | null, max: number): number | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  return Math.max(0, Math.ceil((percent * max) / 50) / 2);
}

/** Every problem of the draft, by field, in the order of the page: the server's rules and words. */
export function draftProblems(d: ChecklistDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const text = (field: string, value: string, what: string, max: number) => {
    const v = value.trim();
    if (v.length === 0) out.push({ field, message: `请填写${what}` });
    else if (v.length > max) out.push({ field, message: `${what}不超过 ${max} 字` });
  };
  const code = (field: string, value: string) => {
    if (!CHECKLIST_CODE.test(value.trim())) out.push({ field, message: CODE_RULE });
  };
  text('name', d.name, '评估标准名称', NAME_MAX);
  if (d.appliesTo.length === 0) out.push({ field: 'appliesTo', message: '请选择适用的场所类型' });
  if (d.note.trim().length > NOTE_MAX) out.push({ field: 'note', message: `修订说明不超过 ${NOTE_MAX} 字` });
  if (d.sections.length > MAX_SECTIONS) out.push({ field: 'sections', message: `不超过 ${MAX_SECTIONS} 个部分` });
  d.sections.forEach((s, si) => {
    const at = `sections.${si}`;
    code(`${at}.code`, s.code);
    text(`${at}.title`, s.title, '部分名称', TITLE_MAX);
    if (s.items.length > MAX_ITEMS) out.push({ field: `${at}.items`, message: `每个部分不超过 ${MAX_ITEMS} 个评估项` });
    s.items.forEach((i, ii) => {
      const it = `${at}.items.${ii}`;
      code(`${it}.code`, i.code);
      text(`${it}.title`, i.title, '评估项名称', TITLE_MAX);
      text(`${it}.criteria`, i.criteria, '评分标准', CRITERIA_MAX);
      if (i.points === null) out.push({ field: `${it}.points`, message: `请填写「${i.title.trim() || `第 ${ii + 1} 项`}」的分值` });
    });
  });
  const input = toInput(d);
  const content: ChecklistContent = { sections: input.sections, thresholds: input.thresholds };
  for (const p of checklistProblems(content)) {
    // an empty points field is told once, above
    if (/\.points$/.test(p.field) && out.some((o) => o.field === p.field)) continue;
    out.push(p);
  }
  // in the order of the page
  const order = (field: string) => {
    const m = /^sections\.(\d+)(?:\.items\.(\d+))?/.exec(field);
    if (field === 'name' || field === 'appliesTo' || field === 'note') return [0, 0, 0];
    if (m) return [1, Number(m[1]), m[2] === undefined ? -1 : Number(m[2])];
    if (field === 'sections') return [1, -1, -1];
    return [2, VENUE_LEVEL_CODES.findIndex((l) => field.startsWith(`thresholds.${l}`)), 0];
  };
  return out
    .map((p, n) => ({ p, n, o: order(p.field) }))
    .sort((a, b) => a.o[0]! - b.o[0]! || a.o[1]! - b.o[1]! || a.o[2]! - b.o[2]! || a.n - b.n)
    .map((x) => x.p);
}

/** The element id of a field: sections.0.items.2.points → cl-sections-0-items-2-points. */
export const fieldId = (field: string): string => `cl-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

/** A code not used yet in the draft: `${prefix}${n}`. */
function freshCode(d: ChecklistDraft, prefix: string): { code: string; seq: number } {
  const used = new Set(d.sections.flatMap((s) => [s.code, ...s.items.map((i) => i.code)]));
  let seq = d.seq;
  let code: string;
  do code = `${prefix}${++seq}`;
  while (used.has(code));
  return { code, seq };
}

/** A new, empty item at the end of a section (its code made up, 1 point). */
export function addItem(d: ChecklistDraft, sectionKey: string): { draft: ChecklistDraft; key: string } {
  const section = d.sections.find((s) => s.key === sectionKey);
  const { code, seq } = freshCode(d, `${section && CHECKLIST_CODE.test(section.code) && section.code.length < 32 ? section.code : 'item'}.new`);
  const key = `i${seq}`;
  const item: DraftItem = { key, code, title: '', criteria: '', points: 1, mustFrom: null, fresh: ['title', 'criteria'] };
  return { draft: { ...d, seq, sections: d.sections.map((s) => (s.key === sectionKey ? { ...s, items: [...s.items, item] } : s)) }, key };
}

/** A new section at the end, with one new item. */
export function addSection(d: ChecklistDraft): { draft: ChecklistDraft; key: string } {
  const { code, seq } = freshCode(d, 'part');
  const key = `s${seq}`;
  const withSection: ChecklistDraft = { ...d, seq, sections: [...d.sections, { key, code, title: '', items: [], fresh: ['title'] }] };
  return { draft: addItem(withSection, key).draft, key };
}

/** Moves an element of a list by one place (nothing at the ends). */
export function moved<T>(list: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

// ───────────── kept in the browser tab ─────────────

const STORAGE_PREFIX = 'bm.venue-checklist-draft.';
export const storageKey = (personId: string): string => `${STORAGE_PREFIX}${personId}`;

function isDraft(x: unknown): x is ChecklistDraft {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Partial<ChecklistDraft>;
  return (
    typeof d.baseId === 'string' && typeof d.baseVersion === 'number' && typeof d.name === 'string' && typeof d.note === 'string' && typeof d.seq === 'number'
    && Array.isArray(d.appliesTo) && Array.isArray(d.sections) && typeof d.percents === 'object' && d.percents !== null
    && d.sections.every((s) => typeof s?.key === 'string' && typeof s.code === 'string' && typeof s.title === 'string' && Array.isArray(s.items)
      && s.items.every((i) => typeof i?.key === 'string' && typeof i.code === 'string' && typeof i.title === 'string' && typeof i.criteria === 'string'))
  );
}

/** The draft kept in this tab, or null (none, unreadable, or storage refused). */
export function loadDraft(storage: Pick<Storage, 'getItem'> | undefined, personId: string): ChecklistDraft | null {
  try {
    const raw = storage?.getItem(storageKey(personId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isDraft(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function keepDraft(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, personId: string, draft: ChecklistDraft | null): void {
  try {
    if (draft) storage?.setItem(storageKey(personId), JSON.stringify(draft));
    else storage?.removeItem(storageKey(personId));
  } catch {
    // storage full or refused: the draft stays in the page only
  }
}
