import { z } from 'zod';
import { compileFormat, formatListRule, type FormatPattern, type FormatToken } from './format-pattern.js';
import { orList } from './rule-wording.js';
import type { Transform } from './transform.js';

/** The letters a date format is built from. */
export const DATE_TOKENS: Readonly<Record<string, FormatToken>> = {
  dd: { pattern: '\\d{2}', part: 'day' },
  d: { pattern: '\\d{1,2}', part: 'day' },
  MM: { pattern: '\\d{2}', part: 'month' },
  M: { pattern: '\\d{1,2}', part: 'month' },
  MMM: { pattern: '[A-Za-z]{3,4}', part: 'month' },
  yyyy: { pattern: '\\d{4}', part: 'year' },
};
/** The parts every date format gives. */
export const DATE_PARTS: readonly string[] = ['day', 'month', 'year'];

const MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6],
  ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Why `format` is not a date format, in words, or undefined when it is one. */
export function dateFormatProblem(format: string): string | undefined {
  const compiled = compileFormat(format, DATE_TOKENS, DATE_PARTS);
  return compiled.ok
    ? undefined
    : `"${format}" is not a date format: ${compiled.reason}; build it from dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy`;
}

const dateFormat = z.string().superRefine((format, ctx) => {
  const problem = dateFormatProblem(format);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

export interface DateOptions {
  readonly formats: readonly string[];
}

const dateOptions = z.strictObject({ formats: z.array(dateFormat).min(1) });

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The month a captured text names: digits, or a short English month name. */
function monthOf(text: string): number | undefined {
  return /^\d/.test(text) ? Number(text) : MONTH_NAMES.get(text.toLowerCase());
}

/** A day of the calendar, as numbers. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The day a format's match gives, reading only its date parts; `false` when the value has
 * the format's shape but no such day exists, null when a month name is not one we know.
 */
export function dateOfMatch(parts: readonly string[], match: RegExpExecArray): CalendarDate | false | null {
  let day = 0;
  let month: number | undefined = 0;
  let year = 0;
  for (let index = 0; index < parts.length; index += 1) {
    const text = match[index + 1] as string;
    const part = parts[index];
    if (part === 'day') day = Number(text);
    else if (part === 'month') month = monthOf(text);
    else if (part === 'year') year = Number(text);
  }
  // an unknown month name is a different shape, not an impossible date
  if (month === undefined) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return { year, month, day };
}

/** The day as yyyy-MM-dd. */
export function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The ISO date, `false` when the value has the format's shape but no such day exists, or null. */
function parseWith(pattern: FormatPattern, value: string): string | false | null {
  const match = pattern.regex.exec(value);
  if (match === null) return null;
  const date = dateOfMatch(pattern.parts, match);
  return date === null || date === false ? date : isoDate(date);
}

export const dateTransform: Transform<DateOptions> = {
  name: 'date',
  gives: 'date',
  summary: 'Reads a date written in one of the given formats and writes it as yyyy-MM-dd.',
  usage: 'date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }',
  options: dateOptions,
  examples: [
    { options: { formats: ['dd/MM/yyyy'] }, input: '03/02/2021', output: '2021-02-03' },
    { options: { formats: ['dd/MM/yyyy', 'd MMM yyyy'] }, input: '3 Sept 2021', output: '2021-09-03' },
  ],
  describe(options) {
    return `read a date written as ${orList(options.formats)}, write it as yyyy-MM-dd; any other value: reject the row`;
  },
  compile(options) {
    return formatListRule('date', options.formats, DATE_TOKENS, DATE_PARTS, parseWith);
  },
};
