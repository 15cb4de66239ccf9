import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween, dayWords, instantOf, isDay, isTimeZone } from './plan-days.js';

describe('days in the customer\'s time zone', () => {
  it('knows a real date and a time zone', () => {
    expect(['2027-03-29', '2028-02-29', '2027-02-29', '2027-3-29', '29/03/2027'].map(isDay)).toEqual([true, true, false, false, false]);
    expect(['Europe/London', 'Europe/Zurich', 'UTC', 'Europe/Londres', ''].map(isTimeZone)).toEqual([true, true, true, false, false]);
  });

  it('counts days on the calendar, across the clock change', () => {
    expect(addDays('2027-03-29', -14)).toBe('2027-03-15');
    expect(addDays('2027-03-29', 14)).toBe('2027-04-12');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(dayWords('2027-03-29')).toBe('Mon 29 Mar 2027');
  });

  it('puts an instant on the day it is where the customer is', () => {
    // 23:30 UTC on 28 March 2027 is already 00:30 on the 29th in London (summer time since 01:00 UTC)
    expect(dayIn(new Date('2027-03-28T23:30:00Z'), 'Europe/London')).toBe('2027-03-29');
    expect(dayIn(new Date('2027-03-28T23:30:00Z'), 'UTC')).toBe('2027-03-28');
    // in winter London is UTC
    expect(dayIn(new Date('2027-03-14T23:30:00Z'), 'Europe/London')).toBe('2027-03-14');
    expect(dayIn(new Date('2027-03-14T23:30:00Z'), 'Europe/Zurich')).toBe('2027-03-15');
  });

  it('finds the instant of a wall-clock time on either side of the clock change', () => {
    expect(instantOf('2027-03-15', 9, 0, 'Europe/London').toISOString()).toBe('2027-03-15T09:00:00.000Z');
    expect(instantOf('2027-03-29', 9, 0, 'Europe/London').toISOString()).toBe('2027-03-29T08:00:00.000Z');
    // the day of the change itself: 01:00 GMT becomes 02:00 BST
    expect(instantOf('2027-03-28', 0, 30, 'Europe/London').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(instantOf('2027-03-28', 9, 0, 'Europe/London').toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(instantOf('2027-10-31', 17, 0, 'Europe/London').toISOString()).toBe('2027-10-31T17:00:00.000Z');
    expect(instantOf('2027-03-29', 9, 0, 'Europe/Zurich').toISOString()).toBe('2027-03-29T07:00:00.000Z');
  });
});
