import { z } from 'zod';
import { compileFormat, formatListRule, type FormatPattern, type FormatToken } from './format-pattern.js';
import { orList } from './rule-wording.js';
import type { Transform } from './transform.js';

/** The letters a time format is built from. */
export const TIME_TOKENS: Readonly<Record<string, FormatToken>> = {
  HH: { pattern: '\\d{2}', part: 'hour' },
  H: { pattern: '\\d{1,2}', part: 'hour' },
  mm: { pattern: '\\d{2}', part: 'minute' },
  ss: { pattern: '\\d{2}', part: 'second' },
};
/** The parts every time format gives; seconds are optional. */
export const TIME_PARTS: readonly string[] = ['hour', 'minute'];

/** Why `format` is not a time format, in words, or undefined when it is one. */
export function timeFormatProblem(format: string): string | undefined {
  const compiled = compileFormat(format, TIME_TOKENS, TIME_PARTS);
  return compiled.ok
    ? undefined
    : `"${format}" is not a time format: ${compiled.reason}; build it from HH, H, mm, ss and separators, for example HH:mm`;
}

const timeFormat = z.string().superRefine((format, ctx) => {
  const problem = timeFormatProblem(format);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

export interface TimeOptions {
  readonly formats: readonly string[];
}

const timeOptions = z.strictObject({ formats: z.array(timeFormat).min(1) });

/** A time of day, as numbers. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The time a format's match gives, reading only its time parts; `false` when the clock has no such time. */
export function timeOfMatch(parts: readonly string[], match: RegExpExecArray): ClockTime | false {
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (let index = 0; index < parts.length; index += 1) {
    const number = Number(match[index + 1]);
    const part = parts[index];
    if (part === 'hour') hour = number;
    else if (part === 'minute') minute = number;
    else if (part === 'second') second = number;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  return { hour, minute, second };
}

/** The time as HH:mm:ss. */
export function isoTime(time: ClockTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}:${String(time.second).padStart(2, '0')}`;
}

/** The time as HH:mm:ss, `false` when the shape fits but the clock has no such time, or null. */
function parseWith(pattern: FormatPattern, value: string): string | false | null {
  const match = pattern.regex.exec(value);
  if (match === null) return null;
  const time = timeOfMatch(pattern.parts, match);
  return time === false ? false : isoTime(time);
}

export const timeTransform: Transform<TimeOptions> = {
  name: 'time',
  gives: 'time',
  summary: 'Reads a time of day written in one of the given formats and writes it as HH:mm:ss.',
  usage: 'time: { formats: [HH:mm, HH:mm:ss] }',
  options: timeOptions,
  examples: [
    { options: { formats: ['HH:mm'] }, input: '09:30', output: '09:30:00' },
    { options: { formats: ['HH:mm', 'HH:mm:ss'] }, input: '17:05:09', output: '17:05:09' },
  ],
  describe(options) {
    return `read a time of day written as ${orList(options.formats)}, write it as HH:mm:ss; any other value: reject the row`;
  },
  compile(options) {
    return formatListRule('time', options.formats, TIME_TOKENS, TIME_PARTS, parseWith);
  },
};
