import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { defaultMilestones, weighPlan, type PlanHistory } from '../core/plan/index.js';
import { planCalendar } from './plan-ics.js';

const history: PlanHistory = {
  environments: [{ env: 'test', stage: 'test' }, { env: 'production', stage: 'production' }],
  snapshots: [{ id: '20270314-1', at: '2027-03-14T16:00:00.000Z' }], checks: [], runs: [], signOffs: [], live: [], freezes: [], tasks: undefined,
};
const standing = (zone: string, goLive = '2027-03-29') => weighPlan({ goLive, timeZone: zone, milestones: defaultMilestones, tasks: [] }, history, new Date('2027-03-15T10:00:00Z'));

/** The events of an ICS file as a calendar library reads them: UID, summary, start and end as instants. */
function readEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return { uid: e.uid, summary: e.summary, zone: e.startDate.zone?.tzid, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString(), sequence: e.sequence };
  });
}

describe('the plan as a calendar', () => {
  it('gives one event per milestone, 09:00 to 17:00 in the customer\'s zone, on either side of the clock change', () => {
    const text = planCalendar(standing('Europe/London'), { customer: 'Harbour & Hart', now: new Date('2027-03-15T10:00:00Z') });
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    expect(text).toContain('DTSTART;TZID=Europe/London:20270329T090000');
    expect(text).toContain('DTSTAMP:20270315T100000Z');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    const events = readEvents(text);
    expect(events.map((e) => [e.summary, e.zone, e.start, e.end])).toEqual([
      // GMT until Sunday 28 March 2027, BST from then
      ['Data delivered (J-14)', 'Europe/London', '2027-03-15T09:00:00.000Z', '2027-03-15T17:00:00.000Z'],
      ['Intake check passed (J-13)', 'Europe/London', '2027-03-16T09:00:00.000Z', '2027-03-16T17:00:00.000Z'],
      ['Test migration (J-10)', 'Europe/London', '2027-03-19T09:00:00.000Z', '2027-03-19T17:00:00.000Z'],
      ['Customer review and sign-off (J-7 to J-3)', 'Europe/London', '2027-03-22T09:00:00.000Z', '2027-03-26T17:00:00.000Z'],
      ['Preproduction import (J-7)', 'Europe/London', '2027-03-22T09:00:00.000Z', '2027-03-22T17:00:00.000Z'],
      ['Customer validation (J-2)', 'Europe/London', '2027-03-27T09:00:00.000Z', '2027-03-27T17:00:00.000Z'],
      ['Second extract (J-1)', 'Europe/London', '2027-03-28T08:00:00.000Z', '2027-03-28T16:00:00.000Z'],
      ['Freeze and final migration (J)', 'Europe/London', '2027-03-29T08:00:00.000Z', '2027-03-29T16:00:00.000Z'],
      ['Gap migration (J+1)', 'Europe/London', '2027-03-30T08:00:00.000Z', '2027-03-30T16:00:00.000Z'],
      ['Post go-live tasks (J+1 to J+14)', 'Europe/London', '2027-03-30T08:00:00.000Z', '2027-04-12T16:00:00.000Z'],
    ]);
  });

  it('keeps each event\'s UID when the plan moves, with a higher sequence, so a calendar updates it', () => {
    const first = readEvents(planCalendar(standing('Europe/London'), { customer: 'Harbour & Hart', now: new Date('2027-03-15T10:00:00Z') }));
    const moved = readEvents(planCalendar(standing('Europe/London', '2027-04-12'), { customer: 'Harbour & Hart', now: new Date('2027-03-16T10:00:00Z') }));
    expect(moved.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(new Set(first.map((e) => e.uid)).size).toBe(10);
    expect(first[0]!.uid).toMatch(/^data_delivered\.[0-9a-f]{16}@cutover$/);
    expect(moved[7]!.start).toBe('2027-04-12T08:00:00.000Z');
    expect(moved[0]!.sequence).toBeGreaterThan(first[0]!.sequence);
    // another customer's plan has other UIDs
    const other = readEvents(planCalendar(standing('Europe/London'), { customer: 'Another Agency', now: new Date('2027-03-15T10:00:00Z') }));
    expect(other.some((e) => first.some((f) => f.uid === e.uid))).toBe(false);
  });

  it('writes another zone\'s own offsets', () => {
    const events = readEvents(planCalendar(standing('Europe/Zurich'), { customer: 'X', now: new Date('2027-03-15T10:00:00Z') }));
    expect([events[0]!.start, events[7]!.start]).toEqual(['2027-03-15T08:00:00.000Z', '2027-03-29T07:00:00.000Z']);
  });
});
