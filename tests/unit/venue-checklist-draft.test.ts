/**
 * The workbench's draft of a new checklist version (src/web/admin/VenueChecklistDraft.ts): a copy
 * of a published version goes back to the same publish body, the browser's checks say what the
 * server's say (the shared checklistProblems and the schema's field rules, by field), a level's
 * points follow the scoring rule, new sections and items get unused codes, and the draft kept in
 * sessionStorage comes back only when it is one.
 */
import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../src/shared/venue-standards.js';
import type { Checklist } from '../../src/web/api/venue-standards.js';
import {
  addItem, addSection, draftChanged, draftFrom, draftMax, draftProblems, fieldId, keepDraft, loadDraft, moved, pointsFor, storageKey, toInput,
  type ChecklistDraft,
} from '../../src/web/admin/VenueChecklistDraft.js';

const checklist: Checklist = {
  id: 'default-v1',
  name: '评估细则',
  version: 1,
  appliesTo: ['town_centre', 'village_station'],
  note: '',
  maxPoints: 14,
  itemCount: 4,
  currentFor: ['town_centre', 'village_station'],
  createdAt: '2026-01-01T00:00:00.000Z',
  createdByName: '系统',
  sections: [
    { code: 'signage', title: '标识标牌', items: [{ code: 'signage.door', title: '门头标识', criteria: '门头规范', points: 4 }, { code: 'signage.board', title: '公示栏', criteria: '公示齐全', points: 3 }] },
    { code: 'zones', title: '功能分区', items: [{ code: 'zones.intake', title: '综合受理区', criteria: '一窗受理', points: 4 }, { code: 'zones.self', title: '自助服务区', criteria: '有终端', points: 3 }] },
  ],
  thresholds: {
    basic: { percent: 60, mustHave: ['zones.intake'] },
    standard: { percent: 80, mustHave: ['zones.intake', 'signage.door'] },
    benchmark: { percent: 90, mustHave: ['signage.door', 'zones.intake', 'zones.self'] },
  },
};

const fields = (d: ChecklistDraft) => draftProblems(d).map((p) => p.field);
const withItem = (d: ChecklistDraft, si: number, ii: number, patch: Partial<ChecklistDraft['sections'][number]['items'][number]>): ChecklistDraft => ({
  ...d,
  sections: d.sections.map((s, k) => (k !== si ? s : { ...s, items: s.items.map((i, j) => (j !== ii ? i : { ...i, ...patch })) })),
});

describe('the checklist draft', () => {
  it('copies a version into the same publish body, must-haves per level included', () => {
    const d = draftFrom(checklist);
    expect(d.baseId).toBe('default-v1');
    expect(d.sections[0]!.items[0]!.mustFrom).toBe('standard');
    expect(d.sections[1]!.items[0]!.mustFrom).toBe('basic');
    expect(d.sections[1]!.items[1]!.mustFrom).toBe('benchmark');
    const input = toInput(d);
    expect(input.sections).toEqual(checklist.sections);
    expect(input.appliesTo).toEqual(checklist.appliesTo);
    for (const l of ['basic', 'standard', 'benchmark'] as const) {
      expect(input.thresholds[l].percent).toBe(checklist.thresholds[l].percent);
      expect([...input.thresholds[l].mustHave].sort()).toEqual([...checklist.thresholds[l].mustHave].sort());
    }
    expect(draftProblems(d)).toEqual([]);
    expect(draftChanged(d, draftFrom(checklist))).toBe(false);
    expect(draftChanged(withItem(d, 0, 0, { points: 5 }), d)).toBe(true);
    // spaces around a name are not a change (the server trims them)
    expect(draftChanged({ ...d, name: ` ${d.name} ` }, d)).toBe(false);
  });

  it('works out the maximum and the least points of each level as the scoring rule does', () => {
    const d = withItem(draftFrom(checklist), 0, 0, { points: 5.5 });
    expect(draftMax(d)).toBe(15.5);
    // 60% of 15.5 = 9.3: 9.5 in half points
    expect(pointsFor(60, 15.5)).toBe(9.5);
    expect(pointsFor(90, 100)).toBe(90);
    expect(pointsFor(null, 100)).toBeNull();
    // the least total that reaches the level is what scoreAssessment counts as reaching it
    const content = { sections: toInput(d).sections, thresholds: { basic: { percent: 60, mustHave: [] }, standard: { percent: 80, mustHave: [] }, benchmark: { percent: 90, mustHave: [] } } };
    const score = (door: number, intake: number) => scoreAssessment(content, { 'signage.door': { points: door, note: '' }, 'zones.intake': { points: intake, note: '' } });
    expect(score(5.5, 4)).toMatchObject({ total: 9.5, level: 'basic' });
    expect(score(5.5, 3.5)).toMatchObject({ total: 9, level: 'below' });
    // an empty points field counts as nothing
    expect(draftMax(withItem(d, 0, 1, { points: null }))).toBe(12.5);
  });

  it('says what the server would, at each field: thresholds out of order, codes twice, points, empty texts', () => {
    const d = draftFrom(checklist);
    const wrongOrder = { ...d, percents: { basic: 60, standard: 50, benchmark: 90 } };
    expect(draftProblems(wrongOrder)).toEqual([{ field: 'thresholds.standard.percent', message: '标准型的得分率应高于基础型（60%）' }]);
    expect(fields({ ...d, percents: { basic: 60, standard: 80, benchmark: null } })).toEqual(['thresholds.benchmark.percent']);

    const twice = withItem(d, 1, 1, { code: 'signage.door' });
    expect(draftProblems(twice).find((p) => p.field === 'sections.1.items.1.code')?.message).toBe('评估项编码「signage.door」重复');
    expect(fields(withItem(d, 0, 1, { points: 0 }))).toEqual(['sections.0.items.1.points']);
    expect(fields(withItem(d, 0, 1, { points: 1.25 }))).toEqual(['sections.0.items.1.points']);
    // an empty points field is told once, in words
    expect(draftProblems(withItem(d, 0, 1, { points: null }))).toEqual([{ field: 'sections.0.items.1.points', message: '请填写「公示栏」的分值' }]);
    expect(fields(withItem(d, 0, 1, { code: 'Signage' }))).toEqual(['sections.0.items.1.code']);
    expect(fields({ ...withItem(d, 0, 0, { title: ' ', criteria: '' }), name: '', appliesTo: [] })).toEqual(['name', 'appliesTo', 'sections.0.items.0.title', 'sections.0.items.0.criteria']);
    const emptySection = { ...d, sections: [...d.sections, { key: 'x', code: 'empty', title: '空', items: [] }] };
    expect(fields(emptySection)).toEqual(['sections.2.items']);
    expect(fields({ ...d, sections: [] })).toContain('sections');
    expect(fieldId('sections.0.items.2.points')).toBe('cl-sections-0-items-2-points');
    expect(fieldId('thresholds.standard.percent')).toBe('cl-thresholds-standard-percent');
  });

  it('adds items and sections with codes not used yet, marked fresh until filled in, and moves them', () => {
    const d = draftFrom(checklist);
    const { draft: one, key } = addItem(d, d.sections[0]!.key);
    const added = one.sections[0]!.items.at(-1)!;
    expect(added.key).toBe(key);
    expect(added.code).toMatch(/^signage\.new\d+$/);
    expect(added.fresh).toEqual(['title', 'criteria']);
    const { draft: two } = addItem(one, one.sections[0]!.key);
    const codes = two.sections.flatMap((s) => s.items.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
    const { draft: three } = addSection(two);
    expect(three.sections).toHaveLength(3);
    expect(three.sections[2]!.items).toHaveLength(1);
    expect(three.sections[2]!.code).toMatch(/^part\d+$/);
    // the new parts are empty until filled in: the draft says so
    expect(fields(three)).toEqual(expect.arrayContaining(['sections.0.items.2.title', 'sections.2.title', 'sections.2.items.0.criteria']));

    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the draft in the tab for its person, and ignores what is not a draft', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const d = withItem(draftFrom(checklist), 0, 0, { points: 5 });
    keepDraft(storage, 'u1', d);
    expect(loadDraft(storage, 'u1')).toEqual(d);
    expect(loadDraft(storage, 'u2')).toBeNull();
    keepDraft(storage, 'u1', null);
    expect(loadDraft(storage, 'u1')).toBeNull();
    store.set(storageKey('u1'), '{not json');
    expect(loadDraft(storage, 'u1')).toBeNull();
    store.set(storageKey('u1'), JSON.stringify({ baseId: 'x', sections: 'no' }));
    expect(loadDraft(storage, 'u1')).toBeNull();
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => undefined };
    expect(() => keepDraft(refusing, 'u1', d)).not.toThrow();
    expect(loadDraft(refusing, 'u1')).toBeNull();
    expect(loadDraft(undefined, 'u1')).toBeNull();
  });
});
