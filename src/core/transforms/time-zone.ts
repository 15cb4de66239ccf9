import { closestName } from '../spec/closest-name.js';

/** A reading of a wall clock, as numbers. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The instants (milliseconds since 1970 UTC) a local time names in a zone: one, none when
 * the clocks went forward past it, or two when the clocks went back over it.
 */
export type ZoneReading =
  | { readonly kind: 'instant'; readonly instant: number }
  | { readonly kind: 'gap' }
  | { readonly kind: 'overlap'; readonly earlier: number; readonly later: number };

const DAY = 86_400_000;

/** The zone names to suggest from; Intl lists UTC under Etc names only. */
function zoneNames(): readonly string[] {
  return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

/** The zone a mistyped name most likely meant: a close name, or the zone of the city named. */
function closestZone(name: string): string | undefined {
  const zones = zoneNames();
  const near = closestName(name, zones);
  if (near !== undefined) return near;
  const city = (name.split('/').at(-1) ?? '').trim().replace(/ +/g, '_').toLowerCase();
  const cityOf = (zone: string): string => (zone.split('/').at(-1) ?? '').toLowerCase();
  return zones.find((zone) => cityOf(zone) === city) ?? zones.find((zone) => cityOf(zone) === closestName(city, zones.map(cityOf)));
}

const HELP = 'Write a name from the time zone database, such as Europe/London, Europe/Paris, America/New_York or UTC';

/**
 * Why `zone` is not a time zone name, in words, or undefined when Intl knows it. Only
 * area/place names, UTC and GMT count: Intl also takes abbreviations, reading BST as Dhaka.
 * @example timeZoneProblem('Europe/Londn') // '"Europe/Londn" is not a time zone. Did you mean "Europe/London"? …'
 */
export function timeZoneProblem(zone: string): string | undefined {
  let known: string;
  try {
    known = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    const suggestion = zone.trim() === '' ? undefined : closestZone(zone);
    return `"${zone}" is not a time zone.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`} ${HELP}`;
  }
  if (zone.includes('/') || /^(utc|gmt)$/i.test(zone)) return undefined;
  return `"${zone}" is an abbreviation, and abbreviations are ambiguous: Intl reads it as ${known}. ${HELP}`;
}

/** Milliseconds since 1970 of a wall-clock reading taken as UTC; years below 100 stay as written. */
function wallMs(t: LocalDateTime): number {
  const ms = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return t.year >= 0 && t.year < 100 ? new Date(ms).setUTCFullYear(t.year, t.month - 1, t.day) : ms;
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetReader(zone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const at = Math.floor(instant / 1000) * 1000;
    const n = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    let bc = false;
    for (const part of format.formatToParts(at)) {
      if (part.type === 'era') bc = part.value === 'BC';
      else if (part.type in n) n[part.type as keyof typeof n] = Number(part.value);
    }
    return wallMs({ ...n, year: bc ? 1 - n.year : n.year }) - at;
  };
}

/**
 * Binds a zone that Intl knows: the instants a local time names there.
 * @example zoneReader('Europe/London')({ year: 2021, month: 7, day: 14, hour: 9, minute: 30, second: 0 }) // { kind: 'instant', instant: Date.UTC(2021, 6, 14, 8, 30) }
 */
export function zoneReader(zone: string): (local: LocalDateTime) => ZoneReading {
  const offsetAt = offsetReader(zone);
  // local day → the offset all that day, or null on a day the clocks change; a migration's
  // dates repeat, and Intl costs microseconds a call
  const steady = new Map<number, number | null>();
  return (local) => {
    const wall = wallMs(local);
    const day = Math.floor(wall / DAY);
    let offset = steady.get(day);
    if (offset === undefined) {
      // offsets stay within a day of UTC, and no zone changes its clocks twice within three days
      const before = offsetAt(day * DAY - DAY);
      offset = before === offsetAt(day * DAY + 2 * DAY) ? before : null;
      if (steady.size >= 100_000) steady.clear();
      steady.set(day, offset);
    }
    if (offset !== null) return { kind: 'instant', instant: wall - offset };
    const instants = [...new Set([offsetAt(wall - DAY), offsetAt(wall + DAY)])]
      .map((candidate) => wall - candidate)
      .filter((instant) => wall - offsetAt(instant) === instant)
      .sort((a, b) => a - b);
    const [earlier, later] = instants;
    if (earlier === undefined) return { kind: 'gap' };
    return later === undefined ? { kind: 'instant', instant: earlier } : { kind: 'overlap', earlier, later };
  };
}
