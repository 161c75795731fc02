/** The venues module's queries (it owns `venues` and `venue_terminals`). */
import type { DbOrTx } from '../../db/index.js';
import type { VenueTable, VenueTerminalTable } from '../../db/types.js';

export type VenueRow = VenueTable;
export type TerminalRow = VenueTerminalTable;

export const activeVenues = (db: DbOrTx) => db.selectFrom('venues').selectAll().where('active', '=', 1).orderBy('id').execute();

export const terminalsOfActiveVenues = (db: DbOrTx) =>
  db.selectFrom('venue_terminals as t').innerJoin('venues as v', 'v.id', 't.venue_id').selectAll('t').where('v.active', '=', 1).orderBy('t.id').execute();

/** A cheap fingerprint of both tables: a change anywhere (a new row, an edit, a heartbeat) changes it. */
export async function venuesFingerprint(db: DbOrTx): Promise<string> {
  const v = await db.selectFrom('venues').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirstOrThrow();
  const t = await db.selectFrom('venue_terminals').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')]).executeTakeFirstOrThrow();
  return `${v.n}:${v.at ?? ''}:${t.n}:${t.at ?? ''}`;
}

export const insertVenues = (db: DbOrTx, rows: VenueRow[]) => db.insertInto('venues').values(rows);
export const insertTerminals = (db: DbOrTx, rows: TerminalRow[]) => db.insertInto('venue_terminals').values(rows);
export const countVenues = async (db: DbOrTx): Promise<number> =>
  Number((await db.selectFrom('venues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
