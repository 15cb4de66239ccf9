import { describe, expect, test } from 'vitest';
import { applyTransform } from './apply-transform.js';
import { datetimeTransform } from './datetime-transform.js';

const london = { from: 'Visited', formats: ['dd/MM/yyyy HH:mm', 'yyyy-MM-ddTHH:mm:ss'], zone: 'Europe/London' };
const diary = { from: 'Date', formats: ['dd/MM/yyyy'], time_from: 'Time', time_formats: ['HH:mm'], zone: 'Europe/London' };
const run = (columns: readonly (string | null)[], options: unknown = london) => applyTransform(datetimeTransform, null, options, undefined, columns);
const rejected = (message: string) => ({ ok: false, code: 'invalid_value', message });
/** The messages of options that do not validate, with where each points. */
const problems = (options: unknown) => datetimeTransform.options?.safeParse(options).error?.issues.map((issue) => [issue.path, issue.message]);

describe('datetime', () => {
  test('reads UK winter time as UTC and summer time an hour ahead', () => {
    expect([run(['14/01/2021 09:30']), run(['14/07/2021 09:30']), run(['2021-07-14T23:30:15'])]).toEqual([
      { ok: true, value: '2021-01-14T09:30:00Z' },
      { ok: true, value: '2021-07-14T08:30:00Z' },
      { ok: true, value: '2021-07-14T22:30:15Z' },
    ]);
  });

  test('changes to summer time at 01:00 UTC on the last Sunday of March, and back at 01:00 UTC in October', () => {
    expect([run(['28/03/2021 00:59']), run(['28/03/2021 02:00']), run(['31/10/2021 00:59']), run(['31/10/2021 02:00'])]).toEqual([
      { ok: true, value: '2021-03-28T00:59:00Z' },
      { ok: true, value: '2021-03-28T01:00:00Z' },
      { ok: true, value: '2021-10-30T23:59:00Z' },
      { ok: true, value: '2021-10-31T02:00:00Z' },
    ]);
  });

  test('rejects a time the clocks skipped', () => {
    expect([run(['28/03/2021 01:30']), run(['2021-03-28T01:00:30'])]).toEqual([
      rejected('01:30 on 28/03/2021 does not exist in Europe/London: the clocks went forward'),
      rejected('01:00:30 on 28/03/2021 does not exist in Europe/London: the clocks went forward'),
    ]);
  });

  test('rejects a time that happened twice unless told which to take', () => {
    expect([
      run(['31/10/2021 01:30']),
      run(['31/10/2021 01:30'], { ...london, ambiguous: 'reject' }),
      run(['31/10/2021 01:30'], { ...london, ambiguous: 'earlier' }),
      run(['31/10/2021 01:30'], { ...london, ambiguous: 'later' }),
      run(['31/10/2021 00:30'], { ...london, ambiguous: 'later' }),
    ]).toEqual([
      rejected('01:30 on 31/10/2021 happened twice in Europe/London: the clocks went back; write ambiguous: earlier or ambiguous: later to say which to take'),
      rejected('01:30 on 31/10/2021 happened twice in Europe/London: the clocks went back; write ambiguous: earlier or ambiguous: later to say which to take'),
      { ok: true, value: '2021-10-31T00:30:00Z' },
      { ok: true, value: '2021-10-31T01:30:00Z' },
      { ok: true, value: '2021-10-30T23:30:00Z' },
    ]);
  });

  test('reads other zones with their own offsets and change dates', () => {
    const paris = { ...london, zone: 'Europe/Paris' };
    const newYork = { ...london, zone: 'America/New_York' };
    expect([
      run(['14/01/2021 09:30'], paris),
      run(['14/07/2021 09:30'], paris),
      run(['28/03/2021 02:30'], paris),
      run(['14/01/2021 09:30'], newYork),
      run(['14/07/2021 09:30'], newYork),
      run(['28/03/2021 01:30'], newYork),
      run(['14/03/2021 02:30'], newYork),
      run(['07/11/2021 01:30'], newYork),
    ]).toEqual([
      { ok: true, value: '2021-01-14T08:30:00Z' },
      { ok: true, value: '2021-07-14T07:30:00Z' },
      rejected('02:30 on 28/03/2021 does not exist in Europe/Paris: the clocks went forward'),
      { ok: true, value: '2021-01-14T14:30:00Z' },
      { ok: true, value: '2021-07-14T13:30:00Z' },
      { ok: true, value: '2021-03-28T05:30:00Z' },
      rejected('02:30 on 14/03/2021 does not exist in America/New_York: the clocks went forward'),
      rejected('01:30 on 07/11/2021 happened twice in America/New_York: the clocks went back; write ambiguous: earlier or ambiguous: later to say which to take'),
    ]);
  });

  test('reads UTC as it is, with no gap or overlap', () => {
    const utc = { ...london, zone: 'UTC' };
    expect([run(['14/07/2021 09:30'], utc), run(['28/03/2021 01:30'], utc), run(['31/10/2021 01:30'], utc)]).toEqual([
      { ok: true, value: '2021-07-14T09:30:00Z' },
      { ok: true, value: '2021-03-28T01:30:00Z' },
      { ok: true, value: '2021-10-31T01:30:00Z' },
    ]);
  });

  test('writes the UTC day, which may be the day before', () => {
    expect(run(['01/07/2021 00:30'])).toEqual({ ok: true, value: '2021-06-30T23:30:00Z' });
  });

  test('trims the value and passes blank through', () => {
    expect([run([' 14/07/2021 09:30 ']), run(['  ']), run([null]), run([])]).toEqual([
      { ok: true, value: '2021-07-14T08:30:00Z' },
      { ok: true, value: null },
      { ok: true, value: null },
      { ok: true, value: null },
    ]);
  });

  test('rejects a day or time that does not exist, as the date and time transforms do', () => {
    expect([run(['31/02/2021 09:30']), run(['29/02/2023 09:30']), run(['14/07/2021 24:00']), run(['2021-07-14T09:30:60'])]).toEqual([
      rejected('"31/02/2021 09:30" is not a real date and time'),
      rejected('"29/02/2023 09:30" is not a real date and time'),
      rejected('"14/07/2021 24:00" is not a real date and time'),
      rejected('"2021-07-14T09:30:60" is not a real date and time'),
    ]);
  });

  test('rejects a value in none of the formats', () => {
    expect([run(['14/07/2021']), run(['2021-07-14 09:30:00']), run(['14/07/2021 09:30Z'])]).toEqual([
      rejected('"14/07/2021" is not a date and time in any of the formats dd/MM/yyyy HH:mm, yyyy-MM-ddTHH:mm:ss'),
      rejected('"2021-07-14 09:30:00" is not a date and time in any of the formats dd/MM/yyyy HH:mm, yyyy-MM-ddTHH:mm:ss'),
      rejected('"14/07/2021 09:30Z" is not a date and time in any of the formats dd/MM/yyyy HH:mm, yyyy-MM-ddTHH:mm:ss'),
    ]);
  });

  test('reads month names and one-digit days and hours', () => {
    expect(run(['3 Sept 2021 9.05'], { ...london, formats: ['d MMM yyyy H.mm'] })).toEqual({ ok: true, value: '2021-09-03T08:05:00Z' });
  });

  test('reads the column it names', () => {
    const options = datetimeTransform.options?.parse({ ...london, from: ['Visited', 'VisitDate'] });
    expect(options === undefined ? undefined : datetimeTransform.readsColumns?.(options)).toEqual([['Visited', 'VisitDate']]);
    expect(datetimeTransform.makesValue).toBe(true);
  });

  test('normalises its options, rejecting by default', () => {
    expect(datetimeTransform.options?.parse(london)).toEqual({
      from: ['Visited'],
      formats: ['dd/MM/yyyy HH:mm', 'yyyy-MM-ddTHH:mm:ss'],
      zone: 'Europe/London',
      ambiguous: 'reject',
      blank_time: 'reject',
    });
  });
});

describe('datetime with the time in its own column', () => {
  const runDiary = (date: string | null, time: string | null, options: unknown = diary) => run([date, time], options);

  test('reads the date from one column and the time from the other', () => {
    expect([runDiary('14/01/2021', '09:30'), runDiary(' 14/07/2021 ', ' 09:30 '), runDiary('31/10/2021', '01:30', { ...diary, ambiguous: 'earlier' })]).toEqual([
      { ok: true, value: '2021-01-14T09:30:00Z' },
      { ok: true, value: '2021-07-14T08:30:00Z' },
      { ok: true, value: '2021-10-31T00:30:00Z' },
    ]);
  });

  test('reads both columns, date first', () => {
    const options = datetimeTransform.options?.parse({ ...diary, time_from: ['Time', 'ApptTime'] });
    expect(options === undefined ? undefined : datetimeTransform.readsColumns?.(options)).toEqual([['Date'], ['Time', 'ApptTime']]);
  });

  test('rejects a blank time unless told to read it as midnight', () => {
    expect([runDiary('14/07/2021', null), runDiary('14/07/2021', ' ', { ...diary, blank_time: 'reject' }), runDiary('14/07/2021', '', { ...diary, blank_time: 'midnight' })]).toEqual([
      rejected('the date "14/07/2021" has no time: Time is blank; write blank_time: midnight to read a blank time as 00:00'),
      rejected('the date "14/07/2021" has no time: Time is blank; write blank_time: midnight to read a blank time as 00:00'),
      { ok: true, value: '2021-07-13T23:00:00Z' },
    ]);
  });

  test('passes blank through when both are blank, and rejects a time without a date', () => {
    expect([runDiary(null, null), runDiary('', ' '), runDiary(null, '09:30')]).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
      rejected('the time "09:30" has no date: Date is blank'),
    ]);
  });

  test('rejects a date or time that does not exist, or is in none of the formats', () => {
    expect([runDiary('31/02/2021', '09:30'), runDiary('14/07/2021', '24:00'), runDiary('2021-07-14', '09:30'), runDiary('14/07/2021', '9:30'), runDiary('28/03/2021', '01:30')]).toEqual([
      rejected('"31/02/2021" is not a real date'),
      rejected('"24:00" is not a real time'),
      rejected('"2021-07-14" is not a date in any of the formats dd/MM/yyyy'),
      rejected('"9:30" is not a time in any of the formats HH:mm'),
      rejected('01:30 on 28/03/2021 does not exist in Europe/London: the clocks went forward'),
    ]);
  });
});

describe('datetime options', () => {
  const zoneHelp = 'Write a name from the time zone database, such as Europe/London, Europe/Paris, America/New_York or UTC';

  test('refuse a zone that does not exist, suggesting the one meant', () => {
    expect([problems({ ...london, zone: 'Europe/Londn' }), problems({ ...london, zone: 'BST' })]).toEqual([
      [[['zone'], `"Europe/Londn" is not a time zone. Did you mean "Europe/London"? ${zoneHelp}`]],
      [[['zone'], `"BST" is an abbreviation, and abbreviations are ambiguous: Intl reads it as Asia/Dhaka. ${zoneHelp}`]],
    ]);
  });

  test('refuse a format that is not a date and time', () => {
    const help = 'build it from dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, T and separators, for example dd/MM/yyyy HH:mm, or read the time from its own column with time_from';
    expect(problems({ ...london, formats: ['dd/MM/yyyy', 'DD/MM/YYYY HH:mm', 'dd/MM/yyyy HH:mm'] })).toEqual([
      [['formats', 0], `"dd/MM/yyyy" is not a date-and-time format: it has no hour or minute; ${help}`],
      [['formats', 1], `"DD/MM/YYYY HH:mm" is not a date-and-time format: "DD" is not one of dd, d, MM, M, MMM, yyyy, HH, H, mm, ss, T; ${help}`],
    ]);
  });

  test('refuse a time in the date format when the time has its own column, and a bad time format', () => {
    expect(problems({ ...diary, formats: ['dd/MM/yyyy HH:mm', 'dd/MM'], time_formats: ['HH'] })).toEqual([
      [['time_formats', 0], '"HH" is not a time format: it has no minute; build it from HH, H, mm, ss and separators, for example HH:mm'],
      [['formats', 0], '"dd/MM/yyyy HH:mm" gives a time, but the time comes from Time (time_from); write the date alone, for example dd/MM/yyyy'],
      [['formats', 1], '"dd/MM" is not a date format: it has no year; build it from dd, d, MM, M, MMM, yyyy and separators, for example dd/MM/yyyy'],
    ]);
  });

  test('refuse time options without the time column, and the time column without its formats', () => {
    expect([
      problems({ ...london, time_formats: ['HH:mm'], blank_time: 'midnight' }),
      problems({ ...diary, time_formats: undefined }),
    ]).toEqual([
      [
        [['time_formats'], 'time_formats is about a time read from its own column; add time_from naming that column, or remove time_formats'],
        [['blank_time'], 'blank_time is about a time read from its own column; add time_from naming that column, or remove blank_time'],
      ],
      [[['time_from'], 'the time in Time needs its formats: add time_formats, for example [HH:mm]']],
    ]);
  });

  test('refuse a choice that is not offered', () => {
    expect(datetimeTransform.options?.safeParse({ ...diary, ambiguous: 'guess', blank_time: 'noon' }).error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      [['blank_time'], 'invalid_value'],
      [['ambiguous'], 'invalid_value'],
    ]);
  });

  test('need a column, formats and a zone', () => {
    expect(datetimeTransform.options?.safeParse({}).error?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      [['from'], 'invalid_union'],
      [['formats'], 'invalid_type'],
      [['zone'], 'invalid_type'],
    ]);
  });
});
