import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { fileError, fileIsFolder } from '../csv/csv-errors.js';
import { defaultMaxRecordChars } from '../csv/csv-records.js';
import { jsonProblem, notUtf8, recordTooLong } from './json-errors.js';
import { JsonProblem, type JsonParser, type JsonRecord } from './json-parser.js';

/** How to read one JSON file; `name` is what messages call it. */
export interface JsonReadPlan {
  readonly path: string;
  readonly name: string;
  /** Bytes per read; small values exercise chunk boundaries in tests. */
  readonly highWaterMark?: number;
  /** Characters one record may span before reading stops (default 32 Mi, as for CSV). */
  readonly maxRecordChars?: number;
}

/**
 * Streams a JSON or NDJSON file through `parser`, a batch of records per chunk read, so
 * memory stays flat; fails with a CutoverError naming the line and column of bad input.
 */
export async function* readJsonRecords(plan: JsonReadPlan, parser: JsonParser, signal?: AbortSignal): AsyncGenerator<JsonRecord[]> {
  signal?.throwIfAborted();
  await checkFile(plan);
  // fatal: JSON must be UTF-8, and a wrong byte should stop the read, not become U+FFFD
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(plan.path, { highWaterMark: plan.highWaterMark ?? 256 * 1024 });
  const maxRecordChars = plan.maxRecordChars ?? defaultMaxRecordChars;
  let bytesBefore = 0;
  try {
    let out: JsonRecord[] = [];
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      const bytes = chunk as Buffer;
      parser.push(decode(decoder, bytes, bytesBefore), out);
      bytesBefore += bytes.length;
      // a record that never ends (a line without its newline, a brace never closed) would otherwise fill the memory
      const pending = parser.pending();
      if (pending.chars > maxRecordChars) throw recordTooLong(plan.name, pending.line, maxRecordChars);
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    parser.push(decode(decoder, Buffer.alloc(0), bytesBefore, true), out);
    parser.finish(out);
    if (out.length > 0) yield out;
  } catch (error) {
    if (error instanceof JsonProblem) throw jsonProblem(plan.name, plan.path, error);
    if (error instanceof BadByte) {
      const { line, column } = await locateByte(plan.path, error.offset);
      throw notUtf8(plan.name, line, column);
    }
    if (isFileSystemError(error)) throw fileError(plan.name, plan.path, error);
    throw error;
  } finally {
    stream.destroy();
  }
}

class BadByte {
  constructor(readonly offset: number) {}
}

function decode(decoder: TextDecoder, bytes: Buffer, bytesBefore: number, last = false): string {
  try {
    return decoder.decode(bytes, { stream: !last });
  } catch {
    throw new BadByte(bytesBefore + validPrefix(bytes, last));
  }
}

/** Length of the longest prefix of `bytes` that is UTF-8 (a character cut at the end allowed unless `last`). */
function validPrefix(bytes: Buffer, last: boolean): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: !last || mid < bytes.length });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** Line and column (in characters) of a byte offset, for messages; reads the file again up to it. */
async function locateByte(path: string, offset: number): Promise<{ line: number; column: number }> {
  let line = 1;
  let column = 1;
  if (offset === 0) return { line, column };
  let decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { end: offset - 1 })) {
    const bytes = chunk as Buffer;
    let start = 0;
    for (let newline = bytes.indexOf(0x0a); newline >= 0; newline = bytes.indexOf(0x0a, start)) {
      line++;
      column = 1;
      decoder = new TextDecoder('utf-8');
      start = newline + 1;
    }
    column += decoder.decode(bytes.subarray(start), { stream: true }).length;
  }
  return { line, column };
}

async function checkFile(plan: JsonReadPlan): Promise<void> {
  try {
    if ((await stat(plan.path)).isDirectory()) throw fileIsFolder(plan.name, plan.path);
  } catch (error) {
    if (isFileSystemError(error)) throw fileError(plan.name, plan.path, error);
    throw error;
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
