import type QueryStream from 'pg-query-stream';
import type { SourceRow } from '../../core/source-row.js';
import { quoteIdent, quoteQualified } from '../database.js';
import { describePostgresUrl } from '../postgres/postgres-database.js';
import type { SourceTable } from '../source.js';
import { connectPostgres, endPostgres, keepServerText } from './postgres-client.js';
import { columnMissing, readFailed } from './postgres-errors.js';
import { readPostgresTableInfo, type PostgresTableInfo } from './postgres-table-info.js';
import { parsePostgresTableName } from './postgres-table-name.js';

/** How to read a table; `orderBy` defaults to the primary key, then to every column. */
export interface PostgresTableOptions {
  readonly orderBy?: readonly string[];
}

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
export async function openPostgresTable(url: string, table: string, options: PostgresTableOptions = {}): Promise<SourceTable> {
  const label = describePostgresUrl(url);
  const name = parsePostgresTableName(table);
  const meta = await connectPostgres(url, label);
  const info = await readPostgresTableInfo(meta, label, name).finally(() => endPostgres(meta));
  for (const column of options.orderBy ?? []) if (!info.columns.includes(column)) throw columnMissing(table, column, info.columns);
  const orderBy = options.orderBy?.map(quoteIdent) ?? defaultOrder(info);
  const select =
    `SELECT ${info.columns.map(quoteIdent).join(', ')} FROM ${quoteQualified(name)}` +
    (orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : '');
  const { default: QueryStreamClass } = await import('pg-query-stream');
  // each read has its own connection, so an early stop can end it without draining the cursor
  const reading = new Set<() => Promise<void>>();
  let closed = false;
  const closedError = () => new Error(`The source for table "${table}" was closed.`);

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
    if (closed) throw closedError();
    signal?.throwIfAborted();
    const client = await connectPostgres(url, label);
    let stream: QueryStream | undefined;
    const stop = async () => {
      stream?.destroy(closedError());
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
        for await (const values of stream) {
          // closed while this read was still connecting
          if (closed) throw closedError();
          signal?.throwIfAborted();
          yield { values: values as (string | null)[], line: ++line };
        }
        await client.query('COMMIT');
      } catch (error) {
        if (closed || (signal?.aborted && error === signal.reason)) throw error;
        throw readFailed(label, table, error);
      }
    } finally {
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

/** The primary key, else every column; types with no sort order of their own sort by their text. */
function defaultOrder(info: PostgresTableInfo): string[] {
  if (info.primaryKey.length > 0) return info.primaryKey.map(quoteIdent);
  return info.columns.map((column, i) => (info.sortable[i] ? quoteIdent(column) : `${quoteIdent(column)}::text COLLATE "C"`));
}
