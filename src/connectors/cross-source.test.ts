import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../core/source-row.js';
import {
  createLegacyMariaDb,
  createLegacyPostgres,
  createLegacySqlite,
  legacyPlainTables,
  legacyTables,
  writeLegacyCsv,
  writeLegacyNdjson,
  writeLegacyXlsx,
  type LegacyDatabase,
  type LegacyFile,
  type LegacyHolder,
} from '../test-support/legacy-fixture.js';
import { requireMariaDb, requirePostgres } from '../test-support/servers.js';
import { tempDir, type TempDir } from '../test-support/temp-dir.js';
import { openCsvSource } from './csv/index.js';
import { openJsonSource } from './json/index.js';
import { openXlsxSources } from './xlsx/index.js';
import type { SourceTable } from './source.js';
import { openTableSources } from './table-sources.js';

// The same legacy data, read through every source connector. Where the copies differ
// (the zero date, NULL in files), the expectation says so in the open.

/** What a source gave for one table, by the table's plain name. */
interface TableRead {
  readonly columns: readonly string[];
  readonly rows: readonly SourceRow[];
}
type Read = Record<string, TableRead>;

let dir: TempDir;
let mariadb: LegacyDatabase;
let postgres: LegacyDatabase;
let sqlite: LegacyDatabase;
let csv: LegacyFile[];

beforeAll(async () => {
  // a server that does not answer fails the run here, with how to start it
  const [mariadbServer, postgresServer] = await Promise.all([requireMariaDb(), requirePostgres()]);
  dir = tempDir('cutover-legacy');
  mariadb = await createLegacyMariaDb(mariadbServer);
  postgres = await createLegacyPostgres(postgresServer);
  sqlite = await createLegacySqlite(dir.path);
  csv = writeLegacyCsv(dir.path);
});

afterAll(async () => {
  await Promise.all([mariadb?.drop(), postgres?.drop(), sqlite?.drop()]);
  dir?.cleanup();
});

async function readTables(tables: readonly SourceTable[]): Promise<{ read: Read; types: Record<string, readonly string[]>; details: unknown[] }> {
  const read: Read = {};
  const types: Record<string, readonly string[]> = {};
  try {
    for (const table of tables) {
      const plain = table.name.slice(table.name.indexOf('.') + 1);
      const rows: SourceRow[] = [];
      for await (const row of table.rows()) rows.push(row);
      read[plain] = { columns: table.columns, rows };
      types[plain] = table.types;
    }
  } finally {
    await Promise.all(tables.map((table) => table.close()));
  }
  return { read, types, details: tables.map((table) => table.details) };
}

/** The fixture as a database holding it should give it back: rows in key order, line = ordinal. */
function expected(holder: LegacyHolder): Read {
  return Object.fromEntries(
    legacyPlainTables(holder).map((table) => [
      table.name,
      { columns: table.columns, rows: table.rows.map((values, i) => ({ values, line: i + 1 })) },
    ]),
  );
}

function declaredTypes(engine: 'mariadb' | 'postgres' | 'sqlite'): Record<string, string[]> {
  return Object.fromEntries(legacyTables.map((table) => [table.name, table.columns.map((column) => column.types[engine])]));
}

function mapRows(read: Read, change: (row: SourceRow) => SourceRow): Read {
  return Object.fromEntries(Object.entries(read).map(([name, table]) => [name, { columns: table.columns, rows: table.rows.map(change) }]));
}

/** MariaDB's rows as PostgreSQL and SQLite hold them: the zero date is NULL there. */
const zeroDatesAsNull = (read: Read): Read =>
  mapRows(read, (row) => ({ ...row, values: row.values.map((value) => (value === '0000-00-00' ? null : value)) }));

/** MariaDB's rows as a CSV export gives them: NULL is an empty field, and line 1 is the header. */
const asCsv = (read: Read): Read =>
  mapRows(read, (row) => ({ values: row.values.map((value) => value ?? ''), line: row.line + 1 }));

describe('the same legacy data through every source connector', () => {
  it('MariaDB gives the fixture: every table, in key order, DECIMAL exact, the zero date as 0000-00-00', async () => {
    // no table list: the connector lists the tables of the run's own database
    const { read, types, details } = await readTables(await openTableSources(mariadb.url));
    expect({ read, types, details }).toEqual({
      read: expected('mariadb'),
      types: declaredTypes('mariadb'),
      details: [{ database: 'mariadb' }, { database: 'mariadb' }, { database: 'mariadb' }],
    });
  });

  it('PostgreSQL gives the same rows as MariaDB, with NULL where MariaDB has the zero date', async () => {
    const fromMariaDb = await readTables(await openTableSources(mariadb.url.replace(/^mysql:/, 'mariadb:')));
    const fromPostgres = await readTables(await openTableSources(postgres.url, postgres.tables));
    expect(fromPostgres).toEqual({
      read: zeroDatesAsNull(fromMariaDb.read),
      types: declaredTypes('postgres'),
      details: [{ database: 'postgresql' }, { database: 'postgresql' }, { database: 'postgresql' }],
    });
    expect(fromPostgres.read).toEqual(expected('postgres'));
  });

  it('SQLite gives exactly the rows PostgreSQL gives', async () => {
    const fromPostgres = await readTables(await openTableSources(postgres.url, postgres.tables));
    const fromSqlite = await readTables(await openTableSources(sqlite.url));
    expect(fromSqlite).toEqual({
      read: fromPostgres.read,
      types: declaredTypes('sqlite'),
      details: [{ database: 'sqlite' }, { database: 'sqlite' }, { database: 'sqlite' }],
    });
  });

  it('the CSV export gives MariaDB’s rows, with NULL as an empty field and the header as line 1', async () => {
    const fromMariaDb = await readTables(await openTableSources(mariadb.url));
    const fromCsv: Read = {};
    for (const file of csv) {
      const source = await openCsvSource(file.path);
      const rows: SourceRow[] = [];
      for await (const row of source.rows()) rows.push(row);
      fromCsv[file.table] = { columns: source.columns, rows };
    }
    expect(fromCsv).toEqual(asCsv(fromMariaDb.read));
  });

  it('the XLSX workbook gives the CSV export’s values, as the customer saw them: money 0.00, dates as formatted', async () => {
    const fromMariaDb = await readTables(await openTableSources(mariadb.url));
    const [file] = await writeLegacyXlsx(dir.path);
    const sheets = await openXlsxSources(file!.path);
    const { read, details } = await readTables(sheets);
    expect(Object.keys(read).map((name) => name.split('#')[1])).toEqual(['customers', 'payments', 'diary']);
    expect(Object.fromEntries(Object.entries(read).map(([name, table]) => [name.split('#')[1], table]))).toEqual(asCsv(fromMariaDb.read));
    expect(details).toEqual(['customers', 'payments', 'diary'].map((sheet) => ({ format: 'xlsx', sheet })));
  });

  it('the NDJSON export gives MariaDB’s rows exactly, numbers to the last digit and NULL as null', async () => {
    const fromMariaDb = await readTables(await openTableSources(mariadb.url));
    const fromNdjson: Read = {};
    for (const file of writeLegacyNdjson(dir.path)) {
      const source = await openJsonSource(file.path);
      const rows: SourceRow[] = [];
      for await (const row of source.rows()) rows.push(row);
      fromNdjson[file.table] = { columns: source.columns, rows };
    }
    expect(fromNdjson).toEqual(fromMariaDb.read);
  });
});
