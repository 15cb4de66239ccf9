import { extname } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { nullMarkersOf, readNullMarkers, withNullMarkers } from '../core/null-markers.js';
import type { FileReadOptions } from '../core/project-config.js';
import type { SourceTable } from './source.js';

const csvLike = new Set(['.csv', '.tsv', '.txt', '.psv', '.tab']);
const jsonLike = new Set(['.json', '.ndjson', '.jsonl']);

/** The file kinds Cutover reads, by extension, for messages. */
export const readableFileKinds = 'CSV/TSV (.csv .tsv .txt .psv .tab), Excel (.xlsx), JSON (.json) and NDJSON (.ndjson .jsonl)';

/**
 * Opens a delivered file as one or more source tables, picking the reader by its
 * extension: CSV and its cousins, XLSX (a table per sheet), JSON arrays and NDJSON.
 */
export async function openFileSources(path: string, name: string, options: FileReadOptions = {}): Promise<SourceTable[]> {
  // the markers are named in the details and applied by whoever reads the rows (readingNullMarkers),
  // so a snapshot keeps the rows as delivered
  const tables = await openByKind(path, name, options);
  return options.null_values === undefined ? tables : tables.map((t) => ({ ...t, details: withNullMarkers(t.details ?? {}, options.null_values) }));
}

/**
 * A table whose rows are read with the null markers its details name: a value that is
 * exactly a marker is empty (null). The table itself when it names none.
 */
export function readingNullMarkers<T extends SourceTable>(table: T): T {
  const read = readNullMarkers(nullMarkersOf(table.details));
  if (read === undefined) return table;
  const chunks = table.rowChunks?.bind(table);
  return {
    ...table,
    rows: async function* (signal?: AbortSignal) {
      for await (const row of table.rows(signal)) yield { line: row.line, values: read(row.values) };
    },
    ...(chunks === undefined ? {} : {
      rowChunks: async function* (signal?: AbortSignal) {
        for await (const rows of chunks(signal)) yield rows.map((row) => ({ line: row.line, values: read(row.values) }));
      },
    }),
  };
}

async function openByKind(path: string, name: string, options: FileReadOptions): Promise<SourceTable[]> {
  const ext = extname(name).toLowerCase();
  if (csvLike.has(ext)) {
    const { openCsvSource } = await import('./csv/index.js');
    const csv = await openCsvSource(path, {
      name,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(options.escapes ? { escapes: options.escapes } : {}),
    });
    return [
      {
        name,
        columns: csv.columns,
        types: csv.columns.map(() => 'text'),
        details: {
          format: 'csv',
          encoding: csv.encoding,
          delimiter: csv.delimiter,
          bom: String(csv.hasBom),
          // named only when not quotes, so the details of plain CSV stay as before
          ...(csv.escapes === 'quotes' ? {} : { escapes: csv.escapes }),
          // what of the header was read otherwise than written, said by check as a warning
          ...(csv.warnings.length === 0 ? {} : { note: csv.warnings.join('; ') }),
        },
        rows: (signal) => csv.rows(signal),
        rowChunks: (signal) => csv.rowChunks(signal),
        close: async () => {},
      },
    ];
  }
  if (ext === '.xlsx') {
    const { openXlsxSources } = await import('./xlsx/index.js');
    return openXlsxSources(path, { name, ...(options.sheets ? { sheets: options.sheets } : {}) });
  }
  if (jsonLike.has(ext)) {
    const { openJsonSource } = await import('./json/index.js');
    return [await openJsonSource(path, { name })];
  }
  throw new CutoverError('file_kind', `${name}: Cutover cannot read "${ext || 'no extension'}" files. It reads ${readableFileKinds}.`, { where: { file: name } });
}
