/**
 * The scoring rule of venue standardisation (shared/venue-standards.ts): totals, the percent of
 * each level compared exactly, must-have items, levels building on each other, and what a
 * checklist must be to be published.
 */
import { describe, expect, it } from 'vitest';
import { checklistProblems, scoreAssessment, type ChecklistContent, type Scores } from './venue-standards.js';

/** 20 points: a + b are must-haves of 标准型, c of 标杆型; d is never required. */
const checklist: ChecklistContent = {
  sections: [
    { code: 'one', title: '第一部分', items: [{ code: 'a', title: 'A', criteria: '…', points: 5 }, { code: 'b', title: 'B', criteria: '…', points: 5 }] },
    { code: 'two', title: '第二部分', items: [{ code: 'c', title: 'C', criteria: '…', points: 5 }, { code: 'd', title: 'D', criteria: '…', points: 5 }] },
  ],
  thresholds: {
    basic: { percent: 60, mustHave: ['a'] },
    standard: { percent: 80, mustHave: ['a', 'b'] },
    benchmark: { percent: 90, mustHave: ['a', 'b', 'c'] },
  },
};
const scores = (a: number, b: number, c: number, d: number): Scores => ({ a: { points: a, note: '' }, b: { points: b, note: '' }, c: { points: c, note: '' }, d: { points: d, note: '' } });

describe('scoreAssessment', () => {
  it('full marks: 标杆型, 100 %', () => {
    const r = scoreAssessment(checklist, scores(5, 5, 5, 5));
    expect(r).toMatchObject({ total: 20, max: 20, percent: 100, level: 'benchmark', unscored: [], itemCount: 4 });
    expect(r.levels.every((l) => l.reached && l.pointsShort === 0 && l.missingMustHave.length === 0)).toBe(true);
  });

  it('the thresholds are met exactly at their percent (no rounding up or down)', () => {
    expect(scoreAssessment(checklist, scores(5, 5, 5, 3)).level).toBe('benchmark'); // 18 / 20 = 90 %
    expect(scoreAssessment(checklist, scores(5, 5, 5, 2.5)).level).toBe('standard'); // 87.5 %
    expect(scoreAssessment(checklist, scores(5, 5, 4.5, 1.5)).level).toBe('standard'); // 16 = 80 %
    expect(scoreAssessment(checklist, scores(5, 5, 4.5, 1)).level).toBe('basic'); // 77.5 %
    expect(scoreAssessment(checklist, scores(5, 5, 2, 0)).level).toBe('basic'); // 12 = 60 %
    const below = scoreAssessment(checklist, scores(5, 5, 1.5, 0)); // 11.5 = 57.5 %
    expect(below).toMatchObject({ level: 'below', percent: 57.5 });
    expect(below.levels[0]).toEqual({ level: 'basic', reached: false, pointsShort: 0.5, missingMustHave: [] });
  });

  it('a must-have that did not earn its full points holds the level back, whatever the total', () => {
    // 19 / 20 but C is short: not 标杆型
    const r = scoreAssessment(checklist, scores(5, 5, 4, 5));
    expect(r.level).toBe('standard');
    expect(r.levels[2]).toEqual({ level: 'benchmark', reached: false, pointsShort: 0, missingMustHave: ['c'] });
    // 19 / 20 but A (needed from 基础型 up) is short: below every level
    const noA = scoreAssessment(checklist, scores(4, 5, 5, 5));
    expect(noA.level).toBe('below');
    expect(noA.levels.map((l) => l.missingMustHave)).toEqual([['a'], ['a'], ['a']]);
  });

  it('levels build on each other: a higher level is not reached when a lower is not', () => {
    // a checklist whose 标准型 has a must-have that 标杆型 forgot (checklistProblems refuses to publish it)
    const odd: ChecklistContent = { ...checklist, thresholds: { ...checklist.thresholds, benchmark: { percent: 90, mustHave: [] } } };
    const r = scoreAssessment(odd, scores(5, 4, 5, 5));
    expect(r.levels.map((l) => l.reached)).toEqual([true, false, false]);
    expect(r.level).toBe('basic');
  });

  it('a draft: unscored items count as 0 and are listed; scores over an item\'s points count as its points', () => {
    const r = scoreAssessment(checklist, { a: { points: 5, note: '' }, c: { points: 9, note: '' } });
    expect(r).toMatchObject({ total: 10, percent: 50, unscored: ['b', 'd'], level: 'below' });
    expect(r.levels[0]!.pointsShort).toBe(2);
  });
});

describe('checklistProblems', () => {
  it('a sound checklist has none', () => {
    expect(checklistProblems(checklist)).toEqual([]);
  });

  it('duplicate codes, points that are not positive half steps, thresholds that do not rise, unknown and dropped must-haves', () => {
    const bad: ChecklistContent = {
      sections: [
        { code: 'one', title: '第一部分', items: [{ code: 'a', title: 'A', criteria: '…', points: 0 }, { code: 'a', title: 'A2', criteria: '…', points: 1.25 }] },
        { code: 'one', title: '重复部分', items: [] },
      ],
      thresholds: {
        basic: { percent: 80, mustHave: ['a', 'zzz'] },
        standard: { percent: 80, mustHave: [] },
        benchmark: { percent: 101, mustHave: [] },
      },
    };
    const fields = checklistProblems(bad).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining([
      'sections.0.items.0.points', 'sections.0.items.1.code', 'sections.0.items.1.points', 'sections.1.code', 'sections.1.items',
      'thresholds.basic.mustHave', 'thresholds.standard.percent', 'thresholds.standard.mustHave', 'thresholds.benchmark.percent',
    ]));
    expect(checklistProblems({ ...checklist, sections: [] }).map((p) => p.field)).toContain('sections');
  });
});
