import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore, type ProjectStore } from '../store/project-store.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { migrate, type Migration } from './migrate.js';

// The new system refuses some rows the rules let through (here: a rule of its own on
// surnames): each such row is rejected alone with the target's reason, the rest of its
// batch loads, and rows that point at a refused row are orphans, not broken links.
const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-refusal-'));
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let store: ProjectStore;
let run: Migration;

interface Entry {
  entity: string;
  source_key: string;
  reason: string;
  message: string;
}

beforeAll(async () => {
  await inSession(dir, (s) => runDemo(s, { rows: 3000, seed: 5, sampleChosen: true }), { env, clock });
  const schema = join(dir, 'target', 'schema.sql');
  writeFileSync(schema, readFileSync(schema, 'utf8').replace('last_name   text NOT NULL,', "last_name   text NOT NULL CHECK (last_name NOT LIKE 'B%'),"));
  run = await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false, batchRows: 200 }), { env, clock });
  store = await openProjectStore(projectLayout(dir), 'test', clock());
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rows the target refuses', () => {
  it('are rejected one by one with the target\'s reason, and the books still balance', async () => {
    expect(run.run.status).toBe('succeeded');
    expect(run.run.entities.every((e) => e.balanced)).toBe(true);
    const refused = await store.db.query<Entry>(
      `SELECT entity, source_key, reason, message FROM cutover.ledger_entry WHERE run_id = $1 AND reason = 'target_constraint' ORDER BY line`,
      [run.run.runId],
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.entity))).toEqual(new Set(['person']));
    expect(refused[0]!.message).toMatch(/^the new system refused this row: new row for relation "person" violates check constraint "person_last_name_check"/);
    // every other row of those batches loaded: nobody with another surname is missing
    const [left] = await store.db.query<{ n: string }>("SELECT count(*) AS n FROM env_test.person WHERE last_name LIKE 'B%'");
    expect(left?.n).toBe('0');
    const person = run.run.entities.find((e) => e.entity === 'person')!;
    expect(person.loaded + person.rejected + person.excluded + person.merged).toBe(person.source);
  });

  it('leaves no key behind: rows that point at a refused person are orphans', async () => {
    const refusedKeys = (await store.db.query<{ source_key: string }>(
      `SELECT source_key FROM cutover.ledger_entry WHERE run_id = $1 AND reason = 'target_constraint'`,
      [run.run.runId],
    )).map((r) => r.source_key);
    const [mapped] = await store.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM cutover.key_map WHERE run_id = $1 AND entity = $2 AND source_key = ANY($3::text[])',
      [run.run.runId, 'person', `{${refusedKeys.map((k) => `"${k}"`).join(',')}}`],
    );
    expect(mapped?.n).toBe('0');
    const orphans = await store.db.query<Entry>(
      `SELECT entity, source_key, reason, message FROM cutover.ledger_entry WHERE run_id = $1 AND entity = 'person_role' AND reason = 'orphan'`,
      [run.run.runId],
    );
    const orphanPeople = new Set(orphans.map((o) => o.source_key.split('\u001f')[0]));
    expect(refusedKeys.some((k) => orphanPeople.has(k))).toBe(true);
  });
});
