import { insideTransaction, outsideTransaction } from '../db/guard.js';

/**
 * When to reload something kept in memory from the database (the region tree, the working-day
 * calendar, the public catalog): loaded once before first use, then reloaded in the background
 * once older than `maxAgeMs`, while callers go on with what is loaded. A reload never runs inside
 * the caller's transaction and nobody waits for one — on SQLite a reload awaited inside a
 * transaction waited for that transaction's own connection, forever (issue 10).
 */
export class RefreshSchedule {
  private loadedAt: number | null = null;
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly reload: () => Promise<void>,
    private readonly maxAgeMs: number,
    private readonly onError: (err: unknown) => void = (err) => process.emitWarning(`background reload failed: ${String(err)}`, 'RefreshSchedule'),
  ) {}

  /** Call after each load (including one made directly, such as after an import). */
  loaded(): void {
    this.loadedAt = Date.now();
  }

  get isLoaded(): boolean {
    return this.loadedAt !== null;
  }

  /** Resolves once something is loaded; starts a background reload when it is stale. */
  async fresh(): Promise<void> {
    if (this.loadedAt === null) {
      if (insideTransaction()) throw new Error('first load requested inside a transaction: load at start-up instead');
      await this.start();
      return;
    }
    if (Date.now() - this.loadedAt > this.maxAgeMs && !this.reloading) {
      void this.start().catch(this.onError);
    }
  }

  private start(): Promise<void> {
    this.reloading ??= outsideTransaction(() => this.reload()).finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }
}
