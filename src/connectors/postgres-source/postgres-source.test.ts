import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../core/source-row.js';
import { requirePostgres } from '../../test-support/servers.js';
import { contractTables, describeTableSourceContract, failureOf, readRows, readTable } from '../../test-support/table-source-suite.js';
import { openPostgresTable } from './postgres-source.js';
import { listPostgresTables } from './postgres-table-list.js';

describeTableSourceContract('PostgreSQL', async () => {
  const url = await requirePostgres();
  // a schema of its own, so table_missing lists only the contract's tables
  const schema = `cutover_contract_${process.pid}_${Date.now()}`;
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query(`CREATE SCHEMA "${schema}"`);
  await owner.query(`CREATE TABLE "${schema}".people (region char(2) NOT NULL, id integer NOT NULL, name text, PRIMARY KEY (region, id))`);
  await owner.query(`CREATE TABLE "${schema}".diary (person integer, note text)`);
  for (const row of contractTables.people) await owner.query(`INSERT INTO "${schema}".people VALUES ($1, $2, $3)`, [...row]);
  for (const row of contractTables.diary) await owner.query(`INSERT INTO "${schema}".diary VALUES ($1, $2)`, [...row]);
  return {
    name: (table) => `${schema}.${table}`,
    open: (table, options) => openPostgresTable(url, table, options),
    types: ['character(2)', 'integer', 'text'],
    details: { database: 'postgresql' },
    missing: { place: `schema ${schema} on PostgreSQL at 127.0.0.1:5432/test` },
    async drop() {
      await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await owner.end();
    },
  };
}, { open: () => openPostgresTable('postgres://crm:s3cret@127.0.0.1:1/crm', 'people'), label: 'PostgreSQL at 127.0.0.1:1/crm' });

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
    expect(await readTable(openPostgresTable(url, people))).toEqual({
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
  });

  it('orders a table without a primary key by every column, json by its text', async () => {
    expect((await readTable(openPostgresTable(url, `${schema}.diary`))).rows).toEqual([
      { values: ['1', '{"z": 0}'], line: 1 },
      { values: ['2', '{"a": 2}'], line: 2 },
      { values: ['2', '{"b": 1}'], line: 3 },
    ]);
  });

  it('reads one consistent snapshot: a row added during the read is not in it, but is in the next', async () => {
    const source = await openPostgresTable(url, `${schema}.growing`);
    try {
      let during = 0;
      for await (const row of source.rows()) {
        during++;
        if (row.line === 1) await admin.query(`INSERT INTO "${schema}".growing VALUES (0), (9999)`);
      }
      expect([during, (await readRows(source)).length]).toEqual([2500, 2502]);
    } finally {
      await source.close();
    }
  });

  it('reads the rows of a view, in the order of all its columns', async () => {
    expect((await readTable(openPostgresTable(url, `${schema}.rich`))).rows).toEqual([
      { values: ['1', '12345678.90'], line: 1 },
      { values: ['9', '1250.00'], line: 2 },
    ]);
  });

  it('lists the tables of a schema by code point, without views', async () => {
    expect(await listPostgresTables(url, schema)).toEqual(['diary', 'growing', 'people']);
  });

  it('names a missing schema and lists the schemas there are', async () => {
    const schemas = (await admin.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")).rows
      .map((row) => row.nspname)
      .sort();
    expect(schemas).toContain(schema);
    expect(await failureOf(openPostgresTable(url, `no_such_schema_${process.pid}.people`))).toEqual({
      code: 'schema_missing',
      message: `Schema "no_such_schema_${process.pid}" was not found on PostgreSQL at 127.0.0.1:5432/test. Its schemas are: ${schemas.join(', ')}. Check the table name in cutover.yaml (write schema.table).`,
    });
  });

  it('says when the URL cannot be read, without repeating it', async () => {
    expect(await failureOf(openPostgresTable('postgres://crm:s3cret@127.0.0.1:notaport/crm', 'people'))).toEqual({
      code: 'source_url',
      message:
        'The PostgreSQL URL could not be read. Write it as postgres://user@host:5432/database, with any special character in the password percent-encoded.',
    });
  });

  it('says when the server refuses the login or has no such database', async () => {
    expect([
      await failureOf(openPostgresTable('postgres://nobody_here:s3cret@127.0.0.1:5432/test', 'people')),
      await failureOf(listPostgresTables('postgres://postgres@127.0.0.1:5432/no_such_database')),
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
