import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { auditActions, type AuditAction } from '../store/audit-log.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import {
  check, collect, decideDedup, demoSnapshotKey, diffSnapshots, freeze, projectStatus, unfreeze, importReviewWorkbook, listFigures, migrate, profile, readAuditTrail, reconcile, revokeSignOff, runDemo, setFigure,
  signOff, suggest, suggestDedup, writeRejectLists, raiseQuery, answerQuery, resolveQuery, reopenQuery, writeReviewWorkbook, writeRunProtocol, type ProjectSession,
  actingAs, addUser, recordDownload, removeUser, signIn, signOut,
} from './index.js';
import { collectStore, markPlanTaskDone } from './index.js';
import { checkErasureLists, importErasureList, rekeySnapshots, verifyAuditTrail, writeErasureReport } from './index.js';
import { listRejects, withProjectSession } from './index.js';

// Every state-changing step, called through the library alone as another shell would call
// it (no command line), writes its own event into the audit log.
const dir = tempDir('cutover-audit');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>, signal?: AbortSignal) => inSession(dir.path, work, { env, ...(signal ? { signal } : {}) });
const actions = async () => (await step(readAuditTrail)).events.map((e) => e.action);

/** The events the work adds to the log. */
async function eventsOf(work: () => Promise<unknown>): Promise<string[]> {
  const before = (await actions()).length;
  await work();
  return (await actions()).slice(before);
}

beforeAll(async () => {
  await step((s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }));
});
afterAll(() => dir.cleanup());

describe('every state-changing step writes its own audit event', () => {
  const seen = new Set<string>();
  const expectEvents = (events: string[], wanted: AuditAction[]) => {
    for (const e of events) seen.add(e);
    expect(events).toEqual(wanted);
  };

  it('the demo made the project, collected it and ran it', async () => {
    expectEvents(await actions(), ['project.created', 'snapshot.collected', 'run.started', 'run.finished']);
  });

  it('collect records only a new snapshot', async () => {
    // the same files again make the same snapshot, which is kept and not recorded twice
    expectEvents(await eventsOf(() => step((s) => collect(s))), []);
  });

  it('check, profile and suggest, which read every value of a snapshot', async () => {
    expectEvents(await eventsOf(() => step((s) => check(s))), ['snapshot.checked']);
    expectEvents(await eventsOf(() => step((s) => profile(s))), ['snapshot.profiled']);
    expectEvents(await eventsOf(() => step((s) => suggest(s))), ['mapping.suggested']);
  });

  it('diff, which reads every value of two snapshots', async () => {
    expectEvents(await eventsOf(() => step((s) => diffSnapshots(s, 'latest', 'latest'))), ['snapshot.diffed']);
  });

  it('rejects, protocol and the review workbook, which carry personal data out of the store', async () => {
    expectEvents(await eventsOf(() => step((s) => writeRejectLists(s))), ['rejects.written']);
    expectEvents(await eventsOf(() => step((s) => writeRunProtocol(s))), ['protocol.written']);
    let xlsx = '';
    expectEvents(await eventsOf(async () => {
      xlsx = (await step(async (s) => writeReviewWorkbook(s, await reconcile(s)))).xlsx;
    }), ['review.written']);
    expectEvents(await eventsOf(() => step((s) => importReviewWorkbook(s, xlsx))), ['review.imported']);
  });

  it('a run stopped part-way, carried on, and one given up for a fresh start', async () => {
    const stop = new AbortController();
    const stopped = await eventsOf(async () => {
      const error = await step((s) => migrate(s, {
        environment: 'test', fresh: true, resume: false, batchRows: 200, onProgress: (p) => { if (p.rows >= 200) stop.abort(); },
      }), stop.signal).catch((e: unknown) => e);
      expect(isCutoverError(error, 'cancelled')).toBe(true);
    });
    expectEvents(stopped, ['run.started', 'run.interrupted']);
    expectEvents(await eventsOf(() => step((s) => migrate(s, { environment: 'test', fresh: false, resume: true }))), ['run.resumed', 'run.finished']);
    const again = new AbortController();
    await step((s) => migrate(s, {
      environment: 'test', fresh: true, resume: false, batchRows: 200, onProgress: (p) => { if (p.rows >= 200) again.abort(); },
    }), again.signal).catch(() => {});
    expectEvents(await eventsOf(() => step((s) => migrate(s, { environment: 'test', fresh: true, resume: false }))), ['run.abandoned', 'run.started', 'run.finished']);
  });

  it('the customer\'s figures given one by one, their sign-off and its revocation', async () => {
    const asked = (await step((s) => listFigures(s))).lines.filter((l) => l.asked);
    expectEvents(await eventsOf(() => step(async (s) => {
      for (const l of asked) await setFigure(s, { ref: l.ref, value: l.delivered, by: 'Jo Bloggs' });
    })), asked.map(() => 'review.figure_set'));
    let run = '';
    expectEvents(await eventsOf(async () => { run = String((await step((s) => signOff(s, { by: 'Jo Bloggs' }))).runId); }), ['run.signed_off']);
    expectEvents(await eventsOf(() => step((s) => revokeSignOff(s, { run, by: 'Sam Analyst', note: 'signed too early' }))), ['run.signoff_revoked']);
  });

  it('a query raised in the review, answered, resolved, reopened and resolved again, each step by its person', async () => {
    let id = 0;
    expectEvents(await eventsOf(async () => {
      id = (await step((s) => raiseQuery(s, { on: { kind: 'checklist', ref: 'C1' }, text: 'We count more contacts', who: 'jo@example.com' }))).id;
    }), ['query.raised']);
    expectEvents(await eventsOf(() => step((s) => answerQuery(s, { queryId: id, text: 'Test records are left out', who: 'sam@example.com' }))), ['query.answered']);
    expectEvents(await eventsOf(() => step((s) => resolveQuery(s, { queryId: id, who: 'jo@example.com' }))), ['query.resolved']);
    expectEvents(await eventsOf(() => step((s) => reopenQuery(s, { queryId: id, who: 'jo@example.com', text: 'Which ones?' }))), ['query.reopened']);
    await step((s) => resolveQuery(s, { queryId: id, who: 'jo@example.com', text: 'Found them' }));
    const trail = (await step(readAuditTrail)).events.filter((e) => e.action.startsWith('query.'));
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['query.raised', 'jo@example.com'], ['query.answered', 'sam@example.com'], ['query.resolved', 'jo@example.com'],
      ['query.reopened', 'jo@example.com'], ['query.resolved', 'jo@example.com'],
    ]);
  });

  it('the freeze, a production run that makes its environment live, and the end of the freeze', async () => {
    appendFileSync(join(dir.path, 'cutover.yaml'), '  production: { database: embedded, stage: production }\n');
    expectEvents(await eventsOf(() => step((s) => freeze(s, { env: 'production', note: 'offices told at 17:00' }))), ['environment.frozen']);
    // a collect in the freeze says so
    expect((await step((s) => collect(s))).freezes.map((f) => [f.env, f.note])).toEqual([['production', 'offices told at 17:00']]);
    // the gate is shut (the sign-off above was revoked): the team loads anyway, on the record
    const shut = await step((s) => migrate(s, { environment: 'production', fresh: false, resume: true })).catch((e: unknown) => e);
    expect(isCutoverError(shut, 'gate_closed')).toBe(true);
    const overrideGate = { by: 'Sam Analyst', note: 'a rehearsal of going live' };
    let summary = '';
    expectEvents(await eventsOf(async () => {
      summary = (await step((s) => migrate(s, { environment: 'production', fresh: false, resume: true, overrideGate }))).summary;
    }), ['gate.overridden', 'run.started', 'environment.live', 'run.finished']);
    // every later report of the environment says so
    expect(readFileSync(summary, 'utf8')).toContain('The quality gate was overridden for environment production on ');
    expect((await step((s) => reconcile(s))).notices).toEqual([expect.stringMatching(/^The quality gate was overridden for environment production on /)]);
    expect((await step((s) => projectStatus(s))).environments.find((e) => e.env === 'production')!.overrides).toEqual([
      expect.stringMatching(/^The quality gate was overridden for environment production on .* by Sam Analyst \(a rehearsal of going live\), although: No test run is signed off/),
    ]);
    // refused before anything is touched: nothing recorded
    const error = await step((s) => migrate(s, { environment: 'production', fresh: true, resume: false })).catch((e: unknown) => e);
    expect(isCutoverError(error, 'env_live')).toBe(true);
    expectEvents(await eventsOf(() => step((s) => unfreeze(s, 'production'))), ['environment.unfrozen']);
  });

  it('the review app\'s users: added, signed in, a wrong password, a download, signed out, removed', async () => {
    expectEvents(await eventsOf(() => step((s) => addUser(s, { email: 'jo@customer.example', role: 'reviewer', password: 'a long enough password' }))), ['user.added']);
    let token = '';
    expectEvents(await eventsOf(async () => {
      expect(await step((s) => signIn(s, { email: 'jo@customer.example', password: 'not the password' }))).toBeUndefined();
      token = (await step((s) => signIn(s, { email: 'jo@customer.example', password: 'a long enough password' })))!.token;
    }), ['login.failed', 'login']);
    expectEvents(await eventsOf(() => step((s) => recordDownload(actingAs(s, 'jo@customer.example'), { what: 'rows not imported (XLSX)', run: 1, rows: 3 }))), ['download']);
    expectEvents(await eventsOf(() => step((s) => signOut(s, token))), ['logout']);
    expectEvents(await eventsOf(() => step((s) => removeUser(s, 'jo@customer.example'))), ['user.removed']);
  });

  it('a task after go-live marked done, once', async () => {
    appendFileSync(join(dir.path, 'cutover.yaml'), 'plan:\n  go_live: 2026-11-23\n  time_zone: Europe/London\n  tasks:\n    archive: Move the paper archive by hand\n');
    expectEvents(await eventsOf(() => step((s) => markPlanTaskDone(s, { task: 'archive', note: 'filed' }))), ['plan.task_done']);
    expectEvents(await eventsOf(() => step((s) => markPlanTaskDone(s, { task: 'archive' }))), []);
  });

  it('a decision on duplicate people, kept by their source keys', async () => {
    // drafting the section only writes the spec; the decision is the state change
    expectEvents(await eventsOf(() => step((s) => suggestDedup(s, { entity: 'person', write: 'specs/estate-agency.yaml' }))), []);
    expectEvents(await eventsOf(() => step((s) => decideDedup(s, { action: 'force', a: 'P0000001', b: 'P0000002' }))), ['dedup.decided']);
  });

  it('an erasure list imported; its evidence, which names no one, is no event', async () => {
    const file = join(dir.path, 'forget.txt');
    writeFileSync(file, 'P0000003\nP0000004\n');
    expectEvents(await eventsOf(() => step((s) => importErasureList(s, { file, entity: 'person' }))), ['erasure.imported']);
    expectEvents(await eventsOf(() => step((s) => writeErasureReport(s))), []);
  });

  it('a rekey, which re-seals the snapshots and re-keys the log under a new key', async () => {
    const newKey = '7e'.repeat(32);
    const rekey = () => inSession(dir.path, (s) => rekeySnapshots(s, { fromEnv: 'CUTOVER_SNAPSHOT_KEY', toEnv: 'NEW_KEY' }), { env: { ...env, NEW_KEY: newKey } });
    expectEvents(await eventsOf(rekey), ['snapshots.rekeyed']);
    // from now on the project's key variable holds the new key, which opens the erasure list too
    env.CUTOVER_SNAPSHOT_KEY = newKey;
    expect(await step(checkErasureLists)).toEqual(['1']);
  });

  it('the store freed of the key maps of superseded runs', async () => {
    expectEvents(await eventsOf(() => step(collectStore)), ['store.collected']);
  });

  it('a command that asked to see personal values unmasked, before its work', async () => {
    const shown = { project: dir.path, command: 'cutover rejects --show-personal-data', env, actor: 'tester', clock: () => new Date('2026-11-23T10:00:00Z'), personalData: 'shown' as const };
    expectEvents(await eventsOf(() => withProjectSession(shown, (s) => listRejects(s))), ['personal_data.shown']);
  });

  it('covers every kind of event there is', () => {
    expect([...auditActions].filter((a) => !seen.has(a))).toEqual([]);
  });

  it('leaves the log intact', async () => {
    expect((await step(readAuditTrail)).broken).toBeUndefined();
    // and agrees, under the new key, with every place its head was handed out: snapshots, workbooks, sign-offs
    const verdict = await step(verifyAuditTrail);
    expect(verdict.problems).toEqual([]);
    expect(new Set(verdict.anchors.map((a) => a.where.split(' ')[0]))).toEqual(new Set(['snapshot', 'review', 'sign-off', 'the']));
  });
});
