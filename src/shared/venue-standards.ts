/**
 * Venue standardisation (政务服务场所标准化评估, DOMAIN.md §6): the levels a town's 为民服务中心 or a
 * village's 便民服务站 can reach, the shape of a checklist (kept as data: sections of items, each
 * with the points it is worth, and the thresholds of each level), and the one scoring rule.
 * Shared: the server decides an assessment's level with `scoreAssessment`, and the workbench shows
 * the running total and the level a form would reach with the same function.
 */
import type { VenueKind } from './venues.js';

/** The levels, lowest first (the plan's 基础型 / 标准型 / 标杆型). */
export const VENUE_LEVELS = {
  basic: '基础型',
  standard: '标准型',
  benchmark: '标杆型',
} as const;
export type VenueLevel = keyof typeof VENUE_LEVELS;
export const VENUE_LEVEL_CODES = ['basic', 'standard', 'benchmark'] as const satisfies readonly VenueLevel[];

/** What a finalised assessment concluded: a level, or below the lowest. */
export const ASSESSMENT_LEVELS = { ...VENUE_LEVELS, below: '未达基础型' } as const;
export type AssessmentLevel = keyof typeof ASSESSMENT_LEVELS;
export const ASSESSMENT_LEVEL_CODES = ['below', 'basic', 'standard', 'benchmark'] as const satisfies readonly AssessmentLevel[];

/** The overview's word for a venue without a finalised assessment. */
export const NOT_ASSESSED = '未评估';
/** The overview's filter: a level, below the lowest, or never assessed. */
export const OVERVIEW_LEVEL_CODES = ['benchmark', 'standard', 'basic', 'below', 'none'] as const;
export type OverviewLevel = (typeof OVERVIEW_LEVEL_CODES)[number];
export const OVERVIEW_LEVELS: Record<OverviewLevel, string> = { ...ASSESSMENT_LEVELS, none: NOT_ASSESSED };

/** The venues that are assessed: the towns' centres and the villages' stations. */
export const ASSESSED_KINDS = ['town_centre', 'village_station'] as const satisfies readonly VenueKind[];
export type AssessedKind = (typeof ASSESSED_KINDS)[number];

export const ASSESSMENT_STATUSES = { draft: '草稿', final: '已定稿' } as const;
export type AssessmentStatus = keyof typeof ASSESSMENT_STATUSES;

/** One thing an assessor checks: what earns its points (`criteria`) and how many it is worth. */
export interface ChecklistItem {
  code: string;
  title: string;
  criteria: string;
  points: number;
}

export interface ChecklistSection {
  code: string;
  title: string;
  items: ChecklistItem[];
}

/**
 * What a level asks: a share of the checklist's points (percent of its maximum) and items that
 * must earn their full points ("must-haves": no 帮办代办区, no 标准型 whatever the total).
 */
export interface LevelThreshold {
  percent: number;
  mustHave: string[];
}
export type Thresholds = Record<VenueLevel, LevelThreshold>;

export interface ChecklistContent {
  sections: ChecklistSection[];
  thresholds: Thresholds;
}

/** An item's score: the points awarded (0 to the item's points, in half points) and the assessor's note. */
export interface ItemScore {
  points: number;
  note: string;
}
export type Scores = Record<string, ItemScore>;

export interface LevelCheck {
  level: VenueLevel;
  /** the percent asked and met, the must-haves met, and every lower level reached */
  reached: boolean;
  /** points still needed for the level's percent (0 when met), in half points */
  pointsShort: number;
  /** the level's must-have items that have not earned their full points */
  missingMustHave: string[];
}

export interface ScoreResult {
  total: number;
  max: number;
  /** total / max, as a percentage to one decimal (for display; levels compare exactly) */
  percent: number;
  itemCount: number;
  /** the items without a score yet (counted as 0) */
  unscored: string[];
  /** the highest level reached, or below */
  level: AssessmentLevel;
  levels: LevelCheck[];
}

export const checklistItems = (c: Pick<ChecklistContent, 'sections'>): ChecklistItem[] => c.sections.flatMap((s) => s.items);
export const checklistMax = (c: Pick<ChecklistContent, 'sections'>): number => checklistItems(c).reduce((n, i) => n + i.points, 0);

/** Half points are the finest step a score sheet uses (and sum exactly in floating point). */
export const isHalfStep = (n: number): boolean => Number.isFinite(n) && Number.isInteger(n * 2);

/**
 * The score of an assessment against its checklist. Levels build on each other: a level is reached
 * when the total is at least its percent of the maximum, each of its must-have items earned its full
 * points, and the level below it is reached. Unscored items count as 0 (a draft's running total);
 * finalising asks for every item first. Scores for codes the checklist does not have are ignored
 * here (the server refuses them before).
 */
export function scoreAssessment(checklist: ChecklistContent, scores: Scores): ScoreResult {
  const items = checklistItems(checklist);
  const byCode = new Map(items.map((i) => [i.code, i]));
  let total = 0;
  const unscored: string[] = [];
  for (const item of items) {
    const s = scores[item.code];
    if (s === undefined) unscored.push(item.code);
    else total += Math.min(Math.max(s.points, 0), item.points);
  }
  const max = items.reduce((n, i) => n + i.points, 0);
  const full = (code: string) => {
    const item = byCode.get(code);
    return item !== undefined && scores[code]?.points === item.points;
  };
  const levels: LevelCheck[] = [];
  let reachedBelow = true;
  let level: AssessmentLevel = 'below';
  for (const code of VENUE_LEVEL_CODES) {
    const t = checklist.thresholds[code];
    // compared as total × 100 ≥ percent × max: exact for half points and whole percents
    const enough = total * 100 >= t.percent * max;
    const pointsShort = enough ? 0 : Math.ceil(((t.percent * max) / 100 - total) * 2) / 2;
    const missingMustHave = t.mustHave.filter((c) => !full(c));
    const reached: boolean = reachedBelow && enough && missingMustHave.length === 0;
    levels.push({ level: code, reached, pointsShort, missingMustHave });
    if (reached) level = code;
    reachedBelow = reached;
  }
  const percent = max === 0 ? 0 : Math.round((total * 1000) / max) / 10;
  return { total, max, percent, itemCount: items.length, unscored, level, levels };
}

export interface ChecklistProblem {
  field: string;
  message: string;
}

export const CHECKLIST_CODE = /^[a-z][a-z0-9_.-]{0,39}$/;

/**
 * What is wrong with a checklist as a whole (its fields' own shapes are the schema's): codes used
 * twice, points that are not positive half steps, thresholds that do not rise from 基础型 to
 * 标杆型, must-haves naming no item, and a must-have of a lower level missing from a higher one
 * (a higher level asks at least what the lower asks).
 */
export function checklistProblems(c: ChecklistContent): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  const sectionCodes = new Set<string>();
  const itemCodes = new Set<string>();
  if (c.sections.length === 0) problems.push({ field: 'sections', message: '评估标准至少要有一个部分' });
  c.sections.forEach((s, si) => {
    if (sectionCodes.has(s.code)) problems.push({ field: `sections.${si}.code`, message: `部分编码「${s.code}」重复` });
    sectionCodes.add(s.code);
    if (s.items.length === 0) problems.push({ field: `sections.${si}.items`, message: `「${s.title}」至少要有一个评估项` });
    s.items.forEach((item, ii) => {
      if (itemCodes.has(item.code)) problems.push({ field: `sections.${si}.items.${ii}.code`, message: `评估项编码「${item.code}」重复` });
      itemCodes.add(item.code);
      if (!(item.points > 0) || !isHalfStep(item.points)) problems.push({ field: `sections.${si}.items.${ii}.points`, message: `「${item.title}」的分值应为正数（最小 0.5 分）` });
    });
  });
  let previous: LevelThreshold | null = null;
  let previousCode: VenueLevel | null = null;
  for (const code of VENUE_LEVEL_CODES) {
    const t = c.thresholds[code];
    if (!Number.isInteger(t.percent) || t.percent < 1 || t.percent > 100) problems.push({ field: `thresholds.${code}.percent`, message: `${VENUE_LEVELS[code]}的得分率应为 1 到 100 的整数` });
    if (previous && previousCode && t.percent <= previous.percent) {
      problems.push({ field: `thresholds.${code}.percent`, message: `${VENUE_LEVELS[code]}的得分率应高于${VENUE_LEVELS[previousCode]}（${previous.percent}%）` });
    }
    const seen = new Set<string>();
    for (const m of t.mustHave) {
      if (!itemCodes.has(m)) problems.push({ field: `thresholds.${code}.mustHave`, message: `${VENUE_LEVELS[code]}的必备项「${m}」不是评估项编码` });
      if (seen.has(m)) problems.push({ field: `thresholds.${code}.mustHave`, message: `${VENUE_LEVELS[code]}的必备项「${m}」重复` });
      seen.add(m);
    }
    if (previous && previousCode) {
      const dropped = previous.mustHave.filter((m) => !seen.has(m));
      if (dropped.length) problems.push({ field: `thresholds.${code}.mustHave`, message: `${VENUE_LEVELS[code]}应包含${VENUE_LEVELS[previousCode]}的全部必备项（缺少 ${dropped.join('、')}）` });
    }
    previous = t;
    previousCode = code;
  }
  return problems;
}
