import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.js';
import { containsText } from './like.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t.close();
});

describe('containsText', () => {
  it('matches %, _ and \\ as themselves', async () => {
    // a one-row derived table gives the column `v` the pattern is matched against
    const hit = async (value: string, text: string) => {
      const r = await t.deps.dbh.db
        .selectFrom(sql<{ v: string }>`(select ${value} as v)`.as('x'))
        .select(sql<number>`case when ${containsText('x.v', text)} then 1 else 0 end`.as('hit'))
        .executeTakeFirstOrThrow();
      return Number(r.hit) === 1;
    };
    expect(await hit('满50%减', '50%')).toBe(true);
    expect(await hit('满500减', '50%')).toBe(false);
    expect(await hit('a_b', 'a_b')).toBe(true);
    expect(await hit('axb', 'a_b')).toBe(false);
    expect(await hit('C:\\data', ':\\d')).toBe(true);
    expect(await hit('孟庄社区', '孟庄')).toBe(true);
    expect(await hit('孟庄社区', '唐村')).toBe(false);
  });
});
