import { Decimal } from 'decimal.js';
import { CutoverError } from '../cutover-error.js';
import type { CompiledEntity, MappingContext } from '../mapping/index.js';

/** One money field's source side for one group: what the snapshot holds, what was not loaded, what could not be read. */
export interface SourceMoney {
  readonly entity: string;
  readonly field: string;
  readonly group: string;
  readonly rows: number;
  readonly source: string;
  readonly notLoaded: string;
  readonly unreadable: number;
}

interface GroupTotal {
  rows: number;
  source: Decimal;
  notLoaded: Decimal;
  unreadable: number;
}

interface FieldTotals {
  readonly field: string;
  readonly by: string | undefined;
  /** where the field and its group sit in a mapped row's values */
  readonly fieldIndex: number;
  readonly byIndex: number;
  readonly groups: Map<string, GroupTotal>;
}

/** A row's amounts as they were added, one per money field: what a refusal moves to not loaded. */
export type RowMoney = readonly (readonly [GroupTotal, Decimal])[];

const allRows = '(all)';
const unreadableGroup = '(unreadable)';

/**
 * Adds up an entity's money fields (`reconcile.money`, each optionally per group) as its
 * source rows go by, once each. A ragged row is unreadable in group (all), an amount
 * that does not read is unreadable in its group, a blank amount is skipped, and the
 * amount of a row not loaded also goes to `notLoaded`. Exact decimals, never floats.
 * @example tally.mapped(outcome.values, true); tally.notMapped(row.values, ctx); tally.sums()
 */
export class SourceMoneyTally {
  private readonly fields: readonly FieldTotals[];

  constructor(private readonly compiled: CompiledEntity) {
    const { entity } = compiled;
    const indexOf = (name: string) => {
      const index = entity.fields.findIndex((f) => f.name === name);
      if (index < 0) throw new CutoverError('unknown_field', `entity "${entity.name}" has no field "${name}"`, { where: entity.where });
      return index;
    };
    this.fields = entity.reconcile.money.map((check) => ({
      field: check.field,
      by: check.by,
      fieldIndex: indexOf(check.field),
      byIndex: check.by === undefined ? -1 : indexOf(check.by),
      groups: new Map(),
    }));
  }

  /** A row with the wrong number of values: unreadable, in group (all) of every field. */
  ragged(): void {
    for (const f of this.fields) groupOf(f, allRows).unreadable++;
  }

  /** A row the rules did not map (rejected, excluded, or a blank or repeated key), from its source values: not loaded. */
  notMapped(values: readonly (string | null)[], ctx: MappingContext): void {
    for (const f of this.fields) {
      const by = f.by === undefined ? undefined : this.compiled.evaluate(f.by, values, ctx);
      const g = groupOf(f, by === undefined ? allRows : by.ok && by.value !== null ? by.value : unreadableGroup);
      const amount = this.compiled.evaluate(f.field, values, ctx);
      if (!amount.ok) g.unreadable++;
      else if (amount.value !== null) add(g, new Decimal(amount.value), false);
    }
  }

  /**
   * A row the rules mapped, from its target values in field order; `loaded` is false for
   * a row merged into another. Returns its amounts, for `refused` if the target refuses it.
   */
  mapped(values: readonly (string | null)[], loaded: boolean): RowMoney {
    const money: (readonly [GroupTotal, Decimal])[] = [];
    for (const f of this.fields) {
      const g = groupOf(f, f.by === undefined ? allRows : (values[f.byIndex] ?? unreadableGroup));
      const amount = values[f.fieldIndex] ?? null;
      if (amount === null) continue;
      const value = new Decimal(amount);
      add(g, value, loaded);
      money.push([g, value]);
    }
    return money;
  }

  /** Counts a mapped row's amounts as not loaded after all: the target refused the row. */
  refused(money: RowMoney): void {
    for (const [g, value] of money) g.notLoaded = g.notLoaded.plus(value);
  }

  /** The totals per field and group, groups in the order their first row came. */
  sums(): SourceMoney[] {
    const entity = this.compiled.entity.name;
    return this.fields.flatMap((f) =>
      [...f.groups].map(([group, g]) => ({
        entity, field: f.field, group, rows: g.rows, source: g.source.toFixed(), notLoaded: g.notLoaded.toFixed(), unreadable: g.unreadable,
      })),
    );
  }
}

function groupOf(f: FieldTotals, name: string): GroupTotal {
  let g = f.groups.get(name);
  if (!g) f.groups.set(name, (g = { rows: 0, source: new Decimal(0), notLoaded: new Decimal(0), unreadable: 0 }));
  return g;
}

function add(g: GroupTotal, value: Decimal, loaded: boolean): void {
  g.rows++;
  g.source = g.source.plus(value);
  if (!loaded) g.notLoaded = g.notLoaded.plus(value);
}
