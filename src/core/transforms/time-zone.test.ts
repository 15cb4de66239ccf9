import { describe, expect, test } from 'vitest';
import { timeZoneProblem, zoneReader, type LocalDateTime } from './time-zone.js';

const at = (text: string): LocalDateTime => {
  const [year, month, day, hour, minute, second = 0] = text.split(/[-T:]/).map(Number) as [number, number, number, number, number, number?];
  return { year, month, day, hour, minute, second };
};
const instant = (iso: string): number => Date.parse(iso);

describe('zoneReader', () => {
  const london = zoneReader('Europe/London');

  test('reads UK winter time as UTC and summer time an hour ahead', () => {
    expect([london(at('2021-01-14T09:30')), london(at('2021-07-14T09:30'))]).toEqual([
      { kind: 'instant', instant: instant('2021-01-14T09:30:00Z') },
      { kind: 'instant', instant: instant('2021-07-14T08:30:00Z') },
    ]);
  });

  test('finds no instant in the hour the clocks go forward', () => {
    expect([london(at('2021-03-28T00:59:59')), london(at('2021-03-28T01:00')), london(at('2021-03-28T01:59:59')), london(at('2021-03-28T02:00'))]).toEqual([
      { kind: 'instant', instant: instant('2021-03-28T00:59:59Z') },
      { kind: 'gap' },
      { kind: 'gap' },
      { kind: 'instant', instant: instant('2021-03-28T01:00:00Z') },
    ]);
  });

  test('finds two instants in the hour the clocks go back', () => {
    expect([london(at('2021-10-31T00:59:59')), london(at('2021-10-31T01:30')), london(at('2021-10-31T02:00'))]).toEqual([
      { kind: 'instant', instant: instant('2021-10-30T23:59:59Z') },
      { kind: 'overlap', earlier: instant('2021-10-31T00:30:00Z'), later: instant('2021-10-31T01:30:00Z') },
      { kind: 'instant', instant: instant('2021-10-31T02:00:00Z') },
    ]);
  });

  test('gives the same answer when a day is read again', () => {
    const reader = zoneReader('Europe/London');
    expect([reader(at('2021-07-14T09:30')), reader(at('2021-07-14T23:00')), reader(at('2021-10-31T01:30')), reader(at('2021-10-31T01:30'))]).toEqual([
      { kind: 'instant', instant: instant('2021-07-14T08:30:00Z') },
      { kind: 'instant', instant: instant('2021-07-14T22:00:00Z') },
      { kind: 'overlap', earlier: instant('2021-10-31T00:30:00Z'), later: instant('2021-10-31T01:30:00Z') },
      { kind: 'overlap', earlier: instant('2021-10-31T00:30:00Z'), later: instant('2021-10-31T01:30:00Z') },
    ]);
  });

  test('knows other zones and their own change dates', () => {
    const paris = zoneReader('Europe/Paris');
    const newYork = zoneReader('America/New_York');
    expect([
      paris(at('2021-01-14T09:30')),
      paris(at('2021-07-14T09:30')),
      paris(at('2021-03-28T02:30')),
      newYork(at('2021-03-14T02:30')),
      newYork(at('2021-03-28T01:30')),
      newYork(at('2021-11-07T01:30')),
    ]).toEqual([
      { kind: 'instant', instant: instant('2021-01-14T08:30:00Z') },
      { kind: 'instant', instant: instant('2021-07-14T07:30:00Z') },
      { kind: 'gap' },
      { kind: 'gap' },
      { kind: 'instant', instant: instant('2021-03-28T05:30:00Z') },
      { kind: 'overlap', earlier: instant('2021-11-07T05:30:00Z'), later: instant('2021-11-07T06:30:00Z') },
    ]);
  });

  test('reads UTC as it is, also on the UK change dates', () => {
    const utc = zoneReader('UTC');
    expect([utc(at('2021-03-28T01:30')), utc(at('2021-10-31T01:30'))]).toEqual([
      { kind: 'instant', instant: instant('2021-03-28T01:30:00Z') },
      { kind: 'instant', instant: instant('2021-10-31T01:30:00Z') },
    ]);
  });

  test('reads early years as written, with the local mean time of the day', () => {
    expect([zoneReader('UTC')(at('0099-02-03T04:05:06')), london(at('1800-01-01T00:00'))]).toEqual([
      { kind: 'instant', instant: instant('0099-02-03T04:05:06Z') },
      { kind: 'instant', instant: instant('1800-01-01T00:01:15Z') },
    ]);
  });
});

describe('timeZoneProblem', () => {
  test.each(['Europe/London', 'europe/london', 'UTC', 'utc', 'GMT', 'Etc/GMT+1', 'America/New_York', 'Asia/Kolkata'])('knows %s', (zone) => {
    expect(timeZoneProblem(zone)).toBeUndefined();
  });

  const help = 'Write a name from the time zone database, such as Europe/London, Europe/Paris, America/New_York or UTC';
  test.each([
    ['Europe/Londn', `"Europe/Londn" is not a time zone. Did you mean "Europe/London"? ${help}`],
    ['London', `"London" is not a time zone. Did you mean "Europe/London"? ${help}`],
    ['New York', `"New York" is not a time zone. Did you mean "America/New_York"? ${help}`],
    ['Mars/Olympus', `"Mars/Olympus" is not a time zone. ${help}`],
    ['BST', `"BST" is an abbreviation, and abbreviations are ambiguous: Intl reads it as Asia/Dhaka. ${help}`],
    ['', `"" is not a time zone. ${help}`],
  ])('refuses %j, naming it', (zone, message) => {
    expect(timeZoneProblem(zone)).toBe(message);
  });
});
