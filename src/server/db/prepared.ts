import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './index.js';

/**
 * A query compiled once per database and then run with new values: compiling a Kysely query costs
 * about as much as running a small indexed one (~8 µs), which shows on the hottest paths (each
 * request's session, each 亮证 check). `build` gets one placeholder per value, `slot(0)`,
 * `slot(1)`…, and must use each only as a bound value (a comparison's right side), never in SQL text.
 */
export function preparedQuery<R, V extends unknown[]>(build: (db: Db, slot: (index: number) => string) => Compilable<R>) {
  const compiled = new WeakMap<Db, { query: CompiledQuery<R>; slots: (number | undefined)[] }>();
  return (db: Db, ...values: V): CompiledQuery<R> => {
    let prepared = compiled.get(db);
    if (!prepared) {
      const query = build(db, slotMarker).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT_PREFIX) ? Number(p.slice(SLOT_PREFIX.length, -1)) : undefined));
      for (let i = 0; i < values.length; i++) {
        if (!slots.includes(i)) throw new Error(`preparedQuery: slot(${i}) is not a bound value of the query`);
      }
      compiled.set(db, (prepared = { query, slots }));
    }
    const { query, slots } = prepared;
    return { ...query, parameters: query.parameters.map((p, i) => (slots[i] === undefined ? p : values[slots[i]!])) };
  };
}

const SLOT_PREFIX = '\u0000slot:';
const slotMarker = (index: number) => `${SLOT_PREFIX}${index}\u0000`;
