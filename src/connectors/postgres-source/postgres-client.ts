import type { Client, CustomTypesConfig } from 'pg';
import { connectionFailed, urlUnreadable } from './postgres-errors.js';

const connectTimeoutMs = 10_000;

const keepText = (value: string): string => value;
/** Type parsers that keep every value as the text the server prints: no Date, no float, no parsed JSON. */
// pg types getTypeParser as generic over the parsed type; ours is always string
export const keepServerText = { getTypeParser: () => keepText } as unknown as CustomTypesConfig;

// fixed output formats, so a snapshot reads the same whatever the server's defaults
const sessionSettings = [
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  "SET TimeZone = 'UTC'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
].join('; ');

/**
 * Connects to PostgreSQL with every value read as the server's text, dates as
 * `yyyy-MM-dd` and time zones in UTC; fails with a CutoverError naming `label`
 * (never the URL, which may hold a password).
 */
export async function connectPostgres(url: string, label: string): Promise<Client> {
  if (!URL.canParse(url)) throw urlUnreadable();
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, types: keepServerText });
  // a broken connection also fails the query in flight; without a listener it would crash the process
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(sessionSettings);
  } catch (cause) {
    await client.end().catch(() => {});
    throw connectionFailed(label, cause);
  }
  return client;
}

/** Runs one statement and resolves with its rows as arrays of text or null. */
export async function runPostgres(client: Client, sql: string, values: unknown[] = []): Promise<(string | null)[][]> {
  const result = await client.query<(string | null)[]>({ text: sql, values, rowMode: 'array' });
  return result.rows;
}

/** Closes a connection; the server rolls back whatever transaction was still open. */
export async function endPostgres(client: Client): Promise<void> {
  await client.end().catch(() => {});
}
