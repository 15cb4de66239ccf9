import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { timeTransform } from './time-transform.js';

const run = (input: string | null, formats = ['HH:mm', 'HH:mm:ss']) => applyTransform(timeTransform, input, { formats });

describe('time', () => {
  test.each([
    ['09:30', '09:30:00'],
    ['00:00', '00:00:00'],
    ['23:59:59', '23:59:59'],
  ])('%s -> %s', (input, output) => {
    expect(run(input)).toEqual({ ok: true, value: output });
  });

  test('reads one-digit hours with H', () => {
    expect(run('9.05', ['H.mm'])).toEqual({ ok: true, value: '09:05:00' });
  });

  test.each(['24:00', '12:61', '12:00:60'])('%s is not a real time', (input) => {
    expect(run(input)).toEqual({ ok: false, code: 'invalid_value', message: `"${input}" is not a real time` });
  });

  test.each(['9:30', '12.30', 'noon'])('%s is not in any of the formats', (input) => {
    expect(run(input)).toEqual({
      ok: false,
      code: 'invalid_value',
      message: `"${input}" is not a time in any of the formats HH:mm, HH:mm:ss`,
    });
  });

  test('passes blank through', () => {
    expect(run(null)).toEqual({ ok: true, value: null });
  });

  test('refuses a format without minutes', () => {
    const parsed = timeTransform.options?.safeParse({ formats: ['HH'] });
    expect(parsed?.error?.issues.map((issue) => issue.message)).toEqual([
      '"HH" is not a time format: it has no minute; build it from HH, H, mm, ss and separators, for example HH:mm',
    ]);
  });
});
