import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../../core/cutover-error.js';
import { requireMariaDb } from '../../test-support/servers.js';
import { connectMysql, endMysql, runMysql, type MysqlConnection } from './mysql-driver.js';
import { listMysqlTables } from './mysql-table-list.js';

// a database of its own, so the list holds only what this test made
const database = `cutover_list_${process.pid}_${Date.now()}`;
let serverUrl: string;
let admin: MysqlConnection;

beforeAll(async () => {
  serverUrl = await requireMariaDb();
  admin = await connectMysql(serverUrl, 'test server');
  await runMysql(admin, `CREATE DATABASE \`${database}\``);
  await runMysql(admin, `CREATE TABLE \`${database}\`.\`tenancies\` (id INT PRIMARY KEY)`);
  await runMysql(admin, `CREATE TABLE \`${database}\`.\`People\` (id INT PRIMARY KEY)`);
  await runMysql(admin, `CREATE TABLE \`${database}\`.\`diary\` (note TEXT)`);
  await runMysql(admin, `CREATE VIEW \`${database}\`.\`active_people\` AS SELECT id FROM \`${database}\`.\`People\``);
});

afterAll(async () => {
  if (!admin) return;
  await runMysql(admin, `DROP DATABASE IF EXISTS \`${database}\``);
  await endMysql(admin);
});

function urlFor(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('listing MariaDB/MySQL tables', () => {
  it('lists the base tables of the URL database by code point, without views', async () => {
    expect(await listMysqlTables(urlFor(database))).toEqual(['People', 'diary', 'tenancies']);
  });

  it('says when the URL names no database', async () => {
    const error = await listMysqlTables(urlFor('')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CutoverError);
    expect({ code: (error as CutoverError).code, message: (error as CutoverError).message }).toEqual({
      code: 'source_refused',
      message:
        'The URL for MariaDB/MySQL at 127.0.0.1:3306 names no database. Add it to the URL in cutover.yaml, as in mysql://user@host:3306/crm.',
    });
  });
});
