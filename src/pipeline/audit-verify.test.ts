import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../core/canonical-json.js';
import { readAuditLog } from '../store/audit-log.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import { demoSnapshotKey, readAuditTrail, reconcile, runDemo, verifyAuditTrail, writeReviewWorkbook, type ProjectSession } from './index.js';

// A demo project with a snapshot and a review workbook, each holding the log's head; each
// case alters a copy of it as someone with the store but without the key could.
const dir = tempDir('cutover-audit-verify');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const original = join(dir.path, 'original');
let copies = 0;
const copy = () => {
  const path = join(dir.path, `copy-${++copies}`);
  cpSync(original, path, { recursive: true });
  return path;
};
const step = <T>(project: string, work: (s: ProjectSession) => Promise<T>) => inSession(project, work, { env });
const sql = (project: string, text: string, params: (string | number)[] = []) => step(project, async (s) => (await s.store()).db.query(text, params));

beforeAll(async () => {
  await step(original, (s) => runDemo(s, { rows: 300, seed: 3, sampleChosen: true }));
  await step(original, async (s) => writeReviewWorkbook(s, await reconcile(s)));
});
afterAll(() => dir.cleanup());

describe('audit verify', () => {
  it('finds an untouched log intact, and agreeing with the snapshot and the workbook that hold its head', async () => {
    const verdict = await step(original, verifyAuditTrail);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    expect(verdict.anchors.map((a) => a.where.replace(/ [\w.-]+$/, ''))).toEqual(['snapshot', 'review workbook', 'the workbook file']);
    expect(verdict.anchors.every((a) => a.seq >= 1)).toBe(true);
  });

  it('catches an event edited and the whole chain recomputed with plain hashes', async () => {
    const project = copy();
    await step(project, async (s) => {
      const { db } = await s.store();
      let prev = '0'.repeat(64);
      for (const e of await readAuditLog(db)) {
        const details = e.seq === 2 ? { ...e.details, hash: 'f'.repeat(64) } : e.details;
        const hash = sha256Hex(prev + '\n' + canonicalJson([e.seq, e.at, e.actor, e.action, e.subject, details]));
        await db.query('UPDATE cutover.audit_event SET details = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [e.seq, canonicalJson(details), prev, hash]);
        prev = hash;
      }
    });
    const verdict = await step(project, verifyAuditTrail);
    expect(verdict.intact).toBe(false);
    // the chain itself now holds as a plain one: the anchors outside the log give it away
    expect(verdict.problems).toContainEqual(expect.stringMatching(/^snapshot \w{12} recorded event 1 with another hash than the log holds now: the log was re-chained$/));
    expect(verdict.problems).toContainEqual(expect.stringMatching(/^review workbook .* recorded event \d+ with another hash .* re-chained$/));
  });

  it('catches an event edited in place, naming it', async () => {
    const project = copy();
    await sql(project, "UPDATE cutover.audit_event SET actor = 'someone else' WHERE seq = 3");
    const verdict = await step(project, verifyAuditTrail);
    expect(verdict.broken?.seq).toBe(3);
    expect(verdict.problems[0]).toMatch(/^event 3 does not match its keyed hash/);
    expect((await step(project, readAuditTrail)).broken?.seq).toBe(3);
  });

  it('catches the last events deleted', async () => {
    const project = copy();
    const workbook = (await step(project, verifyAuditTrail)).anchors.find((a) => a.where.startsWith('review workbook'))!;
    await sql(project, 'DELETE FROM cutover.audit_event WHERE seq >= $1', [workbook.seq]);
    const verdict = await step(project, verifyAuditTrail);
    expect(verdict.broken).toBeUndefined();
    expect(verdict.intact).toBe(false);
    expect(verdict.problems).toEqual([
      `${workbook.where} was written when the log reached event ${workbook.seq}, but the log now ends at event ${workbook.seq - 1}: events were deleted`,
      `the workbook file run-1-review.xlsx was written when the log reached event ${workbook.seq}, but the log now ends at event ${workbook.seq - 1}: events were deleted`,
    ]);
  });

  it('catches the last events deleted with the anchors in the store, from the workbook the customer holds', async () => {
    const project = copy();
    const customerCopy = join(dir.path, `customer-${copies}.xlsx`);
    cpSync(join(project, 'reports', 'run-1-review.xlsx'), customerCopy);
    rmSync(join(project, 'reports'), { recursive: true });
    await sql(project, 'DELETE FROM cutover.audit_anchor');
    const { seq } = (await step(project, (s) => verifyAuditTrail(s, { workbooks: [customerCopy] }))).anchors.find((a) => a.where.startsWith('the workbook file'))!;
    await sql(project, 'DELETE FROM cutover.audit_event WHERE seq >= $1', [seq]);
    const verdict = await step(project, (s) => verifyAuditTrail(s, { workbooks: [customerCopy] }));
    expect(verdict.problems).toEqual([`the workbook file ${basename(customerCopy)} was written when the log reached event ${seq}, but the log now ends at event ${seq - 1}: events were deleted`]);
  });

  it('catches an event deleted from the middle, naming it', async () => {
    const project = copy();
    await sql(project, 'DELETE FROM cutover.audit_event WHERE seq = 2');
    const verdict = await step(project, verifyAuditTrail);
    expect(verdict.broken).toEqual({ seq: 2, problem: 'event 2 is missing (the next event there is 3)' });
  });

  it('catches every event deleted', async () => {
    const project = copy();
    await sql(project, 'DELETE FROM cutover.audit_event');
    const verdict = await step(project, verifyAuditTrail);
    expect(verdict.events).toBe(0);
    expect(verdict.intact).toBe(false);
    expect(verdict.problems).toContainEqual(expect.stringMatching(/^snapshot \w{12} was written when the log reached event 1, but the log now ends at nothing \(it is empty\): events were deleted$/));
  });

  it('tells a log under another key from an intact one', async () => {
    const verdict = await inSession(copy(), verifyAuditTrail, { env: { CUTOVER_SNAPSHOT_KEY: 'ab'.repeat(32) } });
    expect(verdict.intact).toBe(false);
  });
});
