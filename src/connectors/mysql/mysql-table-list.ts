import { databaseMissing } from './mysql-errors.js';
import { connectMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import { describeMysqlUrl } from './mysql-url.js';

/**
 * Lists the base tables (not views) of the database a mysql:// URL names, sorted by name.
 * @example await listMysqlTables('mysql://crm@127.0.0.1:3306/crm') // ['people', 'tenancies']
 */
export async function listMysqlTables(url: string): Promise<string[]> {
  const label = describeMysqlUrl(url);
  const connection = await connectMysql(url, label);
  try {
    return await readMysqlTableNames(connection, await readMysqlDatabase(connection, label));
  } finally {
    await endMysql(connection);
  }
}

/** The database the connection uses; fails with `source_refused` when the URL names none. */
export async function readMysqlDatabase(connection: MysqlConnection, label: string): Promise<string> {
  const [[database] = []] = await runMysql(connection, 'SELECT DATABASE()');
  if (!database) throw databaseMissing(label);
  return database;
}

/** The base tables of `database`, sorted by code point so every run lists them alike. */
export async function readMysqlTableNames(connection: MysqlConnection, database: string): Promise<string[]> {
  const rows = await runMysql(
    connection,
    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
    [database],
  );
  return rows.map(([name]) => name ?? '').sort();
}
