import { basename, resolve } from 'node:path';
import type { SourceRow } from '../../core/source-row.js';
import type { SourceTable } from '../source.js';
import { fileChanged, tooManyKeys } from './json-errors.js';
import { createJsonParser, type JsonFormat } from './json-parser.js';
import { readJsonRecords, type JsonReadPlan } from './json-records.js';

/** How to open a JSON file; 'auto' (the default) decides by its first character. */
export interface JsonSourceOptions {
  readonly format?: 'auto' | JsonFormat;
  /** Display name in messages; defaults to the file's base name. */
  readonly name?: string;
  /** Bytes per read (default 256 KiB). */
  readonly highWaterMark?: number;
  /** Characters one record may span (default 32 Mi). */
  readonly maxRecordChars?: number;
}

// more keys than this means keys hold data (ids, dates), and a table of them helps nobody
const maxColumns = 4096;

/**
 * Opens a JSON array of objects or an NDJSON file as a streaming source table whose columns
 * are every key of any record in first-seen order (one pass at open collects them and checks
 * the whole file), with values as text: numbers exactly as written, nested values as JSON,
 * null and missing keys as null.
 * @example
 * const people = await openJsonSource('delivery/people.ndjson');
 * for await (const row of people.rows()) console.log(row.line, row.values);
 */
export async function openJsonSource(path: string, options: JsonSourceOptions = {}): Promise<SourceTable> {
  const absolute = resolve(path);
  const name = options.name ?? basename(absolute);
  const plan: JsonReadPlan = { path: absolute, name, highWaterMark: options.highWaterMark, maxRecordChars: options.maxRecordChars };
  const parser = createJsonParser(options.format ?? 'auto');
  const index = new Map<string, number>();
  for await (const batch of readJsonRecords(plan, parser)) {
    for (const record of batch) {
      for (const key of record.keys) {
        if (index.has(key)) continue;
        if (index.size === maxColumns) throw tooManyKeys(name, record.line, maxColumns);
        index.set(key, index.size);
      }
    }
  }
  // the parser has seen a first character, or the read failed as an empty file
  const format = parser.format ?? 'json';
  const columns = [...index.keys()];
  return {
    name,
    columns,
    types: columns.map(() => 'text'),
    details: { format },
    rows: (signal) => readRows(plan, format, index, signal),
    close: async () => {},
  };
}

async function* readRows(
  plan: JsonReadPlan,
  format: JsonFormat,
  index: ReadonlyMap<string, number>,
  signal?: AbortSignal,
): AsyncGenerator<SourceRow> {
  for await (const batch of readJsonRecords(plan, createJsonParser(format), signal)) {
    for (const { line, keys, values } of batch) {
      const row: (string | null)[] = new Array<string | null>(index.size).fill(null);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        const at = index.get(key);
        if (at === undefined) throw fileChanged(plan.name, line, key);
        row[at] = values[k] ?? null;
      }
      yield { values: row, line };
    }
  }
}
