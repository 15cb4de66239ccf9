import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RejectedRow } from '../core/ledger.js';
import { tempDir, type TempDir } from '../test-support/temp-dir.js';
import { writeRejectsCsv, writeRejectsXlsx } from './rejects-files.js';

const hostile = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1,2)', '-12.50', '\t=1'];

const reject = (value: string, line: number): RejectedRow => ({
  entity: 'customer', file: 'customers.csv', line, reference: `C${line}`, outcome: 'rejected',
  reason: 'bad_value', why: 'bad value', field: 'balance', value, message: 'not a number',
});

async function* rows(): AsyncIterable<RejectedRow> {
  for (const [i, v] of hostile.entries()) yield reject(v, i + 2);
}

let dir: TempDir;
afterEach(() => dir?.cleanup());

describe('reject lists', () => {
  it('neutralise cells a spreadsheet would run as formulas, keeping plain numbers', async () => {
    dir = tempDir('rejects');
    const path = join(dir.path, 'rejects.csv');
    await writeRejectsCsv(path, rows());
    const lines = readFileSync(path, 'utf8').split('\r\n').slice(1, -1);
    const values = lines.map((l) => l.split(',').slice(7, -1).join(','));
    expect(values).toEqual([`"'=HYPERLINK(""http://x"",""y"")"`, "'+cmd|' /C calc'!A0", '"\'@SUM(1,2)"', '-12.50', "'\t=1"]);
  });

  it('write workbook cells as text, never as formulas', async () => {
    dir = tempDir('rejects');
    const path = join(dir.path, 'rejects.xlsx');
    await writeRejectsXlsx(path, 'Not imported', rows());
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Not imported')!;
    const cells = hostile.map((_, i) => sheet.getRow(i + 2).getCell(8));
    expect(cells.map((c) => [c.type, c.value])).toEqual(hostile.map((v) => [ExcelJS.ValueType.String, v]));
  });
});
