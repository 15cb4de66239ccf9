import { ukPostcode as realUkPostcode } from '../transforms/uk-postcode-transform.js';

/** The kinds of value a column can hold, from narrowest to widest. */
export const valueKinds = ['boolean', 'integer', 'decimal', 'money', 'date', 'datetime', 'time', 'uk_postcode', 'email', 'phone'] as const;

/** One kind of value a profiler recognises. */
export type ValueKind = (typeof valueKinds)[number];

const integer = /^-?(?:0|[1-9]\d*)$/;
const decimal = /^-?\d+\.\d+$/;
// £, thousands separators, or accountants' (12.00) or £(12.00) for a negative amount
const amount = String.raw`(?:[1-9]\d{0,2}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d+)?`;
const money = new RegExp(String.raw`^(?:-?£?-?${amount}|£?\(£?${amount}\))$`);
const booleans = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f']);
const email = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
// Royal Mail's rule, the one the uk_postcode transform applies: `QQ9 9QQ` has the shape but is none
const ukPostcode = { test: (v: string) => realUkPostcode(v) !== undefined };
const phone = /^(?:\+44\s?|\(?0)[\d\s()-]{8,16}$/;
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;
// `Sept` too: the date transform reads it
const dMonY = /^(\d{1,2}) ([A-Za-z]{3}|Sept|SEPT|sept) (\d{4})$/;
const time = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;
// a date with its time, as databases write a DATETIME or TIMESTAMP: 2024-02-29 13:45:00(.000), 2024-02-29T13:45, 29/02/2024 13:45
const isoDateTime = /^(\d{4}-\d{2}-\d{2})[ T]((?:[01]\d|2[0-3]):[0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?$/;
const dmyDateTime = /^(\d{2}\/\d{2}\/\d{4}) ((?:[01]\d|2[0-3]):[0-5]\d)(?::([0-5]\d))?$/;

/** The value as a plain decimal string (`-1234.50`) when it is a number or an amount of money, else null. */
export function decimalText(value: string): string | null {
  const v = value.trim();
  if (integer.test(v) || decimal.test(v)) return v;
  if (!money.test(v)) return null;
  const negative = v.includes('-') || v.includes('(');
  const digits = v.replace(/[^\d.]/g, '');
  return negative ? `-${digits}` : digits;
}

/** Compares two plain decimal strings exactly, as numbers: compareDecimals('-2', '10.5') < 0. */
export function compareDecimals(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  const [ai = '', af = ''] = (na ? a.slice(1) : a).split('.');
  const [bi = '', bf = ''] = (nb ? b.slice(1) : b).split('.');
  const aw = ai.replace(/^0+(?=\d)/, '');
  const bw = bi.replace(/^0+(?=\d)/, '');
  if (aw.length !== bw.length) return sign * (aw.length - bw.length);
  if (aw !== bw) return sign * (aw < bw ? -1 : 1);
  const width = Math.max(af.length, bf.length);
  const x = af.padEnd(width, '0');
  const y = bf.padEnd(width, '0');
  return x === y ? 0 : sign * (x < y ? -1 : 1);
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The value as `yyyy-MM-dd` when it is a real date written dd/MM/yyyy, yyyy-MM-dd or d MMM yyyy, else null. */
export function dateKey(value: string): string | null {
  const v = value.trim();
  let y: number;
  let m: number;
  let d: number;
  let hit = dmy.exec(v);
  if (hit) {
    [d, m, y] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  } else if ((hit = iso.exec(v))) {
    [y, m, d] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  } else if ((hit = dMonY.exec(v))) {
    [d, m, y] = [Number(hit[1]), months.indexOf(hit[2]!.slice(0, 3).toLowerCase()) + 1, Number(hit[3])];
  } else {
    return null;
  }
  if (!validDay(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The value as `yyyy-MM-dd HH:mm:ss` when it is a real date with its time, written as databases write them, else null. */
export function dateTimeKey(value: string): string | null {
  const v = value.trim();
  const hit = isoDateTime.exec(v) ?? dmyDateTime.exec(v);
  if (hit === null) return null;
  const day = dateKey(hit[1]!);
  return day === null ? null : `${day} ${hit[2]}:${hit[3] ?? '00'}`;
}

const phoneDigits = (v: string) => {
  const count = v.match(/\d/g)?.length ?? 0;
  return count >= 10 && count <= 13;
};

/** Every kind the (non-blank) value fits, e.g. `12` fits integer, decimal and money. */
export function kindsOf(value: string): ValueKind[] {
  const v = value.trim();
  const kinds: ValueKind[] = [];
  if (v.length <= 5 && booleans.has(v.toLowerCase())) kinds.push('boolean');
  if (v.includes('@') && email.test(v)) kinds.push('email');
  // every other kind holds a digit; most text does not, and skips the regexes
  if (!/\d/.test(v)) return kinds;
  const isInteger = integer.test(v);
  if (isInteger) kinds.push('integer');
  if (isInteger || decimal.test(v)) kinds.push('decimal');
  if (decimalText(v) !== null) kinds.push('money');
  if (v.length <= 11 && dateKey(v) !== null) kinds.push('date');
  if (v.length >= 16 && v.length <= 29 && dateTimeKey(v) !== null) kinds.push('datetime');
  if (v.length <= 8 && time.test(v)) kinds.push('time');
  if (v.length <= 8 && ukPostcode.test(v)) kinds.push('uk_postcode');
  if (phone.test(v) && phoneDigits(v)) kinds.push('phone');
  return kinds;
}

/** The value's shape: letters become A or a, digits 9, the rest stays (`SW1A 1AA` → `AA9A 9AA`); cut at 40. */
export function valuePattern(value: string): string {
  let out = '';
  const end = Math.min(value.length, 40);
  for (let i = 0; i < end; i++) {
    const code = value.charCodeAt(i);
    // ASCII without asking about case: most values are ASCII and this runs for every value
    if (code >= 48 && code <= 57) out += '9';
    else if (code >= 65 && code <= 90) out += 'A';
    else if (code >= 97 && code <= 122) out += 'a';
    else if (code < 128) out += value[i];
    else {
      const c = value[i]!;
      out += c.toLowerCase() !== c.toUpperCase() ? (c === c.toUpperCase() ? 'A' : 'a') : c;
    }
  }
  return value.length > 40 ? `${out}…` : out;
}
