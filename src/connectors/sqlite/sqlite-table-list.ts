import { resolve } from 'node:path';
import { loadSqliteDriver, openSqliteFile, type SqliteConnection } from './sqlite-file.js';

/**
 * Lists the tables of an SQLite file (not views, not SQLite's own), sorted by name.
 * @example await listSqliteTables('legacy/crm.db') // ['people', 'tenancies']
 */
export async function listSqliteTables(path: string): Promise<string[]> {
  const db = openSqliteFile(await loadSqliteDriver(), resolve(path));
  try {
    return readSqliteTableNames(db);
  } finally {
    db.close();
  }
}

/** The tables of an open file, sorted by code point so every run lists them alike. */
export function readSqliteTableNames(db: SqliteConnection): string[] {
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  return names.sort();
}
