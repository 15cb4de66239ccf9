import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import type { SqlValue } from '../connectors/database.js';
import { inSession } from '../test-support/test-session.js';
import { dumpSchema } from '../test-support/target-dump.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { migrate as migrateStep, type MigrateOptions } from './migrate.js';

// A run stopped on purpose part-way through an entity, then run again: it carries on from
// its last checkpoint (batches of 500 rows here) and ends as an uninterrupted run does.
const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-resume-'));
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let referenceDump: Record<string, string>;
let referenceBooks: unknown;

/** Runs the migration as one command does: a session of its own, stopped by `signal`. */
function migrate(extra: Partial<MigrateOptions> & { signal?: AbortSignal }) {
  const { signal, ...options } = extra;
  return inSession(dir, (s) => migrateStep(s, { environment: 'test', fresh: false, resume: true, batchRows: 500, ...options }), { env, clock, ...(signal ? { signal } : {}) });
}

/** One query on the store, between commands. */
const query = <T extends object>(sql: string, params: SqlValue[] = []) => inSession(dir, async (s) => (await s.store()).db.query<T>(sql, params));
const envTest = () => inSession(dir, async (s) => dumpSchema((await s.store()).db, 'env_test'));

const books = (entities: readonly { seconds: number }[]) => entities.map(({ seconds: _s, ...b }) => b);

beforeAll(async () => {
  await inSession(dir, (s) => runDemo(s, { rows: 6000, seed: 3, sampleChosen: true }), { env, clock });
  referenceDump = await envTest();
  referenceBooks = books((await migrate({ fresh: true, resume: false })).run.entities);
});

afterAll(() => {
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
    const [run] = await query<{ id: string; status: string }>('SELECT id, status FROM cutover.run ORDER BY id DESC LIMIT 1');
    expect(run?.status).toBe('running');
    const progress = await query<{ entity: string; rows_read: string; done: boolean }>(
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
    const [before] = await query<{ id: string }>('SELECT max(id) AS id FROM cutover.run');
    const resumed = await migrate({});
    expect(resumed.run.runId).toBe(Number(before!.id));
    expect(resumed.run.status).toBe('succeeded');
    expect(books(resumed.run.entities)).toEqual(referenceBooks);
    expect(await envTest()).toEqual(referenceDump);
    const events = (await query<{ action: string }>('SELECT action FROM cutover.audit_event WHERE subject = $1 ORDER BY seq', [`run ${resumed.run.runId}`])).map((e) => e.action);
    expect(events).toEqual(['run.started', 'run.interrupted', 'run.resumed', 'run.finished']);
  });

  it('killed after its money was checked but before it was marked finished, finishes on the next attempt with the same lines', async () => {
    const [last] = await query<{ id: string }>("SELECT max(id) AS id FROM cutover.run WHERE status = 'succeeded'");
    const money = () => query('SELECT entity, field, grp, source_total, target_total FROM cutover.money_check WHERE run_id = $1 ORDER BY 1, 2, 3', [last!.id]);
    const before = await money();
    expect(before.length).toBeGreaterThan(0);
    await query("UPDATE cutover.run SET status = 'running', finished_at = NULL WHERE id = $1", [last!.id]);
    const again = await migrate({});
    expect(again.run).toMatchObject({ runId: Number(last!.id), status: 'succeeded' });
    expect(await money()).toEqual(before);
    expect(await envTest()).toEqual(referenceDump);
  });

  it('with another spec, is not carried on: the old run is marked abandoned and the loaded environment is refused without --fresh', async () => {
    const stop = new AbortController();
    await migrate({ fresh: true, resume: false, signal: stop.signal, onProgress: (p) => p.entity === 'supplier' && stop.abort() }).catch(() => {});
    const [interrupted] = await query<{ id: string }>('SELECT max(id) AS id FROM cutover.run');
    // as if the spec had been edited since the run started
    await query("UPDATE cutover.run SET spec_hash = 'changed' WHERE id = $1", [interrupted!.id]);
    const error = await migrate({ batchRows: 5000 }).catch((e: unknown) => e);
    expect(isCutoverError(error, 'env_loaded')).toBe(true);
    const [old] = await query<{ status: string; error: string }>('SELECT status, error FROM cutover.run WHERE id = $1', [interrupted!.id]);
    expect(old).toEqual({ status: 'failed', error: 'This run was interrupted and not carried on: the next run asked for a fresh start, or for another snapshot, spec or target.' });
  });
});
