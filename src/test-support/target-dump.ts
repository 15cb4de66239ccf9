import { createHash } from 'node:crypto';
import { quoteIdent, type Database } from '../connectors/database.js';

/** A canonical text dump of every table of a schema, ordered, for comparing two loads. */
export async function dumpSchema(db: Database, schema: string): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  const dump: Record<string, string> = {};
  for (const { table_name } of tables) {
    const rows = await db.query<{ line: string }>(
      `SELECT t::text AS line FROM ${quoteIdent(schema)}.${quoteIdent(table_name)} t ORDER BY 1`,
    );
    dump[table_name] = createHash('sha256').update(rows.map((r) => r.line).join('\n')).digest('hex') + ` (${rows.length} rows)`;
  }
  return dump;
}
