import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../../core/cutover-error.js';
import type { SourceRow } from '../../core/source-row.js';
import { requireMariaDb } from '../../test-support/servers.js';
import { connectMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import type { SourceTable } from '../source.js';
import { openMysqlTable } from './mysql-source.js';

const table = `cutover_src_${process.pid}_${Date.now()}`;
let url: string;
let admin: MysqlConnection;

beforeAll(async () => {
  url = await requireMariaDb();
  admin = await connectMysql(url, 'test server');
  await runMysql(admin, "SET SESSION sql_mode = ''");
  await runMysql(
    admin,
    `CREATE TABLE \`${table}\` (
       region CHAR(2) NOT NULL,
       id INT NOT NULL,
       name VARCHAR(100) CHARACTER SET utf8mb4 NULL,
       balance DECIMAL(12,2) NULL,
       born DATE NULL,
       seen DATETIME NULL,
       ratio DOUBLE NULL,
       big BIGINT NULL,
       PRIMARY KEY (region, id)
     ) DEFAULT CHARSET = utf8mb4`,
  );
  // inserted out of key order, so the read has to sort
  await runMysql(
    admin,
    `INSERT INTO \`${table}\` VALUES
       ('NO', 2, '李', -1234567890.55, '0000-00-00', '2024-02-29 23:59:59', 0.1, 9007199254740993),
       ('EU', 10, 'Łukasz', 0.10, '1980-01-31', NULL, NULL, NULL),
       ('EU', 9, 'Zoë', 1250.00, '1975-12-01', '2001-09-09 01:46:40', 1e20, -1),
       ('NO', 1, NULL, NULL, NULL, '0000-00-00 00:00:00', NULL, NULL)`,
  );
});

afterAll(async () => {
  if (!admin) return;
  await runMysql(admin, `DROP TABLE IF EXISTS \`${table}\``);
  await endMysql(admin);
});

async function readAll(source: SourceTable): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows()) rows.push(row);
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
  { values: ['EU', '9', 'Zoë', '1250.00', '1975-12-01', '2001-09-09 01:46:40', '1e20', '-1'], line: 1 },
  { values: ['EU', '10', 'Łukasz', '0.10', '1980-01-31', null, null, null], line: 2 },
  { values: ['NO', '1', null, null, null, '0000-00-00 00:00:00', null, null], line: 3 },
  { values: ['NO', '2', '李', '-1234567890.55', '0000-00-00', '2024-02-29 23:59:59', '0.1', '9007199254740993'], line: 4 },
];

describe('a MariaDB/MySQL table source', () => {
  it('reads every row in primary key order, values as the server holds them', async () => {
    const source = await openMysqlTable(url, table);
    try {
      expect({
        name: source.name,
        columns: source.columns,
        types: source.types,
        details: source.details,
        rows: await readAll(source),
      }).toEqual({
        name: table,
        columns: ['region', 'id', 'name', 'balance', 'born', 'seen', 'ratio', 'big'],
        types: ['char(2)', 'int(11)', 'varchar(100)', 'decimal(12,2)', 'date', 'datetime', 'double', 'bigint(20)'],
        details: { database: 'mariadb' },
        rows: allRows,
      });
    } finally {
      await source.close();
    }
  });

  it('reads in the order it is asked for, again on every call, and stops early on request', async () => {
    const source = await openMysqlTable(url, table, { orderBy: ['id'] });
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

  it('stops with the reason when its signal is aborted, and refuses to read once closed', async () => {
    const source = await openMysqlTable(url, table);
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
      afterClose: `The source for table "${table}" was closed.`,
    });
  });

  it('names a missing table and lists the tables that exist', async () => {
    const tables = (await runMysql(admin, "SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")).map(([name]) => name).sort();
    expect(tables).toContain(table);
    expect(await failure(openMysqlTable(url, `${table}_typo`))).toEqual({
      code: 'table_missing',
      message: `Table "${table}_typo" was not found in database test on MariaDB/MySQL at 127.0.0.1:3306. Its tables are: ${tables.join(', ')}. Check the table name in cutover.yaml.`,
    });
  });

  it('names an order-by column the table does not have', async () => {
    expect(await failure(openMysqlTable(url, table, { orderBy: ['nmae'] }))).toEqual({
      code: 'column_missing',
      message: `Table "${table}" has no column "nmae" to order by. Its columns are: region, id, name, balance, born, seen, ratio, big. Check orderBy in cutover.yaml.`,
    });
  });

  it('says which server did not answer, without the password from the URL', async () => {
    expect(await failure(openMysqlTable('mysql://crm:s3cret@127.0.0.1:1/crm', 'people'))).toEqual({
      code: 'source_unreachable',
      message:
        'MariaDB/MySQL at 127.0.0.1:1 did not answer (connect ECONNREFUSED). Check that the server is running and the URL in cutover.yaml.',
    });
  });

  it('says when the server refuses the login', async () => {
    expect(await failure(openMysqlTable('mysql://nobody_here:s3cret@127.0.0.1:3306/test', 'people'))).toEqual({
      code: 'source_refused',
      message:
        "MariaDB/MySQL at 127.0.0.1:3306 refused the connection (Access denied for user 'nobody_here'@'127.0.0.1' (using password: YES)). Check the user, the password variable and the database in cutover.yaml.",
    });
  });
});
