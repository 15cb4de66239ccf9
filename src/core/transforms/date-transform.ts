import { z } from 'zod';
import { compileFormat, formatListRule, type FormatPattern, type FormatToken } from './format-pattern.js';
import { orList } from './rule-wording.js';
import { TIME_TOKENS, timeOfMatch } from './time-transform.js';
import { invalidValue, type Transform } from './transform.js';

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

// a date format may go on with the time a database writes after it (2021-03-04 10:15:07.123):
// checked as a real time, then set aside; S reads any number of digits of a fraction
const DATE_FORMAT_TOKENS: Readonly<Record<string, FormatToken>> = {
  ...DATE_TOKENS,
  ...TIME_TOKENS,
  S: { pattern: '\\d{1,9}', part: 'fraction' },
  SSS: { pattern: '\\d{3}', part: 'fraction' },
  SSSSSS: { pattern: '\\d{6}', part: 'fraction' },
  T: { pattern: 'T' },
};

const MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6],
  ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10], ['nov', 11], ['dec', 12],
]);

/** Why `format` is not a date format, in words, or undefined when it is one; `withTime` false for a date alone. */
export function dateFormatProblem(format: string, withTime = true): string | undefined {
  const compiled = compileFormat(format, withTime ? DATE_FORMAT_TOKENS : DATE_TOKENS, DATE_PARTS);
  if (compiled.ok) return undefined;
  const build = withTime
    ? 'dd, d, MM, M, MMM, yyyy and separators, with HH, mm, ss and SSS for a time written after the date, for example dd/MM/yyyy or yyyy-MM-dd HH:mm:ss'
    : 'dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy';
  return `"${format}" is not a date format: ${compiled.reason}; build it from ${build}`;
}

const dateFormat = z.string().superRefine((format, ctx) => {
  const problem = dateFormatProblem(format);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

export interface DateOptions {
  readonly formats: readonly string[];
  /** A value written with a time other than midnight is rejected rather than read as its day. */
  readonly require_midnight?: boolean;
}

const dateOptions = z.strictObject({ formats: z.array(dateFormat).min(1), require_midnight: z.boolean().optional() });

/** True when a format (already validated) gives a time of day after the date. */
export function formatHasTime(format: string): boolean {
  const compiled = compileFormat(format, DATE_FORMAT_TOKENS, DATE_PARTS);
  return compiled.ok && compiled.pattern.parts.includes('hour');
}

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

/** The time a match gives after its date, as HH:mm:ss(.fraction); `false` when the clock has no such time; null when it gives none. */
function timeAfterDate(parts: readonly string[], match: RegExpExecArray): string | false | null {
  if (!parts.includes('hour')) return null;
  const time = timeOfMatch(parts, match);
  if (time === false) return false;
  const fraction = parts.indexOf('fraction');
  const digits = fraction < 0 ? '' : (match[fraction + 1] as string);
  const clock = [time.hour, time.minute, time.second].map((n) => String(n).padStart(2, '0')).join(':');
  return /[1-9]/.test(digits) ? `${clock}.${digits}` : clock;
}

/** Reads with one format: the ISO date, `false` when no such day (or time) exists, null when the shape differs; with the time of day seen. */
function readDate(pattern: FormatPattern, value: string): { date: string; time: string | null } | false | null {
  const match = pattern.regex.exec(value);
  if (match === null) return null;
  const date = dateOfMatch(pattern.parts, match);
  if (date === null || date === false) return date;
  const time = timeAfterDate(pattern.parts, match);
  return time === false ? false : { date: isoDate(date), time };
}

function parseWith(pattern: FormatPattern, value: string): string | false | null {
  const read = readDate(pattern, value);
  return read === null || read === false ? read : read.date;
}

const midnight = /^00:00:00$/;

export const dateTransform: Transform<DateOptions> = {
  name: 'date',
  gives: 'date',
  summary: 'Reads a date written in one of the given formats and writes it as yyyy-MM-dd.',
  usage: 'date: { formats: [dd/MM/yyyy, yyyy-MM-dd, d MMM yyyy] }',
  options: dateOptions,
  examples: [
    { options: { formats: ['dd/MM/yyyy'] }, input: '03/02/2021', output: '2021-02-03' },
    { options: { formats: ['dd/MM/yyyy', 'd MMM yyyy'] }, input: '3 Sept 2021', output: '2021-09-03' },
    { options: { formats: ['yyyy-MM-dd HH:mm:ss'] }, input: '2021-09-03 00:00:00', output: '2021-09-03' },
  ],
  describe(options) {
    const written = `read a date written as ${orList(options.formats)}, write it as yyyy-MM-dd`;
    if (!options.formats.some(formatHasTime)) return `${written}; any other value: reject the row`;
    return options.require_midnight
      ? `${written}; a time other than midnight, or any other value: reject the row`
      : `${written} (the time of day is set aside); any other value: reject the row`;
  },
  compile(options) {
    const rule = formatListRule('date', options.formats, DATE_FORMAT_TOKENS, DATE_PARTS, parseWith);
    if (!options.require_midnight || !options.formats.some(formatHasTime)) return rule;
    const patterns = options.formats.map((format) => (compileFormat(format, DATE_FORMAT_TOKENS, DATE_PARTS) as { ok: true; pattern: FormatPattern }).pattern);
    return (value, ctx) => {
      const output = rule(value, ctx);
      if (typeof output !== 'string' || value === null) return output;
      // the format that read it says whether a time came with the date
      for (const pattern of patterns) {
        const read = readDate(pattern, value);
        if (read === null || read === false) continue;
        if (read.time !== null && !midnight.test(read.time)) {
          return invalidValue(`"${value}" holds a time of day (${read.time}), and this field takes a date alone: read it with a datetime rule, or leave out require_midnight to keep the date only`);
        }
        break;
      }
      return output;
    };
  },
};
