import type { PoolClient } from 'pg';
import { CutoverError } from '../../core/cutover-error.js';
import { maskUrl } from '../../core/url-mask.js';
import { copyStatement, type Database, type QualifiedName, type SqlValue } from '../database.js';
import { keepTextParsers } from '../type-parsers.js';

/** Where a postgres:// URL points, without its password: "PostgreSQL at host:port/db". */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    // without a host the rest lands in the path, the password with it
    if (!u.hostname) return `PostgreSQL at ${maskUrl(url)} (the URL names no host)`;
    return `PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return `PostgreSQL at ${maskUrl(url)} (the URL could not be read)`;
  }
}

/** Connects to a real PostgreSQL server; fails with a clear message when it does not answer. */
export async function openPostgresDatabase(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const label = describePostgresUrl(url);
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      keepTextParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: 2, types });
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new CutoverError(
      'target_unreachable',
      `${label} did not answer (${(cause as Error).message}). Check that the server is running and the URL is right.`,
      { cause },
    );
  }
  return wrap(client, label, async () => {
    client.release();
    await pool.end();
  }, true);
}

function wrap(client: PoolClient, label: string, close: () => Promise<void>, outermost: boolean): Database {
  const db: Database = {
    label,
    async query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const result = await client.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async copyIn(table: QualifiedName, columns: readonly string[], text: string): Promise<void> {
      if (text.length === 0) return;
      const { from } = await import('pg-copy-streams');
      const stream = client.query(from(copyStatement(table, columns, 'STDIN')));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(text);
      });
    },
    async transaction<T>(work: (inner: Database) => Promise<T>): Promise<T> {
      if (!outermost) return work(db);
      await client.query('BEGIN');
      try {
        const result = await work(wrap(client, label, async () => {}, false));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close,
  };
  return db;
}
