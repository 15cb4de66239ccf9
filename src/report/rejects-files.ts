import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RejectedRow } from '../core/ledger.js';
import { csvCell } from './csv-cell.js';

/** The columns of the list of non-imported rows, headed in the customer's words. */
export const rejectColumns: readonly { header: string; width: number; value: (r: RejectedRow) => string | number }[] = [
  { header: 'Record type', width: 16, value: (r) => r.entity },
  { header: 'File', width: 18, value: (r) => r.file },
  { header: 'Line', width: 8, value: (r) => r.line },
  { header: 'Reference', width: 18, value: (r) => r.reference },
  { header: 'What happened', width: 16, value: (r) => ({ rejected: 'not imported', excluded: 'left out', merged: 'merged' })[r.outcome] },
  { header: 'Why', width: 40, value: (r) => r.why },
  { header: 'Field', width: 14, value: (r) => r.field ?? '' },
  { header: 'Value in the file', width: 20, value: (r) => r.value ?? '' },
  { header: 'Details', width: 70, value: (r) => r.message },
];

/** Writes the rows as CSV that Excel opens right (UTF-8 with BOM, CRLF); returns the count. */
export async function writeRejectsCsv(path: string, rows: AsyncIterable<RejectedRow>): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`\uFEFF${rejectColumns.map((c) => csvCell(c.header)).join(',')}\r\n`);
  let count = 0;
  for await (const r of rows) {
    await write(`${rejectColumns.map((c) => csvCell(c.value(r))).join(',')}\r\n`);
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

/** Writes the rows as an Excel workbook, streamed, with a frozen, filterable header; returns the count. */
export async function writeRejectsXlsx(path: string, title: string, rows: AsyncIterable<RejectedRow>): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.title = title;
  const sheet = workbook.addWorksheet('Not imported', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = rejectColumns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rejectColumns.length } };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const r of rows) {
    sheet.addRow(rejectColumns.map((c) => c.value(r))).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
