/**
 * Something built in memory from tables and kept while they are unchanged (the public catalog,
 * the service map): the tables' revision — a cheap query — is asked at most every `checkMs`; while
 * it is the same, every caller gets the same snapshot; once it changes (a write in another
 * process), or after `invalidate()` (a write in this one), the next caller builds a new one and
 * callers meanwhile wait for that one build.
 *
 * Unlike RefreshSchedule (refreshing.ts), a caller after a change waits for the rebuild: these
 * snapshots answer the public, who must see a publish at once. Neither is ever asked inside a
 * transaction (their queries use the root handle).
 *
 * `currentOrStale()` is the other mode, for answers on a hot path that may be a few seconds behind
 * another process's write (the service map's nearby search): the snapshot in hand is answered at
 * once, and when it is due one caller starts the revision check — and a rebuild if it changed — in
 * the background. A write in this process still calls invalidate(), after which callers wait.
 */
interface Held<T> {
  snapshot: T;
  revision: string;
  checkedAt: number;
}

export class RevisionedSnapshot<T> {
  private held: Held<T> | null = null;
  private building: { generation: number; done: Promise<Held<T>> } | null = null;
  /** bumped by invalidate(): a build begun before it is never kept nor joined */
  private generation = 0;
  /** currentOrStale's background check under way (one at a time, however many callers come) */
  private checking: Promise<void> | null = null;

  constructor(
    private readonly revision: () => Promise<string>,
    private readonly build: () => Promise<T>,
    private readonly checkMs: number,
    /** names the snapshot in the warning a failed background check emits */
    private readonly label = 'snapshot',
  ) {}

  invalidate(): void {
    this.held = null;
    this.generation++;
  }

  async current(): Promise<T> {
    const held = this.held;
    if (held && Date.now() - held.checkedAt < this.checkMs) return held.snapshot;
    if (held && (await this.revision()) === held.revision) {
      held.checkedAt = Date.now();
      return held.snapshot;
    }
    const generation = this.generation;
    if (this.building?.generation !== generation) {
      const done = this.rebuild().finally(() => {
        if (this.building?.done === done) this.building = null;
      });
      this.building = { generation, done };
    }
    const built = await this.building.done;
    if (generation === this.generation) this.held = built;
    return built.snapshot;
  }

  /** The snapshot in hand without waiting (see the class comment); only the first call, or one after invalidate(), waits. */
  currentOrStale(): T | Promise<T> {
    const held = this.held;
    if (!held) return this.current();
    if (Date.now() - held.checkedAt >= this.checkMs && !this.checking) {
      const check = this.checkInBackground(held);
      this.checking = check;
      void check.finally(() => {
        if (this.checking === check) this.checking = null;
      });
    }
    return held.snapshot;
  }

  private async checkInBackground(held: Held<T>): Promise<void> {
    const generation = this.generation;
    try {
      if ((await this.revision()) === held.revision) {
        held.checkedAt = Date.now();
        return;
      }
      const built = await this.rebuild();
      if (generation === this.generation && this.held === held) this.held = built;
    } catch (err) {
      // tried again checkMs later; meanwhile the snapshot in hand answers
      held.checkedAt = Date.now();
      process.emitWarning(`${this.label}: background refresh failed: ${String(err)}`, 'RevisionedSnapshot');
    }
  }

  private async rebuild(): Promise<Held<T>> {
    // The revision is read before the tables: a write in between leaves an older revision with
    // newer data, so the next check rebuilds again (never the reverse).
    const revision = await this.revision();
    const snapshot = await this.build();
    return { snapshot, revision, checkedAt: Date.now() };
  }
}
