import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../test-support/temp-dir.js';
import type { SourceTable } from './source.js';
import { failureOf } from '../test-support/table-source-suite.js';
import { openTableSources } from './table-sources.js';

let dir: TempDir;
let file: string;

beforeAll(() => {
  dir = tempDir('cutover-table-sources');
  file = join(dir.path, 'crm.db');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE tenancies (id INTEGER PRIMARY KEY, rent DECIMAL(8,2));
    CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO people VALUES (1, 'Zoë');
  `);
  db.close();
});

afterAll(() => dir?.cleanup());

async function describeTables(tables: readonly SourceTable[]): Promise<{ name: string; details: unknown }[]> {
  await Promise.all(tables.map((table) => table.close()));
  return tables.map((table) => ({ name: table.name, details: table.details }));
}

const sqlite = { database: 'sqlite' };

describe('opening the tables of a database by its URL', () => {
  it('opens every table of an SQLite file, named sqlite:PATH, sqlite:///PATH or by a .db path', async () => {
    const all = [
      { name: 'people', details: sqlite },
      { name: 'tenancies', details: sqlite },
    ];
    expect([
      await describeTables(await openTableSources(`sqlite:${file}`)),
      await describeTables(await openTableSources(`sqlite://${file}`)),
      await describeTables(await openTableSources(relative(process.cwd(), file))),
    ]).toEqual([all, all, all]);
  });

  it('opens only the tables it is given, in the order given', async () => {
    expect(await describeTables(await openTableSources(`sqlite:${file}`, ['tenancies', 'people']))).toEqual([
      { name: 'tenancies', details: sqlite },
      { name: 'people', details: sqlite },
    ]);
  });

  it('fails on the first table that is missing', async () => {
    expect(await failureOf(openTableSources(file, ['people', 'diary']))).toEqual({
      code: 'table_missing',
      message: `Table "diary" was not found in the SQLite file ${file}. Its tables are: people, tenancies. Check the table name in cutover.yaml.`,
      where: { file },
    });
  });

  it('sends mysql:// and mariadb:// to MariaDB, postgres:// and postgresql:// to PostgreSQL', async () => {
    // nothing listens on port 1: each connector names its server, without the password
    const unreachable = await Promise.all(
      ['mysql', 'mariadb', 'postgres', 'postgresql'].map((scheme) => failureOf(openTableSources(`${scheme}://crm:s3cret@127.0.0.1:1/crm`))),
    );
    const mariadb = {
      code: 'source_unreachable',
      message: 'MariaDB/MySQL at 127.0.0.1:1 did not answer (connect ECONNREFUSED). Check that the server is running and the URL in cutover.yaml.',
    };
    const postgres = {
      code: 'source_unreachable',
      message: 'PostgreSQL at 127.0.0.1:1/crm did not answer (connect ECONNREFUSED). Check that the server is running and the URL in cutover.yaml.',
    };
    expect(unreachable).toEqual([mariadb, mariadb, postgres, postgres]);
  });

  it('refuses a URL it cannot read, without its password', async () => {
    expect(await failureOf(openTableSources('mssql://sa:s3cret@db.example.test/crm'))).toEqual({
      code: 'source_url',
      message:
        '"mssql://sa:***@db.example.test/crm" is not a database Cutover can read. Use a mysql:// or mariadb:// URL, a postgres:// or postgresql:// URL, sqlite:PATH, or the path of a .sqlite or .db file.',
    });
  });
});
