import type { ChangeKind } from './change-manifest.js';
import { canonicalMoney } from './money-text.js';
import { propertyId, findProperty } from './property-facts.js';
import type { Random } from './random.js';
import type { SamplePlan } from './sample-plan.js';
import { dateText } from './date-text.js';

/** What became of an existing row by the later export; undefined when nothing did. */
export type RowEdit = { readonly kind: 'deleted' } | { readonly kind: Exclude<ChangeKind, 'new' | 'deleted'>; readonly values: readonly string[]; readonly columns: readonly string[] };

/** Edits one file's rows: the row's values and a generator of its own, the later export's day. */
export type FileEdits = (values: readonly string[], r: Random, plan: SamplePlan, day: number) => RowEdit | undefined;

const set = (values: readonly string[], at: readonly number[], to: readonly string[]): string[] => {
  const out = [...values];
  at.forEach((index, i) => (out[index] = to[i]!));
  return out;
};

const STATUS_NEXT: Readonly<Record<string, string>> = { 'For Sale': 'Sold', 'To Let': 'Let', Let: 'To Let', Sold: 'For Sale', Withdrawn: 'For Sale' };

/** A plain amount (`1250`, `-12.5`, `12.00`) in pence, or undefined when it is written in a legacy style. */
export function plainPence(text: string): number | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const pence = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -pence : pence;
}

/** The edits a later export makes to each file's existing rows, by file name. */
export const fileEdits: Readonly<Record<string, FileEdits>> = {
  // a new phone number
  'people.csv': (v, r) => {
    const phone = `07${r.between(100, 999)} ${r.between(100_000, 999_999)}`;
    return phone === v[5] ? undefined : { kind: 'changed', values: set(v, [5], [phone]), columns: ['Phone'] };
  },
  // a role given up
  'person_roles.csv': () => ({ kind: 'deleted' }),
  // a supplier renamed itself
  'suppliers.csv': (v) => {
    const name = v[1]!.endsWith(' Ltd') ? `${v[1]!.slice(0, -4)} & Sons` : `${v[1]!.replace(/ & Sons$/, '')} Ltd`;
    return { kind: 'changed', values: set(v, [1], [name]), columns: ['Name'] };
  },
  // sold, let, back on the market
  'properties.csv': (v) => {
    const next = STATUS_NEXT[v[6]!];
    return next === undefined ? undefined : { kind: 'changed', values: set(v, [6], [next]), columns: ['Status'] };
  },
  // a tenancy ended on the day, or a pending one began
  'tenancies.csv': (v, _r, _plan, day) => {
    if (v[7] === 'Current' && v[4] === '') return { kind: 'changed', values: set(v, [4, 7], [dateText(day, 'dd/MM/yyyy').text, 'Ended']), columns: ['EndDate', 'Status'] };
    if (v[7] === 'Pending') return { kind: 'changed', values: set(v, [7], ['Current']), columns: ['Status'] };
    return undefined;
  },
  // a viewing cancelled, or re-booked on another property
  'diary.csv': (v, r, plan) => {
    if (r.chance(0.5)) return { kind: 'deleted' };
    let other = propertyId(findProperty(plan, r.int(plan.properties), () => true));
    if (other === v[2]) other = propertyId(findProperty(plan, (Number(other.slice(2)) % plan.properties), () => true));
    return other === v[2] ? undefined : { kind: 'moved', values: set(v, [2], [other]), columns: ['PropertyID'] };
  },
  // an account closed, or a balance moved
  'balances.csv': (v, r) => {
    if (r.chance(0.3)) return { kind: 'deleted' };
    const pence = plainPence(v[4]!);
    if (pence === undefined) return undefined;
    const delta = r.between(1, 50_000) * (r.chance(0.5) ? -1 : 1);
    return { kind: 'changed', values: set(v, [4], [canonicalMoney(pence + delta)]), columns: ['Balance'] };
  },
};
