import { problemKindName, type CheckProblem } from '../core/contract/index.js';
import type { CheckSummary } from '../core/contract/index.js';

/** The problem list's columns, headed in the customer's words. */
export const checkColumns: readonly { header: string; width: number; value: (p: CheckProblem) => string | number }[] = [
  { header: 'File', width: 18, value: (p) => p.file },
  { header: 'Line', width: 9, value: (p) => p.line ?? '' },
  { header: 'Column', width: 16, value: (p) => p.column ?? '' },
  { header: 'Must be fixed?', width: 14, value: (p) => (p.severity === 'error' ? 'yes' : 'no, to note') },
  { header: 'Kind of problem', width: 30, value: (p) => problemKindName(p.code) },
  { header: 'What is wrong', width: 90, value: (p) => p.message },
  { header: 'Code', width: 18, value: (p) => p.code },
];

// a worksheet holds 1,048,576 rows; the rest are counted in the summary
const maxListed = 1_000_000;

/** A problem list being written as an Excel workbook, streamed: rows go to disk as they come. */
export interface CheckWorkbook {
  add(problem: CheckProblem): Promise<void>;
  /** Adds the summary sheet and closes the file. */
  finish(summary: CheckSummary): Promise<void>;
}

/**
 * Opens the problem list of a check as a workbook the team can send to the customer:
 * a frozen, filterable sheet of every problem, then a summary per file and per kind.
 */
export async function openCheckWorkbook(path: string, title: string): Promise<CheckWorkbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.title = title;
  const sheet = workbook.addWorksheet('Problems', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = checkColumns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: checkColumns.length } };
  sheet.getRow(1).commit();
  let listed = 0;
  let left = 0;
  return {
    async add(problem) {
      if (listed >= maxListed) {
        left++;
        return;
      }
      const row = sheet.addRow(checkColumns.map((c) => c.value(problem)));
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
      listed++;
    },
    async finish(summary) {
      if (left > 0) sheet.addRow([`${left.toLocaleString('en-GB')} more problems are not listed: a worksheet holds about a million rows. The summary counts them all.`]).commit();
      sheet.commit();
      const totals = workbook.addWorksheet('Summary');
      totals.columns = [{ width: 20 }, { width: 36 }, { width: 14 }, { width: 12 }, { width: 12 }];
      const bold = (values: (string | number)[]) => {
        const row = totals.addRow(values);
        row.font = { bold: true };
        row.commit();
      };
      totals.addRow([summary.acceptable ? 'The delivery can be accepted: no problem must be fixed.' : 'The delivery cannot be accepted yet: some problems must be fixed.']).commit();
      totals.addRow([]).commit();
      bold(['File', '', 'Rows', 'Must be fixed', 'To note']);
      for (const f of summary.files) totals.addRow([f.file, '', f.rows, f.errors, f.warnings]).commit();
      totals.addRow([]).commit();
      bold(['File', 'Kind of problem', 'Must be fixed?', 'Count', 'Code']);
      for (const k of summary.kinds) totals.addRow([k.file, problemKindName(k.code), k.severity === 'error' ? 'yes' : 'no', k.count, k.code]).commit();
      totals.commit();
      await workbook.commit();
    },
  };
}
