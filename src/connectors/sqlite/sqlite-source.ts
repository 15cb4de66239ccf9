import { resolve } from 'node:path';
import type { SourceRow } from '../../core/source-row.js';
import { quoteIdent } from '../database.js';
import type { SourceTable } from '../source.js';
import { orderedSelect, readOrder, type TableOrderOptions } from '../table-order.js';
import { readFailed, sourceClosed } from '../table-source-errors.js';
import { describeSqliteFile, loadSqliteDriver, openSqliteFile, type SqliteDriver } from './sqlite-file.js';
import { readSqliteTableInfo, type SqliteTableInfo } from './sqlite-table-info.js';
import { sqliteText } from './sqlite-value.js';

/**
 * Opens a table of an existing SQLite file as a source (read-only: a missing file is an
 * error, never a new empty database); rows stream in key order inside one read
 * transaction, each row's `line` its 1-based ordinal, values as text (INTEGER exact,
 * REAL shortest round-trip, BLOB `\x…` hex) and NULL as null; `types` as declared.
 * @example
 * const people = await openSqliteTable('legacy/crm.db', 'people');
 * for await (const row of people.rows()) console.log(row.line, row.values);
 * await people.close();
 */
export async function openSqliteTable(path: string, table: string, options: TableOrderOptions = {}): Promise<SourceTable> {
  const file = resolve(path);
  const driver = await loadSqliteDriver();
  const info = readInfo(driver, file, table);
  const { columns, types } = info;
  const order = readOrder(table, info, options);
  const select = orderedSelect(quoteIdent(table), columns.map(quoteIdent), order.columns.map(quoteIdent));
  // each read has its own connection, so reads can overlap and an early stop frees its own
  const reading = new Set<() => void>();
  let closed = false;

  async function* rows(signal?: AbortSignal): AsyncGenerator<SourceRow> {
    if (closed) throw sourceClosed(table);
    signal?.throwIfAborted();
    const db = openSqliteFile(driver, file);
    let iterator: IterableIterator<unknown[]> | undefined;
    // a connection busy with a statement refuses to close: end the statement first
    const stop = () => {
      const running = iterator;
      iterator = undefined;
      running?.return?.();
      if (db.open) db.close();
    };
    reading.add(stop);
    try {
      let line = 0;
      try {
        // one read transaction: every row from the same state of the file
        db.exec('BEGIN');
        iterator = db.prepare(select).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>;
        for (;;) {
          const next = iterator.next();
          if (next.done) break;
          yield { values: next.value.map(sqliteText), line: ++line };
          if (closed) throw sourceClosed(table);
          signal?.throwIfAborted();
        }
        db.exec('COMMIT');
      } catch (error) {
        if (closed) throw sourceClosed(table);
        if (signal?.aborted && error === signal.reason) throw error;
        throw readFailed(describeSqliteFile(file), table, error, { file });
      }
    } finally {
      reading.delete(stop);
      stop();
    }
  }

  return {
    name: table,
    columns,
    types,
    details: { database: 'sqlite' },
    rows,
    async close() {
      closed = true;
      for (const stop of reading) stop();
      reading.clear();
    },
  };
}

function readInfo(driver: SqliteDriver, file: string, table: string): SqliteTableInfo {
  const db = openSqliteFile(driver, file);
  try {
    return readSqliteTableInfo(db, file, table);
  } finally {
    db.close();
  }
}
