import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../../core/cutover-error.js';
import type { SourceRow } from '../../core/source-row.js';
import { tempDir, type TempDir } from '../../test-support/temp-dir.js';
import type { SourceTable } from '../source.js';
import { openSqliteTable } from './sqlite-source.js';
import { listSqliteTables } from './sqlite-table-list.js';

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

describe('an SQLite table source', () => {
  it('reads every row in primary key order: INTEGER exact, REAL shortest, BLOB hex, types as declared', async () => {
    const source = await openSqliteTable(file, 'people');
    try {
      expect({
        name: source.name,
        columns: source.columns,
        types: source.types,
        details: source.details,
        rows: await readAll(source),
      }).toEqual({
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
    } finally {
      await source.close();
    }
  });

  it('orders a table without a primary key by every column, and reads views', async () => {
    const diary = await openSqliteTable(file, 'diary');
    const rich = await openSqliteTable(file, 'rich');
    try {
      expect({ diary: await readAll(diary), types: diary.types, rich: await readAll(rich) }).toEqual({
        diary: [
          { values: ['1', null], line: 1 },
          { values: ['2', 'a'], line: 2 },
          { values: ['2', 'b'], line: 3 },
        ],
        types: ['', ''],
        rich: [
          { values: ['1', '12345678.9'], line: 1 },
          { values: ['9', '1250'], line: 2 },
        ],
      });
    } finally {
      await diary.close();
      await rich.close();
    }
  });

  it('reads in the order it is asked for, again on every call, and stops early on request', async () => {
    const source = await openSqliteTable(file, 'people', { orderBy: ['id'] });
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

  it('reads one consistent state of the file: a row written during the read is not in it, but is in the next', async () => {
    const source = await openSqliteTable(file, 'counter');
    const writer = new Database(file);
    try {
      const during: string[] = [];
      for await (const row of source.rows()) {
        during.push(row.values[0] ?? '');
        if (row.line === 1) writer.exec('INSERT INTO counter VALUES (NULL)');
      }
      expect([during, (await readAll(source)).map((row) => row.values[0])]).toEqual([
        ['1', '2', '3'],
        ['1', '2', '3', '4'],
      ]);
    } finally {
      writer.close();
      await source.close();
    }
  });

  it('stops with the reason when its signal is aborted, ends a read when closed, and refuses to read once closed', async () => {
    const source = await openSqliteTable(file, 'people');
    const controller = new AbortController();
    const aborted = await (async () => {
      for await (const row of source.rows(controller.signal)) {
        if (row.line === 1) controller.abort(new Error('the run was cancelled'));
      }
    })().catch((error: Error) => error.message);
    const seen: number[] = [];
    const closedDuring = await (async () => {
      for await (const row of source.rows()) {
        seen.push(row.line);
        await source.close();
      }
    })().catch((error: Error) => error.message);
    const afterClose = await readAll(source).catch((error: Error) => error.message);
    expect({ aborted, seen, closedDuring, afterClose }).toEqual({
      aborted: 'the run was cancelled',
      seen: [1],
      closedDuring: 'The source for table "people" was closed.',
      afterClose: 'The source for table "people" was closed.',
    });
  });

  it('lists the tables by code point, without views or SQLite’s own', async () => {
    expect(await listSqliteTables(file)).toEqual(['counter', 'diary', 'people']);
  });

  it('names a missing table and lists the tables there are', async () => {
    expect(await failure(openSqliteTable(file, 'peple'))).toEqual({
      code: 'table_missing',
      message: `Table "peple" was not found in the SQLite file ${file}. Its tables are: counter, diary, people. Check the table name in cutover.yaml.`,
    });
  });

  it('names an order-by column the table does not have', async () => {
    expect(await failure(openSqliteTable(file, 'people', { orderBy: ['nmae'] }))).toEqual({
      code: 'column_missing',
      message:
        'Table "people" has no column "nmae" to order by. Its columns are: region, id, name, balance, ratio, photo, big. Check orderBy in cutover.yaml.',
    });
  });

  it('refuses a missing file without creating one', async () => {
    const missing = join(dir.path, 'nowhere.db');
    expect([await failure(openSqliteTable(missing, 'people')), existsSync(missing)]).toEqual([
      {
        code: 'file_missing',
        message: `The SQLite file ${missing} was not found. Check the path in the database URL in cutover.yaml (sqlite:PATH).`,
      },
      false,
    ]);
  });

  it('refuses a file that is not an SQLite database, and a folder', async () => {
    const csv = join(dir.path, 'people.db');
    writeFileSync(csv, 'id,name\n1,Zoë\n');
    expect([await failure(listSqliteTables(csv)), await failure(openSqliteTable(dir.path, 'people'))]).toEqual([
      {
        code: 'file_not_sqlite',
        message: `${csv} is not an SQLite database (it does not start with the SQLite header). Check that the path names the database file and not an export of it.`,
      },
      {
        code: 'file_unreadable',
        message: `The SQLite file ${dir.path} could not be read (it is a folder). Check the path in the database URL in cutover.yaml (sqlite:PATH).`,
      },
    ]);
  });
});
