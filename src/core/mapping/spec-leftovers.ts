import { ColumnBinder } from './column-binder.js';
import { entityColumns } from '../spec/entity-columns.js';
import type { Spec } from '../spec/spec-model.js';

/** A delivered table as the snapshot describes it. */
export interface DeliveredTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number;
}

/** What a spec carries over from nothing: whole tables no entity reads, and columns of read tables no rule reads. */
export interface SpecLeftovers {
  readonly tables: readonly DeliveredTable[];
  /** per table an entity reads, the columns none of its rules, keys or conditions read */
  readonly columns: readonly { readonly table: string; readonly rows: number; readonly columns: readonly string[] }[];
}

/**
 * Holds a spec against what was delivered: every table no entity reads, and every column
 * of the other tables that no key, rule or condition of the entities reading it names
 * (under any of its aliases). These are what the customer moves by hand after go-live.
 * @example specLeftovers(spec, [{ name: 'branches.csv', columns: ['Code'], rows: 3 }]).tables // [{ name: 'branches.csv', … }]
 */
export function specLeftovers(spec: Spec, delivered: readonly DeliveredTable[]): SpecLeftovers {
  const tables: DeliveredTable[] = [];
  const columns: { table: string; rows: number; columns: string[] }[] = [];
  for (const table of delivered) {
    const readers = spec.entities.filter((e) => e.source === table.name);
    if (readers.length === 0) {
      tables.push(table);
      continue;
    }
    const binder = new ColumnBinder(table.columns, table.name);
    const read = new Set(readers.flatMap((e) => entityColumns(e).map((names) => binder.find(names))));
    const unread = table.columns.filter((_, i) => !read.has(i));
    if (unread.length > 0) columns.push({ table: table.name, rows: table.rows, columns: unread });
  }
  return { tables, columns };
}
