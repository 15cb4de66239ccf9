import type { Client } from 'pg';
import type { QualifiedName } from '../database.js';
import { tableMissing } from '../table-source-errors.js';
import { runPostgres } from './postgres-client.js';
import { readPostgresTableNames } from './postgres-table-list.js';

/** A table's columns in order with their catalog types, and its primary key in key order. */
export interface PostgresTableInfo {
  readonly columns: readonly string[];
  /** `format_type` of each column: `numeric(12,2)`, `date`, `character varying(80)` */
  readonly types: readonly string[];
  /** per column: false for types with no sort order of their own (json, xml, geometry) */
  readonly sortable: readonly boolean[];
  readonly primaryKey: readonly string[];
}

// number, string, date/time, boolean, interval, enum, bit string and network types sort natively
const sortableCategories = "'N', 'S', 'D', 'B', 'T', 'E', 'V', 'I'";

/**
 * Reads a table's (or view's) columns, types and primary key from the catalog; fails
 * with `table_missing` (or `schema_missing`), listing what exists, when it is not there.
 */
export async function readPostgresTableInfo(client: Client, label: string, name: QualifiedName): Promise<PostgresTableInfo> {
  const [[oid] = []] = await runPostgres(
    client,
    `SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
    [name.schema, name.table],
  );
  if (!oid) throw tableMissing(`schema ${name.schema} on ${label}`, name.table, await readPostgresTableNames(client, label, name.schema));
  const columns = await runPostgres(
    client,
    `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typcategory IN (${sortableCategories})
       FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [oid],
  );
  const primaryKey = await runPostgres(
    client,
    `SELECT a.attname FROM pg_catalog.pg_index i
      CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.position`,
    [oid],
  );
  return {
    columns: columns.map(([column]) => column ?? ''),
    types: columns.map(([, type]) => type ?? ''),
    sortable: columns.map(([, , sortable]) => sortable === 't'),
    primaryKey: primaryKey.map(([column]) => column ?? ''),
  };
}
