import { format, getFormatFromId, isDateFormat } from 'numfmt';
import type { XlsxStyles } from './xlsx-styles.js';

/** Turns the stored text of a numeric cell with style `style` into the text Excel displays. */
export type NumberFormatter = (style: number, stored: string) => string;

// built-in ids 14 and 22 follow the viewer's regional short date, which the file does not
// record; ISO order cannot be misread as day/month or month/day
const regionalDates = new Map([
  [14, 'yyyy-mm-dd'],
  [22, 'yyyy-mm-dd hh:mm'],
]);

// 1904-system serials count from 1904-01-01, 1462 days after the 1900 system's day 0
const days1900To1904 = 1462;

// repeated values (dates above all: a century is 36,525 days) format once; the cap keeps memory flat
const memoLimit = 40_000;

/**
 * Builds the formatter for a workbook's cell styles: each style's number format (dates,
 * money, percentages, …) applied by numfmt, and General as {@link formatGeneralNumber}.
 * @example createNumberFormatter(styles, false)(3, '44230') // '03/02/2021' when style 3 is dd/mm/yyyy
 */
export function createNumberFormatter(styles: XlsxStyles, date1904: boolean): NumberFormatter {
  const byCode = new Map<string, (value: number) => string>();
  const byStyle = styles.formatIds.map((id) => {
    const code = regionalDates.get(id) ?? styles.customFormats.get(id) ?? getFormatFromId(id);
    let compiled = byCode.get(code);
    if (compiled === undefined) {
      compiled = compile(code, date1904);
      byCode.set(code, compiled);
    }
    return compiled;
  });
  return (style, stored) => {
    const value = Number(stored);
    // a damaged cell keeps its text rather than becoming NaN (or 0, for no text)
    if (stored.length === 0 || !Number.isFinite(value)) return stored;
    return (byStyle[style] ?? formatGeneralNumber)(value);
  };
}

/**
 * Formats a number under Excel's General format as the formula bar shows it, in 15
 * significant digits, scientific only from 1E+15 or below 1E-06 (a narrow cell would show
 * `1.23457E+13`, losing digits, so we never do that).
 * @example formatGeneralNumber(0.1) // '0.1'
 * @example formatGeneralNumber(12345678901234) // '12345678901234'
 */
export function formatGeneralNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(15));
  const magnitude = Math.abs(rounded);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e-6 && magnitude < 1e15) return String(rounded);
  const [mantissa, exponent] = rounded.toExponential().split('e');
  const power = Number(exponent);
  return `${mantissa}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

function compile(code: string, date1904: boolean): (value: number) => string {
  if (/^general$/i.test(code) || code === '@') return formatGeneralNumber;
  const shift = date1904 && isDateFormat(code) ? days1900To1904 : 0;
  const memo = new Map<number, string>();
  return (value) => {
    let text = memo.get(value);
    if (text !== undefined) return text;
    try {
      text = format(code, value + shift);
    } catch {
      // a format numfmt cannot read still must not lose the value
      text = formatGeneralNumber(value);
    }
    if (memo.size >= memoLimit) memo.clear();
    memo.set(value, text);
    return text;
  };
}
