import type { Readable } from 'node:stream';
import { connectionFailed } from './mysql-errors.js';
import { keepServerText, type MysqlField } from './mysql-type-cast.js';

/** The few members of a mysql2 connection this connector uses. */
export interface MysqlConnection {
  query(options: MysqlQuery, callback: (error: Error | null, rows: unknown) => void): unknown;
  query(options: MysqlQuery): { stream(options?: { highWaterMark?: number }): Readable };
  end(callback: (error?: Error | null) => void): void;
  destroy(): void;
  /** The socket; mysql2's destroy() only half-closes it, and the server keeps sending. */
  readonly stream?: { destroy(): void; once(event: 'close', listener: () => void): unknown };
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** One statement, with its rows as arrays in column order. */
export interface MysqlQuery {
  sql: string;
  values?: unknown[];
  rowsAsArray?: boolean;
  typeCast?: (field: MysqlField, next: () => unknown) => unknown;
}

const connectTimeoutMs = 10_000;

/**
 * Connects to MariaDB/MySQL with every value kept as the text the server sends; fails
 * with a CutoverError naming `label` (never the URL, which may hold a password).
 */
export async function connectMysql(url: string, label: string): Promise<MysqlConnection> {
  const { default: mysql } = await import('mysql2');
  let raw: ReturnType<typeof mysql.createConnection>;
  try {
    raw = mysql.createConnection({
      uri: url,
      charset: 'UTF8MB4_UNICODE_CI',
      connectTimeout: connectTimeoutMs,
      // belt and braces: keepServerText already reads these as text
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      typeCast: keepServerText,
    });
  } catch (cause) {
    throw connectionFailed(label, cause);
  }
  const connection: MysqlConnection = raw;
  // a broken connection also fails the query in flight; without a listener it would crash the process
  connection.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    raw.connect((error) => (error ? reject(connectionFailed(label, error)) : resolve()));
  });
  return connection;
}

/** Runs one statement and resolves with its rows (arrays of text or null). */
export function runMysql(connection: MysqlConnection, sql: string, values: unknown[] = []): Promise<(string | null)[][]> {
  return new Promise((resolve, reject) => {
    connection.query({ sql, values, rowsAsArray: true }, (error, rows) =>
      error ? reject(error) : resolve(Array.isArray(rows) ? (rows as (string | null)[][]) : []),
    );
  });
}

/** Drops a connection at once, mid-result too, without reading the rest of the rows. */
export function dropMysql(connection: MysqlConnection): void {
  connection.destroy();
  connection.stream?.destroy();
}

/** Closes a connection politely, or drops it when the server does not answer. */
export function endMysql(connection: MysqlConnection): Promise<void> {
  return new Promise((resolve) => {
    connection.end((error) => {
      if (error) dropMysql(connection);
      resolve();
    });
  });
}
