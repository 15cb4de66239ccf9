import { tableMissing } from '../table-source-errors.js';
import { describeSqliteFile, type SqliteConnection } from './sqlite-file.js';
import { readSqliteTableNames } from './sqlite-table-list.js';

/** A table's columns in order with their declared types, and its primary key in key order. */
export interface SqliteTableInfo {
  readonly columns: readonly string[];
  /** the type as written in CREATE TABLE (`DECIMAL(12,2)`, `TEXT`), '' when none was */
  readonly types: readonly string[];
  readonly primaryKey: readonly string[];
}

/**
 * Reads a table's (or view's) columns, declared types and primary key; fails with
 * `table_missing`, listing the tables there are, when it is not in the file.
 */
export function readSqliteTableInfo(db: SqliteConnection, path: string, table: string): SqliteTableInfo {
  // SQLite itself matches names without regard to case; the other sources do not
  const found = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?").pluck().get(table);
  if (found === 0) throw tableMissing(describeSqliteFile(path), table, readSqliteTableNames(db), { file: path });
  // hidden = 1 marks a virtual table's hidden columns, which SELECT * leaves out too
  const columns = db
    .prepare('SELECT name, type, pk FROM pragma_table_xinfo(?) WHERE hidden <> 1 ORDER BY cid')
    .all(table) as { name: string; type: string; pk: number }[];
  return {
    columns: columns.map((column) => column.name),
    types: columns.map((column) => column.type),
    primaryKey: columns
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => column.name),
  };
}
