import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireMariaDb, requirePostgres, withDatabase } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { migrate, type Migration } from './migrate.js';
import { reconcile } from './reconcile-project.js';

// A new user's own legacy database, start to finish: a music store in MariaDB (staff with
// managers, customers, invoices) read straight from the server, its invoice lines exported
// with INTO OUTFILE and its tracks with `mysql -B`, mapped by a hand-written spec onto a
// new CRM in a real PostgreSQL server. Every row must arrive, every reference point right,
// the money agree to the cent, and nothing be bent on the way without a word.
const dir = tempDir('cutover-own-data');
const outfileDir = tempDir('cutover-own-data-outfile');
const database = 'cutover_own_data';
const key = 'ab'.repeat(32);
let legacy: Connection;
let legacyUrl: string;
let targetUrl: string;
let migration: Migration;

const staff = [
  [1, 'Adams', 'Andrew', null, '2002-08-14 00:00:00', 'andrew@chinookcorp.com'],
  [2, 'Edwards', 'Nancy', 1, '2002-05-01 09:30:00', 'nancy@chinookcorp.com'],
  [3, 'Peacock', 'Jane', 2, '2002-04-01 00:00:00', 'jane@chinookcorp.com'],
  // reports to a manager written after her
  [4, 'Park', 'Margaret', 6, '2003-05-03 00:00:00', 'margaret@chinookcorp.com'],
  [5, 'Wójcik', 'Stanisław', 2, '2003-10-17 14:05:59', 'stanisław.wójcik@wp.pl'],
  [6, 'Mitchell', 'Michael', 1, '2003-10-17 00:00:00', 'michael@chinookcorp.com'],
] as const;
const customers = [
  [1, 'Luís', 'Gonçalves', 'São José dos Campos', 'SP', 3, '2021-01-01 10:00:00'],
  [2, 'Leonie', 'Köhler', 'Stuttgart', null, 5, '2021-01-02 11:15:00'],
  [3, 'François', 'Tremblay', 'Montréal', 'QC', 3, '2021-01-03 00:00:00'],
  [4, "Seán", "O'Brien", 'Dublin', null, null, '2021-02-28 23:59:59'],
] as const;
const invoices = [
  [1, 1, '2021-01-01 00:00:00', '1.98'],
  [2, 2, '2021-01-02 00:00:00', '13.86'],
  [3, 4, '2021-02-03 00:00:00', '8.91'],
] as const;
const tracks = [
  [1, 'For Those About To Rock (We Salute You)', 'Angus Young, Malcolm Young, Brian Johnson'],
  [2, 'Balls to the Wall', null],
  [3, 'Fast As a Shark', 'F. Baltes, S. Kaufman, U. Dirkscneider & W. Hoffman'],
  [4, "Ain't Talkin' 'bout Love", null],
  [5, 'Garota de Ipanema\tao vivo', 'Vinícius de Moraes'],
] as const;
const lines = [
  [1, 1, 1, '0.99', 1, null],
  [2, 1, 2, '0.99', 1, '0.10'],
  [3, 2, 3, '1.98', 7, null],
  [4, 3, 4, '0.99', 9, null],
  [5, 3, 5, '0.00', 1, '0.99'],
] as const;

const spec = `version: 1
entities:
  staff:
    source: Employee
    key: [EmployeeId]
    table: staff
    fields:
      legacy_ref: { from: EmployeeId }
      last_name: { from: LastName, required: true }
      first_name: { from: FirstName }
      manager_id: { from: ReportsTo, rules: [trim, { lookup: staff }] }
      hired_on: { from: HireDate, rules: [{ date: { formats: ['yyyy-MM-dd HH:mm:ss'] } }] }
      email: { from: Email, rules: [email] }
  customer:
    source: Customer
    key: [CustomerId]
    table: customer
    fields:
      legacy_ref: { from: CustomerId }
      first_name: { from: FirstName }
      last_name: { from: LastName, required: true }
      city: { from: City }
      state: { from: State }
      support_rep_id: { from: SupportRepId, rules: [{ lookup: staff }] }
      support_rep_name: { from: SupportRepId, rules: [{ lookup: { entity: staff, take: last_name } }] }
      created_on: { from: CreatedAt, rules: [{ date: { formats: ['yyyy-MM-dd HH:mm:ss'] } }] }
  invoice:
    source: Invoice
    key: [InvoiceId]
    table: invoice
    reconcile:
      money:
        - { field: total }
    fields:
      legacy_ref: { from: InvoiceId }
      customer_id: { from: CustomerId, required: true, rules: [{ lookup: customer }] }
      invoiced_on: { from: InvoiceDate, rules: [{ date: { formats: ['yyyy-MM-dd HH:mm:ss'] } }] }
      total: { from: Total, rules: [{ money: { currency: "$", decimal_separator: ".", thousands_separator: ",", scale: 2 } }] }
  invoice_line:
    source: invoice_lines.txt
    key: [InvoiceLineId]
    table: invoice_line
    reconcile:
      money:
        - { field: unit_price }
    fields:
      legacy_ref: { from: InvoiceLineId }
      invoice_id: { from: InvoiceId, required: true, rules: [{ lookup: invoice }] }
      track_name: { from: TrackId, rules: [{ lookup: { table: tracks.tsv, key: TrackId, take: Name } }] }
      composer: { from: TrackId, rules: [{ lookup: { table: tracks.tsv, key: TrackId, take: Composer } }] }
      unit_price: { from: UnitPrice, rules: [{ money: { currency: "$", decimal_separator: ".", thousands_separator: ",", scale: 2 } }] }
      quantity: { from: Quantity }
      discount: { from: Discount, rules: [{ money: { currency: "$", decimal_separator: ".", thousands_separator: ",", scale: 2 } }] }
`;
const schema = `CREATE TABLE staff (id bigint PRIMARY KEY, legacy_ref text NOT NULL, last_name text NOT NULL, first_name text, manager_id bigint REFERENCES staff (id), hired_on date, email text);
CREATE TABLE customer (id bigint PRIMARY KEY, legacy_ref text NOT NULL, first_name text, last_name text NOT NULL, city text, state text, support_rep_id bigint REFERENCES staff (id), support_rep_name text, created_on date);
CREATE TABLE invoice (id bigint PRIMARY KEY, legacy_ref text NOT NULL, customer_id bigint NOT NULL REFERENCES customer (id), invoiced_on date, total numeric(10, 2));
CREATE TABLE invoice_line (id bigint PRIMARY KEY, legacy_ref text NOT NULL, invoice_id bigint NOT NULL REFERENCES invoice (id), track_name text, composer text, unit_price numeric(10, 2), quantity integer, discount numeric(10, 2));
`;

/** Writes a query's result as the server's own INTO OUTFILE does (tab-separated, backslash escapes, \\N for NULL), header first. */
async function intoOutfile(select: string, header: readonly string[], file: string): Promise<void> {
  const [settings] = await legacy.query<RowDataPacket[]>('SELECT @@secure_file_priv AS dir');
  const allowed = settings[0]?.['dir'] as string | null | undefined;
  // the server runs as its own user: unless it names a folder, let it write into one of ours
  const serverDir = allowed || outfileDir.path;
  if (!allowed) chmodSync(serverDir, 0o777);
  const serverPath = join(serverDir, `cutover-own-data-${process.pid}.txt`);
  await legacy.query(`${select} INTO OUTFILE '${serverPath}'`);
  try {
    writeFileSync(file, `${header.join('\t')}\n${readFileSync(serverPath, 'utf8')}`);
  } finally {
    rmSync(serverPath, { force: true });
  }
}

beforeAll(async () => {
  const mariadb = await requireMariaDb();
  const postgres = await requirePostgres();
  const admin = await mysql.createConnection(mariadb);
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database} DEFAULT CHARSET utf8mb4`);
  await admin.end();
  legacyUrl = mariadb.replace(/\/test$/, `/${database}`);
  legacy = await mysql.createConnection(legacyUrl);
  await legacy.query(`CREATE TABLE Employee (EmployeeId INT PRIMARY KEY, LastName VARCHAR(40) NOT NULL, FirstName VARCHAR(40), ReportsTo INT NULL, HireDate DATETIME, Email VARCHAR(80),
    FOREIGN KEY (ReportsTo) REFERENCES Employee (EmployeeId))`);
  await legacy.query(`CREATE TABLE Customer (CustomerId INT PRIMARY KEY, FirstName VARCHAR(40), LastName VARCHAR(40) NOT NULL, City VARCHAR(40), State VARCHAR(4) NULL, SupportRepId INT NULL, CreatedAt DATETIME,
    FOREIGN KEY (SupportRepId) REFERENCES Employee (EmployeeId))`);
  await legacy.query('CREATE TABLE Invoice (InvoiceId INT PRIMARY KEY, CustomerId INT NOT NULL, InvoiceDate DATETIME, Total DECIMAL(10,2), FOREIGN KEY (CustomerId) REFERENCES Customer (CustomerId))');
  await legacy.query('CREATE TABLE Track (TrackId INT PRIMARY KEY, Name VARCHAR(200) NOT NULL, Composer VARCHAR(220) NULL)');
  await legacy.query('CREATE TABLE InvoiceLine (InvoiceLineId INT PRIMARY KEY, InvoiceId INT NOT NULL, TrackId INT NOT NULL, UnitPrice DECIMAL(10,2), Quantity INT, Discount DECIMAL(10,2) NULL)');
  await legacy.query('SET FOREIGN_KEY_CHECKS = 0');
  await legacy.query('INSERT INTO Employee VALUES ?', [staff.map((r) => [...r])]);
  await legacy.query('SET FOREIGN_KEY_CHECKS = 1');
  await legacy.query('INSERT INTO Customer VALUES ?', [customers.map((r) => [...r])]);
  await legacy.query('INSERT INTO Invoice VALUES ?', [invoices.map((r) => [...r])]);
  await legacy.query('INSERT INTO Track VALUES ?', [tracks.map((r) => [...r])]);
  await legacy.query('INSERT INTO InvoiceLine VALUES ?', [lines.map((r) => [...r])]);

  // part of it exported as such customers deliver it
  mkdirSync(join(dir.path, 'export'), { recursive: true });
  await intoOutfile('SELECT InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity, Discount FROM InvoiceLine ORDER BY InvoiceLineId',
    ['InvoiceLineId', 'InvoiceId', 'TrackId', 'UnitPrice', 'Quantity', 'Discount'], join(dir.path, 'export', 'invoice_lines.txt'));
  const u = new URL(legacyUrl);
  const batch = execFileSync('mysql', ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username), '-B', '-e', 'SELECT TrackId, Name, Composer FROM Track ORDER BY TrackId', database]);
  writeFileSync(join(dir.path, 'export', 'tracks.tsv'), batch);

  await withDatabase(postgres, async (db) => {
    await db.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await db.exec(`CREATE DATABASE ${database}`);
  });
  targetUrl = postgres.replace(/\/test$/, `/${database}`);
  for (const folder of ['specs', 'target']) mkdirSync(join(dir.path, folder), { recursive: true });
  writeFileSync(join(dir.path, 'specs', 'music.yaml'), spec);
  writeFileSync(join(dir.path, 'target', 'schema.sql'), schema);
  writeFileSync(join(dir.path, 'cutover.yaml'), `customer: Chinook Music
sources:
  store:
    database_url_env: LEGACY_URL
    tables: [Employee, Customer, Invoice]
  exports:
    files: export
    include: ["*.txt", "*.tsv"]
    options:
      invoice_lines.txt: { delimiter: "\\t", escapes: backslash, null_values: ['\\N'] }
      tracks.tsv: { delimiter: "\\t", escapes: backslash, null_values: ['NULL'] }
snapshot_key_env: CUTOVER_SNAPSHOT_KEY
spec: specs/music.yaml
target: { schema: target/schema.sql }
environments:
  test: { database_url_env: TARGET_URL }
`);
  const env = { CUTOVER_SNAPSHOT_KEY: key, LEGACY_URL: legacyUrl, TARGET_URL: targetUrl };
  await inSession(dir.path, (s) => collect(s), { env });
  migration = await inSession(dir.path, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env });
}, 600_000);

afterAll(async () => {
  await legacy?.end();
  dir.cleanup();
  outfileDir.cleanup();
});

const target = <T extends object>(sql: string) => withDatabase(targetUrl, (db) => db.query<T>(sql));

describe('a new user\'s own legacy database, start to finish', () => {
  it('loads every row of every table, and says so', () => {
    expect(migration.run.status).toBe('succeeded');
    expect(migration.run.entities.map((e) => [e.entity, e.source, e.loaded, e.rejected, e.excluded, e.merged, e.balanced])).toEqual([
      ['staff', 6, 6, 0, 0, 0, true],
      ['customer', 4, 4, 0, 0, 0, true],
      ['invoice', 3, 3, 0, 0, 0, true],
      ['invoice_line', 5, 5, 0, 0, 0, true],
    ]);
  });

  it('points every employee at the right manager, a manager written later included, and keeps an international e-mail', async () => {
    const rows = await target<{ ref: string; manager: string | null; hired_on: string; email: string }>(
      `SELECT s.legacy_ref AS ref, m.legacy_ref AS manager, to_char(s.hired_on, 'YYYY-MM-DD') AS hired_on, s.email
         FROM env_test.staff s LEFT JOIN env_test.staff m ON m.id = s.manager_id ORDER BY s.legacy_ref::int`,
    );
    expect(rows).toEqual(staff.map(([id, , , reportsTo, hired, email]) => ({ ref: String(id), manager: reportsTo === null ? null : String(reportsTo), hired_on: hired.slice(0, 10), email })));
  });

  it('takes values from reference data and from a parent: a track\'s name and composer, a support rep\'s name', async () => {
    const lineRows = await target<{ ref: string; track_name: string; composer: string | null; discount: string | null }>(
      'SELECT legacy_ref AS ref, track_name, composer, discount::text FROM env_test.invoice_line ORDER BY legacy_ref::int',
    );
    expect(lineRows).toEqual(lines.map(([id, , trackId, , , discount]) => {
      const track = tracks.find((t) => t[0] === trackId)!;
      return { ref: String(id), track_name: track[1], composer: track[2], discount };
    }));
    const customerRows = await target<{ ref: string; state: string | null; rep: string | null; rep_name: string | null; created_on: string }>(
      `SELECT c.legacy_ref AS ref, c.state, s.legacy_ref AS rep, c.support_rep_name AS rep_name, to_char(c.created_on, 'YYYY-MM-DD') AS created_on
         FROM env_test.customer c LEFT JOIN env_test.staff s ON s.id = c.support_rep_id ORDER BY c.legacy_ref::int`,
    );
    expect(customerRows).toEqual(customers.map(([id, , , , state, rep, created]) => ({
      ref: String(id), state, rep: rep === null ? null : String(rep), rep_name: rep === null ? null : staff.find((s) => s[0] === rep)![1], created_on: created.slice(0, 10),
    })));
  });

  it('agrees on the money to the cent, and no null marker or escape reached the new system as text', async () => {
    const [legacyTotals] = await legacy.query<RowDataPacket[]>('SELECT (SELECT SUM(Total) FROM Invoice) AS invoices, (SELECT SUM(UnitPrice) FROM InvoiceLine) AS line_prices');
    const [totals] = await target<{ invoices: string; line_prices: string }>('SELECT (SELECT sum(total) FROM env_test.invoice)::text AS invoices, (SELECT sum(unit_price) FROM env_test.invoice_line)::text AS line_prices');
    expect(totals).toEqual({ invoices: String(legacyTotals![0]!['invoices']), line_prices: String(legacyTotals![0]!['line_prices']) });
    expect(migration.run.money.every((m) => m.balanced)).toBe(true);
    const [markers] = await target<{ n: string }>(
      String.raw`SELECT count(*)::text AS n FROM env_test.invoice_line WHERE composer IN ('NULL', '\N') OR track_name LIKE '%\\%' OR discount IS NOT NULL AND discount::text = 'NULL'`,
    );
    expect(markers).toEqual({ n: '0' });
  });

  it('is proven by reconcile: every count, every total and every column of the sample agrees', async () => {
    const r = await inSession(dir.path, (s) => reconcile(s), { env: { CUTOVER_SNAPSHOT_KEY: key, LEGACY_URL: legacyUrl, TARGET_URL: targetUrl } });
    expect(r.unexplained).toBe(0);
    expect(r.columns.find((c) => c.entity === 'staff' && c.field === 'manager_id')).toMatchObject({ differ: 0 });
    expect(r.columns.find((c) => c.entity === 'invoice_line' && c.field === 'track_name')).toMatchObject({ differ: 0 });
  });
});
