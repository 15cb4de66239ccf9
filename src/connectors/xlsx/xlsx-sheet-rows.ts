import type { Readable } from 'node:stream';
import { cellTooLong, damagedWorkbook } from './xlsx-errors.js';
import { excelMaxColumns, excelMaxRows } from './xlsx-limits.js';
import type { NumberFormatter } from './xlsx-number-format.js';
import { unescapeXlsxText } from './xlsx-text.js';
import { parseXmlPart } from './xlsx-xml.js';

/** What reading a sheet's cells needs from the rest of the workbook. */
export interface SheetReadContext {
  /** `book.xlsx#Sheet1`, for messages */
  readonly table: string;
  readonly sharedStrings: readonly string[];
  readonly formatNumber: NumberFormatter;
  /** Characters one cell may hold before the sheet is refused. */
  readonly maxCellChars: number;
}

/** A filled row as Excel displays it: its row number and the text of each cell from column A, trailing empty cells dropped. */
export interface SheetRow {
  readonly line: number;
  readonly values: string[];
}

const msPerDay = 86_400_000;
// serial of 1970-01-01 in the 1900 date system
const unixEpochSerial = 25569;

/**
 * Streams a worksheet part's filled rows, a batch per chunk read, with every cell as the
 * customer saw it: strings as written, numbers through their style's format, booleans as
 * TRUE or FALSE, errors such as #N/A as text and formulas as their cached result.
 */
export async function* readSheetRows(stream: Readable, context: SheetReadContext, signal?: AbortSignal): AsyncGenerator<SheetRow[]> {
  const { table, sharedStrings, formatNumber, maxCellChars } = context;
  let out: SheetRow[] = [];
  let line = 0;
  let values: string[] = [];
  let column = 0;
  let type = 'n';
  let style = 0;
  let stored = '';
  let inline = '';
  // which text the parser is inside: a cell's stored value or an inline string's text
  let capture: 'none' | 'value' | 'inline' = 'none';
  let inInline = false;
  let inPhonetic = false;

  const display = (): string => {
    switch (type) {
      case 's': {
        if (stored === '') return '';
        const text = sharedStrings[Number(stored)];
        if (text === undefined) {
          const what = `the cell in row ${line} column ${column} points at shared string ${stored}, which does not exist`;
          throw damagedWorkbook(table, what, { line, column });
        }
        return text;
      }
      case 'inlineStr':
        return unescapeXlsxText(inline);
      case 'str':
        return unescapeXlsxText(stored);
      case 'b':
        return stored === '1' ? 'TRUE' : stored === '0' ? 'FALSE' : stored;
      case 'e':
        return stored;
      case 'd':
        return formatNumber(style, isoToSerial(stored));
      default:
        return stored === '' ? '' : formatNumber(style, stored);
    }
  };

  const handlers = {
    open(tag: string, attributes: Readonly<Record<string, string>>): void {
      switch (tag) {
        case 'row':
          line = rowNumber(table, attributes.r, line);
          values = [];
          column = 0;
          break;
        case 'c':
          column = attributes.r === undefined ? column + 1 : columnOf(attributes.r);
          // beyond Excel's grid: a made-up reference would otherwise fill gigabytes of empty cells
          if (column > excelMaxColumns) {
            const what = `row ${line} has a cell in column ${attributes.r === undefined ? column : columnLetters(attributes.r)}, beyond the last column an Excel sheet has (XFD, column ${excelMaxColumns.toLocaleString('en-GB')})`;
            throw damagedWorkbook(table, what, { line });
          }
          type = attributes.t ?? 'n';
          style = attributes.s === undefined ? 0 : Number(attributes.s);
          stored = '';
          inline = '';
          break;
        case 'v':
          capture = 'value';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inInline && !inPhonetic) capture = 'inline';
          break;
      }
    },
    close(tag: string): void {
      switch (tag) {
        case 'v':
        case 't':
          capture = 'none';
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const text = display();
          if (text === '') break;
          while (values.length < column - 1) values.push('');
          values[column - 1] = text;
          break;
        }
        case 'row':
          if (values.length > 0) out.push({ line, values });
          break;
      }
    },
    text(chunk: string): void {
      if (capture === 'value') stored += chunk;
      else if (capture === 'inline') inline += chunk;
      else return;
      if (stored.length + inline.length > maxCellChars) throw cellTooLong(table, line, column, maxCellChars);
    },
  };

  // one await per chunk rather than per row keeps the generator cheap
  for await (const _ of parseXmlPart(stream, handlers, signal)) {
    if (out.length === 0) continue;
    const batch = out;
    out = [];
    yield batch;
  }
}

// a row's number must be one Excel can show, after the row before: -5 or 1.5 is a damaged file, not a row to skip
function rowNumber(table: string, text: string | undefined, previous: number): number {
  const n = text === undefined ? previous + 1 : Number(text);
  const inGrid = Number.isInteger(n) && n >= 1 && n <= excelMaxRows;
  if (inGrid && n > previous) return n;
  const what = !inGrid
    ? text === undefined
      ? `it has more rows than an Excel sheet can hold (${excelMaxRows.toLocaleString('en-GB')})`
      : `a row after row ${previous} is numbered "${text}", which is not a row of an Excel sheet (1 to ${excelMaxRows.toLocaleString('en-GB')})`
    : `row ${n} comes after row ${previous}, but rows must be in order`;
  throw damagedWorkbook(table, what, { line: previous });
}

/** The letters of a cell reference such as `AB12`, for messages. */
function columnLetters(reference: string): string {
  return /^[A-Za-z]*/.exec(reference)?.[0]?.toUpperCase().slice(0, 12) ?? reference;
}

function columnOf(reference: string): number {
  let column = 0;
  for (let k = 0; k < reference.length; k++) {
    const code = reference.charCodeAt(k) & ~0x20; // upper-case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

// strict OOXML stores dates as ISO 8601 text; format them like serial dates
function isoToSerial(text: string): string {
  const zoned = /^\d{4}-\d\d-\d\d$|[zZ]$|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? text : String(ms / msPerDay + unixEpochSerial);
}
