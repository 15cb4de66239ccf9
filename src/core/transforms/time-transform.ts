import { z } from 'zod';
import { compileFormat, formatListRule, type FormatPattern, type FormatToken } from './format-pattern.js';
import type { Transform } from './transform.js';

const TIME_TOKENS: Readonly<Record<string, FormatToken>> = {
  HH: { pattern: '\\d{2}', part: 'hour' },
  H: { pattern: '\\d{1,2}', part: 'hour' },
  mm: { pattern: '\\d{2}', part: 'minute' },
  ss: { pattern: '\\d{2}', part: 'second' },
};
const TIME_PARTS = ['hour', 'minute'];

const timeFormat = z.string().superRefine((format, ctx) => {
  const compiled = compileFormat(format, TIME_TOKENS, TIME_PARTS);
  if (!compiled.ok) {
    ctx.addIssue({
      code: 'custom',
      message:
        `"${format}" is not a time format: ${compiled.reason}; ` +
        'build it from HH, H, mm, ss and separators, for example HH:mm',
    });
  }
});

export interface TimeOptions {
  readonly formats: readonly string[];
}

const timeOptions = z.strictObject({ formats: z.array(timeFormat).min(1) });

/** The time as HH:mm:ss, `false` when the shape fits but the clock has no such time, or null. */
function parseWith(pattern: FormatPattern, value: string): string | false | null {
  const match = pattern.regex.exec(value);
  if (match === null) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (let index = 0; index < pattern.parts.length; index += 1) {
    const number = Number(match[index + 1]);
    const part = pattern.parts[index];
    if (part === 'hour') hour = number;
    else if (part === 'minute') minute = number;
    else second = number;
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
}

export const timeTransform: Transform<TimeOptions> = {
  name: 'time',
  summary: 'Reads a time of day written in one of the given formats and writes it as HH:mm:ss.',
  usage: 'time: { formats: [HH:mm, HH:mm:ss] }',
  options: timeOptions,
  examples: [
    { options: { formats: ['HH:mm'] }, input: '09:30', output: '09:30:00' },
    { options: { formats: ['HH:mm', 'HH:mm:ss'] }, input: '17:05:09', output: '17:05:09' },
  ],
  compile(options) {
    return formatListRule('time', options.formats, TIME_TOKENS, TIME_PARTS, parseWith);
  },
};
