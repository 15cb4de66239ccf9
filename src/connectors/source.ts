import type { SourceRow } from '../core/source-row.js';

/**
 * One table of a source: a delivered file (or one sheet of a workbook) or a database
 * table. It describes itself and streams its rows; every kind of source fits this.
 */
export interface SourceTable {
  /** the file name (`people.csv`), `book.xlsx#Sheet1`, or the table name */
  readonly name: string;
  readonly columns: readonly string[];
  /** the source's own type of each column (`decimal(12,2)`, `date`, `text` for files) */
  readonly types: readonly string[];
  /** what was read, for people: format, encoding, delimiter, sheet, … */
  readonly details?: Readonly<Record<string, string>>;
  /** Streams the rows; each call reads afresh (a database table in one consistent snapshot). */
  rows(signal?: AbortSignal): AsyncIterable<SourceRow>;
  /** The same rows a batch at a time, for sources that read in batches anyway: one await per batch instead of per row. */
  rowChunks?(signal?: AbortSignal): AsyncIterable<readonly SourceRow[]>;
  close(): Promise<void>;
}

const batchRows = 512;

/** A table's rows a batch at a time: its own batches when it reads in them, else its rows gathered a few hundred at a time. */
export async function* rowBatches(table: SourceTable, signal?: AbortSignal): AsyncGenerator<readonly SourceRow[]> {
  if (table.rowChunks !== undefined) {
    yield* table.rowChunks(signal);
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of table.rows(signal)) {
    batch.push(row);
    if (batch.length === batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
