import { readFileSync } from 'node:fs';
import { CutoverError } from '../core/cutover-error.js';
import { TextFileWriter } from './text-file-writer.js';

/** How a row differs in a later export: added, edited, removed, or re-pointed at another parent. */
export type ChangeKind = 'new' | 'changed' | 'deleted' | 'moved';

/** One change a later export made, by the row's source key (parts joined by " / "). */
export interface SampleChange {
  readonly table: string;
  readonly key: string;
  readonly kind: ChangeKind;
  /** the columns edited (for changed and moved rows) */
  readonly columns?: readonly string[];
}

/** The whole manifest, as `changes.json` holds it. */
export interface ChangeManifest {
  readonly seed: number;
  readonly rows: number;
  readonly daysLater: number;
  readonly changes: readonly SampleChange[];
}

/** The change manifest's file name. */
export const changesName = 'changes.json';

/** Streams `changes.json` entry by entry, one a line, keys always in the same order. */
export class ChangesWriter {
  private entries = 0;

  private constructor(private readonly file: TextFileWriter) {}

  static open(path: string, head: { seed: number; rows: number; daysLater: number }): ChangesWriter {
    const writer = new ChangesWriter(TextFileWriter.open(path, 'utf-8'));
    writer.file.push(`{"seed":${head.seed},"rows":${head.rows},"daysLater":${head.daysLater},"changes":[`);
    return writer;
  }

  get count(): number {
    return this.entries;
  }

  /** True when the caller should `await flush()`. */
  get full(): boolean {
    return this.file.full;
  }

  add(c: SampleChange): void {
    const ordered = { table: c.table, key: c.key, kind: c.kind, ...(c.columns === undefined ? {} : { columns: c.columns }) };
    this.file.push(`${this.entries === 0 ? '\n' : ',\n'}${JSON.stringify(ordered)}`);
    this.entries += 1;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  async close(): Promise<void> {
    this.file.push('\n]}\n');
    await this.file.close();
  }

  destroy(): void {
    this.file.destroy();
  }
}

/** Reads a `changes.json` (for tests and benchmarks of test size: it is held whole in memory). */
export function readChangeManifest(path: string): ChangeManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CutoverError('manifest_unreadable', `The change manifest ${path} could not be read as JSON. Write the later export again.`, { cause, where: { file: path } });
  }
  const m = parsed as Partial<ChangeManifest> | null;
  if (m === null || typeof m !== 'object' || typeof m.daysLater !== 'number' || !Array.isArray(m.changes)) {
    throw new CutoverError('manifest_invalid', `The change manifest ${path} has no daysLater and changes list. Write the later export again.`, { where: { file: path } });
  }
  return m as ChangeManifest;
}
