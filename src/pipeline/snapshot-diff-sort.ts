import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CutoverError } from '../core/cutover-error.js';
import { compareKeys, keyBefore, type Keyed } from '../core/diff/index.js';

/**
 * How many bytes of rows one side may hold in memory before it spills a sorted run to
 * disk. At 64 MiB the garbage of spilled runs let the heap grow to 650 MB at 10,000,000
 * rows; at 32 MiB the diff peaked at the same 410 MB (most of it the store) at 1,000,000
 * and 10,000,000 rows, with no more CPU.
 */
export const defaultSortBudget = 32 * 1024 * 1024;

const chunkRows = 1024;

/** A side sorted by key: in memory when it fitted the budget, else runs on disk merged as they are read. */
export interface SortedSide<T extends Keyed> {
  readonly rows: number;
  readonly runs: number;
  chunks(): AsyncIterable<readonly T[]>;
}

/** How a side's rows are held and spilled: a row's weight in memory (bytes), and the row as one line of text (no newline) read back as the same row. */
export interface RowSpill<T extends Keyed> {
  /** how the lines are written: `latin1` for byte strings (a character a byte), written and read back as they are */
  readonly encoding: 'utf8' | 'latin1';
  weigh(row: T): number;
  write(row: T): string;
  read(line: string): T;
}

const byKey = (a: Keyed, b: Keyed) => compareKeys(a.key, b.key);

/**
 * Sorts a side's rows by key with at most `budget` bytes of them in memory. Rows that
 * come in key order (most of a table read by its key) form one run as they are, kept as
 * their spilled lines; only the rows out of order are sorted (stably). Each time the
 * budget fills, the run in order is appended to its file and the others written sorted
 * as a run of their own, where `runPath` says; the runs are merged as the side is read.
 * Rows with the same key keep the order they came in.
 */
export async function sortByKey<T extends Keyed>(
  rows: AsyncIterable<readonly T[]>,
  budget: number,
  runPath: (run: number) => Promise<string>,
  spill: RowSpill<T>,
  signal?: AbortSignal,
): Promise<SortedSide<T>> {
  const inOrder = new LineBlocks();
  let last: string | undefined;
  let orderFile: { path: string; handle: FileHandle } | undefined;
  let others: T[] = [];
  let weight = 0;
  let count = 0;
  const runs: string[] = [];
  const flush = async () => {
    const blocks = inOrder.take();
    if (blocks.length > 0) {
      if (!orderFile) {
        const path = await runPath(runs.length);
        orderFile = { path, handle: await open(path, 'wx', 0o600) };
        runs.push(path);
      }
      for (const block of blocks) await orderFile.handle.write(`${block}\n`, null, spill.encoding);
    }
    if (others.length > 0) {
      const path = await runPath(runs.length);
      const handle = await open(path, 'wx', 0o600);
      try {
        const lines = others.sort(byKey).map((r) => spill.write(r));
        for (let at = 0; at < lines.length; at += 4096) await handle.write(`${lines.slice(at, at + 4096).join('\n')}\n`, null, spill.encoding);
      } finally {
        await handle.close();
      }
      runs.push(path);
    }
    others = [];
    weight = 0;
  };
  try {
    for await (const chunk of rows) {
      if (signal?.aborted) throw new CutoverError('cancelled', 'The comparison was stopped.');
      for (const row of chunk) {
        if (last === undefined || !keyBefore(row.key, last)) {
          const line = spill.write(row);
          inOrder.add(line);
          // held as text only: a byte a character in a byte string, else up to two
          weight += (spill.encoding === 'latin1' ? 1 : 2) * line.length;
          last = row.key;
        } else {
          others.push(row);
          weight += spill.weigh(row);
        }
      }
      count += chunk.length;
      if (weight >= budget) await flush();
    }
    if (runs.length > 0) await flush();
  } finally {
    await orderFile?.handle.close();
  }
  const held = { inOrder: inOrder.take(), others: others.sort(byKey) };
  others = [];
  if (runs.length === 0 && held.others.length === 0) return { rows: count, runs: 0, chunks: () => blocksRead(held.inOrder, spill) };
  // on equal keys the run in order goes first: its rows of a key came before any other's
  const sources = () => [...(orderFile ? [] : [blocksRead(held.inOrder, spill)]), ...runs.map((path) => readRun(path, spill)), inMemory(held.others)];
  return { rows: count, runs: runs.length, chunks: () => mergeRuns(sources()) };
}

// lines held joined in blocks of this many characters: a few large strings rather than a small one a row
const blockChars = 256 * 1024;

/** Lines held in memory as a few large blocks of text (joined by newlines), which the garbage collector does not copy about. */
class LineBlocks {
  private blocks: string[] = [];
  private pending: string[] = [];
  private chars = 0;

  add(line: string): void {
    this.pending.push(line);
    this.chars += line.length + 1;
    if (this.chars >= blockChars) this.close();
  }

  /** The blocks held, each a run of whole lines joined by newlines; none are held afterwards. */
  take(): string[] {
    this.close();
    const blocks = this.blocks;
    this.blocks = [];
    return blocks;
  }

  private close(): void {
    if (this.pending.length > 0) this.blocks.push(this.pending.join('\n'));
    this.pending = [];
    this.chars = 0;
  }
}

async function* blocksRead<T extends Keyed>(blocks: readonly string[], spill: RowSpill<T>): AsyncGenerator<T[]> {
  for (const block of blocks) {
    const lines = block.split('\n');
    for (let at = 0; at < lines.length; at += chunkRows) yield lines.slice(at, at + chunkRows).map((line) => spill.read(line));
  }
}

async function* inMemory<T>(rows: readonly T[]): AsyncGenerator<T[]> {
  for (let at = 0; at < rows.length; at += chunkRows) yield rows.slice(at, at + chunkRows);
}

/**
 * Reads a file written a line at a time back as runs of whole lines (joined by
 * newlines, the last newline left off), so a spilled file never sits whole in memory;
 * every line ends with a newline.
 */
async function* readWholeLines(path: string, highWaterMark: number, encoding: 'utf8' | 'latin1' = 'utf8'): AsyncGenerator<string> {
  const decoder = new StringDecoder(encoding);
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
  for await (const lines of readWholeLines(path, 64 * 1024, spill.encoding)) yield lines.split('\n').map((line) => spill.read(line));
}

/** Merges sorted runs into one sorted stream; on equal keys the earlier run goes first, so the sort stays stable. */
async function* mergeRuns<T extends Keyed>(sources: readonly AsyncGenerator<T[]>[]): AsyncGenerator<readonly T[]> {
  const readers = sources.map((source) => ({ source, chunk: [] as T[], at: 0, done: false }));
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
