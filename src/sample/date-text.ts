import type { Random } from './random.js';

/** The date formats the export uses; the first is the customer's usual one. */
export type DateFormat = 'dd/MM/yyyy' | 'yyyy-MM-dd' | 'd MMM yyyy';

/** A date as written in the file and as the target must hold it. */
export interface DateText {
  readonly text: string;
  readonly iso: string;
  readonly format: DateFormat;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, integers only). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number, inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** A day number between 1 January of `fromYear` and 31 December of `toYear`. */
export function dayBetween(r: Random, fromYear: number, toYear: number): number {
  const first = daysFromCivil(fromYear, 1, 1);
  return r.between(first, daysFromCivil(toYear, 12, 31));
}

/** Writes a day number in one format. */
export function dateText(days: number, format: DateFormat): DateText {
  const { year, month, day } = civilFromDays(days);
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  const text =
    format === 'yyyy-MM-dd' ? iso : format === 'd MMM yyyy' ? `${day} ${MONTHS[month - 1]} ${year}` : `${pad2(day)}/${pad2(month)}/${year}`;
  return { text, iso, format };
}

/** The usual format, or about one date in twenty each in the two variants when allowed. */
export function pickDateFormat(r: Random, variants: boolean): DateFormat {
  const u = r.float();
  if (!variants) return 'dd/MM/yyyy';
  return u < 0.05 ? 'yyyy-MM-dd' : u < 0.1 ? 'd MMM yyyy' : 'dd/MM/yyyy';
}

// day and month pairs no calendar has; 29 February is handled apart (non-leap years)
const IMPOSSIBLE: readonly (readonly [number, number])[] = [[31, 2], [30, 2], [31, 4], [31, 6], [31, 9], [31, 11], [29, 2]];

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** A date in the usual format that does not exist, such as `31/02/2019` or `29/02/2021`. */
export function impossibleDateText(r: Random, fromYear: number, toYear: number): string {
  const [day, month] = r.pick(IMPOSSIBLE);
  let year = r.between(fromYear, toYear);
  if (day === 29 && isLeap(year)) year += 1;
  return `${pad2(day)}/${pad2(month)}/${year}`;
}
