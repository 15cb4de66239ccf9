import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CutoverError } from '../core/cutover-error.js';
import { compareKeys, keyBefore, type Keyed } from '../core/diff/index.js';

/** How many bytes of rows one side may hold in memory before it spills a sorted run to disk. */
export const defaultSortBudget = 64 * 1024 * 1024;

const chunkRows = 1024;

/** A side sorted by key: in memory when it fitted the budget, else runs on disk merged as they are read. */
export interface SortedSide<T extends Keyed> {
  readonly rows: number;
  readonly runs: number;
  chunks(): AsyncIterable<readonly T[]>;
}

/** How a side's rows are held and spilled: a row's weight in memory (bytes), and the row as one line of text (no newline) read back as the same row. */
export interface RowSpill<T extends Keyed> {
  weigh(row: T): number;
  write(row: T): string;
  read(line: string): T;
}

const byKey = (a: Keyed, b: Keyed) => compareKeys(a.key, b.key);

/**
 * Sorts a side's rows by key with at most `budget` bytes of them in memory: each time the
 * budget fills, the rows held are sorted (stably) and written as a run where `runPath` says; the
 * runs are merged as the side is read. Rows with the same key keep the order they came in.
 */
export async function sortByKey<T extends Keyed>(
  rows: AsyncIterable<readonly T[]>,
  budget: number,
  runPath: (run: number) => Promise<string>,
  spill: RowSpill<T>,
  signal?: AbortSignal,
): Promise<SortedSide<T>> {
  let held: T[] = [];
  let weight = 0;
  let count = 0;
  const runs: string[] = [];
  for await (const chunk of rows) {
    if (signal?.aborted) throw new CutoverError('cancelled', 'The comparison was stopped.');
    for (const row of chunk) {
      held.push(row);
      weight += spill.weigh(row);
    }
    count += chunk.length;
    if (weight >= budget) {
      runs.push(await writeRun(held.sort(byKey), await runPath(runs.length), spill));
      held = [];
      weight = 0;
    }
  }
  held.sort(byKey);
  if (runs.length === 0) return { rows: count, runs: 0, chunks: () => inMemory(held) };
  if (held.length > 0) runs.push(await writeRun(held, await runPath(runs.length), spill));
  held = [];
  return { rows: count, runs: runs.length, chunks: () => mergeRuns(runs, spill) };
}

async function* inMemory<T>(rows: readonly T[]): AsyncGenerator<readonly T[]> {
  for (let at = 0; at < rows.length; at += chunkRows) yield rows.slice(at, at + chunkRows);
}

/** Writes sorted rows owner-only, a line each, in writes of a few thousand lines. */
async function writeRun<T extends Keyed>(rows: readonly T[], path: string, spill: RowSpill<T>): Promise<string> {
  const file = await open(path, 'wx', 0o600);
  try {
    for (let at = 0; at < rows.length; at += 4096) {
      const lines: string[] = [];
      for (let row = at; row < Math.min(rows.length, at + 4096); row++) lines.push(spill.write(rows[row]!));
      lines.push('');
      await file.write(lines.join('\n'));
    }
  } finally {
    await file.close();
  }
  return path;
}

/**
 * Reads a file written a line at a time back as runs of whole lines (joined by
 * newlines, the last newline left off), so a spilled file never sits whole in memory;
 * every line ends with a newline.
 */
async function* readWholeLines(path: string, highWaterMark: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark })) {
    const text = rest + decoder.write(chunk as Buffer);
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    yield text.slice(0, end);
  }
}

/** Reads a file written a JSON value per line back as the values of each read (see readWholeLines). */
export async function* readJsonLines<T>(path: string, highWaterMark: number): AsyncGenerator<T[]> {
  for await (const lines of readWholeLines(path, highWaterMark)) yield JSON.parse(`[${lines.replaceAll('\n', ',')}]`) as T[];
}

/** Reads a run back a batch of rows at a time. */
async function* readRun<T extends Keyed>(path: string, spill: RowSpill<T>): AsyncGenerator<T[]> {
  // 64 KiB a read: with many runs open at once, memory grows with their number
  for await (const lines of readWholeLines(path, 64 * 1024)) yield lines.split('\n').map((line) => spill.read(line));
}

/** Merges sorted runs into one sorted stream; on equal keys the earlier run goes first, so the sort stays stable. */
async function* mergeRuns<T extends Keyed>(paths: readonly string[], spill: RowSpill<T>): AsyncGenerator<readonly T[]> {
  const readers = paths.map((p) => ({ source: readRun(p, spill), chunk: [] as T[], at: 0, done: false }));
  const fill = async (r: (typeof readers)[number]) => {
    while (!r.done && r.at >= r.chunk.length) {
      const step = await r.source.next();
      if (step.done) r.done = true;
      else {
        r.chunk = step.value;
        r.at = 0;
      }
    }
  };
  try {
    // a binary heap of run indexes ordered by (current key, run index)
    const heap: number[] = [];
    const less = (i: number, j: number) => {
      const x = readers[i]!;
      const y = readers[j]!;
      const a = x.chunk[x.at]!.key;
      const b = y.chunk[y.at]!.key;
      return keyBefore(a, b) || (a === b && i < j);
    };
    const down = (at: number) => {
      for (;;) {
        const l = at * 2 + 1;
        const r = l + 1;
        let top = at;
        if (l < heap.length && less(heap[l]!, heap[top]!)) top = l;
        if (r < heap.length && less(heap[r]!, heap[top]!)) top = r;
        if (top === at) return;
        [heap[at], heap[top]] = [heap[top]!, heap[at]!];
        at = top;
      }
    };
    for (let i = 0; i < readers.length; i++) {
      await fill(readers[i]!);
      if (!readers[i]!.done) heap.push(i);
    }
    for (let at = Math.floor(heap.length / 2) - 1; at >= 0; at--) down(at);
    let out: T[] = [];
    while (heap.length > 0) {
      const r = readers[heap[0]!]!;
      out.push(r.chunk[r.at++]!);
      if (r.at >= r.chunk.length) await fill(r);
      if (r.done) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length > 0) down(0);
      if (out.length >= chunkRows) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    for (const r of readers) await r.source.return(undefined);
  }
}

/** Makes a private folder for one comparison's runs under `.cutover/tmp`, and removes it afterwards. */
export function spillArea(stateDir: string): { dir: () => Promise<string>; remove: () => Promise<void> } {
  let made: Promise<string> | undefined;
  return {
    dir: () =>
      (made ??= (async () => {
        const root = join(stateDir, 'tmp');
        await mkdir(root, { recursive: true, mode: 0o700 });
        return mkdtemp(join(root, 'diff-'));
      })()),
    remove: async () => {
      if (made) await rm(await made, { recursive: true, force: true });
    },
  };
}
