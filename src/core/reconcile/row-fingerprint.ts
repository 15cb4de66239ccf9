import { hexDigest } from '../hex-digest.js';

// A row's fingerprint is the first 16 hex digits of the md5 of its canonical text: each
// column's value in one form whatever way it was written, escaped, joined by '|'. The
// run computes it in JavaScript from the values it loads; reconcile has the database
// compute it over the target rows (see `fingerprintSql`), so the two must agree byte for
// byte. A value this file cannot put in PostgreSQL's form is kept as written: at worst
// the fingerprints differ and the row is compared field by field, never wrongly agreed.

/** Characters of a fingerprint; a key map slot without one holds as many dashes. */
export const fingerprintLength = 16;
export const noFingerprint = '-'.repeat(fingerprintLength);

/** How a column's values are put in one form, from its PostgreSQL type (information_schema's data_type). */
export type FingerprintKind = 'number' | 'float' | 'boolean' | 'date' | 'timestamp' | 'timestamptz' | 'time' | 'uuid' | 'padded' | 'text';

/** The kind of a column of type `dataType`. */
export function fingerprintKind(dataType: string): FingerprintKind {
  switch (dataType) {
    case 'smallint': case 'integer': case 'bigint': case 'numeric': return 'number';
    case 'real': case 'double precision': return 'float';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'timestamp without time zone': return 'timestamp';
    case 'timestamp with time zone': return 'timestamptz';
    case 'time without time zone': return 'time';
    case 'uuid': return 'uuid';
    case 'character': return 'padded';
    default: return 'text';
  }
}

const decimal = /^([+-]?)0*(\d*)(?:\.(\d*?)0*)?$/;
const trueWords = new Set(['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1']);
const falseWords = new Set(['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0']);
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTime = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const timeOfDay = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value as PostgreSQL gives it back from a column of `kind` (numbers without trailing
 * zeros, timestamps in UTC to the microsecond), for values written the way the rules
 * write them; anything else as written.
 */
export function canonicalValue(kind: FingerprintKind, value: string): string {
  const text = value.trim();
  switch (kind) {
    case 'number': {
      const m = decimal.exec(text);
      if (m === null || (m[2] === '' && (m[3] ?? '') === '' && !/\d/.test(text))) return value;
      const whole = m[2] === '' ? '0' : m[2]!;
      const fraction = m[3] ?? '';
      if (whole === '0' && fraction === '') return '0';
      return `${m[1] === '-' ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
    }
    case 'float': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) && Math.abs(n) < 1e15 && (n === 0 || Math.abs(n) >= 1e-4) ? (Object.is(n, -0) ? '-0' : String(n)) : value;
    }
    case 'boolean': {
      const word = text.toLowerCase();
      return trueWords.has(word) ? 'true' : falseWords.has(word) ? 'false' : value;
    }
    case 'date':
      return dateOnly.test(text) ? text : value;
    case 'timestamp':
    case 'timestamptz': {
      const m = dateTime.exec(text);
      if (m === null) return value;
      const [, day, hh = '00', mm = '00', ss = '00', micros = ''] = m;
      const local = `${day} ${hh}:${mm}:${ss}.${micros.padEnd(6, '0')}`;
      // a timestamp without time zone ignores a written zone; with one, no zone is UTC (the session's zone)
      return kind === 'timestamp' || m[6] === undefined ? local : inUtc(day!, hh, mm, ss, micros, m[6]) ?? value;
    }
    case 'time': {
      const m = timeOfDay.exec(text);
      if (m === null) return value;
      const fraction = (m[4] ?? '').replace(/0+$/, '');
      return `${m[1]}:${m[2]}:${m[3] ?? '00'}${fraction === '' ? '' : `.${fraction}`}`;
    }
    case 'uuid':
      return uuid.test(text) ? text.toLowerCase() : value;
    case 'padded':
      return value.replace(/ +$/, '');
    case 'text':
      return value;
  }
}

/** A zoned timestamp in UTC, 'YYYY-MM-DD HH:MM:SS.ffffff', or undefined past the years Date handles alike. */
function inUtc(day: string, hh: string, mm: string, ss: string, micros: string, zone: string): string | undefined {
  const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || '0'));
  const ms = Date.parse(`${day}T${hh}:${mm}:${ss}Z`);
  if (Number.isNaN(ms) || Number(hh) > 23 || Number(ss) > 59) return undefined;
  const utc = new Date(ms - offset * 60_000).toISOString();
  if (!/^\d{4}-/.test(utc)) return undefined;
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}.${micros.padEnd(6, '0')}`;
}

/** The canonical text of a row: each value in its column's form, backslash and bar escaped, NULL as \N, joined by '|'. */
export function canonicalRow(kinds: readonly FingerprintKind[], values: readonly (string | null)[]): string {
  let text = '';
  for (let i = 0; i < kinds.length; i += 1) {
    const value = values[i] ?? null;
    if (i > 0) text += '|';
    text += value === null ? '\\N' : canonicalValue(kinds[i]!, value).replaceAll('\\', '\\\\').replaceAll('|', '\\|');
  }
  return text;
}

/** The fingerprint of a row of columns of `kinds`: 16 hex digits of the md5 of its canonical text. */
export function rowFingerprint(kinds: readonly FingerprintKind[], values: readonly (string | null)[]): string {
  return hexDigest('md5', canonicalRow(kinds, values)).slice(0, fingerprintLength);
}
