import { afterEach, describe, expect, it, vi } from 'vitest';
import { RevisionedSnapshot } from './snapshot.js';

/** A table whose revision and content the test sets; builds are counted and can be held open. */
function fakeTable() {
  const t = { revision: 'r1', content: 'a', builds: 0, revisionReads: 0, gate: null as Promise<void> | null };
  const snap = new RevisionedSnapshot(
    async () => {
      t.revisionReads++;
      return t.revision;
    },
    async () => {
      t.builds++;
      const content = t.content;
      if (t.gate) await t.gate;
      return content;
    },
    60_000,
  );
  return { t, snap };
}

describe('RevisionedSnapshot', () => {
  it('builds once for many callers, and keeps the snapshot while the revision is checked within checkMs', async () => {
    const { t, snap } = fakeTable();
    expect(await Promise.all([snap.current(), snap.current(), snap.current()])).toEqual(['a', 'a', 'a']);
    expect(t.builds).toBe(1);
    t.content = 'b'; // changed without a new revision (and within checkMs): not asked again
    expect(await snap.current()).toBe('a');
    expect(t.builds).toBe(1);
  });

  it('after invalidate, the next caller gets a new build — never one begun before the invalidation', async () => {
    const { t, snap } = fakeTable();
    await snap.current();
    let open!: () => void;
    t.gate = new Promise((resolve) => (open = resolve));
    snap.invalidate();
    const early = snap.current(); // builds with content 'a'
    await Promise.resolve();
    t.content = 'b';
    snap.invalidate(); // a write during that build
    const late = snap.current();
    t.gate = null;
    open();
    expect(await early).toBe('a');
    expect(await late).toBe('b');
    expect(await snap.current()).toBe('b');
    expect(t.builds).toBe(3);
  });

  it('a build that fails is not kept: the next caller tries again', async () => {
    let fail = true;
    const snap = new RevisionedSnapshot(async () => 'r', async () => {
      if (fail) throw new Error('database away');
      return 'ok';
    }, 60_000);
    await expect(snap.current()).rejects.toThrow('database away');
    fail = false;
    expect(await snap.current()).toBe('ok');
  });

  describe('currentOrStale', () => {
    afterEach(() => vi.useRealTimers());

    /** Lets the background check's awaits run. */
    const settle = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };

    it('answers the snapshot in hand at once, and after checkMs checks the revision in the background, one check for many callers', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { t, snap } = fakeTable();
      expect(await snap.currentOrStale()).toBe('a'); // the first call waits for the build
      t.revision = 'r2';
      t.content = 'b';
      expect(snap.currentOrStale()).toBe('a'); // within checkMs: not even asked
      expect(t.revisionReads).toBe(1);
      vi.setSystemTime(Date.now() + 60_000);
      expect([snap.currentOrStale(), snap.currentOrStale(), snap.currentOrStale()]).toEqual(['a', 'a', 'a']);
      await settle();
      expect(t.builds).toBe(2);
      expect(snap.currentOrStale()).toBe('b');
    });

    it('keeps the snapshot when the revision is unchanged, and after invalidate() the caller waits for a new build', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { t, snap } = fakeTable();
      await snap.currentOrStale();
      vi.setSystemTime(Date.now() + 60_000);
      snap.currentOrStale();
      await settle();
      expect(t.builds).toBe(1);
      t.content = 'c';
      snap.invalidate();
      const next = snap.currentOrStale();
      expect(next).toBeInstanceOf(Promise);
      expect(await next).toBe('c');
    });

    it('a background check that fails keeps the snapshot in hand and warns', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      let fail = false;
      const snap = new RevisionedSnapshot(async () => {
        if (fail) throw new Error('database away');
        return 'r';
      }, async () => 'kept', 1_000, 'test');
      // the warning is expected here: caught, not printed
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        expect(await snap.currentOrStale()).toBe('kept');
        fail = true;
        vi.setSystemTime(Date.now() + 2_000);
        expect(snap.currentOrStale()).toBe('kept');
        await settle();
        expect(warn.mock.calls.map((c) => c[0])).toEqual(['test: background refresh failed: Error: database away']);
        expect(snap.currentOrStale()).toBe('kept');
      } finally {
        warn.mockRestore();
      }
    });
  });
});
