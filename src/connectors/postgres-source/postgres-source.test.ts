import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../../core/cutover-error.js';
import type { SourceRow } from '../../core/source-row.js';
import { requirePostgres } from '../../test-support/servers.js';
import type { SourceTable } from '../source.js';
import { openPostgresTable } from './postgres-source.js';
import { listPostgresTables } from './postgres-table-list.js';

// a schema of its own per run, dropped afterwards
const schema = `cutover_pg_src_${process.pid}_${Date.now()}`;
const people = `${schema}.people`;
let url: string;
let admin: pg.Client;

beforeAll(async () => {
  url = await requirePostgres();
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.query(`SET search_path = "${schema}"`);
  await admin.query(`
    CREATE TABLE people (
      region char(2) NOT NULL,
      id integer NOT NULL,
      name text,
      balance numeric(12,2),
      born date,
      seen timestamp,
      seen_tz timestamptz,
      active boolean,
      photo bytea,
      ratio double precision,
      big bigint,
      PRIMARY KEY (region, id)
    )`);
  // inserted out of key order, so the read has to sort
  await admin.query(`
    INSERT INTO people VALUES
      ('NO', 2, '李', -1234567890.55, '2024-02-29', '2024-02-29 23:59:59', '2024-02-29 23:59:59+01', false, '\\x00ff', 0.1, 9007199254740993),
      ('EU', 10, 'Łukasz', 0.10, '1980-01-31', NULL, NULL, true, NULL, NULL, NULL),
      ('EU', 9, 'Zoë', 1250.00, '1975-12-01', '2001-09-09 01:46:40.5', '2001-09-09 01:46:40+00', NULL, '', 1e20, -1),
      ('NO', 1, NULL, 12345678.90, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  // no primary key, and a column type (json) that has no sort order of its own
  await admin.query('CREATE TABLE diary (person integer, note json)');
  await admin.query(`INSERT INTO diary VALUES (2, '{"b": 1}'), (1, '{"z": 0}'), (2, '{"a": 2}')`);
  await admin.query('CREATE VIEW rich AS SELECT id, balance FROM people WHERE balance > 1000');
  // more rows than one cursor batch
  await admin.query('CREATE TABLE growing (id integer PRIMARY KEY)');
  await admin.query('INSERT INTO growing SELECT generate_series(1, 2500)');
});

afterAll(async () => {
  if (!admin) return;
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

async function readAll(source: SourceTable, signal?: AbortSignal): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows(signal)) rows.push(row);
  return rows;
}

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CutoverError)) throw new Error(`expected a CutoverError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const allRows: SourceRow[] = [
  {
    values: ['EU', '9', 'Zoë', '1250.00', '1975-12-01', '2001-09-09 01:46:40.5', '2001-09-09 01:46:40+00', null, '\\x', '1e+20', '-1'],
    line: 1,
  },
  { values: ['EU', '10', 'Łukasz', '0.10', '1980-01-31', null, null, 't', null, null, null], line: 2 },
  { values: ['NO', '1', null, '12345678.90', null, null, null, null, null, null, null], line: 3 },
  {
    values: ['NO', '2', '李', '-1234567890.55', '2024-02-29', '2024-02-29 23:59:59', '2024-02-29 22:59:59+00', 'f', '\\x00ff', '0.1', '9007199254740993'],
    line: 4,
  },
];

describe('a PostgreSQL table source', () => {
  it('reads every row in primary key order, values as PostgreSQL prints them', async () => {
    const source = await openPostgresTable(url, people);
    try {
      expect({
        name: source.name,
        columns: source.columns,
        types: source.types,
        details: source.details,
        rows: await readAll(source),
      }).toEqual({
        name: people,
        columns: ['region', 'id', 'name', 'balance', 'born', 'seen', 'seen_tz', 'active', 'photo', 'ratio', 'big'],
        types: [
          'character(2)',
          'integer',
          'text',
          'numeric(12,2)',
          'date',
          'timestamp without time zone',
          'timestamp with time zone',
          'boolean',
          'bytea',
          'double precision',
          'bigint',
        ],
        details: { database: 'postgresql' },
        rows: allRows,
      });
    } finally {
      await source.close();
    }
  });

  it('orders a table without a primary key by every column, json by its text', async () => {
    const source = await openPostgresTable(url, `${schema}.diary`);
    try {
      expect(await readAll(source)).toEqual([
        { values: ['1', '{"z": 0}'], line: 1 },
        { values: ['2', '{"a": 2}'], line: 2 },
        { values: ['2', '{"b": 1}'], line: 3 },
      ]);
    } finally {
      await source.close();
    }
  });

  it('reads in the order it is asked for, again on every call, and stops early on request', async () => {
    const source = await openPostgresTable(url, people, { orderBy: ['id'] });
    try {
      const first: SourceRow[] = [];
      for await (const row of source.rows()) {
        first.push(row);
        if (first.length === 2) break;
      }
      const names = (rows: SourceRow[]) => rows.map((row) => [row.line, row.values[2]]);
      expect([names(first), names(await readAll(source))]).toEqual([
        [
          [1, null],
          [2, '李'],
        ],
        [
          [1, null],
          [2, '李'],
          [3, 'Zoë'],
          [4, 'Łukasz'],
        ],
      ]);
    } finally {
      await source.close();
    }
  });

  it('reads one consistent snapshot: a row added during the read is not in it, but is in the next', async () => {
    const source = await openPostgresTable(url, `${schema}.growing`);
    try {
      let during = 0;
      for await (const row of source.rows()) {
        during++;
        if (row.line === 1) await admin.query(`INSERT INTO "${schema}".growing VALUES (0), (9999)`);
      }
      expect([during, (await readAll(source)).length]).toEqual([2500, 2502]);
    } finally {
      await source.close();
    }
  });

  it('reads the rows of a view, in the order of all its columns', async () => {
    const source = await openPostgresTable(url, `${schema}.rich`);
    try {
      expect(await readAll(source)).toEqual([
        { values: ['1', '12345678.90'], line: 1 },
        { values: ['9', '1250.00'], line: 2 },
      ]);
    } finally {
      await source.close();
    }
  });

  it('stops with the reason when its signal is aborted, and refuses to read once closed', async () => {
    const source = await openPostgresTable(url, people);
    const controller = new AbortController();
    const seen: number[] = [];
    const stopped = await (async () => {
      for await (const row of source.rows(controller.signal)) {
        seen.push(row.line);
        controller.abort(new Error('the run was cancelled'));
      }
    })().catch((error: Error) => error.message);
    await source.close();
    const afterClose = await readAll(source).catch((error: Error) => error.message);
    expect({ seen, stopped, afterClose }).toEqual({
      seen: [1],
      stopped: 'the run was cancelled',
      afterClose: `The source for table "${people}" was closed.`,
    });
  });

  it('ends a read in progress when it is closed', async () => {
    const source = await openPostgresTable(url, people);
    const seen: number[] = [];
    const stopped = await (async () => {
      for await (const row of source.rows()) {
        seen.push(row.line);
        await source.close();
      }
    })().catch((error: Error) => error.message);
    expect({ seen, stopped }).toEqual({ seen: [1], stopped: `The source for table "${people}" was closed.` });
  });

  it('lists the tables of a schema by code point, without views', async () => {
    expect(await listPostgresTables(url, schema)).toEqual(['diary', 'growing', 'people']);
  });

  it('names a missing table and lists the tables of its schema', async () => {
    expect(await failure(openPostgresTable(url, `${schema}.peple`))).toEqual({
      code: 'table_missing',
      message: `Table "peple" was not found in schema ${schema} on PostgreSQL at 127.0.0.1:5432/test. Its tables are: diary, growing, people. Check the table name in cutover.yaml.`,
    });
  });

  it('names a missing schema and lists the schemas there are', async () => {
    const schemas = (await admin.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")).rows
      .map((row) => row.nspname)
      .sort();
    expect(schemas).toContain(schema);
    expect(await failure(openPostgresTable(url, `no_such_schema_${process.pid}.people`))).toEqual({
      code: 'schema_missing',
      message: `Schema "no_such_schema_${process.pid}" was not found on PostgreSQL at 127.0.0.1:5432/test. Its schemas are: ${schemas.join(', ')}. Check the table name in cutover.yaml (write schema.table).`,
    });
  });

  it('names an order-by column the table does not have', async () => {
    expect(await failure(openPostgresTable(url, people, { orderBy: ['nmae'] }))).toEqual({
      code: 'column_missing',
      message: `Table "${people}" has no column "nmae" to order by. Its columns are: region, id, name, balance, born, seen, seen_tz, active, photo, ratio, big. Check orderBy in cutover.yaml.`,
    });
  });

  it('says which server did not answer, without the password from the URL', async () => {
    expect(await failure(openPostgresTable('postgres://crm:s3cret@127.0.0.1:1/crm', 'people'))).toEqual({
      code: 'source_unreachable',
      message:
        'PostgreSQL at 127.0.0.1:1/crm did not answer (connect ECONNREFUSED). Check that the server is running and the URL in cutover.yaml.',
    });
  });

  it('says when the URL cannot be read, without repeating it', async () => {
    expect(await failure(openPostgresTable('postgres://crm:s3cret@127.0.0.1:notaport/crm', 'people'))).toEqual({
      code: 'source_url',
      message:
        'The PostgreSQL URL could not be read. Write it as postgres://user@host:5432/database, with any special character in the password percent-encoded.',
    });
  });

  it('says when the server refuses the login or has no such database', async () => {
    expect([
      await failure(openPostgresTable('postgres://nobody_here:s3cret@127.0.0.1:5432/test', 'people')),
      await failure(listPostgresTables('postgres://postgres@127.0.0.1:5432/no_such_database')),
    ]).toEqual([
      {
        code: 'source_refused',
        message:
          'PostgreSQL at 127.0.0.1:5432/test refused the connection (role "nobody_here" does not exist). Check the user, the password variable and the database in cutover.yaml.',
      },
      {
        code: 'source_refused',
        message:
          'PostgreSQL at 127.0.0.1:5432/no_such_database refused the connection (database "no_such_database" does not exist). Check the user, the password variable and the database in cutover.yaml.',
      },
    ]);
  });
});
