import { Decimal } from 'decimal.js';
import type { CountLine, Explanation, LineStatus, RecordNote, TotalGroup, TotalLine } from './reconcile-model.js';

const n = (x: number) => x.toLocaleString('en-GB');
const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;
const were = (x: number) => `${rows(x)} ${x === 1 ? 'was' : 'were'}`;

/** What a count line is made of, as counted by the pipeline. */
export interface CountInput extends Pick<CountLine, 'ref' | 'label' | 'entity' | 'filter' | 'customer' | 'snapshot' | 'explained' | 'records'> {
  /** rows the new system holds for these source rows (found there by following the key map) */
  readonly target: number;
  /** loaded by the run, by the key map, but not in the new system */
  readonly missing: number;
  /** in the new system but made from no source row (counted only for lines without a filter) */
  readonly extra: number;
  /** source rows neither in the ledger nor in the key map */
  readonly unaccounted: number;
}

function statusOf(unexplained: boolean, customer: unknown, equal: boolean): LineStatus {
  if (unexplained) return 'unexplained';
  if (customer === null) return 'awaiting';
  return equal ? 'balanced' : 'explained';
}

/**
 * Compares a count three ways. The customer's figure must equal the snapshot's (the
 * snapshot is what was delivered); the snapshot less the rows the ledger accounts for
 * must equal the new system's. Whatever is left is unexplained.
 */
export function compareCounts(c: CountInput): CountLine {
  const ledgered = c.explained.reduce((sum, e) => sum + e.rows, 0);
  const customerGap = c.customer === null ? 0 : c.customer - c.snapshot;
  const targetGap = c.snapshot - ledgered - c.target;
  const notes: string[] = [];
  if (customerGap > 0) notes.push(`Your figure is ${n(customerGap)} more than the delivered data holds: ${rows(customerGap)} may be missing from the extract.`);
  if (customerGap < 0) notes.push(`The delivered data holds ${rows(-customerGap)} more than your figure.`);
  if (c.missing > 0) notes.push(`${were(c.missing)} imported but ${c.missing === 1 ? 'is' : 'are'} no longer in the new system.`);
  if (c.extra > 0) notes.push(`${rows(c.extra)} in the new system came from no row of the delivered data.`);
  if (c.unaccounted > 0) notes.push(`${rows(c.unaccounted)} of the delivered data ${c.unaccounted === 1 ? 'is' : 'are'} neither imported nor in the list of rows not imported.`);
  const rest = targetGap - c.missing + c.extra - c.unaccounted;
  if (rest !== 0) notes.push(`${rows(Math.abs(rest))} differ between the delivered data and the new system for no recorded reason.`);
  const unexplained = Math.abs(customerGap) + c.missing + c.extra + c.unaccounted + Math.abs(rest);
  const equal = c.customer === c.snapshot && c.snapshot === c.target;
  return {
    kind: 'count', ref: c.ref, label: c.label, entity: c.entity, filter: c.filter,
    customer: c.customer, snapshot: c.snapshot, target: c.target,
    explained: c.explained, unexplained, notes, records: c.records,
    status: statusOf(unexplained > 0, c.customer, equal && ledgered === 0),
  };
}

/** What a money line is made of, as added up by the pipeline (amounts as exact decimal text). */
export interface TotalInput
  extends Pick<TotalLine, 'ref' | 'label' | 'entity' | 'field' | 'filter' | 'by' | 'customer' | 'snapshot' | 'target' | 'explained' | 'groups' | 'records'> {
  /** rows whose amount could not be read in the delivered data (they are in the ledger) */
  readonly unreadable: number;
}

const money = (d: Decimal) => d.toFixed(2);

/**
 * Compares a money total three ways, to the penny: the customer's stated balance must
 * equal the snapshot's total; the snapshot less what the ledger's rows hold must equal
 * the new system's total. Never a float.
 */
export function compareTotals(t: TotalInput): TotalLine {
  const snapshot = new Decimal(t.snapshot);
  const target = new Decimal(t.target);
  const notLoaded = t.explained.reduce((sum, e) => sum.plus(e.amount ?? 0), new Decimal(0));
  const customerGap = t.customer === null ? new Decimal(0) : new Decimal(t.customer).minus(snapshot);
  const targetGap = snapshot.minus(notLoaded).minus(target);
  const notes: string[] = [];
  if (!customerGap.isZero()) notes.push(`Your stated balance is ${money(customerGap.abs())} ${customerGap.isPositive() ? 'more' : 'less'} than the delivered data adds up to.`);
  if (!targetGap.isZero()) notes.push(`The new system holds ${money(targetGap.abs())} ${targetGap.isPositive() ? 'less' : 'more'} than the delivered data less the rows not imported.`);
  if (t.unreadable > 0) notes.push(`${rows(t.unreadable)} had an amount that could not be read; they are in the list of rows not imported.`);
  const offGroups = t.groups.filter((g) => !new Decimal(g.difference).isZero()).length;
  if (offGroups > 0) notes.push(`${n(offGroups)} of ${n(t.groups.length)} ${t.by === null ? 'groups' : `values of ${t.by}`} ${offGroups === 1 ? 'does' : 'do'} not add up.`);
  const unexplained = customerGap.abs().plus(targetGap.abs());
  // a split total (per landlord, say) asks the customer for no figure
  const asked = t.by === null;
  const equal = customerGap.isZero() && notLoaded.isZero() && targetGap.isZero();
  return {
    kind: 'total', ref: t.ref, label: t.label, entity: t.entity, field: t.field, filter: t.filter, by: t.by,
    customer: t.customer === null ? null : money(new Decimal(t.customer)),
    snapshot: money(snapshot), notLoaded: money(notLoaded), target: money(target),
    explained: t.explained, unexplained: money(unexplained), notes,
    groups: t.groups, groupCount: t.groups.length, records: t.records,
    status: statusOf(!unexplained.isZero() || offGroups > 0, asked ? t.customer : 'not asked', equal),
  };
}

/** One group's figures: difference is snapshot − not loaded − target. */
export function totalGroup(group: string, snapshot: Decimal, notLoaded: Decimal, target: Decimal): TotalGroup {
  return { group, snapshot: money(snapshot), notLoaded: money(notLoaded), target: money(target), difference: money(snapshot.minus(notLoaded).minus(target)) };
}
