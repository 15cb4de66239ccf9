import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../test-support/temp-dir.js';
import { contractTables, describeTableSourceContract, failureOf, readRows, readTable } from '../../test-support/table-source-suite.js';
import { openSqliteTable } from './sqlite-source.js';
import { listSqliteTables } from './sqlite-table-list.js';

describeTableSourceContract('SQLite', async () => {
  const folder = tempDir('cutover-sqlite-contract');
  const file = join(folder.path, 'contract.db');
  const db = new Database(file);
  db.exec(`
    CREATE TABLE people (region VARCHAR(2) NOT NULL, id INTEGER NOT NULL, name TEXT, PRIMARY KEY (region, id));
    CREATE TABLE diary (person INTEGER, note TEXT);
  `);
  for (const row of contractTables.people) db.prepare('INSERT INTO people VALUES (?, ?, ?)').run(...row);
  for (const row of contractTables.diary) db.prepare('INSERT INTO diary VALUES (?, ?)').run(...row);
  db.close();
  return {
    name: (table) => table,
    open: (table, options) => openSqliteTable(file, table, options),
    types: ['VARCHAR(2)', 'INTEGER', 'TEXT'],
    details: { database: 'sqlite' },
    missing: { place: `the SQLite file ${file}`, where: { file } },
    async drop() {
      folder.cleanup();
    },
  };
});

let dir: TempDir;
let file: string;

beforeAll(() => {
  dir = tempDir('cutover-sqlite');
  file = join(dir.path, 'crm.db');
  const db = new Database(file);
  // WAL, so a writer can add rows while a read is open
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE people (
      region VARCHAR(2) NOT NULL,
      id INTEGER NOT NULL,
      name TEXT,
      balance DECIMAL(12,2),
      ratio REAL,
      photo BLOB,
      big BIGINT,
      PRIMARY KEY (region, id)
    );
    CREATE TABLE diary (person, note);
    CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT);
    CREATE VIEW rich AS SELECT id, balance FROM people WHERE balance > 1000;
  `);
  const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)');
  // inserted out of key order, so the read has to sort
  insert.run('NO', 2, '李', '-1234567890.55', 0.1, Buffer.from([0, 255]), 9007199254740993n);
  insert.run('EU', 10, 'Łukasz', '0.10', null, null, null);
  insert.run('EU', 9, 'Zoë', '1250.00', 1e20, Buffer.alloc(0), -1n);
  insert.run('NO', 1, null, '12345678.90', -2.5e-7, null, null);
  db.prepare('INSERT INTO diary VALUES (?, ?)').run(2, 'b');
  db.prepare('INSERT INTO diary VALUES (?, ?)').run(1, null);
  db.prepare('INSERT INTO diary VALUES (?, ?)').run(2, 'a');
  db.exec('INSERT INTO counter VALUES (NULL), (NULL), (NULL)');
  db.close();
});

afterAll(() => dir?.cleanup());

describe('an SQLite table source', () => {
  it('reads every row in primary key order: INTEGER exact, REAL shortest, BLOB hex, types as declared', async () => {
    expect(await readTable(openSqliteTable(file, 'people'))).toEqual({
      name: 'people',
      columns: ['region', 'id', 'name', 'balance', 'ratio', 'photo', 'big'],
      types: ['VARCHAR(2)', 'INTEGER', 'TEXT', 'DECIMAL(12,2)', 'REAL', 'BLOB', 'BIGINT'],
      details: { database: 'sqlite' },
      // DECIMAL has NUMERIC affinity: SQLite itself stored 1250.00 as the integer 1250 and 0.10 as the double 0.1
      rows: [
        { values: ['EU', '9', 'Zoë', '1250', '100000000000000000000', '\\x', '-1'], line: 1 },
        { values: ['EU', '10', 'Łukasz', '0.1', null, null, null], line: 2 },
        { values: ['NO', '1', null, '12345678.9', '-2.5e-7', null, null], line: 3 },
        { values: ['NO', '2', '李', '-1234567890.55', '0.1', '\\x00ff', '9007199254740993'], line: 4 },
      ],
    });
  });

  it('reads columns declared without a type, NULL first, and views, in the order of all their columns', async () => {
    const diary = await readTable(openSqliteTable(file, 'diary'));
    const rich = await readTable(openSqliteTable(file, 'rich'));
    expect({ diary: { types: diary.types, rows: diary.rows }, rich: rich.rows }).toEqual({
      diary: {
        types: ['', ''],
        rows: [
          { values: ['1', null], line: 1 },
          { values: ['2', 'a'], line: 2 },
          { values: ['2', 'b'], line: 3 },
        ],
      },
      rich: [
        { values: ['1', '12345678.9'], line: 1 },
        { values: ['9', '1250'], line: 2 },
      ],
    });
  });

  it('reads one consistent state of the file: a row written during the read is not in it, but is in the next', async () => {
    const source = await openSqliteTable(file, 'counter');
    const writer = new Database(file);
    try {
      const during: string[] = [];
      for await (const row of source.rows()) {
        during.push(row.values[0] ?? '');
        if (row.line === 1) writer.exec('INSERT INTO counter VALUES (NULL)');
      }
      expect([during, (await readRows(source)).map((row) => row.values[0])]).toEqual([
        ['1', '2', '3'],
        ['1', '2', '3', '4'],
      ]);
    } finally {
      writer.close();
      await source.close();
    }
  });

  it('lists the tables by code point, without views or SQLite’s own', async () => {
    expect(await listSqliteTables(file)).toEqual(['counter', 'diary', 'people']);
  });

  it('refuses a missing file without creating one', async () => {
    const missing = join(dir.path, 'nowhere.db');
    expect([await failureOf(openSqliteTable(missing, 'people')), existsSync(missing)]).toEqual([
      {
        code: 'file_missing',
        message: `The SQLite file ${missing} was not found. Check the path in the database URL in cutover.yaml (sqlite:PATH).`,
        where: { file: missing },
      },
      false,
    ]);
  });

  it('refuses a file that is not an SQLite database, and a folder', async () => {
    const csv = join(dir.path, 'people.db');
    writeFileSync(csv, 'id,name\n1,Zoë\n');
    expect([await failureOf(listSqliteTables(csv)), await failureOf(openSqliteTable(dir.path, 'people'))]).toEqual([
      {
        code: 'file_not_sqlite',
        message: `${csv} is not an SQLite database (it does not start with the SQLite header). Check that the path names the database file and not an export of it.`,
        where: { file: csv },
      },
      {
        code: 'file_unreadable',
        message: `The SQLite file ${dir.path} could not be read (it is a folder). Check the path in the database URL in cutover.yaml (sqlite:PATH).`,
        where: { file: dir.path },
      },
    ]);
  });
});
