import { databaseMissing, tableMissing } from './mysql-errors.js';
import { runMysql, type MysqlConnection } from './mysql-driver.js';

/** A table's columns in order and its primary key columns in key order. */
export interface MysqlTableInfo {
  readonly database: string;
  readonly columns: readonly string[];
  readonly primaryKey: readonly string[];
}

/**
 * Reads a table's columns and primary key from information_schema; fails with
 * `table_missing`, listing the tables that exist, when the table is not there.
 */
export async function readMysqlTableInfo(connection: MysqlConnection, label: string, table: string): Promise<MysqlTableInfo> {
  const [[database] = []] = await runMysql(connection, 'SELECT DATABASE()');
  if (!database) throw databaseMissing(label);
  // information_schema compares names case-insensitively; table names on Linux are not
  const tables = (await runMysql(connection, 'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [database]))
    .map(([name]) => name ?? '')
    .sort();
  if (!tables.includes(table)) throw tableMissing(label, database, table, tables);
  const columns = await runMysql(
    connection,
    'SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND BINARY TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [database, table],
  );
  const primaryKey = await runMysql(
    connection,
    `SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = ? AND BINARY TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
    [database, table],
  );
  return {
    database,
    columns: columns.map(([name]) => name ?? ''),
    primaryKey: primaryKey.map(([name]) => name ?? ''),
  };
}
