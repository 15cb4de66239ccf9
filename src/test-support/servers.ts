import type { Database } from '../connectors/database.js';
import { openDatabase } from '../connectors/open-database.js';
/** PostgreSQL for integration tests: trust login, database `test`. */
const postgres = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' } as const;
/** MariaDB for integration tests: root without a password, database `test`. */
const mariadb = { host: '127.0.0.1', port: 3306, database: 'test', user: 'root' } as const;

const connectTimeoutMs = 5000;

/**
 * Checks that the test PostgreSQL server answers `SELECT 1` and returns its URL; throws
 * (so the test run fails, never skips) with how to start it when it does not.
 * @example beforeAll(async () => { url = await requirePostgres(); });
 */
export async function requirePostgres(): Promise<string> {
  const { default: pg } = await import('pg');
  // every setting explicit so PGUSER, PGDATABASE and friends cannot redirect the tests
  const client = new pg.Client({ ...postgres, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (cause) {
    throw notAnswering(
      `PostgreSQL at ${postgres.host}:${postgres.port} (database ${postgres.database}, user ${postgres.user})`,
      cause,
      'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  } finally {
    await client.end().catch(() => {});
  }
  return `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}`;
}

/**
 * Checks that the test MariaDB server answers `SELECT 1` and returns its URL; throws
 * (so the test run fails, never skips) with how to start it when it does not.
 * @example beforeAll(async () => { url = await requireMariaDb(); });
 */
export async function requireMariaDb(): Promise<string> {
  const { default: mysql } = await import('mysql2/promise');
  try {
    const connection = await mysql.createConnection({ ...mariadb, connectTimeout: connectTimeoutMs });
    try {
      await connection.query('SELECT 1');
    } finally {
      await connection.end().catch(() => {});
    }
  } catch (cause) {
    throw notAnswering(
      `MariaDB at ${mariadb.host}:${mariadb.port} (database ${mariadb.database}, user ${mariadb.user})`,
      cause,
      'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
    );
  }
  return `mysql://${mariadb.user}@${mariadb.host}:${mariadb.port}/${mariadb.database}`;
}

function notAnswering(server: string, cause: unknown, start: string): Error {
  const reason = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code : String(cause);
  return new Error(
    `${server} did not answer (${reason}). Integration tests need it; start it with: ${start}`,
    { cause },
  );
}

/** Runs `work` on a database opened by its address (a server's URL, or an embedded data folder), closed afterwards. */
export async function withDatabase<T>(address: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(address);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * Makes each named database afresh on the test PostgreSQL server (dropped first, with any
 * sessions left in it) and returns their URLs by the same names.
 * @example urls = await freshPostgresDatabases({ production: 'cutover_gap_production' });
 */
export async function freshPostgresDatabases<K extends string>(names: Readonly<Record<K, string>>): Promise<Record<K, string>> {
  const server = await requirePostgres();
  await withDatabase(server, async (admin) => {
    for (const name of Object.values<string>(names)) {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.exec(`CREATE DATABASE ${name}`);
    }
  });
  return Object.fromEntries(Object.entries<string>(names).map(([k, name]) => [k, server.replace(/\/test$/, `/${name}`)])) as Record<K, string>;
}
