import { tableMissing } from '../table-source-errors.js';
import { runMysql, type MysqlConnection } from './mysql-driver.js';
import { readMysqlDatabase, readMysqlTableNames } from './mysql-table-list.js';

/** A table's columns in order with their declared types, and its primary key columns in key order. */
export interface MysqlTableInfo {
  readonly database: string;
  readonly columns: readonly string[];
  /** COLUMN_TYPE as the server declares it: `decimal(12,2)`, `varchar(80)`, `int(11)` */
  readonly types: readonly string[];
  readonly primaryKey: readonly string[];
}

/**
 * Reads a table's (or view's) columns, types and primary key from information_schema;
 * fails with `table_missing`, listing the tables that exist, when it is not there.
 */
export async function readMysqlTableInfo(connection: MysqlConnection, label: string, table: string): Promise<MysqlTableInfo> {
  const database = await readMysqlDatabase(connection, label);
  // information_schema compares names case-insensitively; table names on Linux are not
  const columns = await runMysql(
    connection,
    'SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND BINARY TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [database, table],
  );
  if (columns.length === 0) throw tableMissing(`database ${database} on ${label}`, table, await readMysqlTableNames(connection, database));
  const primaryKey = await runMysql(
    connection,
    `SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND BINARY TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
    [database, table],
  );
  return {
    database,
    columns: columns.map(([name]) => name ?? ''),
    types: columns.map(([, type]) => type ?? ''),
    primaryKey: primaryKey.map(([name]) => name ?? ''),
  };
}
