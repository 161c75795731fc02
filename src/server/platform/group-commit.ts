/**
 * Group commit: writes that arrive together share one commit (one transaction, or on PostgreSQL
 * often one statement: modules/cases/submissions.ts).
 *
 * A commit is the costly part of a small write (on SQLite the WAL pages of every touched index,
 * on PostgreSQL a wait for the log flush while the audit chain's head row is locked), so under
 * load the writes queued while one batch commits go together in the next. A lone write is not
 * delayed: the batch starts once the current turn of the event loop has queued what it has.
 *
 * Each caller's promise settles only after the commit of its batch, so nothing is acknowledged
 * before it is durable. When a batch fails, each of its writes is tried again in a batch of its
 * own, so one bad write (a duplicate idempotency key, say) fails alone and never takes the others
 * with it.
 */
/** Writes a batch atomically (in one transaction, or one statement) and returns each item's result, in order. */
export type BatchWriter<I, R> = (items: readonly I[]) => Promise<R[]>;

interface Pending<I, R> {
  item: I;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * `maxInFlight` batches are written at a time (1 unless asked): a batch that is ready need not wait
 * for the previous one's answer when the writer can build on it (cases/submissions.ts on
 * PostgreSQL). The writer is called in batch order and may rely on it. `overlaps` says of a batch in
 * flight whether another may go beside it (by default, yes): a heavy batch is better followed by
 * one larger batch than overlapped by a small one that would only wait on its locks.
 */
export class GroupCommit<I, R> {
  private queue: Pending<I, R>[] = [];
  /** drain loops running or about to run */
  private lanes = 0;
  /** the batches being written */
  private readonly inFlight = new Set<readonly I[]>();
  private allIdle: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(
    private readonly writeBatch: BatchWriter<I, R>,
    private readonly opts: {
      /** Most writes in one batch (statement size stays well inside both engines' limits). */
      maxBatch?: number;
      maxInFlight?: number;
      /** whether another batch may be written while this one is in flight */
      overlaps?: (inFlight: readonly I[]) => boolean;
    } = {},
  ) {}

  write(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.lanes === 0 || (this.lanes < (this.opts.maxInFlight ?? 1) && this.mayOverlap())) {
        this.lanes++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private mayOverlap(): boolean {
    const overlaps = this.opts.overlaps;
    return !overlaps || [...this.inFlight].every((batch) => overlaps(batch));
  }

  /** Resolves once everything queued so far is written (shutdown waits for it before closing the database). */
  idle(): Promise<void> {
    if (this.lanes === 0) return Promise.resolve();
    if (!this.allIdle) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.allIdle = { promise, resolve };
    }
    return this.allIdle.promise;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.run(this.queue.splice(0, this.opts.maxBatch ?? 32));
    } finally {
      this.lanes--;
      if (this.lanes === 0 && this.allIdle) {
        this.allIdle.resolve();
        this.allIdle = null;
      }
    }
  }

  private async run(batch: Pending<I, R>[]): Promise<void> {
    let results: R[];
    const items = batch.map((p) => p.item);
    this.inFlight.add(items);
    try {
      results = await this.writeBatch(items);
    } catch (err) {
      this.inFlight.delete(items);
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const p of batch) await this.run([p]);
      return;
    }
    this.inFlight.delete(items);
    batch.forEach((p, i) => p.resolve(results[i]!));
  }
}
