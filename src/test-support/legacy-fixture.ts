import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One small legacy schema (an estate agency's customers, payments and diary), defined
 * once as data and created in MariaDB, PostgreSQL and SQLite and written as files, so
 * every source connector can be shown to read the same rows.
 *
 * What differs between the copies, on purpose and nowhere else:
 * - a zero date: MariaDB holds `0000-00-00`; PostgreSQL and SQLite cannot or would not,
 *   and hold NULL; a file export holds the text `0000-00-00`, as MariaDB exports it.
 * - money in SQLite is TEXT: its DECIMAL (NUMERIC affinity) would store 1250.00 as the
 *   integer 1250 and 0.10 as the double 0.1.
 * - a file has no NULL: a CSV field is '' for NULL (other file writers may keep null).
 * Keys are ASCII and never NULL, so every engine's collation sorts them alike.
 */

/** Which copy a value is for: one of the databases, or a file export. */
export type LegacyHolder = 'mariadb' | 'postgres' | 'sqlite' | 'file';

/** A date that only MariaDB holds as such (`0000-00-00`); see the module comment. */
export const zeroDate: unique symbol = Symbol('0000-00-00');

/** A cell of the fixture: text as the databases print it, NULL, or the zero date. */
export type LegacyValue = string | null | typeof zeroDate;

/** A column and the type each database declares, written as its catalog prints it back. */
export interface LegacyColumn {
  readonly name: string;
  readonly types: { readonly mariadb: string; readonly postgres: string; readonly sqlite: string };
}

/** A table of the fixture; `rows` are in key order, the order every source must give them. */
export interface LegacyTable {
  readonly name: string;
  readonly columns: readonly LegacyColumn[];
  /** empty: no primary key, so a source orders by every column */
  readonly primaryKey: readonly string[];
  readonly rows: readonly (readonly LegacyValue[])[];
}

/** A table as plain rows for one holder: what a file writer writes, or a reader should give. */
export interface PlainTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

/** A copy of the fixture in a database: its URL, its table names there, and how to drop it. */
export interface LegacyDatabase {
  readonly url: string;
  /** as the table source takes them: `schema.table` for PostgreSQL */
  readonly tables: readonly string[];
  drop(): Promise<void>;
}

const int = { mariadb: 'int(11)', postgres: 'integer', sqlite: 'INTEGER' };
const branch = { mariadb: 'char(2)', postgres: 'character(2)', sqlite: 'CHAR(2)' };
const name = { mariadb: 'varchar(80)', postgres: 'character varying(80)', sqlite: 'VARCHAR(80)' };
const text = { mariadb: 'text', postgres: 'text', sqlite: 'TEXT' };
const date = { mariadb: 'date', postgres: 'date', sqlite: 'DATE' };
const money = { mariadb: 'decimal(12,2)', postgres: 'numeric(12,2)', sqlite: 'TEXT' };

/** The legacy schema and its rows. */
export const legacyTables: readonly LegacyTable[] = [
  {
    name: 'customers',
    columns: [
      { name: 'customer_id', types: int },
      { name: 'full_name', types: name },
      { name: 'born', types: date },
      { name: 'balance', types: money },
      { name: 'email', types: text },
    ],
    primaryKey: ['customer_id'],
    rows: [
      ['1', 'Zoë Ashworth', '1975-12-01', '1250.00', 'zoe@example.test'],
      ['2', 'Łukasz Nowak', '1980-01-31', '-42.50', null],
      ['3', '李', zeroDate, '0.10', 'li@example.test'],
      ['4', 'Pat O\'Brien, "Jr"', null, '12345678.90', ''],
      ['10', 'Ann Smith', '2000-02-29', '0.00', null],
    ],
  },
  {
    name: 'payments',
    columns: [
      { name: 'branch', types: branch },
      { name: 'payment_no', types: int },
      { name: 'customer_id', types: int },
      { name: 'paid_on', types: date },
      { name: 'amount', types: money },
      { name: 'method', types: text },
    ],
    primaryKey: ['branch', 'payment_no'],
    rows: [
      ['EU', '1', '1', '2024-01-05', '1250.00', 'card'],
      ['EU', '2', '2', '2024-01-31', '-42.50', null],
      ['EU', '10', '1', '2024-02-29', '0.10', 'cash'],
      ['NO', '1', '3', zeroDate, '12345678.90', 'Überweisung'],
      ['NO', '2', '10', null, '-0.01', 'transfer'],
    ],
  },
  {
    name: 'diary',
    columns: [
      { name: 'customer_id', types: int },
      { name: 'noted_on', types: date },
      { name: 'note', types: text },
    ],
    primaryKey: [],
    rows: [
      ['1', '2024-01-05', 'Called — no answer'],
      ['1', '2024-01-07', "Viewing booked at 12 Rue de l'Église"],
      ['3', '2023-12-31', null],
    ],
  },
];

/**
 * The fixture's tables as plain rows for one holder, in key order: the zero date
 * becomes `0000-00-00` (MariaDB, files) or null (PostgreSQL, SQLite).
 * @example legacyPlainTables('file') // what an XLSX or NDJSON export of the legacy data holds
 */
export function legacyPlainTables(holder: LegacyHolder): PlainTable[] {
  return legacyTables.map((table) => ({
    name: table.name,
    columns: table.columns.map((column) => column.name),
    rows: table.rows.map((row) => row.map((value) => plainValue(value, holder))),
  }));
}

function plainValue(value: LegacyValue, holder: LegacyHolder): string | null {
  if (value !== zeroDate) return value;
  return holder === 'mariadb' || holder === 'file' ? '0000-00-00' : null;
}

/** A name no other run uses: `prefix_pid_time_random`. */
function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

// inserted in reverse, so a source that forgets to sort gives them in the wrong order
const insertOrder = <T>(rows: readonly T[]): T[] => [...rows].reverse();

/** Creates the fixture in a database of its own on a MariaDB server, to be dropped afterwards. */
export async function createLegacyMariaDb(serverUrl: string): Promise<LegacyDatabase> {
  const { default: mysql } = await import('mysql2/promise');
  const database = uniqueName('cutover_legacy');
  const q = (ident: string) => `\`${ident.replaceAll('`', '``')}\``;
  const connection = await mysql.createConnection({ uri: serverUrl, charset: 'UTF8MB4_UNICODE_CI' });
  try {
    // strict, but without NO_ZERO_DATE: the zero date is the point
    await connection.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
    await connection.query(`CREATE DATABASE ${q(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    for (const table of legacyTables) {
      const columns = table.columns.map((column) => `${q(column.name)} ${column.types.mariadb}`);
      if (table.primaryKey.length > 0) columns.push(`PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
      await connection.query(`CREATE TABLE ${q(database)}.${q(table.name)} (${columns.join(', ')})`);
      const insert = `INSERT INTO ${q(database)}.${q(table.name)} VALUES (${table.columns.map(() => '?').join(', ')})`;
      for (const row of insertOrder(table.rows)) await connection.query(insert, row.map((value) => plainValue(value, 'mariadb')));
    }
  } finally {
    await connection.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    tables: legacyTables.map((table) => table.name),
    async drop() {
      const admin = await mysql.createConnection({ uri: serverUrl });
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${q(database)}`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Creates the fixture in a schema of its own on a PostgreSQL server, to be dropped afterwards. */
export async function createLegacyPostgres(serverUrl: string): Promise<LegacyDatabase> {
  const { default: pg } = await import('pg');
  const schema = uniqueName('cutover_legacy');
  const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${q(schema)}`);
    for (const table of legacyTables) {
      const columns = table.columns.map((column) => `${q(column.name)} ${column.types.postgres}`);
      if (table.primaryKey.length > 0) columns.push(`PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
      await client.query(`CREATE TABLE ${q(schema)}.${q(table.name)} (${columns.join(', ')})`);
      const insert = `INSERT INTO ${q(schema)}.${q(table.name)} VALUES (${table.columns.map((_, i) => `$${i + 1}`).join(', ')})`;
      for (const row of insertOrder(table.rows)) await client.query(insert, row.map((value) => plainValue(value, 'postgres')));
    }
  } finally {
    await client.end();
  }
  return {
    url: serverUrl,
    tables: legacyTables.map((table) => `${schema}.${table.name}`),
    async drop() {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Creates the fixture as an SQLite file `legacy.db` in `dir`; its URL is `sqlite:PATH`. */
export async function createLegacySqlite(dir: string): Promise<LegacyDatabase> {
  const { default: Database } = await import('better-sqlite3');
  const path = join(dir, 'legacy.db');
  const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;
  const db = new Database(path);
  try {
    for (const table of legacyTables) {
      const columns = table.columns.map((column) => `${q(column.name)} ${column.types.sqlite}`);
      if (table.primaryKey.length > 0) columns.push(`PRIMARY KEY (${table.primaryKey.map(q).join(', ')})`);
      db.exec(`CREATE TABLE ${q(table.name)} (${columns.join(', ')})`);
      const insert = db.prepare(`INSERT INTO ${q(table.name)} VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const row of insertOrder(table.rows)) insert.run(row.map((value) => plainValue(value, 'sqlite')));
    }
  } finally {
    db.close();
  }
  return {
    url: `sqlite:${path}`,
    tables: legacyTables.map((table) => table.name),
    drop: async () => rmSync(path, { force: true }),
  };
}

/** A file written from the fixture, one per table. */
export interface LegacyFile {
  readonly table: string;
  readonly path: string;
}

/** Writes the fixture as CSV files `<table>.csv` in `dir` (UTF-8, comma, RFC 4180 quoting, NULL as an empty field). */
export function writeLegacyCsv(dir: string): LegacyFile[] {
  return legacyPlainTables('file').map((table) => {
    const path = join(dir, `${table.name}.csv`);
    const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
    writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
    return { table: table.name, path };
  });
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes the fixture as one workbook `legacy.xlsx`, a sheet per table, the way a
 * customer's spreadsheet holds it: numbers as numbers (money formatted `0.00`), dates as
 * dates formatted `yyyy-mm-dd`, the zero date as text (Excel has none), NULL as an empty cell.
 */
export async function writeLegacyXlsx(dir: string): Promise<LegacyFile[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const table of legacyTables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.columns.map((c) => c.name));
    for (const row of table.rows) {
      const added = sheet.addRow(table.columns.map((column, i) => excelValue(row[i] ?? null, column.types.mariadb)));
      table.columns.forEach((column, i) => {
        if (column.types.mariadb.startsWith('decimal')) added.getCell(i + 1).numFmt = '0.00';
        if (column.types.mariadb === 'date') added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
  }
  const path = join(dir, 'legacy.xlsx');
  await workbook.xlsx.writeFile(path);
  return legacyTables.map((table) => ({ table: table.name, path }));
}

function excelValue(value: LegacyValue, type: string): string | number | Date | null {
  if (value === zeroDate) return '0000-00-00';
  if (value === null) return null;
  if (type === 'date') return new Date(`${value}T00:00:00Z`);
  if (type.startsWith('decimal') || type.startsWith('int')) return Number(value);
  return value;
}

/**
 * Writes the fixture as `<table>.ndjson`, one object per row, with numbers written
 * exactly as the database prints them (`1250.00`, not `1250`) and NULL as null.
 */
export function writeLegacyNdjson(dir: string): LegacyFile[] {
  return legacyTables.map((table) => {
    const path = join(dir, `${table.name}.ndjson`);
    const lines = table.rows.map((row) => {
      const members = table.columns.map((column, i) => {
        const value = plainValue(row[i] ?? null, 'file');
        const numeric = value !== null && value !== '' && (column.types.mariadb.startsWith('decimal') || column.types.mariadb.startsWith('int'));
        return `${JSON.stringify(column.name)}:${numeric ? value : JSON.stringify(value)}`;
      });
      return `{${members.join(',')}}`;
    });
    writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
    return { table: table.name, path };
  });
}
