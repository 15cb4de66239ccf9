import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import iconv from 'iconv-lite';
import type { SourceRow } from '../../core/source-row.js';
import { bomlessUtf16, fileKindFromBytes } from '../../core/contract/binary-sniff.js';
import { badHeader, fileEmpty, fileError, fileIsFolder, notText } from './csv-errors.js';
import { headerProblems } from './csv-header.js';
import { readCsvRecordChunks, readCsvRecords, type CsvReadPlan } from './csv-records.js';
import {
  sniffDelimiter,
  sniffEncoding,
  sniffEscapes,
  startsWithBom,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvEscapes,
} from './csv-sniffer.js';

/** How to open a CSV file; 'auto' (the default) sniffs encoding, delimiter and escapes. */
export interface CsvSourceOptions {
  /** Display name in messages; defaults to the file's base name. */
  readonly name?: string;
  readonly encoding?: 'auto' | CsvEncoding;
  readonly delimiter?: 'auto' | CsvDelimiter;
  /**
   * 'backslash' for MySQL `INTO OUTFILE` and PostgreSQL `COPY` text (`\N` is null), 'backslash-quoted'
   * for MySQL with `FIELDS [OPTIONALLY] ENCLOSED BY '"'`; 'auto' takes 'backslash' when the first
   * 64 KiB hold no `"` and only dump escapes, else 'quotes', and never 'backslash-quoted'.
   */
  readonly escapes?: 'auto' | CsvEscapes;
  /** Bytes per read (default 256 KiB). */
  readonly highWaterMark?: number;
  /** Characters one record may span before reading stops with `line_too_long` (default 32 Mi). */
  readonly maxRecordChars?: number;
}

/** A CSV or TSV file: what was detected about it, its header, and its records. */
export interface CsvSource {
  readonly name: string;
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly escapes: CsvEscapes;
  readonly hasBom: boolean;
  /** Header names, trimmed. */
  readonly columns: readonly string[];
  /** What was read otherwise than written, in words of the header (line 1): a nameless, empty last column left out. */
  readonly warnings: readonly string[];
  /**
   * Streams the records after the header, re-reading the file on every call; ragged records
   * come as they are, and a value is null only where escaped text says `\N`.
   */
  rows(signal?: AbortSignal): AsyncIterable<SourceRow>;
  /** The same records a batch per chunk read. */
  rowChunks(signal?: AbortSignal): AsyncIterable<readonly SourceRow[]>;
}

const sampleBytes = 64 * 1024;

/**
 * Opens a CSV file, sniffs its encoding, delimiter and escapes, and reads and checks its header;
 * fails up front with a CutoverError when the file is missing, unreadable, empty or
 * has blank or repeated column names.
 * @example
 * const people = await openCsvSource('delivery/people.csv');
 * for await (const row of people.rows()) console.log(row.line, row.values);
 */
export async function openCsvSource(path: string, options: CsvSourceOptions = {}): Promise<CsvSource> {
  const absolute = resolve(path);
  const name = options.name ?? basename(absolute);
  const sample = await readSample(name, absolute);
  const sniffed = sniffEncoding(sample.bytes, sample.complete);
  const chosen = options.encoding !== undefined && options.encoding !== 'auto';
  // bytes that are not text would otherwise be read, and sealed, as Windows-1252 nonsense
  const kind = chosen || sniffed.hasBom ? undefined : fileKindFromBytes(sample.bytes);
  if (kind !== undefined) throw notText(name, kind, bomlessUtf16(sample.bytes));
  const encoding = chosen ? options.encoding as CsvEncoding : sniffed.encoding;
  let text: string | undefined;
  const sampleText = (): string => (text ??= iconv.decode(sample.bytes, encoding));
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto' ? sniffDelimiter(sampleText()) : options.delimiter;
  const escapes =
    options.escapes === undefined || options.escapes === 'auto' ? sniffEscapes(sampleText(), delimiter) : options.escapes;
  const plan: CsvReadPlan = { path: absolute, name, encoding, delimiter, escapes, highWaterMark: options.highWaterMark, maxRecordChars: options.maxRecordChars };

  let header: SourceRow | undefined;
  for await (const record of readCsvRecords(plan, 0)) {
    header = record;
    break;
  }
  if (header === undefined) throw fileEmpty(name, absolute);
  const written = header.values.map((value) => (value ?? '').trim());
  const problems = headerProblems(written);
  // a header ending with a separator names one column too many: left out when nothing is ever in it
  const kept = problems.length > 0 ? await withoutEmptyTrailingColumns(plan, written) : written;
  if (headerProblems(kept).length > 0) throw badHeader(name, header.line, problems);
  const dropped = written.length - kept.length;
  const warnings = dropped === 0 ? [] : [`the header ends with a separator, so its last ${dropped === 1 ? 'column has' : `${dropped} columns have`} no name; ${dropped === 1 ? 'that column is' : 'they are'} empty in every row and ${dropped === 1 ? 'was' : 'were'} left out`];

  return {
    name,
    encoding,
    delimiter,
    escapes,
    hasBom: startsWithBom(sample.bytes, encoding),
    columns: kept,
    warnings,
    rows: dropped === 0 ? (signal) => readCsvRecords(plan, 1, signal) : (signal) => cutTrailing(readCsvRecords(plan, 1, signal), kept.length, written.length),
    rowChunks: dropped === 0
      ? (signal) => readCsvRecordChunks(plan, 1, signal)
      : (signal) => cutTrailingChunks(readCsvRecordChunks(plan, 1, signal), kept.length, written.length),
  };
}

/** The header without its nameless last columns when every row leaves them empty (one more read of the file); else as written. */
async function withoutEmptyTrailingColumns(plan: CsvReadPlan, columns: readonly string[]): Promise<readonly string[]> {
  let width = columns.length;
  while (width > 0 && columns[width - 1] === '') width--;
  if (width === columns.length || width === 0) return columns;
  for await (const row of readCsvRecords(plan, 1)) {
    for (let k = width; k < row.values.length; k++) if ((row.values[k] ?? '').trim() !== '') return columns;
  }
  return columns.slice(0, width);
}

/** Rows without the values of the left-out columns; a row of another length is left as it is, to be told ragged. */
async function* cutTrailing(rows: AsyncIterable<SourceRow>, width: number, written: number): AsyncGenerator<SourceRow> {
  for await (const row of rows) yield cutRow(row, width, written);
}

async function* cutTrailingChunks(chunks: AsyncIterable<readonly SourceRow[]>, width: number, written: number): AsyncGenerator<SourceRow[]> {
  for await (const rows of chunks) yield rows.map((row) => cutRow(row, width, written));
}

function cutRow(row: SourceRow, width: number, written: number): SourceRow {
  return row.values.length === written ? { line: row.line, values: row.values.slice(0, width) } : row;
}

async function readSample(name: string, path: string): Promise<{ bytes: Uint8Array; complete: boolean }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw fileIsFolder(name, path);
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(sampleBytes);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, sampleBytes - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === sampleBytes) break;
      }
      return { bytes: buffer.subarray(0, filled), complete: filled < sampleBytes };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw fileError(name, path, error);
    throw error;
  }
}
