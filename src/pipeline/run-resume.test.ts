import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore, type ProjectStore } from '../store/project-store.js';
import { dumpSchema } from '../test-support/target-dump.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { readProjectConfig } from './project-files.js';
import { runTestMigration, type TestMigrationOptions } from './migrate.js';

// A run stopped on purpose part-way through an entity, then run again: it carries on from
// its last checkpoint (batches of 500 rows here) and ends as an uninterrupted run does.
const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-resume-'));
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let store: ProjectStore;
let referenceDump: Record<string, string>;
let referenceBooks: unknown;

async function migrate(extra: Partial<TestMigrationOptions>) {
  const config = await readProjectConfig(projectLayout(dir));
  return runTestMigration({ store, config, environment: 'test', fresh: false, resume: true, env, actor: 'tester', clock, batchRows: 500, ...extra });
}

const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);

beforeAll(async () => {
  await runDemo({ project: dir, rows: 6000, seed: 3, sampleChosen: true, env, actor: 'tester', clock });
  store = await openProjectStore(projectLayout(dir), 'test', clock());
  referenceDump = await dumpSchema(store.db, 'env_test');
  referenceBooks = books((await migrate({ fresh: true, resume: false })).run.entities);
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a run stopped part-way and run again', () => {
  it('is left as running, with checkpoints inside the entity it was loading', async () => {
    const stop = new AbortController();
    const error = await migrate({
      fresh: true,
      resume: false,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.entity === 'person_role' && p.rows >= 1000) stop.abort();
      },
    }).catch((e: unknown) => e);
    expect(isCutoverError(error, 'cancelled')).toBe(true);
    const [run] = await store.db.query<{ id: string; status: string }>('SELECT id, status FROM cutover.run ORDER BY id DESC LIMIT 1');
    expect(run?.status).toBe('running');
    const progress = await store.db.query<{ entity: string; rows_read: string; done: boolean }>(
      "SELECT entity, rows_read, done FROM cutover.run_progress WHERE run_id = $1 AND entity IN ('person', 'person_role', 'supplier') ORDER BY entity",
      [run!.id],
    );
    expect(progress).toEqual([
      { entity: 'person', rows_read: '1500', done: true },
      { entity: 'person_role', rows_read: expect.stringMatching(/^\d+$/), done: false },
      { entity: 'supplier', rows_read: '0', done: false },
    ]);
    expect(Number(progress[1]!.rows_read)).toBeGreaterThanOrEqual(1000);
  });

  it('carries on as the same run and ends with the target rows and books of an uninterrupted run', async () => {
    const [before] = await store.db.query<{ id: string }>('SELECT max(id) AS id FROM cutover.run');
    const resumed = await migrate({});
    expect(resumed.run.runId).toBe(Number(before!.id));
    expect(resumed.run.status).toBe('succeeded');
    expect(books(resumed.run.entities)).toEqual(referenceBooks);
    expect(await dumpSchema(store.db, 'env_test')).toEqual(referenceDump);
    const events = (await store.db.query<{ action: string }>('SELECT action FROM cutover.audit_event WHERE subject = $1 ORDER BY seq', [`run ${resumed.run.runId}`])).map((e) => e.action);
    expect(events).toEqual(['run.started', 'run.interrupted', 'run.resumed', 'run.finished']);
  });

  it('killed after its money was checked but before it was marked finished, finishes on the next attempt with the same lines', async () => {
    const [last] = await store.db.query<{ id: string }>("SELECT max(id) AS id FROM cutover.run WHERE status = 'succeeded'");
    const money = () => store.db.query('SELECT entity, field, grp, source_total, target_total FROM cutover.money_check WHERE run_id = $1 ORDER BY 1, 2, 3', [last!.id]);
    const before = await money();
    expect(before.length).toBeGreaterThan(0);
    await store.db.query("UPDATE cutover.run SET status = 'running', finished_at = NULL WHERE id = $1", [last!.id]);
    const again = await migrate({});
    expect(again.run).toMatchObject({ runId: Number(last!.id), status: 'succeeded' });
    expect(await money()).toEqual(before);
    expect(await dumpSchema(store.db, 'env_test')).toEqual(referenceDump);
  });

  it('with another spec, is not carried on: the old run is marked abandoned and the loaded environment is refused without --fresh', async () => {
    const stop = new AbortController();
    await migrate({ fresh: true, resume: false, signal: stop.signal, onProgress: (p) => p.entity === 'supplier' && stop.abort() }).catch(() => {});
    const [interrupted] = await store.db.query<{ id: string }>('SELECT max(id) AS id FROM cutover.run');
    const config = await readProjectConfig(projectLayout(dir));
    // as if the spec had been edited since the run started
    await store.db.query("UPDATE cutover.run SET spec_hash = 'changed' WHERE id = $1", [interrupted!.id]);
    const error = await runTestMigration({ store, config, environment: 'test', fresh: false, resume: true, env, actor: 'tester', clock }).catch((e: unknown) => e);
    expect(isCutoverError(error, 'env_loaded')).toBe(true);
    const [old] = await store.db.query<{ status: string; error: string }>('SELECT status, error FROM cutover.run WHERE id = $1', [interrupted!.id]);
    expect(old).toEqual({ status: 'failed', error: 'This run was interrupted and not carried on: the next run asked for a fresh start, or for another snapshot, spec or target.' });
  });
});
