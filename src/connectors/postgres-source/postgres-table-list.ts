import type { Client } from 'pg';
import { describePostgresUrl } from '../postgres-target/postgres-database.js';
import { connectPostgres, endPostgres, runPostgres } from './postgres-client.js';
import { schemaMissing } from './postgres-errors.js';

/**
 * Lists the tables of one schema (plain and partitioned, not partitions or views),
 * sorted by name; fails with `schema_missing` when the schema is not there.
 * @example await listPostgresTables('postgres://crm@127.0.0.1:5432/crm') // ['people', 'tenancies']
 */
export async function listPostgresTables(url: string, schema = 'public'): Promise<string[]> {
  const label = describePostgresUrl(url);
  const client = await connectPostgres(url, label);
  try {
    return await readPostgresTableNames(client, label, schema);
  } finally {
    await endPostgres(client);
  }
}

/** The tables of `schema`, sorted by code point so every run lists them alike. */
export async function readPostgresTableNames(client: Client, label: string, schema: string): Promise<string[]> {
  const [[found] = []] = await runPostgres(client, 'SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
  if (found === '0') {
    const schemas = await runPostgres(
      client,
      "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
    );
    throw schemaMissing(label, schema, schemas.map(([name]) => name ?? '').sort());
  }
  const tables = await runPostgres(
    client,
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    [schema],
  );
  return tables.map(([name]) => name ?? '').sort();
}
