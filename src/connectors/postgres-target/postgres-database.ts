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
  // a connection that drops (a restarted server, a network cut) emits 'error' on its own
  // schedule; left unheard that ends the process, so it is kept for the next statement to say
  const connection: Connection = { lost: undefined };
  client.on('error', (error) => { connection.lost ??= error; });
  pool.on('error', () => {});
  return wrap(client, label, connection, async () => {
    client.release(connection.lost !== undefined);
    await pool.end();
  }, true);
}

/** What is known about the one connection a Database holds. */
interface Connection {
  lost: Error | undefined;
}

// SQLSTATE classes 08 (connection exception) and 57P (the server shutting down or the backend terminated)
const droppedStates = /^(08|57P)/;
const droppedMessages = /Connection terminated|ECONNRESET|EPIPE|connection.*(closed|ended)|Client has encountered a connection error/i;

/** A statement's error, worded when it means the connection is gone; every other error as it is. */
function asLost(label: string, connection: Connection, error: unknown): unknown {
  const e = error as { code?: string; message?: string } | undefined;
  const dropped = connection.lost !== undefined || droppedStates.test(e?.code ?? '') || droppedMessages.test(e?.message ?? '');
  if (!dropped) return error;
  connection.lost ??= error as Error;
  const reason = connection.lost.message || e?.message || 'no reason given';
  return new CutoverError(
    'connection_lost',
    `The connection to ${label} was lost (${reason}). What was loaded up to the last checkpoint is kept and nothing half-written stays: run the same command again to carry on.`,
    { cause: error },
  );
}

function wrap(client: PoolClient, label: string, connection: Connection, close: () => Promise<void>, outermost: boolean): Database {
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (connection.lost !== undefined) throw asLost(label, connection, connection.lost);
    try {
      return await work();
    } catch (error) {
      throw asLost(label, connection, error);
    }
  };
  const db: Database = {
    label,
    query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return guarded(async () => (await client.query(sql, [...params])).rows as T[]);
    },
    exec(sql: string): Promise<void> {
      return guarded(async () => { await client.query(sql); });
    },
    async copyIn(table: QualifiedName, columns: readonly string[], text: string): Promise<void> {
      if (text.length === 0) return;
      const { from } = await import('pg-copy-streams');
      await guarded(() => {
        const stream = client.query(from(copyStatement(table, columns, 'STDIN')));
        return new Promise<void>((resolve, reject) => {
          stream.on('error', reject);
          stream.on('finish', resolve);
          stream.end(text);
        });
      });
    },
    async transaction<T>(work: (inner: Database) => Promise<T>): Promise<T> {
      if (!outermost) return work(db);
      await db.exec('BEGIN');
      try {
        const result = await work(wrap(client, label, connection, async () => {}, false));
        await db.exec('COMMIT');
        return result;
      } catch (error) {
        if (connection.lost === undefined) await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close,
  };
  return db;
}
