import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { dateTransform } from './date-transform.js';

const formats = { formats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd MMM yyyy'] };
const run = (input: string | null, options: unknown = formats) => applyTransform(dateTransform, input, options);
const help = 'dd, d, MM, M, MMM, yyyy and separators, with HH, mm, ss and SSS for a time written after the date, for example dd/MM/yyyy or yyyy-MM-dd HH:mm:ss';

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
        '"DD/MM/YYYY" is not a date format: "DD" is not one of dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, S, SSS, SSSSSS, T; ' +
          `build it from ${help}`,
      ],
    ]);
  });

  test('refuses a format without a year or with a part twice', () => {
    const parsed = dateTransform.options?.safeParse({ formats: ['dd/MM', 'dd/dd/yyyy'] });
    expect(parsed?.error?.issues.map((issue) => issue.message)).toEqual([
      `"dd/MM" is not a date format: it has no year; build it from ${help}`,
      `"dd/dd/yyyy" is not a date format: it gives the day twice; build it from ${help}`,
    ]);
  });

  describe('a date written with its time, as databases write a DATETIME', () => {
    const datetimes = { formats: ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss.SSS', 'dd/MM/yyyy HH:mm', "yyyy-MM-ddTHH:mm:ss.S"] };

    test.each([
      ['2021-03-04 00:00:00', '2021-03-04'],
      ['2021-03-04 10:15:07', '2021-03-04'],
      ['2021-03-04 23:59:59.999', '2021-03-04'],
      ['04/03/2021 09:30', '2021-03-04'],
      ['2021-03-04T10:15:07.123456', '2021-03-04'],
    ])('%s reads as %s, its time set aside', (input, output) => {
      expect(run(input, datetimes)).toEqual({ ok: true, value: output });
    });

    test.each(['2023-02-30 00:00:00', '0000-00-00 00:00:00', '2021-03-04 24:00:00', '2021-03-04 10:60:00'])('%s is not a real date', (input) => {
      expect(run(input, datetimes)).toEqual({ ok: false, code: 'invalid_value', message: `"${input}" is not a real date` });
    });

    test('keeps a time other than midnight out of the field only when the rule asks for midnight', () => {
      const midnight = { ...datetimes, require_midnight: true };
      expect([run('2021-03-04 00:00:00', midnight), run('2021-03-04 00:00:00.000', midnight), run('2021-03-04 10:15:07', midnight)]).toEqual([
        { ok: true, value: '2021-03-04' },
        { ok: true, value: '2021-03-04' },
        { ok: false, code: 'invalid_value', message: '"2021-03-04 10:15:07" holds a time of day (10:15:07), and this field takes a date alone: read it with a datetime rule, or leave out require_midnight to keep the date only' },
      ]);
    });

    test('says the rule with its time in words', () => {
      expect(dateTransform.describe({ formats: ['yyyy-MM-dd HH:mm:ss'], require_midnight: true })).toBe(
        'read a date written as yyyy-MM-dd HH:mm:ss, write it as yyyy-MM-dd; a time other than midnight, or any other value: reject the row',
      );
      expect(dateTransform.describe({ formats: ['yyyy-MM-dd HH:mm:ss'] })).toBe(
        'read a date written as yyyy-MM-dd HH:mm:ss, write it as yyyy-MM-dd (the time of day is set aside); any other value: reject the row',
      );
    });
  });
});
