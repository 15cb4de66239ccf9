import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsBySourceKey, runKeys } from '../test-support/rows-by-source-key.js';
import { withDatabase, freshPostgresDatabases } from '../test-support/servers.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { demoSnapshotKey } from './demo.js';
import { gapMigration, type GapResult } from './gap-run.js';
import { migrate, type Migration } from './migrate.js';

// Staff with managers (a lookup into the same entity) carried over by a gap: new staff
// reporting to staff who are new too, later in the file or in a circle; a changed manager;
// a manager deleted while others still report to them. The gap must leave the target as a
// fresh full run of the later export would, apart from ids and the rows it keeps.
const dir = tempDir('cutover-gap-self-reference');
const databases = { gap: 'cutover_gap_self_gap', fresh: 'cutover_gap_self_fresh' } as const;
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 1, 10, 0, tick++));
let urls: Record<keyof typeof databases, string>;
const env = () => ({ CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, GAP_URL: urls.gap, FRESH_URL: urls.fresh });
const session = <T>(work: Parameters<typeof inSession<T>>[1]) => inSession(dir.path, work, { env: env(), clock });

const header = 'EmployeeId,LastName,FirstName,ReportsTo\n';
const staffA = `${header}1,Adams,Andrew,
2,Edwards,Nancy,1
3,Peacock,Jane,2
6,Mitchell,Michael,1
7,King,Robert,6
8,Callahan,Laura,6
9,Forward,Fay,10
10,Later,Lee,1
15,Self,Sam,15
`;
// 6 leaves, yet 8 still reports to them; 7 and 3 get new managers (3's is new); 20 reports
// to 21, written after it; 22 to 20; 23 and 24 to each other; 25 to the leaver; 26 to 8
const staffB = `${header}1,Adams,Andrew,
2,Edwards,Nancy,1
3,Peacock,Jane,21
7,King,Robert,2
8,Callahan,Laura,6
9,Forward,Fay,10
10,Later,Lee,1
15,Self,Sam,15
20,Newer,Nia,21
21,Newest,Ned,1
22,Chain,Cy,20
23,Loop,Lou,24
24,Round,Ro,23
25,Lost,Lu,6
26,Below,Bo,8
`;
const customersA = 'CustomerId,Name,SupportRepId\nC1,Luís Gonçalves,3\nC2,Leonie Köhler,8\n';
const customersB = `${customersA}C4,Nora New,20\n`;
const spec = `version: 1
max_rejected: 50%
entities:
  staff:
    source: staff.csv
    key: [EmployeeId]
    table: staff
    fields:
      last_name: { from: LastName, required: true }
      first_name: { from: FirstName }
      reports_to: { from: ReportsTo, rules: [trim, { lookup: staff }] }
  customer:
    source: customers.csv
    key: [CustomerId]
    table: customer
    fields:
      name: { from: Name, required: true }
      support_rep: { from: SupportRepId, rules: [{ lookup: staff }] }
`;
const schema = `CREATE TABLE staff (
  id          bigint PRIMARY KEY,
  last_name   text NOT NULL,
  first_name  text,
  reports_to  bigint REFERENCES staff (id)
);
CREATE TABLE customer (
  id           bigint PRIMARY KEY,
  name         text NOT NULL,
  support_rep  bigint REFERENCES staff (id)
);
`;

const run = (environment: string) => session((s) => migrate(s, { environment, fresh: true, resume: false }));
const writeExport = (staff: string, customers: string) => {
  writeFileSync(join(dir.path, 'export', 'staff.csv'), staff);
  writeFileSync(join(dir.path, 'export', 'customers.csv'), customers);
};
const ledger = (runId: number) =>
  session(async (s) => (await s.store()).db.query<{ entity: string; source_key: string; reason: string }>(
    "SELECT entity, source_key, reason FROM cutover.ledger_entry WHERE run_id = $1 AND outcome = 'rejected' ORDER BY entity DESC, line", [runId],
  ));
const changes = (runId: number) =>
  session(async (s) => (await s.store()).db.query<{ entity: string; source_key: string; action: string }>(
    'SELECT entity, source_key, action FROM cutover.gap_change WHERE run_id = $1 ORDER BY entity DESC, seq', [runId],
  ));
const rowsOf = (runId: number, url: string, spec: Migration['spec']) => session(async (s) => {
  const keys = await runKeys((await s.store()).db, runId);
  return withDatabase(url, (db) => rowsBySourceKey(spec, keys, db, url === urls.gap ? 'env_gap' : 'env_fresh'));
});

let full: Migration;
let gap: GapResult;

beforeAll(async () => {
  urls = await freshPostgresDatabases(databases);
  for (const folder of ['export', 'specs', 'target']) mkdirSync(join(dir.path, folder), { recursive: true });
  writeExport(staffA, customersA);
  writeFileSync(join(dir.path, 'specs', 'crm.yaml'), spec);
  writeFileSync(join(dir.path, 'target', 'schema.sql'), schema);
  writeFileSync(join(dir.path, 'cutover.yaml'), `customer: Chinook Music (gap with self-references)
sources:
  export: { files: export, include: ["*.csv"] }
snapshot_key_env: CUTOVER_SNAPSHOT_KEY
spec: specs/crm.yaml
target: { schema: target/schema.sql }
environments:
  gap: { database_url_env: GAP_URL }
  fresh: { database_url_env: FRESH_URL }
`);
  await session((s) => collect(s));
  full = await run('gap');
  expect(full.run.status).toBe('succeeded');
  writeExport(staffB, customersB);
  await session((s) => collect(s));
  // two changes a batch: a new row's manager is sometimes in its batch, sometimes in a later one
  gap = await session((s) => gapMigration(s, { environment: 'gap', batchRows: 2 }));
}, 240_000);

afterAll(() => dir.cleanup());

describe('a gap into an entity that looks itself up', () => {
  it('balances its books and accounts for every change', async () => {
    expect(gap.error).toBeNull();
    expect(gap.gap.filter((b) => !b.balanced)).toEqual([]);
    expect((await changes(gap.runId)).map((c) => `${c.entity} ${c.source_key} ${c.action}`)).toEqual([
      'staff 3 updated', 'staff 6 kept', 'staff 7 updated',
      'staff 20 inserted', 'staff 21 inserted', 'staff 22 inserted', 'staff 23 inserted', 'staff 24 inserted', 'staff 25 inserted', 'staff 26 inserted',
      'staff 8 orphaned', 'staff 25 orphaned', 'staff 26 orphaned',
      'customer C4 inserted', 'customer C2 orphaned',
    ]);
  });

  it('leaves the target as a fresh full run of the later export, apart from ids and the rows kept', async () => {
    const fresh = await run('fresh');
    expect(fresh.snapshot.id).toBe(gap.to);
    const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);
    expect(books(gap.entities)).toEqual(books(fresh.run.entities));
    expect(await rowsOf(gap.runId, urls.gap, full.spec)).toEqual(await rowsOf(fresh.run.runId, urls.fresh, full.spec));
    expect(await ledger(gap.runId)).toEqual(await ledger(fresh.run.runId));
  });

  it('takes the new orphans out of the target again, leaves the old ones and the leaver in place, and says why', async () => {
    const names = await withDatabase(urls.gap, (db) => db.query<{ last_name: string }>('SELECT last_name FROM env_gap.staff ORDER BY last_name'));
    expect(names.map((n) => n.last_name)).toEqual(['Adams', 'Callahan', 'Chain', 'Edwards', 'Forward', 'King', 'Later', 'Loop', 'Mitchell', 'Newer', 'Newest', 'Peacock', 'Round', 'Self']);
    const orphans = await session(async (s) => (await s.store()).db.query<{ source_key: string; message: string }>(
      "SELECT source_key, message FROM cutover.gap_change WHERE run_id = $1 AND entity = 'staff' AND action = 'orphaned' ORDER BY seq", [gap.runId],
    ));
    expect(orphans).toEqual([
      { source_key: '8', message: 'reports_to: there is no staff "6" in staff.csv' },
      { source_key: '25', message: 'reports_to: there is no staff "6" in staff.csv; taken out of the new system again' },
      { source_key: '26', message: 'reports_to: its staff "8", line 6, was not imported: reports_to: there is no staff "6" in staff.csv; taken out of the new system again' },
    ]);
  });
});
