import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connectors/database.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { collect } from './collect.js';
import { demoSnapshotKey } from './demo.js';
import { migrate, type Migration } from './migrate.js';
import { reconcile } from './reconcile-project.js';

// Lookups that give a value, not an id: a mapped field of a migrated parent (the invoice
// keeps its customer's e-mail), and a column of a table delivered but not migrated (a
// track's name for an invoice line). A key not found is an orphan with its reason.
const dir = tempDir('cutover-reference-data');
const clock = () => new Date('2026-11-23T10:00:00Z');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };

const spec = `version: 1
# rows are rejected on purpose: an unreadable e-mail and the orphans it leaves
max_rejected: 50%
entities:
  customer:
    source: customers.csv
    key: [CustomerId]
    table: customer
    fields:
      name: { from: Name, required: true }
      email: { from: Email, rules: [email] }
  invoice_line:
    source: invoice_lines.csv
    key: [LineId]
    table: invoice_line
    fields:
      customer_id: { from: CustomerId, rules: [{ lookup: customer }] }
      customer_email: { from: CustomerId, rules: [{ lookup: { entity: customer, take: email } }] }
      track_name: { from: TrackId, rules: [trim, { lookup: { table: tracks.csv, key: TrackId, take: Name } }] }
`;
const schema = `CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE invoice_line (id bigint PRIMARY KEY, customer_id bigint REFERENCES customer (id), customer_email text, track_name text);
`;
let run: Migration;
const embedded = <T>(work: (db: Database) => Promise<T>) => inSession(dir.path, async (s) => work((await s.store()).db), { env, clock });

beforeAll(async () => {
  for (const folder of ['export', 'specs', 'target']) mkdirSync(join(dir.path, folder), { recursive: true });
  writeFileSync(join(dir.path, 'export', 'customers.csv'), 'CustomerId,Name,Email\nC1,Ann,ann@example.com\nC2,Bea,bea at example\nC3,Cy,\n');
  writeFileSync(join(dir.path, 'export', 'tracks.csv'), 'TrackId,Name\n1,For Those About To Rock\n2,Balls to the Wall\n');
  writeFileSync(join(dir.path, 'export', 'invoice_lines.csv'), 'LineId,CustomerId,TrackId\nL1,C1,1\nL2,C3, 2\nL3,C2,1\nL4,C1,9\n');
  writeFileSync(join(dir.path, 'specs', 'store.yaml'), spec);
  writeFileSync(join(dir.path, 'target', 'schema.sql'), schema);
  writeFileSync(join(dir.path, 'cutover.yaml'), `customer: Chinook Music (reference data test)
sources:
  export: { files: export, include: ["*.csv"] }
snapshot_key_env: CUTOVER_SNAPSHOT_KEY
spec: specs/store.yaml
target: { schema: target/schema.sql }
environments:
  test: { database: embedded }
`);
  run = await inSession(dir.path, async (s) => {
    await collect(s);
    return migrate(s, { environment: 'test', fresh: true, resume: false });
  }, { env, clock });
});

afterAll(() => dir.cleanup());

describe('lookups of reference data', () => {
  it('give a parent\'s mapped field and a column of a table that is not migrated', async () => {
    expect(run.run.status).toBe('succeeded');
    expect(await embedded((db) => db.query('SELECT customer_email, track_name FROM env_test.invoice_line ORDER BY id'))).toEqual([
      { customer_email: 'ann@example.com', track_name: 'For Those About To Rock' },
      { customer_email: null, track_name: 'Balls to the Wall' },
    ]);
  });

  it('reject a row whose key is not found, with its reason', async () => {
    const ledger = await embedded((db) => db.query<{ line: string; reason: string; message: string }>(
      "SELECT line, reason, message FROM cutover.ledger_entry WHERE entity = 'invoice_line' ORDER BY line",
    ));
    expect(ledger).toEqual([
      { line: '4', reason: 'orphan', message: expect.stringMatching(/^customer_id: its customer "C2", line 3, was not imported: email: /) as unknown as string },
      { line: '5', reason: 'orphan', message: 'track_name: there is no row with TrackId "9" in tracks.csv' },
    ]);
  });

  it('are verified by reconcile, which sees a value changed behind the run\'s back', async () => {
    const r = await inSession(dir.path, (s) => reconcile(s), { env, clock });
    expect(r.unexplained).toBe(0);
    const columns = () => r.columns.filter((c) => c.entity === 'invoice_line').map((c) => [c.field, c.compared, c.differ]);
    expect(columns()).toEqual([['customer_id', 2, 0], ['customer_email', 2, 0], ['track_name', 2, 0]]);
    await embedded((db) => db.exec("UPDATE env_test.invoice_line SET track_name = 'Fast as a Shark', customer_email = 'x@example.com' WHERE customer_email IS NULL"));
    const changed = await inSession(dir.path, (s) => reconcile(s), { env, clock });
    expect(changed.columns.filter((c) => c.entity === 'invoice_line').map((c) => [c.field, c.compared, c.differ])).toEqual([['customer_id', 2, 0], ['customer_email', 2, 1], ['track_name', 2, 1]]);
  });
});
