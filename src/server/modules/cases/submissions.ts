/**
 * Writing new cases (办件) in batches (platform/group-commit.ts): their numbers, rows, first
 * events, notices and audit entries.
 *
 * Two ways, same rows:
 * - **In a transaction** (always on SQLite; on PostgreSQL when this process does not know the
 *   current state): take the numbers and places on the audit chain under their locks, then write.
 * - **In one guarded statement** (PostgreSQL, when this process knows the last number of each
 *   place and the audit chain's head, because it wrote them itself): numbers and hashes are worked
 *   out here, and one statement checks that those rows are still as known and writes everything —
 *   one round trip and one commit instead of four round trips. When someone else moved them (an
 *   action on a case writes an audit entry; another server process takes numbers), the statement
 *   writes nothing and the batch is written in a transaction instead, which learns the new state.
 */
import type { Insertable } from 'kysely';
import { runTogether, StaleWriteError, writeIfUnchanged, type Db, type DbOrTx, type Tx, type WriteQuery } from '../../db/index.js';
import type { CaseEventTable, CaseIdempotencyTable, CaseMaterialTable, CaseTable } from '../../db/types.js';
import { auditWrites, chainAudit, moveAuditHeadIfAt, reserveAudit, type AuditEntry, type AuditHead } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Clock } from '../../platform/ids.js';
import { formatCaseNo, type CaseStatus } from '../../../shared/cases.js';
import type { CaseNotifier, CitizenAccountRef, CitizenDirectory, DraftDiscarder, DraftRef, LicenceLookup } from './ports.js';
import { takeNumbers } from './repo.js';

/** The daily sequence of a case number has five digits. */
const MAX_DAILY_SEQUENCE = 99_999;

/** A validated submission, ready to write; its number is given when its batch is written. */
export interface NewCase {
  ctx: RequestContext;
  /** China date of the submission: the day of its number */
  day: string;
  idempotency: Insertable<CaseIdempotencyTable> | null;
  draft: DraftRef;
  row: Omit<CaseTable, 'case_no'>;
  /** the applicant's phone in clear, for the SMS (never stored so) */
  phone: string;
  /**
   * Staff intake: the applicant's ID number hash. A case taken in for someone shows in their 我的办件
   * when they have an account with that ID number (looked up once per batch).
   */
  citizenByIdHash: string | null;
  materials: Insertable<CaseMaterialTable>[];
  event: Insertable<CaseEventTable>;
  audit(caseNo: string): AuditEntry;
}

/**
 * Cases written together or not at all (one application, or a 一件事's child cases), with rows of
 * another module's to write in the same commit once their numbers are known (`alsoWrite`).
 */
export interface CaseGroup {
  cases: readonly NewCase[];
  /** cases submitted together as one (a 一件事): the group row their `group_id` names (case_groups) */
  record?: { id: string; label: string; created_at: string };
  /** the other module's rows, given the cases as written */
  alsoWrite?: (tx: DbOrTx, written: readonly WrittenCase[]) => WriteQuery[];
  /** its audit entry, chained after the cases' own (the same context as the first case's) */
  audit?: (written: readonly WrittenCase[]) => AuditEntry;
}

/** A case of a group as written: what the group's own rows refer to. */
export interface WrittenCase {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  applicantName: string;
  /** whose 我的办件 it is in: the applicant's account (a window's case: the account with their ID number, if any) */
  citizenId: string | null;
}

/** A place's daily counter: how many numbers a batch wants (`last`), or its new last number. */
interface Counter {
  region_code: string;
  day: string;
  last: number;
}
const counterKey = (regionCode: string, day: string) => `${regionCode}|${day}`;

/** How many numbers each place (and day) of a batch needs. */
function countersOf(batch: readonly NewCase[]): Map<string, Counter> {
  const wanted = new Map<string, Counter>();
  for (const c of batch) {
    const k = counterKey(c.row.region_code, c.day);
    const counter = wanted.get(k) ?? { region_code: c.row.region_code, day: c.day, last: 0 };
    counter.last++;
    wanted.set(k, counter);
  }
  // in one order everywhere, so two batches lock the counters they share in the same order
  return new Map([...wanted].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Each case's number, in batch order: the numbers just taken end at each counter's new `last`. */
function numberCases(batch: readonly NewCase[], wanted: Map<string, Counter>, taken: readonly Counter[]): string[] {
  const previous = new Map(taken.map((t) => [counterKey(t.region_code, t.day), Number(t.last) - wanted.get(counterKey(t.region_code, t.day))!.last]));
  return batch.map((c) => {
    const k = counterKey(c.row.region_code, c.day);
    const seq = previous.get(k)! + 1;
    previous.set(k, seq);
    if (seq > MAX_DAILY_SEQUENCE) {
      throw new AppError(503, 'CASE_NUMBERS_EXHAUSTED', `「${c.row.region_code}」今日的办件编号已用完（每日最多 ${MAX_DAILY_SEQUENCE} 件），请明日再提交或联系系统管理员`);
    }
    return formatCaseNo(c.row.region_code, c.day, seq);
  });
}

/** Each group's cases as written, in batch order. */
function writtenOf(groups: readonly CaseGroup[], caseNos: readonly string[], citizenIds?: readonly (string | null)[]): WrittenCase[][] {
  let at = 0;
  return groups.map((g) => g.cases.map((c) => {
    const i = at++;
    return { id: c.row.id, caseNo: caseNos[i]!, itemCode: c.row.item_code, itemName: c.row.item_name, applicantName: c.row.applicant_name, citizenId: citizenIds ? citizenIds[i]! : c.row.citizen_id };
  }));
}

/** The batch's group rows (cases submitted together), then the other modules' rows (a 一件事's application). */
function othersRows(tx: DbOrTx, groups: readonly CaseGroup[], caseNos: readonly string[], citizenIds: readonly (string | null)[]): { query: WriteQuery }[] {
  const written = writtenOf(groups, caseNos, citizenIds);
  const records = groups.flatMap((g) => (g.record ? [{ ...g.record, size: g.cases.length, decided: 0, completed_at: null }] : []));
  return [
    ...(records.length ? [{ query: tx.insertInto('case_groups').values(records) }] : []),
    ...groups.flatMap((g, i) => (g.alsoWrite ? g.alsoWrite(tx, written[i]!).map((query) => ({ query })) : [])),
  ];
}

/** The batch's audit entries: each case's, then each group's own. */
function auditEntries(batch: readonly NewCase[], groups: readonly CaseGroup[], caseNos: readonly string[]): { ctx: RequestContext; entry: AuditEntry }[] {
  const written = writtenOf(groups, caseNos);
  return [
    ...batch.map((c, i) => ({ ctx: c.ctx, entry: c.audit(caseNos[i]!) })),
    ...groups.flatMap((g, i) => (g.audit ? [{ ctx: g.cases[0]!.ctx, entry: g.audit(written[i]!) }] : [])),
  ];
}

/** How many audit entries a batch writes. */
const auditCount = (batch: readonly NewCase[], groups: readonly CaseGroup[]) => batch.length + groups.filter((g) => g.audit).length;

const applicantIdHashes = (batch: readonly NewCase[]) => [...new Set(batch.flatMap((c) => (c.citizenByIdHash ? [c.citizenByIdHash] : [])))];

/** How the batches were written, for tests and diagnostics. */
export interface SubmissionWriteCounts {
  inTransaction: number;
  inOneStatement: number;
  /** guarded statements that found the state moved (the batch then went in a transaction) */
  stale: number;
}

export class SubmissionWriter {
  /** The audit chain's head as this process last wrote it (its last seq and hash), while known to be current. */
  private head: AuditHead | null = null;
  /** The last number this process took for each place today (counterKey → number). */
  private lastNumbers = { day: '', byPlace: new Map<string, number>() };
  /** the last guarded statement sent, while in flight: settles to whether it committed */
  private statementInFlight: Promise<boolean> | null = null;
  /** settles when the batch being written in a transaction has committed (or failed) */
  private learning: Promise<void> | null = null;
  readonly counts: SubmissionWriteCounts = { inTransaction: 0, inOneStatement: 0, stale: 0 };

  constructor(
    private readonly db: () => Db,
    /** PostgreSQL: write batches in one guarded statement when the state is known */
    private readonly guardedStatements: boolean,
    private readonly notifier: CaseNotifier,
    private readonly clock: Clock,
    /** whose 我的办件 a case taken in at a window belongs to (the account with the applicant's ID number) */
    private readonly citizens: CitizenDirectory,
    /** the applications' auto-saved drafts (the forms module's), deleted with the cases */
    private readonly drafts: DraftDiscarder,
    /** 用证记录: the licences that stood in for materials, recorded with the cases */
    private readonly licences: LicenceLookup,
  ) {}

  /**
   * Writes a batch; returns the case numbers in batch order. GroupCommit may have two batches in
   * flight: the second one is numbered and chained from what the first will have written, and its
   * statement waits in the database for the first one's locks, so its guards see the first one's
   * rows once committed (or, if the first failed, find them missing and write nothing).
   */
  async write(groups: readonly CaseGroup[]): Promise<string[][]> {
    const numbers = await this.writeCases(groups.flatMap((g) => g.cases), groups);
    let at = 0;
    return groups.map((g) => numbers.slice(at, (at += g.cases.length)));
  }

  private async writeCases(batch: readonly NewCase[], groups: readonly CaseGroup[]): Promise<string[]> {
    const wanted = countersOf(batch);
    // A batch in a transaction is learning the state: wait for it rather than go in a transaction too.
    while (this.guardedStatements && this.learning) await this.learning;
    const head = this.head;
    if (this.guardedStatements && head && [...wanted.keys()].every((k) => this.lastNumbers.byPlace.has(k))) {
      const planned = this.plan(head, batch, groups, wanted);
      const previous = this.statementInFlight;
      let committed!: (yes: boolean) => void;
      const settled = new Promise<boolean>((resolve) => (committed = resolve));
      this.statementInFlight = settled;
      try {
        await this.writeInOneStatement(batch, groups, planned, previous ?? undefined);
        committed(true);
        this.counts.inOneStatement++;
        return planned.caseNos;
      } catch (err) {
        committed(false);
        // Unless a later write has moved on from it, what this one planned is not the state any more.
        if (this.head === planned.head) this.head = null;
        if (!(err instanceof StaleWriteError)) throw err;
        this.counts.stale++;
      } finally {
        if (this.statementInFlight === settled) this.statementInFlight = null;
      }
    }
    // Not known until this transaction has committed.
    this.head = null;
    const written = (async () => {
      const { caseNos, head, taken } = await this.db().transaction().execute((tx) => this.writeInTransaction(tx, batch, groups, wanted));
      this.counts.inTransaction++;
      this.learn(head, taken);
      return caseNos;
    })();
    const learning = written.then(() => undefined, () => undefined);
    this.learning = learning;
    try {
      return await written;
    } finally {
      if (this.learning === learning) this.learning = null;
    }
  }

  /**
   * The numbers and audit chain of a batch written on top of `head`, taken as the state at once
   * (before any await), so a batch planned while this one is in flight builds on it.
   */
  private plan(head: AuditHead, batch: readonly NewCase[], groups: readonly CaseGroup[], wanted: Map<string, Counter>) {
    const counters = [...wanted.entries()].map(([k, w]) => {
      const before = this.lastNumbers.byPlace.get(k)!;
      return { region_code: w.region_code, day: w.day, before, last: before + w.last };
    });
    const caseNos = numberCases(batch, wanted, counters);
    const entries = auditEntries(batch, groups, caseNos);
    const chained = chainAudit(this.db(), { seq: head.seq + entries.length, hash: head.hash }, entries, this.clock);
    const next = { seq: head.seq + entries.length, hash: chained.lastHash };
    this.learn(next, counters);
    return { caseNos, chained, counters, headBefore: head, head: next };
  }

  /**
   * Takes the day's numbers (one bump of each place's counter for all its cases, in arrival order)
   * and the places on the audit chain, then writes everything else: two round trips on PostgreSQL
   * (runTogether), inside the transaction that holds the counters' and the chain head's locks.
   */
  private async writeInTransaction(tx: Tx, batch: readonly NewCase[], groups: readonly CaseGroup[], wanted: Map<string, Counter>) {
    const idHashes = applicantIdHashes(batch);
    const [taken, [reserved], accounts = []] = await runTogether(tx, [
      { query: takeNumbers(tx, [...wanted.values()]), returning: true },
      { query: reserveAudit(tx, auditCount(batch, groups)), returning: true },
      ...(idHashes.length ? [{ query: this.citizens.accountsByIdNumberHash(tx, idHashes), returning: true }] : []),
    ]) as [Counter[], AuditHead[], CitizenAccountRef[]?];
    const caseNos = numberCases(batch, wanted, taken);
    const chained = chainAudit(tx, reserved!, auditEntries(batch, groups, caseNos), this.clock);
    await runTogether(tx, [...await this.rowsOf(tx, batch, groups, caseNos, accounts), ...auditWrites(tx, chained)]);
    return { caseNos, head: { seq: Number(reserved!.seq), hash: chained.lastHash }, taken };
  }

  /** The rows of a planned batch in one statement, guarded by the state it was planned on. */
  private async writeInOneStatement(batch: readonly NewCase[], groups: readonly CaseGroup[], planned: ReturnType<SubmissionWriter['plan']>, previous?: Promise<boolean>): Promise<void> {
    const db = this.db();
    const idHashes = applicantIdHashes(batch);
    const accounts = idHashes.length ? await this.citizens.accountsByIdNumberHash(db, idHashes).execute() : [];
    const writes = await this.rowsOf(db, batch, groups, planned.caseNos, accounts);
    const [insertAudit] = auditWrites(db, planned.chained);
    await writeIfUnchanged(
      db,
      [
        // the counters before the chain head, the order the transaction locks them in
        ...planned.counters.map((c) => ({
          query: db.updateTable('case_sequences').set({ last: c.last })
            .where('region_code', '=', c.region_code).where('day', '=', c.day).where('last', '=', c.before).returning('last'),
          rows: 1,
        })),
        { query: moveAuditHeadIfAt(db, planned.headBefore, planned.head), rows: 1 },
      ],
      [...writes, insertAudit!],
      // planned on the rows of the batch before, which this statement may overtake on its way
      { previous },
    );
  }

  /**
   * The rows of a batch besides the counters and the chain head: the idempotency records (a
   * concurrent retry with the same key conflicts with them and its batch is written again one by
   * one), the cases, their materials, first events and notices, and the drafts they replace.
   */
  private async rowsOf(tx: DbOrTx, batch: readonly NewCase[], groups: readonly CaseGroup[], caseNos: readonly string[], accounts: readonly CitizenAccountRef[]) {
    const accountOf = new Map(accounts.map((a) => [a.id_number_hash, a.id]));
    const rows = batch.map((c, i) => ({ ...c.row, case_no: caseNos[i]!, citizen_id: c.row.citizen_id ?? (c.citizenByIdHash ? (accountOf.get(c.citizenByIdHash) ?? null) : null) }));
    const noticeWrites = await this.notifier.noticeWrites(tx, rows.map((row, i) => ({ caseId: row.id, action: 'submit', from: null, to: row.status as CaseStatus, opinion: '', row, phone: batch[i]!.phone })));
    const keys = batch.flatMap((c) => (c.idempotency ? [c.idempotency] : []));
    const materials = batch.flatMap((c) => c.materials);
    const licenceUses = this.licences.useWrite(tx, rows.flatMap((row) => materials.filter((m) => m.case_id === row.id && m.licence_ref).map((m) => ({
      licenceRef: m.licence_ref!, caseId: row.id, caseNo: row.case_no, itemName: row.item_name, materialName: m.name, channel: row.channel, placeCode: row.region_code,
    }))));
    return [
      ...(keys.length ? [{ query: tx.insertInto('case_idempotency').values(keys) }] : []),
      { query: tx.insertInto('cases').values(rows) },
      ...(materials.length ? [{ query: tx.insertInto('case_materials').values(materials) }] : []),
      ...(licenceUses ? [{ query: licenceUses }] : []),
      // The application is in: its auto-saved draft has done its job.
      { query: this.drafts.discardWrite(tx, batch.map((c) => c.draft)) },
      { query: tx.insertInto('case_events').values(batch.map((c) => c.event)) },
      ...noticeWrites,
      ...othersRows(tx, groups, caseNos, rows.map((r) => r.citizen_id)),
    ];
  }

  /**
   * The state a write leaves: the head and the numbers taken (today's; a new day starts afresh).
   * From a transaction once it has committed; from a guarded statement as soon as it is planned.
   */
  private learn(head: AuditHead, taken: readonly Counter[]): void {
    this.head = head;
    for (const t of taken) {
      if (t.day !== this.lastNumbers.day) this.lastNumbers = { day: t.day, byPlace: new Map() };
      this.lastNumbers.byPlace.set(counterKey(t.region_code, t.day), Number(t.last));
    }
  }
}
