import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutover } from '../test-support/capture-io.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo } from './demo.js';
import { migrate } from './migrate.js';

// Reconcile speaks of the run it is asked about: a run that failed says so before any
// figure and exits non-zero; a run whose environment a later run loaded again is refused.
const clock = () => new Date('2026-11-23T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cutover-reconcile-failed-'));
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const cli = (...argv: string[]) => {
  const before = process.env['CUTOVER_SNAPSHOT_KEY'];
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  return cutover(...argv, '--project', dir).finally(() => {
    if (before === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
    else process.env['CUTOVER_SNAPSHOT_KEY'] = before;
  });
};

beforeAll(async () => {
  await inSession(dir, (s) => runDemo(s, { rows: 300, seed: 4, sampleChosen: true }), { env, clock });
  await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env, clock });
  // run 3 fails part-way: the new system's diary refuses every row, as no row-level refusal
  const schema = join(dir, 'target', 'schema.sql');
  const script = readFileSync(schema, 'utf8');
  writeFileSync(schema, `${script}
CREATE FUNCTION diary_closed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the diary is closed for maintenance'; END $$;
CREATE TRIGGER diary_closed BEFORE INSERT ON diary_entry FOR EACH ROW EXECUTE FUNCTION diary_closed();
`);
  await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env, clock }).catch(() => undefined);
  // run 4 stops before it touches the environment: the diary has lost a column the spec writes
  writeFileSync(schema, script.replace('  entry_time  time,\n  notes       text\n', '  entry_time  time,\n  remarks     text\n'));
  await inSession(dir, (s) => migrate(s, { environment: 'test', fresh: true, resume: false }), { env, clock }).catch(() => undefined);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('reconcile of a run that is not the environment\'s own', () => {
  it('says first that the run failed, and exits non-zero', async () => {
    const out = await cli('reconcile', '3');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout.split('\n')[0]).toMatch(/^Run 3 failed: The run stopped: the diary is closed for maintenance\. The figures below are of what it loaded before it stopped\.$/);
    expect(out.stdout).toMatch(/Run 3: This run failed, so the new system holds only what it loaded before it stopped/);
    const json = JSON.parse((await cli('reconcile', '3', '--json')).stdout) as { failed?: string; unexplained: number };
    expect(json.failed).toBe('The run stopped: the diary is closed for maintenance');
    expect(json.unexplained).toBeGreaterThanOrEqual(1);
  });

  it('refuses a run whose environment a later run loaded again', async () => {
    const out = await cli('reconcile', '1');
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim()).toBe(
      'error: Run 1 cannot be reconciled any more: run 2 loaded environment "test" after it, so the new system now holds run 2\'s rows, not run 1\'s. Reconcile run 2 instead (cutover reconcile 2).',
    );
    // run 3 loaded part of it before failing; run 4 stopped before touching it
    expect((await cli('reconcile', '2')).stderr).toMatch(/^error: Run 2 cannot be reconciled any more: run 3 loaded environment "test" after it/);
  });
});
