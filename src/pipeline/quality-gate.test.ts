import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCutoverError } from '../core/cutover-error.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import {
  check, collect, demoSnapshotKey, freeze, listFigures, projectStatus, migrate, projectSnapshot, revokeSignOff, runDemo, setFigure, signOff, writeRunProtocol,
  type ProjectSession, type SnapshotManifest,
} from './index.js';
import { weighGate } from './quality-gate.js';

// The gate before a final run, weighed on the sample project as the team meets each
// condition in turn: each refusal names its reason.
const dir = tempDir('cutover-gate');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env, clock: () => new Date() });
const gate = async (snapshot: SnapshotManifest) => (await step((s) => weighGate(s, snapshot))).map((p) => p.code);
const specFile = () => join(dir.path, 'specs', 'estate-agency.yaml');
let first: SnapshotManifest;

/** Gives every figure the checklist asks for as delivered, then signs the latest run off. */
async function signLatestRunOff(): Promise<void> {
  const figures = await step((s) => listFigures(s));
  for (const line of figures.lines.filter((l) => l.asked)) await step((s) => setFigure(s, { ref: line.ref, value: String(line.delivered), by: 'Jo Bloggs' }));
  await step((s) => signOff(s, { by: 'Jo Bloggs, lettings manager' }));
}

beforeAll(async () => {
  first = (await step((s) => runDemo(s, { rows: 1200, seed: 8, sampleChosen: true }))).snapshot;
  appendFileSync(join(dir.path, 'cutover.yaml'), '  production: { database: embedded, stage: production }\n');
});
afterAll(() => dir.cleanup());

describe('the quality gate before a final run', () => {
  it('is shut with no sign-off, and a final run is refused before anything is loaded, saying what to do', async () => {
    expect(await gate(first)).toEqual(['no_signoff']);
    const error = await step((s) => migrate(s, { environment: 'production', fresh: false, resume: true })).catch((e: unknown) => e);
    expect(isCutoverError(error, 'gate_closed')).toBe(true);
    expect((error as Error).message).toBe(
      'The final run into environment "production" cannot start: the quality gate is shut, and nothing was loaded.\n' +
        '- No test run is signed off: the customer has not signed off a rehearsal of this migration (or the sign-off was revoked). To do: cutover signoff RUN --by NAME.\n' +
        'Only when the team decides to load anyway: add --override-gate --by NAME --note WHY (recorded in the audit log).',
    );
  });

  it('after the sign-off, waits for the intake check and the protocol, then opens', async () => {
    await signLatestRunOff();
    expect(await gate(first)).toEqual(['not_checked', 'no_protocol']);
    await step((s) => check(s));
    await step((s) => writeRunProtocol(s));
    expect(await gate(first)).toEqual([]);
  });

  it('is shut again by a spec edited after the sign-off (one rule changed), and opens when it is undone', async () => {
    const spec = readFileSync(specFile(), 'utf8');
    const edited = spec.replace('notes: { from: Notes, rules: [trim] }', 'notes: { from: Notes, rules: [trim, upper] }');
    expect(edited).not.toBe(spec);
    writeFileSync(specFile(), edited);
    try {
      const problems = await step((s) => weighGate(s, first));
      expect(problems.map((p) => p.message)).toEqual(['The spec changed after run 1 (signed off by Jo Bloggs, lettings manager) was signed off: the final run would apply rules the customer has not reviewed.']);
    } finally {
      writeFileSync(specFile(), spec);
    }
    expect(await gate(first)).toEqual([]);
  });

  it('is shut by a revoked sign-off', async () => {
    await step((s) => revokeSignOff(s, { run: '1', by: 'Sam Analyst', note: 'a query came back' }));
    expect(await gate(first)).toEqual(['no_signoff']);
  });

  it('refuses a snapshot older than the signed one, and a newer one until it is checked', async () => {
    // a newer delivery, rehearsed and signed off; then the older one is offered for the final run
    const people = join(dir.path, 'export', 'people.csv');
    writeFileSync(people, readFileSync(people, 'latin1').replace(/\r?\n$/, '\r\nP9999,Mr,Late,Addition,,,01/12/2026,\r\n'), 'latin1');
    const newer = (await step((s) => collect(s))).snapshot;
    expect(newer.id).not.toBe(first.id);
    await step((s) => migrate(s, { environment: 'test', fresh: true, resume: false, snapshotId: newer.id }));
    await signLatestRunOff();
    expect(await gate(newer)).toEqual(['not_checked', 'no_protocol']);
    await step((s) => check(s, { delivery: newer.id }));
    await step((s) => writeRunProtocol(s));
    expect(await gate(newer)).toEqual([]);
    const problems = await step(async (s) => weighGate(s, await projectSnapshot(s, first.id)));
    expect(problems.map((p) => p.code)).toEqual(['older_snapshot']);
    expect(problems[0]!.message).toMatch(new RegExp(`^Snapshot ${first.id} \\(collected .*\\) is older than snapshot ${newer.id} that the signed run 2 \\(signed off by Jo Bloggs, lettings manager\\) loaded`));
  });

  it('is what status shows, with the next step, up to go-live', async () => {
    const status = () => step((s) => projectStatus(s));
    expect((await status()).gate).toEqual([]);
    expect((await status()).next).toBe('Agree the freeze with the customer and start it: cutover freeze --env production; then collect the final extract.');
    await step((s) => freeze(s, { env: 'production' }));
    expect((await status()).next).toBe('Run the final migration: cutover run --env production.');
    const final = await step((s) => migrate(s, { environment: 'production', fresh: false, resume: true }));
    expect(final.run.status).toBe('succeeded');
    const after = await status();
    expect(after.environments.map((e) => [e.env, e.stage, e.latestRun?.status, e.live?.runId])).toEqual([
      ['test', 'test', 'succeeded', undefined],
      ['production', 'production', 'succeeded', final.run.runId],
    ]);
    expect(after.next).toMatch(/^Production is live: carry over what changed .*; end the freeze once the offices may work in the new system \(cutover freeze --env production --end\)\.$/);
  });
});

