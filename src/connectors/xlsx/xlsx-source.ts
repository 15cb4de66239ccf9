import { basename, resolve } from 'node:path';
import type { SourceRow } from '../../core/source-row.js';
import { headerProblems } from '../csv/csv-header.js';
import type { SourceTable } from '../source.js';
import { badSheetHeader, damagedWorkbook, sheetMissing, workbookTooLarge } from './xlsx-errors.js';
import { defaultXlsxLimits, PartFailure, type XlsxLimits } from './xlsx-limits.js';
import { createNumberFormatter } from './xlsx-number-format.js';
import { openXlsxPackage, type XlsxPackage } from './xlsx-package.js';
import { readSharedStrings } from './xlsx-shared-strings.js';
import { readSheetRows, type SheetReadContext, type SheetRow } from './xlsx-sheet-rows.js';
import { readStyles } from './xlsx-styles.js';
import { readWorkbook, type XlsxSheetEntry } from './xlsx-workbook.js';
import { XmlPartError } from './xlsx-xml.js';

/** Which sheets to read and what to call the file in messages. */
export interface XlsxSourceOptions {
  /** Sheet names (matched ignoring case, as Excel does); all sheets in tab order when absent or empty. */
  readonly sheets?: readonly string[];
  /** Display name in messages; defaults to the file's base name. */
  readonly name?: string;
  /** How far parts may inflate and cells may grow; tests use small ones. */
  readonly limits?: XlsxLimits;
}

/** Where one sheet's rows are and how to read them, fixed at open. */
interface SheetPlan {
  readonly path: string;
  readonly limits: XlsxLimits;
  readonly name: string;
  readonly part: string;
  readonly context: SheetReadContext;
  /** Excel row number of the header; rows up to it are not data. */
  readonly headerLine: number;
  readonly width: number;
}

/**
 * Opens an Excel workbook (.xlsx) as one streaming source table per sheet (`book.xlsx#Sheet`),
 * the first filled row as header and each cell as Excel displays it; fails up front with a
 * CutoverError for a missing file, a file that is not a workbook, a missing sheet or a bad header.
 * @example
 * const [people] = await openXlsxSources('delivery/crm.xlsx', { sheets: ['People'] });
 * for await (const row of people.rows()) console.log(row.line, row.values);
 */
export async function openXlsxSources(path: string, options: XlsxSourceOptions = {}): Promise<SourceTable[]> {
  const absolute = resolve(path);
  const name = options.name ?? basename(absolute);
  const limits = options.limits ?? defaultXlsxLimits;
  const pkg = await openXlsxPackage(name, absolute, limits);
  try {
    const workbook = await inPart(name, 'xl/workbook.xml', () => readWorkbook(pkg, name, absolute));
    const chosen = chooseSheets(name, workbook.sheets, options.sheets ?? []);
    const styles = await inPart(name, workbook.stylesPart, () => readStyles(pkg, workbook.stylesPart));
    const sharedStrings = await inPart(name, workbook.sharedStringsPart, () =>
      readSharedStrings(pkg, workbook.sharedStringsPart),
    );
    const formatNumber = createNumberFormatter(styles, workbook.date1904);
    const tables: SourceTable[] = [];
    for (const sheet of chosen) {
      const table = `${name}#${sheet.name}`;
      const context: SheetReadContext = { table, sharedStrings, formatNumber, maxCellChars: limits.maxCellChars };
      const header = await firstRow(pkg, sheet.part, context);
      const columns = (header?.values ?? []).map((value) => value.trim());
      const problems = headerProblems(columns);
      if (header && problems.length > 0) throw badSheetHeader(table, header.line, problems);
      const plan: SheetPlan = {
        path: absolute,
        limits,
        name,
        part: sheet.part,
        context,
        headerLine: header?.line ?? Number.POSITIVE_INFINITY,
        width: columns.length,
      };
      tables.push({
        name: table,
        columns,
        types: columns.map(() => 'text'),
        details: { format: 'xlsx', sheet: sheet.name },
        rows: (signal) => readRows(plan, signal),
        close: async () => {},
      });
    }
    return tables;
  } finally {
    pkg.close();
  }
}

function chooseSheets(name: string, sheets: readonly XlsxSheetEntry[], wanted: readonly string[]): XlsxSheetEntry[] {
  if (wanted.length === 0) return [...sheets];
  const found: XlsxSheetEntry[] = [];
  const missing: string[] = [];
  for (const want of new Set(wanted)) {
    const sheet =
      sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.toLowerCase() === want.toLowerCase());
    if (sheet) found.push(sheet);
    else missing.push(want);
  }
  if (missing.length > 0) throw sheetMissing(name, missing, sheets.map((s) => s.name));
  return found;
}

async function firstRow(pkg: XlsxPackage, part: string, context: SheetReadContext): Promise<SheetRow | undefined> {
  return inPart(context.table, part, async () => {
    for await (const batch of readSheetRows(await openSheet(pkg, part, context.table), context)) return batch[0];
    return undefined;
  });
}

async function* readRows(plan: SheetPlan, signal?: AbortSignal): AsyncGenerator<SourceRow> {
  signal?.throwIfAborted();
  if (plan.headerLine === Number.POSITIVE_INFINITY) return;
  const pkg = await openXlsxPackage(plan.name, plan.path, plan.limits);
  try {
    const stream = await openSheet(pkg, plan.part, plan.context.table);
    for await (const batch of readSheetRows(stream, plan.context, signal)) {
      for (const { line, values } of batch) {
        if (line <= plan.headerLine) continue;
        while (values.length < plan.width) values.push('');
        yield { values, line };
      }
    }
  } catch (error) {
    throw asDamaged(plan.context.table, plan.part, error);
  } finally {
    pkg.close();
  }
}

async function openSheet(pkg: XlsxPackage, part: string, table: string) {
  if (!pkg.has(part)) throw damagedWorkbook(table, `the sheet's cells (${part}) are missing from the file`);
  return pkg.open(part);
}

async function inPart<T>(name: string, part: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDamaged(name, part, error);
  }
}

// malformed XML or bytes that do not inflate in any part make a damaged workbook, named with the part
function asDamaged(name: string, part: string | undefined, error: unknown): unknown {
  if (error instanceof XmlPartError) return damagedWorkbook(name, `its part ${part ?? '?'} is not well-formed XML (${error.message})`);
  if (error instanceof PartFailure) {
    return error.kind === 'unreadable' ? damagedWorkbook(name, `its part ${error.part} cannot be unpacked (${error.why})`) : workbookTooLarge(name, error.part, error.why);
  }
  return error;
}
