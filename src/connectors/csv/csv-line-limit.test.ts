import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../../core/cutover-error.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { openCsvSource } from './csv-source.js';

const dir = tempDir('cutover-csv-limit');
afterAll(() => dir.cleanup());

async function failure(promise: Promise<unknown>): Promise<CutoverError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CutoverError) return error;
    throw error;
  }
  throw new Error('expected a CutoverError');
}

async function drain(path: string, escapes: 'quotes' | 'backslash'): Promise<void> {
  const source = await openCsvSource(path, { maxRecordChars: 1000, highWaterMark: 64, escapes });
  for await (const row of source.rows()) void row;
}

describe('a CSV record longer than the reader holds', () => {
  it('stops at a line with no end, naming the line where it starts', async () => {
    const path = join(dir.path, 'long.csv');
    writeFileSync(path, `id,note\n1,short\n\n2,${'x'.repeat(5000)}`);
    const error = await failure(drain(path, 'quotes'));
    expect({ code: error.code, where: error.where, message: error.message }).toEqual({
      code: 'line_too_long',
      where: { file: 'long.csv', line: 4 },
      message:
        'long.csv line 4 is longer than 1 KB and Cutover stopped reading there. The line has no end, or a quote on it is never closed, so the rest of the file runs into it. Check that the file is really a CSV export, fix the stray quote near line 4, or export the file again.',
    });
  });

  it('stops at a quote never closed, naming the line where the quoted value opens', async () => {
    const path = join(dir.path, 'quote.csv');
    writeFileSync(path, `id,note\n1,"oops\n${'2,fine\n'.repeat(400)}`);
    const error = await failure(drain(path, 'quotes'));
    expect([error.code, error.where]).toEqual(['line_too_long', { file: 'quote.csv', line: 2 }]);
  });

  it('stops the backslash-escaped reader too', async () => {
    const path = join(dir.path, 'dump.txt');
    writeFileSync(path, `id\tnote\n1\t\\N\n2\t${'y'.repeat(5000)}`);
    const error = await failure(drain(path, 'backslash'));
    expect([error.code, error.where]).toEqual(['line_too_long', { file: 'dump.txt', line: 3 }]);
  });

  it('reads records just under the limit', async () => {
    const path = join(dir.path, 'fits.csv');
    writeFileSync(path, `id,note\n1,${'z'.repeat(800)}\n2,${'z'.repeat(800)}\n`);
    const source = await openCsvSource(path, { maxRecordChars: 1000, highWaterMark: 64 });
    const lines: number[] = [];
    for await (const row of source.rows()) lines.push(row.line);
    expect(lines).toEqual([2, 3]);
  });
});
