// Calendar days (YYYY-MM-DD) in a customer's time zone. A day is a civil date, not an
// instant: the same instant is another day in Europe/London than in UTC, and a day is
// 23 or 25 hours long across a clock change, so days are counted on the calendar.

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** True when `text` is a real calendar day written YYYY-MM-DD: 2027-02-29 is not. */
export function isDay(text: string): boolean {
  const m = dayPattern.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** True when `zone` is an IANA time zone this runtime knows, such as Europe/London. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The day `n` days after `day` (before it when negative), on the calendar. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * msPerDay).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to`: 1 from a Sunday to the Monday after. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / msPerDay);
}

/** The wall clock in `zone` at an instant: its day, hour and minute. */
function wallClock(at: number, zone: string): { day: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')), minute: Number(part('minute')) };
}

/** The day it is in `zone` at an instant. */
export function dayIn(at: Date, zone: string): string {
  return wallClock(at.getTime(), zone).day;
}

/** The instant a wall-clock time of a day is in `zone`: 09:00 on 2027-03-29 in Europe/London is 08:00 UTC (summer time). */
export function instantOf(day: string, hour: number, minute: number, zone: string): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  const offset = (at: number) => {
    const w = wallClock(at, zone);
    return Date.parse(`${w.day}T00:00:00Z`) + (w.hour * 60 + w.minute) * 60_000 - at;
  };
  // the offset at the guess, corrected once for a guess on the other side of a clock change
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}

/** A day in words: "Mon 29 Mar 2027". */
export function dayWords(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(`${day}T00:00:00Z`)).replace(',', '');
}
