import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connectors/database.js';
import { isCutoverError } from '../core/cutover-error.js';
import { requirePostgres, withDatabase } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { demoSnapshotKey } from './demo.js';
import { migrate, type Migration } from './migrate.js';
import { reconcile } from './reconcile-project.js';
import { listRejects } from './rejects.js';

// Staff with managers: a lookup into the same entity. Rows are loaded, then a second pass
// fills in each manager through the key map; a row whose manager was rejected, or is not
// in the delivery, is an orphan as any other, and so are the rows that report to it.
const dir = tempDir('cutover-self-reference');
const database = 'cutover_self_reference';
const clock = () => new Date('2026-11-23T10:00:00Z');
let url: string;
const env = () => ({ CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, CRM_URL: url });

// line 2 onwards; 9 reports to 10, written after it; 11's e-mail does not read, so 12 and
// 13 below it are orphans; 14's manager was never delivered; 15 manages itself; 16 and 17
// manage each other
const staffCsv = `EmployeeId,LastName,FirstName,Email,ReportsTo,Salary
1,Adams,Andrew,andrew@chinookcorp.com,,9000.00
2,Edwards,Nancy,nancy@chinookcorp.com,1,5000.00
3,Peacock,Jane,jane@chinookcorp.com,2,3500.50
4,Park,Margaret,margaret@chinookcorp.com,2,3500.25
5,Johnson,Steve,steve@chinookcorp.com,2,3400.00
6,Mitchell,Michael,michael@chinookcorp.com,1,5000.00
7,King,Robert,robert@chinookcorp.com,6,3300.00
8,Callahan,Laura,laura@chinookcorp.com,6,3300.00
9,Forward,Fay,fay@chinookcorp.com, 10 ,3000.00
10,Later,Lee,lee@chinookcorp.com,1,4000.00
11,Broken,Bea,bea at chinookcorp,1,4100.00
12,Under,Una,una@chinookcorp.com,11,2000.00
13,Deeper,Dan,dan@chinookcorp.com,12,1000.00
14,Stray,Stu,stu@chinookcorp.com,99,1500.00
15,Self,Sam,sam@chinookcorp.com,15,2500.00
16,Round,Rob,rob@chinookcorp.com,17,2600.00
17,About,Abe,abe@chinookcorp.com,16,2700.00
`;
const customersCsv = `CustomerId,Name,SupportRepId
C1,Luís Gonçalves,3
C2,Leonie Köhler,13
C3,François Tremblay,
`;
const spec = `version: 1
# four of seventeen staff are rejected on purpose
max_rejected: 50%
entities:
  staff:
    source: staff.csv
    key: [EmployeeId]
    table: staff
    reconcile:
      money:
        - { field: salary }
    fields:
      last_name: { from: LastName, required: true }
      first_name: { from: FirstName }
      email: { from: Email, rules: [email] }
      reports_to: { from: ReportsTo, rules: [trim, { lookup: staff }] }
      salary: { from: Salary, rules: [{ money: { currency: "$", decimal_separator: ".", thousands_separator: ",", scale: 2 } }] }
  customer:
    source: customers.csv
    key: [CustomerId]
    table: customer
    fields:
      name: { from: Name, required: true }
      support_rep: { from: SupportRepId, rules: [{ lookup: staff }] }
`;
const schema = (ids: string) => `CREATE TABLE staff (
  id          bigint ${ids} PRIMARY KEY,
  last_name   text NOT NULL,
  first_name  text,
  email       text,
  reports_to  bigint REFERENCES staff (id),
  salary      numeric(12, 2)
);
CREATE TABLE customer (
  id           bigint ${ids} PRIMARY KEY,
  name         text NOT NULL,
  support_rep  bigint REFERENCES staff (id)
);
`;

const run = (environment: string, o: { fresh?: boolean; batchRows?: number; signal?: AbortSignal; stopAt?: (entity: string, rows: number, done: boolean) => boolean } = {}) => {
  const stop = new AbortController();
  return inSession(dir.path, (s) => migrate(s, {
    environment, fresh: o.fresh ?? false, resume: !(o.fresh ?? false), batchRows: o.batchRows ?? 2,
    onProgress: (p) => {
      if (o.stopAt?.(p.entity, p.rows, p.done)) stop.abort();
    },
  }), { env: env(), clock, signal: stop.signal });
};

/** Each member of staff with their manager, by name: what the references must say whatever the ids. */
const managers = (db: Database, schemaName: string) =>
  db.query<{ name: string; manager: string | null }>(
    `SELECT s.last_name AS name, m.last_name AS manager FROM ${schemaName}.staff s LEFT JOIN ${schemaName}.staff m ON m.id = s.reports_to ORDER BY s.last_name`,
  );
const customers = (db: Database, schemaName: string) =>
  db.query<{ name: string; rep: string | null }>(`SELECT c.name, s.last_name AS rep FROM ${schemaName}.customer c LEFT JOIN ${schemaName}.staff s ON s.id = c.support_rep ORDER BY c.name`);
const ledger = (runId: number) =>
  inSession(dir.path, async (s) => (await s.store()).db.query<{ entity: string; line: string; source_key: string; reason: string; message: string }>(
    'SELECT entity, line, source_key, reason, message FROM cutover.ledger_entry WHERE run_id = $1 ORDER BY entity DESC, line', [runId],
  ), { env: env(), clock });
const embedded = <T>(work: (db: Database) => Promise<T>) => inSession(dir.path, async (s) => work((await s.store()).db), { env: env(), clock });

const expectedManagers = [
  { name: 'About', manager: 'Round' },
  { name: 'Adams', manager: null },
  { name: 'Callahan', manager: 'Mitchell' },
  { name: 'Edwards', manager: 'Adams' },
  { name: 'Forward', manager: 'Later' },
  { name: 'Johnson', manager: 'Edwards' },
  { name: 'King', manager: 'Mitchell' },
  { name: 'Later', manager: 'Adams' },
  { name: 'Mitchell', manager: 'Adams' },
  { name: 'Park', manager: 'Edwards' },
  { name: 'Peacock', manager: 'Edwards' },
  { name: 'Round', manager: 'About' },
  { name: 'Self', manager: 'Self' },
];
const expectedLedger = [
  { entity: 'staff', line: '12', source_key: '11', reason: 'invalid_value', message: expect.stringMatching(/^email: /) as unknown as string },
  { entity: 'staff', line: '13', source_key: '12', reason: 'orphan', message: expect.stringMatching(/^reports_to: its staff "11", line 12, was not imported: email: /) as unknown as string },
  { entity: 'staff', line: '14', source_key: '13', reason: 'orphan', message: expect.stringMatching(/^reports_to: its staff "12", line 13, was not imported: reports_to: its staff "11", line 12, was not imported: email: /) as unknown as string },
  { entity: 'staff', line: '15', source_key: '14', reason: 'orphan', message: 'reports_to: there is no staff "99" in staff.csv' },
  { entity: 'customer', line: '3', source_key: 'C2', reason: 'orphan', message: expect.stringMatching(/^support_rep: its staff "13", line 14, was not imported: reports_to: its staff "12", line 13/) as unknown as string },
];
let first: Migration;

beforeAll(async () => {
  const server = await requirePostgres();
  url = server.replace(/\/test$/, `/${database}`);
  await withDatabase(server, async (admin) => {
    await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${database}`);
  });
  // the new CRM's own schema, numbering its rows itself, with people already in it
  await withDatabase(url, (db) => db.exec(`CREATE SCHEMA crm; SET search_path TO crm; ${schema('GENERATED BY DEFAULT AS IDENTITY')}
    INSERT INTO staff (last_name) VALUES ('Already'), ('There');`));
  for (const folder of ['export', 'specs', 'target']) mkdirSync(join(dir.path, folder), { recursive: true });
  writeFileSync(join(dir.path, 'export', 'staff.csv'), staffCsv);
  writeFileSync(join(dir.path, 'export', 'customers.csv'), customersCsv);
  writeFileSync(join(dir.path, 'specs', 'crm.yaml'), spec);
  writeFileSync(join(dir.path, 'target', 'schema.sql'), schema(''));
  writeFileSync(join(dir.path, 'cutover.yaml'), `customer: Chinook Music (self-reference test)
sources:
  export: { files: export, include: ["*.csv"] }
snapshot_key_env: CUTOVER_SNAPSHOT_KEY
spec: specs/crm.yaml
target: { schema: target/schema.sql }
environments:
  test: { database: embedded }
  server: { database_url_env: CRM_URL }
  crm: { database_url_env: CRM_URL, schema: crm, stage: preproduction }
`);
  await inSession(dir.path, (s) => collect(s), { env: env(), clock });
  first = await run('test', { fresh: true });
});

afterAll(() => dir.cleanup());

describe('a lookup into the same entity', () => {
  it('loads every row and points each at its manager, wherever the manager is in the file', async () => {
    expect(first.run.status).toBe('succeeded');
    expect(first.run.entities.map(({ seconds: _s, ...b }) => b)).toEqual([
      { entity: 'staff', file: 'staff.csv', table: 'staff', source: 17, loaded: 13, rejected: 4, excluded: 0, merged: 0, balanced: true },
      { entity: 'customer', file: 'customers.csv', table: 'customer', source: 3, loaded: 2, rejected: 1, excluded: 0, merged: 0, balanced: true },
    ]);
    expect(await embedded((db) => managers(db, 'env_test'))).toEqual(expectedManagers);
    expect(await embedded((db) => customers(db, 'env_test'))).toEqual([{ name: 'François Tremblay', rep: null }, { name: 'Luís Gonçalves', rep: 'Peacock' }]);
    expect(first.run.money).toEqual([expect.objectContaining({ entity: 'staff', field: 'salary', balanced: true })]);
  });

  it('rejects a row whose manager was not imported or not delivered, saying which, and the rows below it', async () => {
    expect(await ledger(first.run.runId)).toEqual(expectedLedger);
    const rejects = await inSession(dir.path, (s) => listRejects(s, String(first.run.runId)), { env: env(), clock });
    expect(rejects.rows.map((r) => [r.entity, r.line, r.why])).toEqual([
      ['staff', 12, 'a value could not be read'],
      ['staff', 13, 'it points at a record that was not imported itself'],
      ['staff', 14, 'it points at a record that was not imported itself'],
      ['staff', 15, 'it points at a record that is not in the delivery'],
      ['customer', 3, 'it points at a record that was not imported itself'],
    ]);
  });

  it('is verified column by column by reconcile, managers included', async () => {
    const r = await inSession(dir.path, (s) => reconcile(s, { run: String(first.run.runId) }), { env: env(), clock });
    expect(r.unexplained).toBe(0);
    expect(r.columns.find((c) => c.entity === 'staff' && c.field === 'reports_to')).toMatchObject({ compared: 13, differ: 0 });
    expect(r.counts.find((c) => c.entity === 'customer')?.explained).toEqual([
      { outcome: 'rejected', reason: 'orphan', words: 'not imported: it points at a record that was not imported itself', rows: 1 },
    ]);
    // a manager changed behind the run's back is seen
    await embedded((db) => db.exec("UPDATE env_test.staff SET reports_to = (SELECT id FROM env_test.staff WHERE last_name = 'Adams') WHERE last_name = 'King'"));
    const changed = await inSession(dir.path, (s) => reconcile(s, { run: String(first.run.runId) }), { env: env(), clock });
    expect(changed.columns.find((c) => c.field === 'reports_to')).toMatchObject({ compared: 13, differ: 1 });
  });

  it('carries on after a stop before or after the second pass, and ends as an uninterrupted run', async () => {
    for (const stopAt of [
      (entity: string, rows: number, done: boolean) => entity === 'staff' && rows === 17 && !done,
      (entity: string) => entity === 'customer',
    ]) {
      // a row at a time, so the customers stop after their first
      const stopped = await run('test', { fresh: true, stopAt, batchRows: 1 }).catch((e: unknown) => e);
      expect(isCutoverError(stopped, 'cancelled') ? 'cancelled' : stopped).toBe('cancelled');
      const resumed = await run('test');
      expect(resumed.run.status).toBe('succeeded');
      expect(resumed.run.entities.map(({ seconds: _s, ...b }) => b)).toEqual(first.run.entities.map(({ seconds: _s, ...b }) => b));
      expect(await embedded((db) => managers(db, 'env_test'))).toEqual(expectedManagers);
      expect(await ledger(resumed.run.runId)).toEqual(expectedLedger);
      expect(resumed.run.money).toEqual(first.run.money);
    }
  });

  it('loads a PostgreSQL server the same way, in a schema of its own and in the new system\'s own schema beside its rows', async () => {
    const server = await run('server');
    expect(server.run.status).toBe('succeeded');
    expect(await withDatabase(url, (db) => managers(db, 'env_server'))).toEqual(expectedManagers);
    // stopped between the rows and the second pass, then carried on
    const stopped = await run('crm', { stopAt: (entity, rows, done) => entity === 'staff' && rows === 17 && !done }).catch((e: unknown) => e);
    expect(isCutoverError(stopped, 'cancelled')).toBe(true);
    const crm = await run('crm');
    expect(crm.run.status).toBe('succeeded');
    expect(crm.run.entities.map(({ seconds: _s, ...b }) => b)).toEqual(first.run.entities.map(({ seconds: _s, ...b }) => b));
    expect(await withDatabase(url, (db) => managers(db, 'crm'))).toEqual([...expectedManagers, { name: 'Already', manager: null }, { name: 'There', manager: null }].sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(await withDatabase(url, (db) => db.query<{ id: string }>("SELECT id FROM crm.staff WHERE last_name IN ('Already', 'There') ORDER BY id"))).toEqual([{ id: '1' }, { id: '2' }]);
    expect(await ledger(crm.run.runId)).toEqual(expectedLedger);
    const r = await inSession(dir.path, (s) => reconcile(s, { run: String(crm.run.runId) }), { env: env(), clock });
    expect(r.unexplained).toBe(0);
    expect(r.columns.find((c) => c.field === 'reports_to')).toMatchObject({ compared: 13, differ: 0 });
  });
});
