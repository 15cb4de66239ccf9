import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../core/source-row.js';
import { requireMariaDb } from '../../test-support/servers.js';
import { contractTables, describeTableSourceContract, failureOf, readTable } from '../../test-support/table-source-suite.js';
import { connectMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import { openMysqlTable } from './mysql-source.js';

describeTableSourceContract('MariaDB/MySQL', async () => {
  const server = await requireMariaDb();
  // a database of its own, so table_missing lists only the contract's tables
  const database = `cutover_contract_${process.pid}_${Date.now()}`;
  const url = new URL(server);
  url.pathname = `/${database}`;
  const owner = await connectMysql(server, 'test server');
  await runMysql(owner, `CREATE DATABASE \`${database}\` DEFAULT CHARSET = utf8mb4`);
  await runMysql(
    owner,
    `CREATE TABLE \`${database}\`.people (region CHAR(2) NOT NULL, id INT NOT NULL, name VARCHAR(100) NULL, PRIMARY KEY (region, id))`,
  );
  await runMysql(owner, `CREATE TABLE \`${database}\`.diary (person INT, note VARCHAR(10))`);
  for (const row of contractTables.people) await runMysql(owner, `INSERT INTO \`${database}\`.people VALUES (?, ?, ?)`, [...row]);
  for (const row of contractTables.diary) await runMysql(owner, `INSERT INTO \`${database}\`.diary VALUES (?, ?)`, [...row]);
  return {
    name: (table) => table,
    open: (table, options) => openMysqlTable(url.toString(), table, options),
    types: ['char(2)', 'int(11)', 'varchar(100)'],
    details: { database: 'mariadb' },
    missing: { place: `database ${database} on MariaDB/MySQL at 127.0.0.1:3306` },
    async drop() {
      await runMysql(owner, `DROP DATABASE IF EXISTS \`${database}\``);
      await endMysql(owner);
    },
  };
}, { open: () => openMysqlTable('mysql://crm:s3cret@127.0.0.1:1/crm', 'people'), label: 'MariaDB/MySQL at 127.0.0.1:1' });

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

const allRows: SourceRow[] = [
  { values: ['EU', '9', 'Zoë', '1250.00', '1975-12-01', '2001-09-09 01:46:40', '1e20', '-1'], line: 1 },
  { values: ['EU', '10', 'Łukasz', '0.10', '1980-01-31', null, null, null], line: 2 },
  { values: ['NO', '1', null, null, null, '0000-00-00 00:00:00', null, null], line: 3 },
  { values: ['NO', '2', '李', '-1234567890.55', '0000-00-00', '2024-02-29 23:59:59', '0.1', '9007199254740993'], line: 4 },
];

describe('a MariaDB/MySQL table source', () => {
  it('reads every row in primary key order, values as the server holds them', async () => {
    expect(await readTable(openMysqlTable(url, table))).toEqual({
      name: table,
      columns: ['region', 'id', 'name', 'balance', 'born', 'seen', 'ratio', 'big'],
      types: ['char(2)', 'int(11)', 'varchar(100)', 'decimal(12,2)', 'date', 'datetime', 'double', 'bigint(20)'],
      details: { database: 'mariadb' },
      rows: allRows,
    });
  });

  it('says when the server refuses the login', async () => {
    expect(await failureOf(openMysqlTable('mysql://nobody_here:s3cret@127.0.0.1:3306/test', 'people'))).toEqual({
      code: 'source_refused',
      message:
        "MariaDB/MySQL at 127.0.0.1:3306 refused the connection (Access denied for user 'nobody_here'@'127.0.0.1' (using password: YES)). Check the user, the password variable and the database in cutover.yaml.",
    });
  });
});
