import type { Readable } from 'node:stream';
import type { SourceRow } from '../../core/source-row.js';
import type { SourceTable } from '../source.js';
import { orderedSelect, readOrder, type TableOrderOptions } from '../table-order.js';
import { readFailed, sourceClosed } from '../table-source-errors.js';
import { connectMysql, dropMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import { quoteMysqlIdent } from './mysql-identifier.js';
import { readMysqlTableInfo } from './mysql-table-info.js';
import { describeMysqlUrl } from './mysql-url.js';

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
export async function openMysqlTable(url: string, table: string, options: TableOrderOptions = {}): Promise<SourceTable> {
  const label = describeMysqlUrl(url);
  const meta = await connectMysql(url, label);
  const info = await readMysqlTableInfo(meta, label, table).finally(() => endMysql(meta));
  const { columns, types } = info;
  const order = readOrder(table, info, options);
  const select = orderedSelect(quoteMysqlIdent(table), columns.map(quoteMysqlIdent), order.columns.map(quoteMysqlIdent));
  // each read has its own connection, so an early stop can drop it without draining the table
  const reading = new Set<() => void>();
  let closed = false;

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
    if (closed) throw sourceClosed(table);
    signal?.throwIfAborted();
    const connection = await connectMysql(url, label);
    let stream: Readable | undefined;
    // a dropped socket alone leaves a waiting read hanging: end the row stream too
    const stop = () => {
      stream?.destroy(sourceClosed(table));
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
        // a connection the server drops ends no row stream by itself: the read would wait forever
        const rowStream = stream;
        connection.on('error', (error) => rowStream.destroy(error));
        connection.stream?.once('close', () => {
          if (!rowStream.readableEnded) rowStream.destroy(new Error('the server closed the connection'));
        });
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
