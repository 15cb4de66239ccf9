import { columnMissing } from './table-source-errors.js';

/** How to read a database table; `orderBy` defaults to the primary key, then to every column. */
export interface TableOrderOptions {
  readonly orderBy?: readonly string[];
}

/** The columns a table is read in order of. */
export interface ReadOrder {
  readonly columns: readonly string[];
  /** true when neither orderBy nor a primary key set the order, so it is every column */
  readonly everyColumn: boolean;
}

/**
 * Picks the order to read a table in: `orderBy` when given (failing with `column_missing`
 * on a column the table does not have), else the primary key, else every column.
 * @example readOrder('people', { columns: ['id', 'name'], primaryKey: [] }) // { columns: ['id', 'name'], everyColumn: true }
 */
export function readOrder(
  table: string,
  info: { readonly columns: readonly string[]; readonly primaryKey: readonly string[] },
  options: TableOrderOptions = {},
): ReadOrder {
  const { columns, primaryKey } = info;
  if (options.orderBy) {
    for (const column of options.orderBy) if (!columns.includes(column)) throw columnMissing(table, column, columns);
    return { columns: options.orderBy, everyColumn: false };
  }
  return primaryKey.length > 0 ? { columns: primaryKey, everyColumn: false } : { columns, everyColumn: true };
}

/**
 * The SELECT of `columns` from `from` in the given order; every name comes already quoted.
 * @example orderedSelect('"people"', ['"id"', '"name"'], ['"id"']) // 'SELECT "id", "name" FROM "people" ORDER BY "id"'
 */
export function orderedSelect(from: string, columns: readonly string[], orderBy: readonly string[]): string {
  return `SELECT ${columns.join(', ')} FROM ${from}` + (orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : '');
}
