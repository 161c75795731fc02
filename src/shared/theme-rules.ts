/**
 * 一件事 code lists and the rules the public theme page runs as people answer (which items apply),
 * kept free of zod and the form rules so that page stays light. The definition's schema and the
 * merging are in themes.ts (which re-exports these).
 */
import { DONE_STATUSES } from './cases.js';

/** 个人 life events and 企业 stages, as Shandong's 双全双百 lists group them (the portal browses by these). */
export const LIFE_EVENTS = {
  birth: '出生',
  education: '教育',
  employment: '就业',
  marriage: '婚育',
  housing: '置业',
  elderly: '养老',
  death: '身后',
} as const;
export const ENTERPRISE_STAGES = {
  opening: '开办',
  operating: '经营',
  changing: '变更',
  closing: '注销',
} as const;
export type LifeEvent = keyof typeof LIFE_EVENTS;
export type EnterpriseStage = keyof typeof ENTERPRISE_STAGES;
export type ThemeCategory = LifeEvent | EnterpriseStage;

export const THEME_SUBJECTS = { person: '个人', enterprise: '企业' } as const;
export type ThemeSubject = keyof typeof THEME_SUBJECTS;

/** The categories a subject is browsed by. */
export const CATEGORIES_OF: Record<ThemeSubject, Record<string, string>> = { person: LIFE_EVENTS, enterprise: ENTERPRISE_STAGES };

export const categoryLabel = (subject: ThemeSubject, category: string): string => CATEGORIES_OF[subject][category] ?? category;

/** What applicableItems needs of a definition. */
interface Applicability {
  items: readonly { itemCode: string; when: { question: string; anyOf: readonly string[] } | null }[];
}

/** The items that apply given the answers so far; an item whose question is unanswered is undecided. */
export function applicableItems(def: Applicability, answers: Readonly<Record<string, string>>): { applies: string[]; undecided: string[] } {
  const applies: string[] = [];
  const undecided: string[] = [];
  for (const item of def.items) {
    if (!item.when) applies.push(item.itemCode);
    else if (answers[item.when.question] === undefined) undecided.push(item.itemCode);
    else if (item.when.anyOf.includes(answers[item.when.question]!)) applies.push(item.itemCode);
  }
  return { applies, undecided };
}

/** Combined state of a theme application from its child cases (the theme is as far as its slowest item). */
export const THEME_CASE_STATES = {
  in_progress: '办理中',
  needs_action: '需补正',
  done: '已全部办结',
} as const;
export type ThemeCaseState = keyof typeof THEME_CASE_STATES;

/** Case statuses after which a theme's item is done: decided (its result is out) or ended. */
export const THEME_ITEM_DONE: ReadonlySet<string> = DONE_STATUSES;
