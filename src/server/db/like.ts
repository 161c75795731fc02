/**
 * "Contains this text" for a search box, the same on SQLite and PostgreSQL: the person's % and _
 * are matched as themselves (LIKE would read them as wildcards), through an explicit ESCAPE — SQLite
 * has no default escape character, so a backslash alone would be matched literally there.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
