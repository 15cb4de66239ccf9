import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../core/source-row.js';
import { tempDir } from './temp-dir.js';
import { failureOf } from './table-source-suite.js';

/** The contract's file: its columns, and its records as text; each reader writes them in its own format. */
export const contractFile = {
  columns: ['id', 'name'],
  records: [
    ['1', 'Zoë'],
    ['2', '李'],
  ],
} as const;

/** The part of a file source the contract reads: its columns and its rows. */
export interface FileSourceRead {
  readonly columns: readonly string[];
  rows(signal?: AbortSignal): AsyncIterable<SourceRow>;
}

/** One file reader, as the contract drives it. */
export interface FileSourceSubject {
  /** the extension of the files it reads, with its dot: `.csv` */
  readonly extension: string;
  open(path: string): Promise<FileSourceRead>;
  /** writes contractFile at `path`, its column names on line 1 and its records on lines 2 and 3 */
  write(path: string): Promise<void>;
  /** contents the reader must call empty, and what its file_empty message says after "<name> at <path> is empty: "; or why there is none */
  readonly empty: { readonly contents: readonly (string | Buffer)[]; readonly detail: string };
}

/** Whatever a read ends with: 'done', or the message it failed with. */
async function ending(read: Promise<unknown>): Promise<string> {
  return read.then(
    () => 'done',
    (error: Error) => error.message,
  );
}

async function readRows(source: FileSourceRead, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows(signal)) rows.push(row);
  return rows;
}

const rows: SourceRow[] = contractFile.records.map((values, k) => ({ values: [...values], line: k + 2 }));

/**
 * Declares the behaviour every file source must have, in a temporary folder of its own:
 * the subject says how to open a path and write the contract file there.
 * @example describeFileSourceContract('CSV', { extension: '.csv', open: (path) => openCsvSource(path), … });
 */
export function describeFileSourceContract(name: string, subject: FileSourceSubject): void {
  describe(`the file source contract: ${name}`, () => {
    const dir = tempDir(`cutover-contract${subject.extension.replace('.', '-')}`);
    afterAll(() => dir.cleanup());
    const { extension } = subject;

    async function contractSource(file: string): Promise<FileSourceRead> {
      const path = join(dir.path, `${file}${extension}`);
      await subject.write(path);
      return subject.open(path);
    }

    it('reads its columns and every row, each with its line', async () => {
      const source = await contractSource('people');
      expect({ columns: source.columns, rows: await readRows(source) }).toEqual({ columns: contractFile.columns, rows });
    });

    it('reads the file afresh on every call to rows(), also after a read that stopped early', async () => {
      const source = await contractSource('again');
      const first: SourceRow[] = [];
      for await (const row of source.rows()) {
        first.push(row);
        break;
      }
      expect([first, await readRows(source), await readRows(source)]).toEqual([rows.slice(0, 1), rows, rows]);
    });

    // readers check the signal between batches, and this file is one batch, so only an abort before the read is certain
    it('stops with the reason when its signal is already aborted', async () => {
      const source = await contractSource('abort');
      expect(await ending(readRows(source, AbortSignal.abort(new Error('the run was cancelled'))))).toBe('the run was cancelled');
    });

    it('names a missing file, where it was looked for and what to check', async () => {
      const file = `absent${extension}`;
      const path = join(dir.path, file);
      expect(await failureOf(subject.open(path))).toEqual({
        code: 'file_missing',
        message: `${file} was not found at ${path}. Check the file name in cutover.yaml or the delivery folder.`,
        where: { file },
      });
    });

    it('refuses a folder', async () => {
      const file = `folder${extension}`;
      const path = join(dir.path, file);
      mkdirSync(path);
      expect(await failureOf(subject.open(path))).toEqual({
        code: 'file_unreadable',
        message: `${file} at ${path} is a folder, not a file. Check the file name in cutover.yaml or the delivery folder.`,
        where: { file },
      });
    });

    it('refuses an empty file', async () => {
      const { empty } = subject;
      const files = empty.contents.map((content, k) => {
        const file = `empty-${k}${extension}`;
        writeFileSync(join(dir.path, file), content);
        return file;
      });
      const failures = await Promise.all(files.map((file) => failureOf(subject.open(join(dir.path, file)))));
      expect(failures).toEqual(
        files.map((file) => ({
          code: 'file_empty',
          message: `${file} at ${join(dir.path, file)} is empty: ${empty.detail}`,
          where: { file },
        })),
      );
    });
  });
}
