import type QueryStream from 'pg-query-stream';
import type { SourceRow } from '../../core/source-row.js';
import { quoteIdent, quoteQualified } from '../database.js';
import { describePostgresUrl } from '../postgres-target/postgres-database.js';
import type { SourceTable } from '../source.js';
import { orderedSelect, readOrder, type TableOrderOptions } from '../table-order.js';
import { readFailed, sourceClosed } from '../table-source-errors.js';
import { connectPostgres, endPostgres, keepServerText } from './postgres-client.js';
import { readPostgresTableInfo } from './postgres-table-info.js';
import { parsePostgresTableName } from './postgres-table-name.js';

// rows fetched per round trip: the cursor never holds more than this
const batchSize = 1000;

/**
 * Opens a PostgreSQL table (`schema.table`, or `table` in `public`) as a source, checking
 * up front that the server answers and the table exists; rows stream through a cursor in
 * key order, each row's `line` its 1-based ordinal, values as PostgreSQL's own text
 * (NUMERIC exact, dates `yyyy-MM-dd`, booleans `t`/`f`, bytea `\x…`, time zones in UTC)
 * and NULL as null; `types` are the catalog's (`numeric(12,2)`, `date`, `text`).
 * @example
 * const people = await openPostgresTable('postgres://crm@127.0.0.1:5432/crm', 'legacy.people');
 * for await (const row of people.rows()) console.log(row.line, row.values);
 * await people.close();
 */
export async function openPostgresTable(url: string, table: string, options: TableOrderOptions = {}): Promise<SourceTable> {
  const label = describePostgresUrl(url);
  const name = parsePostgresTableName(table);
  const meta = await connectPostgres(url, label);
  const info = await readPostgresTableInfo(meta, label, name).finally(() => endPostgres(meta));
  const order = readOrder(table, info, options);
  // types with no sort order of their own (json) sort by their text when every column is the order
  const orderBy = order.everyColumn
    ? info.columns.map((column, i) => (info.sortable[i] ? quoteIdent(column) : `${quoteIdent(column)}::text COLLATE "C"`))
    : order.columns.map(quoteIdent);
  const select = orderedSelect(quoteQualified(name), info.columns.map(quoteIdent), orderBy);
  const { default: QueryStreamClass } = await import('pg-query-stream');
  // each read has its own connection, so an early stop can end it without draining the cursor
  const reading = new Set<() => Promise<void>>();
  let closed = false;

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
    if (closed) throw sourceClosed(table);
    signal?.throwIfAborted();
    const client = await connectPostgres(url, label);
    let stream: QueryStream | undefined;
    // set once this read is over, however it ended: a session ended on purpose is no loss
    let finished = false;
    const stop = async () => {
      finished = true;
      stream?.destroy(sourceClosed(table));
      await endPostgres(client);
    };
    const onAbort = () => stream?.destroy(signal?.reason);
    reading.add(stop);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let line = 0;
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        signal?.throwIfAborted();
        stream = client.query(new QueryStreamClass(select, [], { rowMode: 'array', batchSize, types: keepServerText }));
        // a connection the server drops ends no cursor by itself, and destroy() would wait on
        // closing that cursor forever: fail the read with an error event instead
        const rowStream = stream;
        client.once('end', () => {
          if (!rowStream.readableEnded && !finished) rowStream.emit('error', new Error('the server closed the connection'));
        });
        for await (const values of stream) {
          // closed while this read was still connecting
          if (closed) throw sourceClosed(table);
          signal?.throwIfAborted();
          yield { values: values as (string | null)[], line: ++line };
        }
        await client.query('COMMIT');
      } catch (error) {
        if (closed || (signal?.aborted && error === signal.reason)) throw error;
        throw readFailed(label, table, error);
      }
    } finally {
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      reading.delete(stop);
      // ending the session also rolls back a read that stopped early
      await endPostgres(client);
    }
  }

  return {
    name: table,
    columns: info.columns,
    types: info.types,
    details: { database: 'postgresql' },
    rows,
    async close() {
      closed = true;
      await Promise.all([...reading].map((stop) => stop()));
      reading.clear();
    },
  };
}
