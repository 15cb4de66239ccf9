import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckProblem } from '../core/contract/index.js';
import type { CheckSummary } from '../core/contract/index.js';
import { tempDir } from '../test-support/temp-dir.js';
import { openCheckReports } from './check-reports.js';

const dir = tempDir('cutover-check-reports');
afterAll(() => dir.cleanup());

const problems: CheckProblem[] = [
  { file: 'tenancies.csv', line: 4812, column: 'StartDate', code: 'date_impossible', severity: 'error', message: 'the tenancy start date "31/02/2021" is not a real date' },
  { file: 'people.csv', line: null, column: null, code: 'file_no_rows', severity: 'warning', message: 'people.csv has a header but no rows: <ask>' },
];
const summary: CheckSummary = {
  files: [{ file: 'tenancies.csv', rows: 5000, errors: 1, warnings: 0 }, { file: 'people.csv', rows: 0, errors: 0, warnings: 1 }],
  kinds: [{ file: 'tenancies.csv', code: 'date_impossible', severity: 'error', count: 1 }, { file: 'people.csv', code: 'file_no_rows', severity: 'warning', count: 1 }],
  rows: 5000,
  errors: 1,
  warnings: 1,
  acceptable: false,
};

describe('the problem lists for the customer', () => {
  it('writes a workbook with every problem in the customer\'s words, then a summary', async () => {
    const reports = await openCheckReports(dir.path, 'check-x', 'Harbour & Hart', 'snapshot 1');
    for (const p of problems) await reports.add(p);
    const paths = await reports.finish(summary);
    expect(paths).toEqual({ html: join(dir.path, 'check-x.html'), xlsx: join(dir.path, 'check-x.xlsx') });
    const { default: ExcelJS } = await import('exceljs');
    // empty cells are not written, so they read back as undefined
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(paths.xlsx);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows('Problems')).toEqual([
      ['File', 'Line', 'Column', 'Must be fixed?', 'Kind of problem', 'What is wrong', 'Code'],
      ['tenancies.csv', 4812, 'StartDate', 'yes', 'dates that do not exist', 'the tenancy start date "31/02/2021" is not a real date', 'date_impossible'],
      ['people.csv', undefined, undefined, 'no, to note', 'no rows below the header', 'people.csv has a header but no rows: <ask>', 'file_no_rows'],
    ]);
    expect(rows('Summary').filter((r) => r !== undefined && r.length > 0)).toEqual([
      ['The delivery cannot be accepted yet: some problems must be fixed.'],
      ['File', undefined, 'Rows', 'Must be fixed', 'To note'],
      ['tenancies.csv', undefined, 5000, 1, 0],
      ['people.csv', undefined, 0, 0, 1],
      ['File', 'Kind of problem', 'Must be fixed?', 'Count', 'Code'],
      ['tenancies.csv', 'dates that do not exist', 'yes', 1, 'date_impossible'],
      ['people.csv', 'no rows below the header', 'no', 1, 'file_no_rows'],
    ]);
  });

  it('writes a page with the verdict, the counts and each problem, escaped', () => {
    const page = readFileSync(join(dir.path, 'check-x.html'), 'utf8');
    expect(page).toContain('<h1>Delivery check for Harbour &amp; Hart</h1>');
    expect(page).toContain('<div class="verdict bad">The delivery cannot be accepted yet: 1 problem must be fixed, and 1 to note.</div>');
    expect(page).toContain('<td>tenancies.csv</td><td class="num">4,812</td><td>StartDate</td><td><span class="error">must be fixed</span></td><td>the tenancy start date &quot;31/02/2021&quot; is not a real date</td>');
    expect(page).toContain('people.csv has a header but no rows: &lt;ask&gt;');
  });
});
