/**
 * Demo assessments (SEED_DEMO only, and only while there are none): most towns' 为民服务中心
 * assessed by the city office — a few 标杆型, most 标准型, one or two 基础型 — a sample of village
 * 便民服务站 assessed by their towns, and one centre (钢山街道) assessed twice, so its history shows
 * the level rising. Scores are made to land on each level with the current checklist and checked
 * with the same scoring rule; dates count back from the app's clock (never a fixed year).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import { systemContext } from '../../platform/context.js';
import { iso, newId } from '../../platform/ids.js';
import {
  ASSESSED_KINDS, checklistItems, scoreAssessment, VENUE_LEVEL_CODES,
  type AssessedKind, type AssessmentLevel, type ChecklistContent, type ChecklistSection, type Scores, type Thresholds,
} from '../../../shared/venue-standards.js';
import type { AssessedVenue, AssessedVenues } from './ports.js';
import { checklistVersions, countAssessments, findChecklist, type NewAssessmentRow } from './repo.js';

/** A number in [0, 1) fixed by the key: the same demo on every install. */
const unit = (key: string, salt = ''): number => createHash('sha256').update(`${key}:${salt}`).digest().readUInt32BE(0) / 2 ** 32;

/** Why points were taken off, per section: what an assessor writes. */
const DEDUCTION_NOTES: Record<string, string[]> = {
  signage: ['标识褪色，需更换', '个别窗口未标明可办事项', '公示内容未及时更新'],
  zones: ['功能区与其他区域混用', '值守人员不固定', '区域面积偏小'],
  equipment: ['部分窗口设备老旧', '个别窗口缺少该设备', '设备有故障未及时维修'],
  convenience: ['数量不足', '未设专人管理', '部分物品已损坏'],
  emergency: ['预案未及时修订', '演练记录不全'],
  items: ['个别事项未能现场受理', '部分指南与网上不一致'],
  online: ['工作人员操作不熟练', '帮办记录不全'],
  rules: ['制度上墙但记录不全', '落实情况抽查有遗漏'],
};

/** The total a level's demo lands on, between its threshold and the next (as whole points). */
function targetTotal(level: AssessmentLevel, t: Thresholds, max: number, r: number): number {
  const at = (percent: number) => Math.ceil((percent * max) / 100);
  const below = { below: [Math.round(max * 0.45), at(t.basic.percent) - 1], basic: [at(t.basic.percent), at(t.standard.percent) - 1], standard: [at(t.standard.percent), at(t.benchmark.percent) - 1], benchmark: [at(t.benchmark.percent), max] }[level];
  const [lo, hi] = below as [number, number];
  return lo + Math.floor(r * (hi - lo + 1));
}

/**
 * Scores that reach exactly `level`: every item full, then points taken off items that are not
 * must-haves of that level (in an order fixed by the key) until the target total.
 */
function scoresFor(checklist: ChecklistContent, level: AssessmentLevel, key: string): Scores {
  const items = checklistItems(checklist);
  const max = items.reduce((n, i) => n + i.points, 0);
  const kept = new Set(level === 'below' ? [] : checklist.thresholds[level].mustHave);
  const target = targetTotal(level, checklist.thresholds, max, unit(key, 'total'));
  const sectionOf = new Map(checklist.sections.flatMap((s) => s.items.map((i) => [i.code, s.code])));
  const scores: Scores = Object.fromEntries(items.map((i) => [i.code, { points: i.points, note: '' }]));
  let short = max - target;
  const order = items.filter((i) => !kept.has(i.code)).sort((a, b) => unit(key, a.code) - unit(key, b.code));
  for (const item of order) {
    if (short <= 0) break;
    const off = Math.min(short, Math.max(1, Math.ceil(item.points * (0.3 + 0.5 * unit(key, `${item.code}:off`)))));
    const notes = DEDUCTION_NOTES[sectionOf.get(item.code) ?? ''] ?? ['部分达标'];
    scores[item.code] = { points: item.points - off, note: notes[Math.floor(unit(key, `${item.code}:note`) * notes.length)]! };
    short -= off;
  }
  // a low target may need more than the first pass took: the rest from the same items, in order
  for (const item of order) {
    if (short <= 0) break;
    const off = Math.min(short, scores[item.code]!.points);
    scores[item.code]!.points -= off;
    scores[item.code]!.note ||= '未达到要求';
    short -= off;
  }
  return scores;
}

const SUMMARIES: Record<AssessmentLevel, string> = {
  benchmark: '功能分区合理，服务规范，群众评价好，可作为示范推广。',
  standard: '整体达到标准化要求，个别项目需继续完善。',
  basic: '基本具备服务条件，功能分区和便民设施需要补齐。',
  below: '功能分区和服务制度落实不到位，限期整改后复评。',
};

/** The demo's level of a town centre (most 标准型, a few 标杆型, one or two 基础型, a few not yet assessed). */
const CENTRE_LEVELS: readonly (AssessmentLevel | null)[] = ['benchmark', 'standard', 'standard', 'basic', 'standard', 'benchmark', 'standard', 'standard', 'standard', null, 'benchmark', 'standard', 'basic', 'standard', null, 'standard'];
const centreLevel = (index: number): AssessmentLevel | null => (index < CENTRE_LEVELS.length ? (CENTRE_LEVELS[index] ?? null) : 'standard');

/** Village stations: about one in five assessed, mostly 基础型 or 标准型. */
function stationLevel(id: string): AssessmentLevel | null {
  if (unit(id, 'sampled') >= 0.2) return null;
  const r = unit(id, 'level');
  return r < 0.1 ? 'below' : r < 0.55 ? 'basic' : r < 0.92 ? 'standard' : 'benchmark';
}

export async function seedDemoAssessments(deps: Pick<Deps, 'dbh' | 'clock'>, port: AssessedVenues): Promise<number> {
  const { db } = deps.dbh;
  if ((await countAssessments(db)) > 0) return 0;
  const venues = await port.venuesIn(undefined, ASSESSED_KINDS);
  if (venues.length === 0) return 0;
  // the current checklist of each kind (the newest version applying to it)
  const checklists = new Map<AssessedKind, { id: string; content: ChecklistContent }>();
  const versions = (await checklistVersions(db)).sort((a, b) => b.version - a.version);
  for (const kind of ASSESSED_KINDS) {
    const v = versions.find((r) => (JSON.parse(r.applies_to) as string[]).includes(kind));
    const row = v && (await findChecklist(db, v.id));
    if (row) checklists.set(kind, { id: row.id, content: { sections: JSON.parse(row.sections) as ChecklistSection[], thresholds: JSON.parse(row.thresholds) as Thresholds } });
  }
  const now = deps.clock.now();
  const dayBefore = (days: number) => chinaDate(new Date(now.getTime() - days * 86_400_000));
  const at = (day: string) => iso(new Date(Date.parse(`${day}T02:30:00.000Z`)));
  const rows: NewAssessmentRow[] = [];
  const add = (v: AssessedVenue, level: AssessmentLevel, daysAgo: number, assessor: string, salt = '') => {
    const checklist = checklists.get(v.kind as AssessedKind);
    if (!checklist) return;
    const key = `${v.id}${salt}`;
    const scores = scoresFor(checklist.content, level, key);
    const result = scoreAssessment(checklist.content, scores);
    // the demo must say what it means: a level it did not reach is a bug in scoresFor
    if (result.level !== level) throw new Error(`demo assessment of ${v.id}: aimed at ${level}, scored ${result.level}`);
    const day = dayBefore(daysAgo);
    rows.push({
      id: newId(), venue_id: v.id, venue_name: v.name, venue_kind: v.kind, region_code: v.regionCode, checklist_id: checklist.id, assessed_on: day,
      assessor_id: null, assessor_name: assessor, scores: JSON.stringify(scores), photos: '[]', summary: SUMMARIES[level],
      total: result.total, max_points: result.max, percent: result.percent, level: result.level, status: 'final', version: 2,
      created_at: at(day), updated_at: at(day), finalised_at: at(day),
    });
  };

  const centres = venues.filter((v) => v.kind === 'town_centre').sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  centres.forEach((v, i) => {
    const level = centreLevel(i);
    if (!level) return;
    // 钢山街道 (the first town) was 基础型 a year ago and is 标准型 now: its history has two entries
    if (i === 0) add(v, 'basic', 380 + Math.floor(unit(v.id, 'first') * 20), '周文华', ':first');
    add(v, i === 0 ? 'standard' : level, 20 + Math.floor(unit(v.id, 'days') * 150), '周文华');
  });
  for (const v of venues.filter((x) => x.kind === 'village_station')) {
    const level = stationLevel(v.id);
    if (level) add(v, level, 10 + Math.floor(unit(v.id, 'days') * 200), '镇街评估组');
  }
  if (rows.length === 0) return 0;
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 100) await tx.insertInto('venue_assessments').values(rows.slice(i, i + 100)).execute();
    const counts = Object.fromEntries(['below', ...VENUE_LEVEL_CODES].map((l) => [l, rows.filter((r) => r.level === l).length]));
    await recordAudit(tx, systemContext, { action: 'venue_assessment.seed', entityType: 'venue_assessment', entityId: 'demo', summary: { demo: true, assessments: rows.length, ...counts } }, deps.clock);
  }));
  return rows.length;
}
