// The cases data set of the bench: N cases (1,000,000 by default) over three years across
// Zoucheng's 16 towns and 714 villages, written straight into the server's database in batches.
//
// Each case is simulated from its submission: received at a town hall or a village service
// station (village items collected for the town where the item's 实施清单 says so), through 预审
// (online), 补正 before acceptance, acceptance, a working-day clock with extensions, special
// procedures and corrections that stop it, to decision and delivery — with the real working
// calendar (春节, 国庆, 调休). Where each case stands on the bench day follows from its dates, so
// the status mix is what a county would have: almost everything old is delivered, the open ones
// are recent, a few are overdue. `openOnly` keeps only cases still open on the bench day, from
// the same process at a far higher rate (the warning scan's stress set: a backlog of N open cases).
//
// Rows are written the way the server writes them: encrypted ID numbers and phones with the
// server's data key, lookup hashes, masks, the item's workflow as data, case numbers from the
// documented scheme, and the derived clock columns (warnings.ts). Not written: case events,
// materials and audit entries of the generated cases (no measured request reads them).
import { createHash } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Deps } from '../../../src/server/deps.js';
import type { CaseTable } from '../../../src/server/db/types.js';
import { PublicCatalog } from '../../../src/server/modules/catalog/public.js';
import { rebuildCaseFigures } from '../../../src/server/modules/cases/figures.js';
import { calendarFingerprint, clockColumns } from '../../../src/server/modules/cases/warnings.js';
import { defaultWorkflow, handlingRegionFor } from '../../../src/server/modules/cases/workflow.js';
import { addDays, chinaDate } from '../../../src/server/platform/calendar.js';
import { newId } from '../../../src/server/platform/ids.js';
import { STEP_OF_STATUS, formatCaseNo, type CaseStatus } from '../../../src/shared/cases.js';
import type { HandlingMode } from '../../../src/shared/catalog.js';
import { idNumberCheckChar, maskIdNumber, maskPhone } from '../../../src/shared/validators.js';
import type { Region } from '../../../src/server/modules/regions/service.js';

/** Bump when the generated rows change (cached data sets are keyed by it). */
export const GENERATOR_VERSION = 2;

export interface GenerateOptions {
  count: number;
  /** the bench day (China date) and instant: cases are generated up to it */
  now: Date;
  /** every case still open on the bench day (the warning scan's stress set) */
  openOnly?: boolean;
  seed?: number;
  /** the SQLite file to write into (SQLite only; the server's DATA_DIR/bianmin.sqlite unless another database is meant) */
  sqliteFile?: string;
  log(message: string): void;
}

export interface GenerateResult {
  count: number;
  byStatus: Record<string, number>;
  ms: number;
}

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔');
const GIVEN = Array.from('秀英桂兰建国玉兰明华志强海燕丽娟淑珍春梅文军红霞德胜凤英永刚晓东立新俊杰雪梅国庆家豪子涵欣怡浩然宇轩思远');

interface Person {
  name: string;
  idEnc: string;
  idHash: string;
  idMasked: string;
  phoneEnc: string;
  phoneHash: string;
  phoneMasked: string;
  citizenId: string | null;
  address: string;
}

interface Offer {
  code: string;
  name: string;
  level: 'town' | 'village';
  promisedDays: number | null;
  workflow: string;
  handling: Region;
}

const CHANNELS_TOWN: [string, number][] = [['window', 0.55], ['mobile', 0.22], ['pc', 0.15], ['kiosk', 0.03], ['assist', 0.05]];
const CHANNELS_VILLAGE: [string, number][] = [['window', 0.55], ['assist', 0.3], ['mobile', 0.1], ['pc', 0.05]];
const ONLINE = new Set(['mobile', 'pc', 'kiosk']);
const OPEN = ['pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended'];

function pick<T>(r: () => number, weighted: [T, number][]): T {
  let x = r() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) {
    x -= w;
    if (x <= 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

/** The bench day's last instant of a China date plus a time of day. */
const chinaInstant = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000 + minutes * 60_000).toISOString();

export async function generateCases(deps: Deps, opts: GenerateOptions): Promise<GenerateResult> {
  const t0 = performance.now();
  const { db } = deps.dbh;
  const r = rng(opts.seed ?? 20261127);
  const today = chinaDate(opts.now);
  const nowIso = opts.now.toISOString();
  await deps.regions.load();
  await deps.calendar.load();
  // O(1) working-day arithmetic (WorkingDayIndex inside) over ±10 years around today.
  const cal = deps.calendar;
  const catalog = new PublicCatalog(deps);

  // Where cases are received: every town hall, every village station; the two city streets busiest.
  const all = await db.selectFrom('regions').select(['code', 'level']).execute();
  const towns = all.filter((x) => x.level === 'town').map((x) => x.code).sort();
  const villagesOf = new Map<string, string[]>();
  for (const x of all) if (x.level === 'village') villagesOf.set(x.code.slice(0, 9), [...(villagesOf.get(x.code.slice(0, 9)) ?? []), x.code]);
  const townWeights: [string, number][] = towns.map((c, i) => [c, i < 2 ? 2.5 : 0.7 + (i % 5) * 0.15]);

  // What each place offers (its published 实施清单), and each item's guide there, on demand.
  const offered = new Map<string, string[]>();
  const offersAt = async (region: string): Promise<string[]> => {
    let codes = offered.get(region);
    if (!codes) {
      codes = [];
      for (let page = 1; ; page++) {
        const res = await catalog.search({ region, page, pageSize: 100 });
        codes.push(...res.items.map((i) => i.code));
        if (codes.length >= res.total || res.items.length === 0) break;
      }
      offered.set(region, codes);
    }
    return codes;
  };
  const guides = new Map<string, Offer | null>();
  const offer = async (code: string, region: Region): Promise<Offer | null> => {
    const key = `${code}@${region.code}`;
    if (guides.has(key)) return guides.get(key)!;
    let o: Offer | null = null;
    try {
      const g = await catalog.guide(code, region.code);
      const mode = (g.local?.handlingMode ?? null) as HandlingMode | null;
      const wf = defaultWorkflow(
        { level: g.level, tongbanScope: g.tongbanScope, materials: g.materials.map((m) => ({ id: m.id, name: m.name, necessity: m.necessityCode, licenceType: m.licenceType })) },
        mode,
      );
      const parent = region.parentCode ? await deps.regions.get(region.parentCode) : undefined;
      o = { code: g.code, name: g.name, level: g.level, promisedDays: g.promisedDays, workflow: JSON.stringify(wf), handling: handlingRegionFor(wf, region, parent) };
    } catch {
      o = null; // not offered there after all
    }
    guides.set(key, o);
    return o;
  };

  // 20,000 applicants with valid ID numbers; the online ones have accounts (我的办件).
  const people: Person[] = [];
  const citizens: { id: string; name: string; phone_enc: string; phone_hash: string; id_number_enc: string; id_number_hash: string; elder_mode: null; created_at: string; updated_at: string; last_login_at: null }[] = [];
  const { protector } = deps;
  for (let i = 0; i < 20_000; i++) {
    const name = SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]! + (r() < 0.6 ? GIVEN[Math.floor(r() * GIVEN.length)]! : '');
    const birth = addDays('1940-01-01', Math.floor(r() * 65 * 365)).replaceAll('-', '');
    const first17 = `370883${birth}${String(500 + (i % 500)).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const phone = `139${String(10_000_000 + i * 379).padStart(8, '0')}`;
    const hasAccount = i % 5 < 3;
    const p: Person = {
      name, idEnc: protector.encrypt(idNumber), idHash: protector.lookupHash(idNumber), idMasked: maskIdNumber(idNumber),
      phoneEnc: protector.encrypt(phone), phoneHash: protector.lookupHash(phone), phoneMasked: maskPhone(phone),
      citizenId: hasAccount ? newId() : null, address: '',
    };
    people.push(p);
    if (p.citizenId) {
      citizens.push({ id: p.citizenId, name, phone_enc: protector.encrypt(phone), phone_hash: p.phoneHash, id_number_enc: p.idEnc, id_number_hash: p.idHash, elder_mode: null, created_at: nowIso, updated_at: nowIso, last_login_at: null });
    }
  }
  for (let i = 0; i < citizens.length; i += 500) await db.insertInto('citizens').values(citizens.slice(i, i + 500)).execute();

  // Cases per day: working days busy, weekends only online; openOnly: the last 40 days.
  const span = opts.openOnly ? 40 : 3 * 365;
  const days: { date: string; weight: number }[] = [];
  for (let d = addDays(today, -span); d <= today; d = addDays(d, 1)) days.push({ date: d, weight: cal.isWorkingDay(d) ? 1 : 0.12 });
  const totalWeight = days.reduce((s, d) => s + d.weight, 0);

  // Case numbers continue after any already given (the demo cases).
  const seq = new Map<string, number>();
  for (const x of await db.selectFrom('case_sequences').selectAll().execute()) seq.set(`${x.region_code}|${x.day.replaceAll('-', '')}`, Number(x.last));
  const byStatus: Record<string, number> = {};
  let written = 0;
  let carry = 0;
  const sink = deps.dbh.engine === 'postgres' ? await pgSink(deps.config.databaseUrl!) : sqliteSink(opts.sqliteFile ?? path.join(deps.config.dataDir, 'bianmin.sqlite'));
  try {
    // Secondary indexes are dropped for the load and built again after it: far faster than
    // keeping ten indexes up to date row by row. Primary key and unique constraints stay.
    const indexes = await sink.dropIndexes('cases');
    // The case_counts triggers too: the counters are recounted once after the load.
    await sink.triggers('cases', false);
    opts.log(`  cases: ${indexes.length} secondary indexes and the counting triggers off for the load`);
    let batch: CaseTable[] = [];
    const keep = async (c: CaseTable | null) => {
      if (!c) return;
      batch.push(c);
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      if (batch.length >= 10_000) {
        await sink.insert('cases', batch);
        written += batch.length;
        batch = [];
        if (written % 100_000 === 0) opts.log(`  cases: ${written.toLocaleString('en')} written (${Math.round(performance.now() - t0)} ms)`);
      }
    };
    if (opts.openOnly) {
      // The same process at a far higher rate, keeping only what is still open today: the open
      // cases of a huge backlog, with the mix of days left that a real one has.
      const cumulative: number[] = [];
      days.reduce((sum, d, i) => (cumulative[i] = sum + d.weight), 0);
      let kept = 0;
      while (kept < opts.count) {
        const x = r() * totalWeight;
        let lo = 0;
        let hi = days.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid]! < x) lo = mid + 1;
          else hi = mid;
        }
        const c = await simulate(days[lo]!.date, r());
        if (c && OPEN.includes(c.status)) {
          kept++;
          await keep(c);
        }
      }
    } else {
      for (const day of days) {
        const exact = (opts.count * day.weight) / totalWeight + carry;
        const n = Math.floor(exact);
        carry = exact - n;
        const times = Array.from({ length: n }, () => r()).sort((a, b) => a - b);
        for (const u of times) await keep(await simulate(day.date, u));
      }
    }
    await sink.insert('cases', batch);
    written += batch.length;
    const ti = performance.now();
    await sink.exec(`delete from case_counts`);
    await sink.exec(`insert into case_counts (region_code, region_path, handling_region_code, handling_region_path, status, n)
      select region_code, min(region_path), handling_region_code, min(handling_region_path), status, count(*) from cases
       group by region_code, handling_region_code, status`);
    await sink.triggers('cases', true);
    await sink.createIndexes(indexes);
    opts.log(`  cases: ${written.toLocaleString('en')} written; counters recounted, triggers back, ${indexes.length} indexes built in ${Math.round(performance.now() - ti)} ms`);
  } finally {
    await sink.close();
  }
  // The supervision figures (case_town_day, case_place_day, case_item_month: kept by triggers that were off for the load), recounted.
  const td = performance.now();
  await rebuildCaseFigures(db, deps.dbh.engine);
  opts.log(`  cases: supervision figures recounted in ${Math.round(performance.now() - td)} ms`);
  // Today's case numbers continue after the generated ones.
  const todayKey = today.replaceAll('-', '');
  for (const [key, last] of seq) {
    const [region, day] = key.split('|') as [string, string];
    if (day !== todayKey) continue;
    await db.insertInto('case_sequences').values({ region_code: region, day: today, last })
      .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet({ last })).execute();
  }
  // warn_on was computed with today's calendar: record which (warnings.ts recomputes it when the calendar changes).
  const fingerprint = await calendarFingerprint(db);
  await db.insertInto('meta').values({ key: 'cases_warn_on_calendar', value: fingerprint }).onConflict((oc) => oc.column('key').doUpdateSet({ value: fingerprint })).execute();
  return { count: written, byStatus, ms: performance.now() - t0 };

  /** One case received on `date` at fraction `u` of the day, as it stands on the bench day. */
  async function simulate(date: string, u: number): Promise<CaseTable | null> {
    const atTown = r() < 0.55;
    const town = await regionOf(pick(r, townWeights));
    let receiving = town;
    if (!atTown) {
      const vs = villagesOf.get(town.code) ?? [];
      if (vs.length) receiving = await regionOf(vs[Math.floor(r() * vs.length)]!);
    }
    const codes = await offersAt(receiving.code);
    if (!codes.length) return null;
    // A few items make most of the work (低保, 养老, 医保…): skew towards the head of the list.
    const o = await offer(codes[Math.floor(codes.length * r() ** 2.2)]!, receiving);
    if (!o) return null;
    const working = cal.isWorkingDay(date);
    // Windows are closed on days off: what comes in then comes in online.
    const channel = working ? pick(r, receiving.level === 'village' ? CHANNELS_VILLAGE : CHANNELS_TOWN) : r() < 0.7 ? 'mobile' : 'pc';
    const online = ONLINE.has(channel);
    const minutes = online ? Math.floor(u * 1440) : 510 + Math.floor(u * 540);
    const createdAt = chinaInstant(date, minutes);
    if (createdAt > nowIso) return null;
    const person = people[Math.floor(r() * people.length)]!;
    const key = `${receiving.code}|${date.replaceAll('-', '')}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);

    // The timeline in China dates; the status is the last step on or before today.
    const wd = (from: string, k: number) => cal.addWorkingDays(from, k);
    const steps: { on: string; status: CaseStatus }[] = [{ on: date, status: online ? 'pending_review' : 'pending_acceptance' }];
    let t = date;
    if (online) {
      t = wd(t, Math.floor(r() * 3));
      steps.push({ on: t, status: 'pending_acceptance' });
    }
    const collectOnly = o.handling.code !== receiving.code;
    if (collectOnly) t = wd(t, r() < 0.7 ? 0 : 1);
    const roll = r();
    let correctionNotice: string | null = null;
    let resume: CaseStatus | null = null;
    if (roll < 0.03) {
      steps.push({ on: wd(t, 1 + Math.floor(r() * 3)), status: 'refused' });
      return row(steps);
    }
    if (roll < 0.045) {
      steps.push({ on: wd(t, Math.floor(r() * 4)), status: 'withdrawn' });
      return row(steps);
    }
    if (roll < 0.13) {
      const asked = wd(t, Math.floor(r() * 2));
      steps.push({ on: asked, status: 'correction' });
      t = wd(asked, 1 + Math.floor(r() * 8));
      steps.push({ on: t, status: 'pending_acceptance' });
    }
    const acceptedOn = wd(t, r() < 0.6 ? 0 : 1 + Math.floor(r() * 2));
    steps.push({ on: acceptedOn, status: 'accepted' });
    const L = o.promisedDays;
    const limit = L ?? 20;
    // Work on the running clock until the decision: most well inside the limit, some late.
    const late = r();
    let work = late < 0.05 ? limit + 1 + Math.floor(r() * 8) : Math.round(limit * (0.2 + 0.8 * r()));
    let extended = 0;
    if (L !== null && L >= 5 && r() < 0.03) {
      extended = Math.min(L, 10);
      work = Math.min(work + Math.floor(extended / 2), L + extended);
    }
    // A stop of the clock: special procedure (pause) or correction after acceptance.
    const stop = L !== null && work >= 2 && r() < 0.09 ? { at: Math.floor(r() * work), days: 3 + Math.floor(r() * 13), kind: r() < 0.65 ? 'suspended' : 'correction' } : null;
    const decidingAt = Math.max(0, Math.round(work * 0.7));
    let extendOn: string | null = null;
    const clockDay = (k: number) => wd(acceptedOn, k + (stop && k > stop.at ? stop.days : 0));
    if (extended) extendOn = clockDay(Math.max(0, Math.floor(work * 0.6)));
    if (stop) {
      const from = clockDay(stop.at);
      steps.push({ on: from, status: stop.kind as CaseStatus });
      steps.push({ on: wd(from, stop.days), status: stop.at >= decidingAt ? 'deciding' : 'accepted' });
    }
    if (decidingAt > 0) steps.push({ on: clockDay(decidingAt), status: 'deciding' });
    const decidedOn = clockDay(work);
    if (r() < 0.015) {
      steps.push({ on: decidedOn, status: r() < 0.5 ? 'terminated' : 'withdrawn' });
    } else {
      steps.push({ on: decidedOn, status: r() < 0.04 ? 'denied' : 'approved' });
      steps.push({ on: wd(decidedOn, Math.floor(r() * 4)), status: 'delivered' });
    }
    steps.sort((a, b) => a.on.localeCompare(b.on));
    return row(steps, { acceptedOn, L, extended, extendOn, stop: stop ? { from: clockDay(stop.at), days: stop.days, kind: stop.kind } : null });

    function row(all: { on: string; status: CaseStatus }[], clock?: {
      acceptedOn: string; L: number | null; extended: number; extendOn: string | null; stop: { from: string; days: number; kind: string } | null;
    }): CaseTable | null {
      const upTo = all.filter((s) => s.on <= today);
      const status = upTo[upTo.length - 1]!.status;
      if (opts.openOnly && !OPEN.includes(status)) return null;
      const accepted = clock && clock.acceptedOn <= today && upTo.some((s) => s.status === 'accepted') ? clock : null;
      let pausedDays = 0;
      let pausedSince: string | null = null;
      if (accepted?.stop && accepted.stop.from <= today) {
        const resumedOn = cal.addWorkingDays(accepted.stop.from, accepted.stop.days);
        if (resumedOn <= today && status !== accepted.stop.kind) pausedDays = accepted.stop.days;
        else if (status === accepted.stop.kind) pausedSince = accepted.stop.from;
      }
      if (status === 'correction' && !pausedSince && accepted) pausedSince = upTo[upTo.length - 1]!.on;
      if (status === 'correction' || status === 'suspended') {
        resume = upTo.length > 1 ? upTo[upTo.length - 2]!.status : 'pending_acceptance';
        if (resume === 'correction' || resume === 'suspended') resume = 'accepted';
      }
      if (status === 'correction') {
        correctionNotice = JSON.stringify({ at: chinaInstant(upTo[upTo.length - 1]!.on, 600), opinion: '请一次性补齐以下材料', items: [{ materialId: null, field: 'materials', name: '身份证明材料', reason: '复印件不清晰，请重新提供' }] });
      }
      const extendedDays = accepted && accepted.extendOn && accepted.extendOn <= today ? accepted.extended : 0;
      const promised = o!.promisedDays;
      const dueDate = accepted && promised !== null ? cal.addWorkingDays(accepted.acceptedOn, promised + extendedDays + pausedDays) : null;
      const lastOn = upTo[upTo.length - 1]!.on;
      const final = ['delivered', 'refused', 'withdrawn', 'terminated'].includes(status);
      const decided = upTo.find((s) => s.status === 'approved' || s.status === 'denied');
      const handled = status !== 'pending_review' && !(collectOnly && upTo.length === 1);
      const base = {
        status, accepted_on: accepted ? accepted.acceptedOn : null, promised_days: promised, extended_days: extendedDays, paused_days: pausedDays,
        paused_since: pausedSince, due_date: dueDate,
      };
      const hash = createHash('md5').update(key + n).digest('hex');
      return {
        id: newId(), case_no: formatCaseNo(receiving.code, date, n), item_code: o!.code, item_name: o!.name, item_level: o!.level,
        region_code: receiving.code, region_path: receiving.path,
        handling_region_code: o!.handling.code, handling_region_path: o!.handling.path,
        current_region_code: handled ? o!.handling.code : receiving.code, current_region_path: handled ? o!.handling.path : receiving.path,
        applicant_kind: 'person', applicant_name: person.name, applicant_id_type: 'id_card',
        applicant_id_enc: person.idEnc, applicant_id_hash: person.idHash, applicant_id_masked: person.idMasked,
        phone_enc: person.phoneEnc, phone_hash: person.phoneHash, phone_masked: person.phoneMasked,
        address: `邹城市${receiving.shortName}`, legal_rep: null,
        citizen_id: online ? person.citizenId : null,
        agent_staff_id: null, agent_name: online ? null : channel === 'assist' ? '帮办代办员' : '窗口工作人员',
        channel, resume_status: resume, step: STEP_OF_STATUS[status], version: upTo.length, event_count: upTo.length,
        form_data: JSON.stringify({ reason: '申请办理', ref: hash.slice(0, 8) }), workflow: o!.workflow,
        form_definition: '{"fields":[]}', situation_answers: '{}', delivery_address: null, delivery_tracking_no: null,
        ...base,
        accepted_at: accepted ? chinaInstant(accepted.acceptedOn, 600) : null,
        correction_notice: correctionNotice,
        decided_at: decided ? chinaInstant(decided.on, 900) : null,
        working_days: decided && accepted ? Math.max(0, cal.workingDaysBetween(accepted.acceptedOn, decided.on) - pausedDays) : null,
        result: decided ? (decided.status as 'approved' | 'denied') : null,
        result_note: decided?.status === 'denied' ? '不符合申请条件' : null,
        delivery_method: r() < 0.6 ? 'pickup' : r() < 0.75 ? 'post' : 'electronic',
        delivered_at: status === 'delivered' ? chinaInstant(lastOn, 960) : null,
        closed_at: final ? chinaInstant(lastOn, 960) : null,
        idempotency_key: null,
        created_at: createdAt,
        updated_at: lastOn === date ? createdAt : chinaInstant(lastOn, 960),
        ...clockColumns(cal, base),
      } as CaseTable;
    }
  }

  async function regionOf(code: string): Promise<Region> {
    const reg = await deps.regions.get(code);
    if (!reg) throw new Error(`region ${code} missing`);
    return reg;
  }
}

interface Sink {
  /** Drops the table's secondary indexes (not the primary key or unique constraints); returns their definitions. */
  dropIndexes(table: string): Promise<string[]>;
  createIndexes(definitions: string[]): Promise<void>;
  /** Turns the table's triggers off for the load (the case_counts ones); `on` puts them back. */
  triggers(table: string, on: boolean): Promise<void>;
  exec(sql: string): Promise<void>;
  /** Inserts rows (all with the same keys) in one transaction. */
  insert(table: string, rows: object[]): Promise<void>;
  close(): Promise<void>;
}

/** SQLite: one prepared statement per table, run row by row inside a transaction (better-sqlite3 is synchronous and fast). */
function sqliteSink(file: string): Sink {
  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('busy_timeout = 10000');
  conn.pragma('cache_size = -262144');
  const statements = new Map<string, { keys: string[]; stmt: SQLite.Statement }>();
  let dropped: string[] = [];
  return {
    async triggers(table, on) {
      if (on) {
        for (const d of dropped) conn.exec(d);
        dropped = [];
        return;
      }
      const rows = conn.prepare(`select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?`).all(table) as { name: string; sql: string }[];
      for (const r of rows) conn.exec(`drop trigger "${r.name}"`);
      dropped = rows.map((r) => r.sql);
    },
    async exec(sql) {
      conn.exec(sql);
    },
    async dropIndexes(table) {
      const rows = conn.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`).all(table) as { name: string; sql: string }[];
      for (const r of rows) conn.exec(`drop index "${r.name}"`);
      return rows.map((r) => r.sql);
    },
    async createIndexes(defs) {
      for (const d of defs) conn.exec(d);
    },
    async insert(table, rows) {
      if (!rows.length) return;
      let s = statements.get(table);
      if (!s) {
        const keys = Object.keys(rows[0]!);
        s = { keys, stmt: conn.prepare(`insert into "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) values (${keys.map(() => '?').join(', ')})`) };
        statements.set(table, s);
      }
      const { keys, stmt } = s;
      conn.transaction(() => {
        for (const row of rows) stmt.run(keys.map((k) => (row as Record<string, unknown>)[k]));
      })();
    },
    async close() {
      // Everything into the database file and onto the disk now, so the measurements that follow
      // do not pay for writing back 2–3 GB of the load.
      conn.pragma('wal_checkpoint(TRUNCATE)');
      conn.close();
    },
  };
}

/** PostgreSQL: each batch is one INSERT … SELECT FROM unnest(one array per column). */
async function pgSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const types = new Map<string, Map<string, string>>();
  const typesOf = async (table: string) => {
    let t = types.get(table);
    if (!t) {
      const { rows } = await client.query<{ column_name: string; data_type: string }>(
        'select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1', [table]);
      t = new Map(rows.map((r) => [r.column_name, r.data_type]));
      types.set(table, t);
    }
    return t;
  };
  return {
    async triggers(table, on) {
      await client.query(`alter table "${table}" ${on ? 'enable' : 'disable'} trigger user`);
    },
    async exec(sql) {
      await client.query(sql);
    },
    async dropIndexes(table) {
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `select i.indexname, i.indexdef from pg_indexes i
          where i.schemaname = current_schema() and i.tablename = $1
            and i.indexname not in (select c.conname from pg_constraint c where c.conrelid = $1::regclass)`, [table]);
      for (const r of rows) await client.query(`drop index "${r.indexname}"`);
      return rows.map((r) => r.indexdef);
    },
    async createIndexes(defs) {
      for (const d of defs) await client.query(d);
      await client.query('analyze cases');
      // Write the load out now rather than during the measurements (needs superuser or pg_checkpoint).
      await client.query('checkpoint').catch(() => undefined);
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const t = await typesOf(table);
      const keys = Object.keys(rows[0]!);
      const arrays = keys.map((k) => rows.map((row) => (row as Record<string, unknown>)[k] ?? null));
      const casts = keys.map((k, i) => `$${i + 1}::${t.get(k) === 'integer' ? 'integer' : t.get(k) === 'bigint' ? 'bigint' : 'text'}[]`);
      await client.query(`insert into "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) select * from unnest(${casts.join(', ')})`, arrays);
    },
    async close() {
      await client.end();
    },
  };
}
