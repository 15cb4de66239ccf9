import type { Readable } from 'node:stream';
import type { SourceRow } from '../../core/source-row.js';
import type { SourceTable } from '../source.js';
import { columnMissing, readFailed } from './mysql-errors.js';
import { connectMysql, dropMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import { quoteMysqlIdent } from './mysql-identifier.js';
import { readMysqlTableInfo } from './mysql-table-info.js';
import { describeMysqlUrl } from './mysql-url.js';

/** How to read a table; `orderBy` defaults to the primary key, then to every column. */
export interface MysqlTableOptions {
  readonly orderBy?: readonly string[];
}

/**
 * Opens a MariaDB/MySQL table as a source, checking up front that the server answers
 * and the table exists; rows stream in key order, each row's `line` its 1-based ordinal,
 * values as the server's text (DECIMAL exact, dates as `yyyy-MM-dd`, zero dates kept)
 * and NULL as null; `types` are the column types as the server declares them.
 * @example
 * const people = await openMysqlTable('mysql://crm@127.0.0.1:3306/crm', 'people');
 * for await (const row of people.rows()) console.log(row.line, row.values);
 * await people.close();
 */
export async function openMysqlTable(url: string, table: string, options: MysqlTableOptions = {}): Promise<SourceTable> {
  const label = describeMysqlUrl(url);
  const meta = await connectMysql(url, label);
  const { columns, types, primaryKey } = await readMysqlTableInfo(meta, label, table).finally(() => endMysql(meta));
  const orderBy = options.orderBy ?? (primaryKey.length > 0 ? primaryKey : columns);
  for (const column of orderBy) if (!columns.includes(column)) throw columnMissing(table, column, columns);
  const select =
    `SELECT ${columns.map(quoteMysqlIdent).join(', ')} FROM ${quoteMysqlIdent(table)}` +
    (orderBy.length > 0 ? ` ORDER BY ${orderBy.map(quoteMysqlIdent).join(', ')}` : '');
  // each read has its own connection, so an early stop can drop it without draining the table
  const reading = new Set<() => void>();
  let closed = false;
  const closedError = () => new Error(`The source for table "${table}" was closed.`);

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
    if (closed) throw closedError();
    signal?.throwIfAborted();
    const connection = await connectMysql(url, label);
    let stream: Readable | undefined;
    // a dropped socket alone leaves a waiting read hanging: end the row stream too
    const stop = () => {
      stream?.destroy(closedError());
      dropMysql(connection);
    };
    const onAbort = () => stream?.destroy(signal?.reason);
    reading.add(stop);
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    try {
      let line = 0;
      try {
        await runMysql(connection, 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await runMysql(connection, 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
        stream = connection.query({ sql: select, rowsAsArray: true }).stream({ highWaterMark: 1000 });
        for await (const values of stream) {
          signal?.throwIfAborted();
          yield { values: values as (string | null)[], line: ++line };
        }
        await runMysql(connection, 'COMMIT');
      } catch (error) {
        if (closed || (signal?.aborted && error === signal.reason)) throw error;
        throw readFailed(label, table, error);
      }
      done = true;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      reading.delete(stop);
      if (done) await endMysql(connection);
      else dropMysql(connection);
    }
  }

  return {
    name: table,
    columns,
    types,
    details: { database: 'mariadb' },
    rows,
    async close() {
      closed = true;
      for (const stop of reading) stop();
      reading.clear();
    },
  };
}
