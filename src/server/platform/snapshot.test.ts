import { describe, expect, it } from 'vitest';
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
});
