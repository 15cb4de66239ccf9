import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { createCsvParser, type CsvParser, type CsvRecord } from './csv-parser.js';
import { fileError, lineTooLong, unclosedQuote } from './csv-errors.js';
import { createEscapedTextParser } from './escaped-text-parser.js';
import type { CsvDelimiter, CsvEncoding, CsvEscapes } from './csv-sniffer.js';

/** How to read one CSV file; `name` is what messages call it. */
export interface CsvReadPlan {
  readonly path: string;
  readonly name: string;
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly escapes: CsvEscapes;
  /** Bytes per read; small values exercise chunk boundaries in tests. */
  readonly highWaterMark?: number;
  /** Characters one record may span before reading stops (default 32 Mi). */
  readonly maxRecordChars?: number;
}

/** How long a record may be by default: far beyond any real row, well within memory. */
export const defaultMaxRecordChars = 32 * 1024 * 1024;

/**
 * Streams the records of a CSV file, reading, decoding and parsing chunk by chunk so
 * memory stays flat; the first `skip` records (the header) are read but not yielded.
 */
export async function* readCsvRecords(plan: CsvReadPlan, skip: number, signal?: AbortSignal): AsyncGenerator<CsvRecord> {
  for await (const records of readCsvRecordChunks(plan, skip, signal)) yield* records;
}

/**
 * The records of a CSV file as readCsvRecords gives them, a batch per chunk read: one
 * await per few thousand records instead of one per record.
 */
export async function* readCsvRecordChunks(plan: CsvReadPlan, skip: number, signal?: AbortSignal): AsyncGenerator<CsvRecord[]> {
  signal?.throwIfAborted();
  // the decoder keeps bytes of a character split across chunks until the next one
  const decoder = iconv.getDecoder(plan.encoding, { stripBOM: true });
  const parser = createParser(plan);
  const stream = createReadStream(plan.path, { highWaterMark: plan.highWaterMark ?? 256 * 1024 });
  const maxRecordChars = plan.maxRecordChars ?? defaultMaxRecordChars;
  // characters read since a record last ended, within one chunk of the truth
  let pending = 0;
  let toSkip = skip;
  const skipped = (out: CsvRecord[]): CsvRecord[] => {
    if (toSkip === 0 || out.length === 0) return out;
    const dropped = Math.min(toSkip, out.length);
    toSkip -= dropped;
    return out.slice(dropped);
  };
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      const text = decoder.write(chunk as Buffer);
      const out: CsvRecord[] = [];
      parser.push(text, out);
      pending = out.length > 0 ? 0 : pending + text.length;
      // a line with no end (or a quote never closed) would otherwise fill the memory
      if (pending > maxRecordChars) throw lineTooLong(plan.name, parser.pendingLine(), maxRecordChars);
      const records = skipped(out);
      if (records.length > 0) yield records;
    }
    const out: CsvRecord[] = [];
    const rest = decoder.end();
    if (rest) parser.push(rest, out);
    const open = parser.finish(out);
    const records = skipped(out);
    if (records.length > 0) yield records;
    if (open) throw unclosedQuote(plan.name, open);
  } catch (error) {
    if (isFileSystemError(error)) throw fileError(plan.name, plan.path, error);
    throw error;
  } finally {
    stream.destroy();
  }
}

function createParser(plan: CsvReadPlan): CsvParser {
  if (plan.escapes === 'quotes') return createCsvParser(plan.delimiter);
  return createEscapedTextParser({ delimiter: plan.delimiter, quotes: plan.escapes === 'backslash-quoted' });
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
