import type { ColumnProfile } from '../profile/index.js';
import type { TargetColumn } from './target-schema.js';

/** What a target column holds, as far as choosing rules goes. */
export type TargetFamily = 'integer' | 'number' | 'date' | 'time' | 'boolean' | 'text';

/** The family of a PostgreSQL type name: `numeric` → number, `timestamp with time zone` → date. */
export function targetFamily(type: string): TargetFamily {
  const t = type.toLowerCase();
  if (/^(?:bigint|integer|smallint|int\d?)$/.test(t)) return 'integer';
  if (/^(?:numeric|decimal|real|double precision|money)/.test(t)) return 'number';
  if (t === 'date' || t.startsWith('timestamp')) return 'date';
  if (t.startsWith('time')) return 'time';
  if (t === 'boolean') return 'boolean';
  return 'text';
}

// how well each kind of source value fits each family; a missing pair fits badly
const fits: Readonly<Record<TargetFamily, Readonly<Record<string, number>>>> = {
  integer: { integer: 1, decimal: 0.4, money: 0.4 },
  number: { integer: 1, decimal: 1, money: 1 },
  // a date written with its time (2021-03-04 10:15:07) is read as its day
  date: { date: 1, datetime: 1 },
  time: { time: 1 },
  boolean: { boolean: 1, integer: 0.5 },
  text: { text: 1, uk_postcode: 1, email: 1, phone: 1, boolean: 0.8, integer: 0.8, decimal: 0.7, money: 0.7, date: 0.6, datetime: 0.6, time: 0.6 },
};

/** How well a profiled source column fits a target column's type, from 0 to 1, and why. */
export function typeFit(profile: ColumnProfile, column: TargetColumn): { score: number; reason: string } {
  const family = targetFamily(column.type);
  if (profile.type === 'empty') return { score: 0.5, reason: 'the source column is empty' };
  // a foreign key is filled by looking the source's key up, whatever it looks like
  if (column.references !== undefined) return { score: 1, reason: `a key of ${column.references}` };
  const score = fits[family][profile.type] ?? 0.2;
  return { score, reason: score >= 0.8 ? `${profile.type} into ${column.type}` : `${profile.type} does not fit ${column.type} well` };
}
