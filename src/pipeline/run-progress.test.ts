import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, runDemo, runProgress, type ProjectSession, type RunProgressView } from './index.js';

// The review app shows a run as it loads, from another process than the one running it
// (which holds the store): a run started by the command line is read here as it goes.
const dir = tempDir('cutover-run-progress');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const cli = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env, clock: () => new Date() });
let totals: Map<string, number>;

beforeAll(async () => {
  const demo = await step((s) => runDemo(s, { rows: 20_000, seed: 3, sampleChosen: true }));
  totals = new Map(demo.run.entities.map((e) => [e.entity, e.source]));
});
afterAll(() => dir.cleanup());

describe('runProgress', () => {
  it('reads a finished run from its checkpoints in the store', async () => {
    const view = await step((s) => runProgress(s));
    expect(view!.runId).toBe(1);
    expect(view!.status).toBe('succeeded');
    expect(view!.entities.map((e) => [e.entity, e.done, e.total, e.finished, e.secondsLeft])).toEqual(
      ['person', 'person_role', 'supplier', 'property', 'tenancy', 'diary_entry', 'opening_balance'].map((name) => [name, totals.get(name), totals.get(name), true, 0]),
    );
    expect(view!.entities.every((e) => e.rowsPerSecond === null || e.rowsPerSecond > 0)).toBe(true);
  });

  it('reads a run another process is loading, while that process holds the store', async () => {
    const child = spawn(process.execPath, [cli, 'run', '--env', 'test', '--fresh', '--project', dir.path], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let exited = false;
    void ended.then(() => (exited = true));
    // a reader that opened the store before the run locked it would keep the run out: wait for the run to report first
    while (!exited && !existsSync(join(dir.path, '.cutover', 'run-progress.json'))) await new Promise((r) => setTimeout(r, 20));
    const seen: RunProgressView[] = [];
    while (!exited) {
      const view = await step((s) => runProgress(s));
      if (view?.status === 'running') seen.push(view);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([await ended, stderr.split('\n').filter((l) => l.startsWith('error'))]).toEqual([0, []]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((v) => v.runId === 2)).toBe(true);
    const last = seen.at(-1)!;
    for (const e of last.entities) {
      expect(e.total).toBe(totals.get(e.entity));
      expect(e.done).toBeLessThanOrEqual(e.total);
    }
    // once it has ended, the store tells the whole run
    const after = await step((s) => runProgress(s));
    expect([after!.runId, after!.status, after!.entities.every((e) => e.finished)]).toEqual([2, 'succeeded', true]);
  });
});
