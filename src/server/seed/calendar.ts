import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { Deps } from '../deps.js';
import { addDays } from '../platform/calendar.js';
import { iso } from '../platform/ids.js';

interface HolidayFile {
  years: { year: number; source: string; provisional: boolean; holidays: { name: string; from: string; to: string; workdays?: string[] }[] }[];
}

export interface CalendarRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
  provisional: boolean;
}

/** Expands the notices' ranges into one row per exceptional day (weekend days inside a holiday are kept: they are named). */
export function loadHolidayFile(file: HolidayFile): CalendarRow[] {
  const rows: CalendarRow[] = [];
  for (const y of file.years) {
    for (const h of y.holidays) {
      for (let d = h.from; d <= h.to; d = addDays(d, 1)) rows.push({ date: d, kind: 'holiday', name: h.name, source: y.source, provisional: y.provisional });
      for (const w of h.workdays ?? []) rows.push({ date: w, kind: 'workday', name: `${h.name}调休上班`, source: y.source, provisional: y.provisional });
    }
  }
  return rows;
}

/** The holiday calendar is reference data: an empty table gets the bundled notices. */
export async function ensureCalendar(deps: Deps): Promise<number> {
  const { db } = deps.dbh;
  if (await db.selectFrom('calendar_days').select('date').limit(1).executeTakeFirst()) return 0;
  const file = JSON.parse(readFileSync(path.join(projectRoot(), 'reference-data', 'calendar', 'cn-holidays.json'), 'utf8')) as HolidayFile;
  const now = iso(deps.clock.now());
  const rows = loadHolidayFile(file).map((r) => ({ date: r.date, kind: r.kind, name: r.name, source: r.source, provisional: r.provisional ? 1 : 0, updated_at: now, updated_by: null }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('calendar_days').values(rows.slice(i, i + 100)).execute();
  return rows.length;
}
