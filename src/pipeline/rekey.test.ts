import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, projectSnapshots, reconcile, rekeySnapshots, runDemo, verifyAuditTrail, verifySnapshots, writeReviewWorkbook, type ProjectSession } from './index.js';

const dir = tempDir('cutover-rekey');
const original = join(dir.path, 'original');
const newKey = '3c'.repeat(32);
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, NEW_KEY: newKey };
let copies = 0;
const copy = () => {
  const path = join(dir.path, `copy-${++copies}`);
  cpSync(original, path, { recursive: true });
  return path;
};
const step = <T>(project: string, work: (s: ProjectSession) => Promise<T>, key = demoSnapshotKey) => inSession(project, work, { env: { ...env, CUTOVER_SNAPSHOT_KEY: key } });
const rekey = (s: ProjectSession) => rekeySnapshots(s, { fromEnv: 'CUTOVER_SNAPSHOT_KEY', toEnv: 'NEW_KEY' });
const failure = (work: Promise<unknown>) => work.then(() => undefined, (error: unknown) => (isCutoverError(error) ? { code: error.code, message: error.message } : Promise.reject(error)));

beforeAll(async () => {
  await step(original, (s) => runDemo(s, { rows: 300, seed: 3, sampleChosen: true }));
  await step(original, async (s) => writeReviewWorkbook(s, await reconcile(s)));
});
afterAll(() => dir.cleanup());

describe('snapshots rekey', () => {
  it('re-seals every snapshot and re-keys the log and its anchors, so all of it holds under the new key alone', async () => {
    const project = copy();
    const result = await step(project, rekey);
    expect(result.snapshots.map((s) => s.outcome)).toEqual(['rekeyed']);
    expect(result.auditEvents).toBeGreaterThan(3);
    const verdict = await step(project, verifyAuditTrail, newKey);
    expect(verdict.problems).toEqual([]);
    // the workbook file handed out before keeps the old key's hash: only its length is checked
    expect(verdict.anchors.map((a) => a.where.replace(/ [\w.-]+$/, ''))).toEqual(['snapshot', 'review workbook', 'the workbook file']);
    expect((await step(project, projectSnapshots, newKey))[0]!.keyId).toBe(result.to);
    expect(await step(project, (s) => verifySnapshots(s), newKey)).toHaveLength(1);
    expect((await failure(step(project, (s) => verifySnapshots(s))))?.code).toBe('snapshot_key_wrong');
    expect((await step(project, verifyAuditTrail)).intact).toBe(false);
    // run again, it finds the job done
    expect((await step(project, rekey)).snapshots.map((s) => s.outcome)).toEqual(['done before']);
  });

  it('refuses to re-key a log that was altered, and leaves the snapshots as they were', async () => {
    const project = copy();
    await step(project, async (s) => (await s.store()).db.query("UPDATE cutover.audit_event SET actor = 'someone else' WHERE seq = 2"));
    const refused = await failure(step(project, rekey));
    expect(refused?.code).toBe('audit_altered');
    expect(refused?.message).toMatch(/^The audit log does not hold under CUTOVER_SNAPSHOT_KEY \(event 2 does not match its keyed hash/);
    expect(await step(project, (s) => verifySnapshots(s))).toHaveLength(1);
  });

  it('refuses the same key twice', async () => {
    const refused = await failure(inSession(copy(), rekey, { env: { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey, NEW_KEY: demoSnapshotKey } }));
    expect(refused?.code).toBe('invalid_option');
  });
});
