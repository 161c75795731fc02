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

  constructor(
    private readonly revision: () => Promise<string>,
    private readonly build: () => Promise<T>,
    private readonly checkMs: number,
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

  private async rebuild(): Promise<Held<T>> {
    // The revision is read before the tables: a write in between leaves an older revision with
    // newer data, so the next check rebuilds again (never the reverse).
    const revision = await this.revision();
    const snapshot = await this.build();
    return { snapshot, revision, checkedAt: Date.now() };
  }
}
