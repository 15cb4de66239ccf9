import { z } from 'zod';
import { DATE_PARTS, DATE_TOKENS, dateFormatProblem, dateOfMatch, dateTransform, isoDate } from './date-transform.js';
import { compileFormat, formatListRule, type FormatPattern, type FormatToken } from './format-pattern.js';
import { columnNamesOption } from './option-schemas.js';
import { orList } from './rule-wording.js';
import { TIME_PARTS, TIME_TOKENS, isoTime, timeFormatProblem, timeOfMatch, timeTransform } from './time-transform.js';
import { timeZoneProblem, zoneReader, type LocalDateTime, type ZoneReading } from './time-zone.js';
import { invalidValue, isFailure, type LookupContext, type Transform, type TransformOutput } from './transform.js';

// the T of yyyy-MM-ddTHH:mm is matched as itself
const DATETIME_TOKENS: Readonly<Record<string, FormatToken>> = { ...DATE_TOKENS, ...TIME_TOKENS, T: { pattern: 'T' } };
const DATETIME_PARTS = [...DATE_PARTS, ...TIME_PARTS];

/** Why `format` is not a date-and-time format, in words, or undefined when it is one. */
function datetimeFormatProblem(format: string): string | undefined {
  const compiled = compileFormat(format, DATETIME_TOKENS, DATETIME_PARTS);
  return compiled.ok
    ? undefined
    : `"${format}" is not a date-and-time format: ${compiled.reason}; build it from ${Object.keys(DATETIME_TOKENS).join(', ')} ` +
        'and separators, for example dd/MM/yyyy HH:mm, or read the time from its own column with time_from';
}

/** Why `format` cannot be the date of a date read with its time from another column, or undefined. */
function dateOnlyFormatProblem(format: string, timeColumn: string): string | undefined {
  const compiled = compileFormat(format, DATETIME_TOKENS, DATE_PARTS);
  if (compiled.ok && compiled.pattern.parts.some((part) => TIME_PARTS.includes(part) || part === 'second')) {
    return `"${format}" gives a time, but the time comes from ${timeColumn} (time_from); write the date alone, for example dd/MM/yyyy`;
  }
  return dateFormatProblem(format, false);
}

export interface DatetimeOptions {
  /** The column with the date, and the time too unless `time_from` names its own column. */
  readonly from: readonly string[];
  readonly formats: readonly string[];
  /** A name from the time zone database, such as Europe/London. */
  readonly zone: string;
  readonly time_from?: readonly string[];
  readonly time_formats?: readonly string[];
  /** A date whose time column is blank: rejected, or read as 00:00. */
  readonly blank_time: 'reject' | 'midnight';
  /** A local time that happens twice when the clocks go back. */
  readonly ambiguous: 'reject' | 'earlier' | 'later';
}

const zoneOption = z.string().superRefine((zone, ctx) => {
  const problem = timeZoneProblem(zone);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const timeFormat = z.string().superRefine((format, ctx) => {
  const problem = timeFormatProblem(format);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const datetimeOptions = z
  .strictObject({
    from: columnNamesOption,
    formats: z.array(z.string()).min(1),
    zone: zoneOption,
    time_from: columnNamesOption.optional(),
    time_formats: z.array(timeFormat).min(1).optional(),
    blank_time: z.enum(['reject', 'midnight']).optional(),
    ambiguous: z.enum(['reject', 'earlier', 'later']).default('reject'),
  })
  .superRefine((options, ctx) => {
    const timeColumn = options.time_from?.[0];
    options.formats.forEach((format, index) => {
      const problem = timeColumn === undefined ? datetimeFormatProblem(format) : dateOnlyFormatProblem(format, timeColumn);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['formats', index], message: problem });
    });
    if (timeColumn !== undefined && options.time_formats === undefined) {
      ctx.addIssue({ code: 'custom', path: ['time_from'], message: `the time in ${timeColumn} needs its formats: add time_formats, for example [HH:mm]` });
    }
    for (const key of ['time_formats', 'blank_time'] as const) {
      if (timeColumn === undefined && options[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is about a time read from its own column; add time_from naming that column, or remove ${key}` });
      }
    }
  })
  .transform(({ blank_time, ...options }): DatetimeOptions => ({ ...options, blank_time: blank_time ?? 'reject' }));

/** A local date and time read from the row's columns as yyyy-MM-ddTHH:mm:ss, blank, or a failure. */
type LocalReader = (columns: readonly (string | null)[], ctx: LookupContext) => TransformOutput;

/** A column's value trimmed, blank as null. */
function cleaned(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/** The local date and time as a format's match gives them, false when no such day or time exists, or null. */
function readDatetime(pattern: FormatPattern, value: string): string | false | null {
  const match = pattern.regex.exec(value);
  if (match === null) return null;
  const date = dateOfMatch(pattern.parts, match);
  if (date === null || date === false) return date;
  const time = timeOfMatch(pattern.parts, match);
  return time === false ? false : `${isoDate(date)}T${isoTime(time)}`;
}

/** Reads a date and time written together in one column. */
function oneColumnReader(options: DatetimeOptions): LocalReader {
  const rule = formatListRule('date and time', options.formats, DATETIME_TOKENS, DATETIME_PARTS, readDatetime);
  return (columns, ctx) => rule(cleaned(columns[0]), ctx);
}

/** Reads a date from one column and its time from another. */
function twoColumnReader(options: DatetimeOptions, timeColumn: readonly string[]): LocalReader {
  const dateRule = dateTransform.compile({ formats: options.formats });
  const timeRule = timeTransform.compile({ formats: options.time_formats ?? [] });
  const [dateName] = options.from;
  const [timeName] = timeColumn;
  return (columns, ctx) => {
    const dateText = cleaned(columns[0]);
    const timeText = cleaned(columns[1]);
    if (dateText === null) return timeText === null ? null : invalidValue(`the time "${timeText}" has no date: ${dateName} is blank`);
    const date = dateRule(dateText, ctx);
    if (date === null || isFailure(date)) return date;
    if (timeText === null) {
      return options.blank_time === 'midnight'
        ? `${date}T00:00:00`
        : invalidValue(`the date "${dateText}" has no time: ${timeName} is blank; write blank_time: midnight to read a blank time as 00:00`);
    }
    const time = timeRule(timeText, ctx);
    if (time === null || isFailure(time)) return time;
    return `${date}T${time}`;
  };
}

/** Numbers of a yyyy-MM-ddTHH:mm:ss text. */
function localOf(text: string): LocalDateTime {
  const number = (start: number, end: number): number => Number(text.slice(start, end));
  return { year: number(0, 4), month: number(5, 7), day: number(8, 10), hour: number(11, 13), minute: number(14, 16), second: number(17, 19) };
}

/** A local time as people write it in the UK: 01:30 on 28/03/2021 (seconds only when there are some). */
function spoken(local: string): string {
  const time = local.endsWith(':00') ? local.slice(11, 16) : local.slice(11, 19);
  return `${time} on ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** An instant as yyyy-MM-ddTHH:mm:ssZ. */
function utcText(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, -5)}Z`;
}

/** The instant a reading gives, choosing in an overlap as the options say. */
function instantText(reading: ZoneReading, local: string, options: DatetimeOptions): TransformOutput {
  if (reading.kind === 'instant') return utcText(reading.instant);
  if (reading.kind === 'gap') return invalidValue(`${spoken(local)} does not exist in ${options.zone}: the clocks went forward`);
  if (options.ambiguous === 'earlier') return utcText(reading.earlier);
  if (options.ambiguous === 'later') return utcText(reading.later);
  return invalidValue(
    `${spoken(local)} happened twice in ${options.zone}: the clocks went back; ` +
      'write ambiguous: earlier or ambiguous: later to say which to take',
  );
}

export const datetimeTransform: Transform<DatetimeOptions> = {
  name: 'datetime',
  gives: 'timestamp',
  summary:
    'Reads a local date and time, from one column or from a date column and a time column, in the given formats and time zone, ' +
    'and writes the instant in UTC as yyyy-MM-ddTHH:mm:ssZ.',
  usage:
    'datetime: { from: COLUMN, formats: [dd/MM/yyyy HH:mm, yyyy-MM-ddTHH:mm:ss], zone: Europe/London, ambiguous: reject } ' +
    'as the first rule of a field without from; with the time in its own column: ' +
    'datetime: { from: DATE_COLUMN, formats: [dd/MM/yyyy], time_from: TIME_COLUMN, time_formats: [HH:mm], blank_time: reject, zone: Europe/London }',
  options: datetimeOptions,
  examples: [
    {
      options: { from: 'Visited', formats: ['dd/MM/yyyy HH:mm'], zone: 'Europe/London' },
      input: '14/07/2021 09:30',
      columns: ['14/07/2021 09:30'],
      output: '2021-07-14T08:30:00Z',
    },
    {
      options: { from: 'Date', formats: ['dd/MM/yyyy'], time_from: 'Time', time_formats: ['HH:mm'], zone: 'Europe/London' },
      input: '14/01/2021 | 09:30',
      columns: ['14/01/2021', '09:30'],
      output: '2021-01-14T09:30:00Z',
    },
    {
      options: { from: 'Date', formats: ['d MMM yyyy'], time_from: 'Time', time_formats: ['HH:mm'], blank_time: 'midnight', zone: 'America/New_York' },
      input: '4 Jul 2021 | (blank)',
      columns: ['4 Jul 2021', ' '],
      output: '2021-07-04T04:00:00Z',
    },
    {
      options: { from: 'Logged', formats: ['yyyy-MM-ddTHH:mm:ss'], zone: 'Europe/London', ambiguous: 'earlier' },
      input: '2021-10-31T01:30:00',
      columns: ['2021-10-31T01:30:00'],
      output: '2021-10-31T00:30:00Z',
    },
  ],
  makesValue: true,
  describe(options) {
    const read =
      options.time_from === undefined
        ? `read a date and time written as ${orList(options.formats)} from ${options.from[0]}`
        : `read a date written as ${orList(options.formats)} from ${options.from[0]} and a time written as ` +
          `${orList(options.time_formats ?? [])} from ${options.time_from[0]}`;
    const blankTime = options.time_from === undefined ? '' : `; blank time: ${options.blank_time === 'midnight' ? 'read it as 00:00' : 'reject the row'}`;
    const twice = options.ambiguous === 'reject' ? 'reject the row' : `take the ${options.ambiguous} one`;
    return (
      `${read} as local time in ${options.zone}, write the moment in UTC as yyyy-MM-ddTHH:mm:ssZ${blankTime}; ` +
      `a time skipped when the clocks go forward: reject the row; a time repeated when they go back: ${twice}; any other value: reject the row`
    );
  },
  readsColumns(options) {
    return options.time_from === undefined ? [options.from] : [options.from, options.time_from];
  },
  compile(options) {
    const readLocal = options.time_from === undefined ? oneColumnReader(options) : twoColumnReader(options, options.time_from);
    const inZone = zoneReader(options.zone);
    return (_value, ctx, columns = []) => {
      const local = readLocal(columns, ctx);
      if (local === null || isFailure(local)) return local;
      return instantText(inZone(localOf(local)), local, options);
    };
  },
};
