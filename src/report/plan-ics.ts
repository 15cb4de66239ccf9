import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalDateTimeValue } from 'ical-generator';
import { sha256Hex } from '../core/canonical-json.js';
import { dayWords, instantOf, type PlanStanding } from '../core/plan/index.js';

// a milestone is an event of the working day: from 09:00 on its first day to 17:00 on its last, where the customer is
const startHour = 9;
const endHour = 17;

/**
 * A wall-clock time in a time zone, shaped as the Temporal ZonedDateTime ical-generator
 * accepts: a native Date would be written in the zone of the machine that writes the file.
 */
function zonedTime(day: string, hour: number, zone: string): ICalDateTimeValue {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const text = `${day}T${String(hour).padStart(2, '0')}:00:00`;
  const instant = instantOf(day, hour, 0, zone);
  const fields = { year, month, day: date, hour, minute: 0, second: 0 };
  const plain = {
    ...fields, toPlainDate: () => ({ year, month, day: date, toJSON: () => day, toString: () => day }),
    toZonedDateTime: () => zoned, toJSON: () => text, toString: () => text,
  };
  const zoned = {
    ...fields, timeZoneId: zone, toPlainDateTime: () => plain, withTimeZone: () => zoned,
    toInstant: () => ({ epochMilliseconds: instant.getTime(), toJSON: () => instant.toISOString(), toString: () => instant.toISOString(), toZonedDateTimeISO: () => zoned }),
    toJSON: () => `${text}[${zone}]`, toString: () => `${text}[${zone}]`,
  };
  return zoned;
}

const stateWords: Record<string, string> = {
  done: 'Done', due: 'Due now', overdue: 'Overdue', at_risk: 'At risk: the milestone before it is late', upcoming: 'Upcoming', skipped: 'Skipped (optional)',
};

/**
 * The plan as an iCalendar file: one event per milestone in the customer's time zone,
 * with its VTIMEZONE. Each event's UID is made of the customer and the milestone, so
 * importing a later export updates the events instead of adding them again.
 */
export function planCalendar(plan: Pick<PlanStanding, 'timeZone' | 'goLive' | 'milestones'>, o: { readonly customer: string; readonly now: Date }): string {
  const zone = plan.timeZone;
  const vtimezone = getVtimezoneComponent(zone);
  const calendar = ical({
    name: `Migration of ${o.customer}: plan`,
    prodId: { company: 'Cutover', product: 'plan', language: 'EN' },
    // the VTIMEZONE of each event's zone; no zone for the calendar itself, which would write DTSTAMP without its Z
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const project = sha256Hex(o.customer).slice(0, 16);
  // a later export must carry a higher sequence for calendars to take its changes
  const sequence = Math.floor((o.now.getTime() - Date.UTC(2020, 0, 1)) / 60_000);
  for (const m of plan.milestones) {
    const done = m.doneAt === null ? '' : ` on ${m.doneAt.slice(0, 16).replace('T', ' ')} UTC by ${m.doneBy}`;
    calendar.createEvent({
      id: `${m.id}.${project}@cutover`,
      sequence,
      stamp: o.now,
      // without a VTIMEZONE for the zone, times go out in UTC, still the right instants
      ...(vtimezone === null ? {} : { timezone: zone }),
      start: vtimezone === null ? instantOf(m.from, startHour, 0, zone) : zonedTime(m.from, startHour, zone),
      end: vtimezone === null ? instantOf(m.to, endHour, 0, zone) : zonedTime(m.to, endHour, zone),
      summary: `${m.title} (${m.days})`,
      description: `${o.customer}: ${m.title}, ${m.days} with go-live day J on ${dayWords(plan.goLive)}. ${stateWords[m.state]}${done}.`,
    });
  }
  return calendar.toString();
}
