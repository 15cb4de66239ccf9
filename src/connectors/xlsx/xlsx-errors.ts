import { CutoverError } from '../../core/cutover-error.js';

/** What the first bytes of a file that is not a workbook suggest it is. */
export type NotWorkbookReason = 'legacy-or-protected' | 'not-zip' | 'zip-without-workbook';

/** The error for a file that cannot be read as an .xlsx workbook, worded by what it seems to be instead. */
export function notWorkbook(name: string, path: string, reason: NotWorkbookReason, cause?: unknown): CutoverError {
  const said = {
    'legacy-or-protected':
      'it is an Excel 97-2003 workbook (.xls) or a password-protected one. Open it in Excel and save it as an unprotected Excel Workbook (.xlsx)',
    'not-zip':
      'it is not an Excel Workbook (.xlsx) file, or it was cut short while being copied. If it is a CSV or text export, give it its real extension (.csv); otherwise save it again from Excel as .xlsx',
    'zip-without-workbook':
      'it is a ZIP package without an Excel workbook inside (perhaps a Word or other Office file renamed). Save the data from Excel as an Excel Workbook (.xlsx)',
  }[reason];
  return new CutoverError('file_unreadable', `${name} at ${path} is not an Excel workbook: ${said}.`, {
    where: { file: name },
    cause,
  });
}

/** The error for sheets named in the configuration that the workbook does not have. */
export function sheetMissing(name: string, missing: readonly string[], existing: readonly string[]): CutoverError {
  const wanted = missing.map((sheet) => `"${sheet}"`).join(', ');
  const has = existing.length === 0 ? 'no sheets' : `the sheets ${existing.map((sheet) => `"${sheet}"`).join(', ')}`;
  return new CutoverError(
    'sheet_missing',
    `${name} has no sheet named ${wanted}; it has ${has}. Correct the sheet names in cutover.yaml or ask for the workbook again.`,
    { where: { file: name } },
  );
}

/** The error for a sheet whose header row has blank or repeated names; `problems` are already worded. */
export function badSheetHeader(table: string, line: number, problems: readonly string[]): CutoverError {
  return new CutoverError(
    'xlsx_header',
    `${table} row ${line} is not a usable header: ${problems.join('; ')}. Give every column a distinct name in the first filled row of the sheet, or leave this sheet out of the sheets listed in cutover.yaml.`,
    { where: { file: table, line } },
  );
}

/** The error for a workbook whose parts contradict each other, such as a cell pointing at a missing shared string. */
export function damagedWorkbook(name: string, what: string, where: { line?: number; column?: number } = {}): CutoverError {
  return new CutoverError(
    'xlsx_damaged',
    `${name} is damaged: ${what}. Open it in Excel, save it again as .xlsx and deliver that copy.`,
    { where: { file: name, ...where } },
  );
}

/** An .xlsx file of zero bytes: nothing was delivered, which is not the same as a damaged workbook. */
export function emptyWorkbook(name: string, path: string): CutoverError {
  return new CutoverError('file_empty', `${name} at ${path} is empty: it has no bytes at all. Ask for the workbook again.`, { where: { file: name } });
}

/** A cell holding more text than any real delivery: a damaged or made-up workbook, refused before it fills the memory. */
export function cellTooLong(name: string, line: number, column: number, maxChars: number): CutoverError {
  return new CutoverError(
    'xlsx_too_large',
    `${name} row ${line} column ${column} holds more than ${maxChars.toLocaleString('en-GB')} characters (Excel itself holds at most 32,767 in a cell), so Cutover stopped reading it. Check that cell in Excel, or export the data again as CSV.`,
    { where: { file: name, line, column } },
  );
}

/** A part of the workbook that inflates past a limit: a ZIP bomb, or a sheet larger than Cutover reads from one workbook. */
export function workbookTooLarge(name: string, part: string, why: string): CutoverError {
  return new CutoverError(
    'xlsx_too_large',
    `${name} cannot be read: its part ${part} ${why}. Cutover stopped before filling the memory or the disk. If the workbook is real, export its sheets as CSV files and deliver those instead.`,
    { where: { file: name } },
  );
}
