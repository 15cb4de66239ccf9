import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { dateTransform } from './date-transform.js';

const formats = { formats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] };
const run = (input: string | null, options: unknown = formats) => applyTransform(dateTransform, input, options);

describe('date', () => {
  test.each([
    ['03/02/2021', '2021-02-03'],
    ['2021-02-03', '2021-02-03'],
    ['3 Feb 2021', '2021-02-03'],
    ['3 FEB 2021', '2021-02-03'],
    ['14 sept 2021', '2021-09-14'],
    ['14 Sep 2021', '2021-09-14'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/1999', '1999-12-31'],
  ])('%s -> %s', (input, output) => {
    expect(run(input)).toEqual({ ok: true, value: output });
  });

  test('tries the formats in order', () => {
    expect(run('02/03/2021', { formats: ['MM/dd/yyyy', 'dd/MM/yyyy'] })).toEqual({ ok: true, value: '2021-02-03' });
  });

  test('moves on to the next format when a day does not exist in the first', () => {
    expect(run('13/02/2021', { formats: ['MM/dd/yyyy', 'dd/MM/yyyy'] })).toEqual({ ok: true, value: '2021-02-13' });
  });

  test('reads one-digit days and months with d and M', () => {
    expect(run('3/2/2021', { formats: ['d/M/yyyy'] })).toEqual({ ok: true, value: '2021-02-03' });
    expect(run('03/02/2021', { formats: ['d/M/yyyy'] })).toEqual({ ok: true, value: '2021-02-03' });
  });

  test.each(['31/02/2021', '29/02/2023', '29/02/1900', '01/13/2021', '00/01/2021', '31/04/2021', '01/01/0000'])(
    '%s is not a real date',
    (input) => {
      expect(run(input)).toEqual({ ok: false, code: 'invalid_value', message: `"${input}" is not a real date` });
    },
  );

  test.each(['2021.02.03', '3 Foo 2021', '3/2/21', '03/02/2021 10:00', 'June 2021'])(
    '%s is not in any of the formats',
    (input) => {
      expect(run(input, { formats: ['dd/MM/yyyy', 'yyyy-MM-dd'] })).toEqual({
        ok: false,
        code: 'invalid_value',
        message: `"${input}" is not a date in any of the formats dd/MM/yyyy, yyyy-MM-dd`,
      });
    },
  );

  test('passes blank through', () => {
    expect(run(null)).toEqual({ ok: true, value: null });
  });

  test('refuses a format with unknown letters, with what to write instead', () => {
    const parsed = dateTransform.options?.safeParse({ formats: ['DD/MM/YYYY'] });
    expect(parsed?.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ['formats', 0],
        '"DD/MM/YYYY" is not a date format: "DD" is not one of dd, d, MM, M, MMM, yyyy; ' +
          'build it from dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy',
      ],
    ]);
  });

  test('refuses a format without a year or with a part twice', () => {
    const parsed = dateTransform.options?.safeParse({ formats: ['dd/MM', 'dd/dd/yyyy'] });
    expect(parsed?.error?.issues.map((issue) => issue.message)).toEqual([
      '"dd/MM" is not a date format: it has no year; build it from dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy',
      '"dd/dd/yyyy" is not a date format: it gives the day twice; build it from dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy',
    ]);
  });
});
