import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../core/cutover-error.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import {
  answerQuery, demoSnapshotKey, listFigures, projectSnapshot, weighGate, listQueries, raiseQuery, reopenQuery, resolveQuery, reviewOverview, runDemo, setFigure, signOff,
  type ProjectSession,
} from './index.js';

// A reviewer raises a query in the review, the team answers it, the reviewer resolves or
// reopens it; until every query is resolved the run cannot be signed off.
const dir = tempDir('cutover-review-queries');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
let now = new Date('2026-11-23T10:00:00Z');
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env, clock: () => now });
const reviewer = 'jo.bloggs@harbour-hart.example';
const analyst = 'sam@migration.example';

async function failure(work: (s: ProjectSession) => Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await step(work).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CutoverError)) throw new Error(`expected a CutoverError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

beforeAll(async () => {
  await step((s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }));
});
afterAll(() => dir.cleanup());

describe('a query thread', () => {
  it('is raised, answered, resolved and reopened, each message with who and when', async () => {
    const raised = await step((s) => raiseQuery(s, { on: { kind: 'record', ref: 'person P0007' }, text: '  Her surname is spelt wrong  ', who: reviewer }));
    expect(raised).toEqual({
      id: 1, runId: 1, on: { kind: 'record', ref: 'person P0007' }, state: 'open', raisedBy: reviewer, raisedAt: '2026-11-23T10:00:00Z',
      messages: [{ who: reviewer, at: '2026-11-23T10:00:00Z', kind: 'raised', text: 'Her surname is spelt wrong' }],
    });
    now = new Date('2026-11-23T11:30:00Z');
    expect(await step((s) => answerQuery(s, { queryId: 1, text: 'It is spelt so in the legacy system', who: analyst }))).toMatchObject({ state: 'answered' });
    now = new Date('2026-11-23T12:00:00Z');
    expect(await step((s) => resolveQuery(s, { queryId: 1, who: reviewer }))).toMatchObject({ state: 'resolved' });
    now = new Date('2026-11-24T09:00:00Z');
    const reopened = await step((s) => reopenQuery(s, { queryId: 1, who: reviewer, text: 'We corrected it last week: collect again?' }));
    expect(reopened).toEqual({
      id: 1, runId: 1, on: { kind: 'record', ref: 'person P0007' }, state: 'open', raisedBy: reviewer, raisedAt: '2026-11-23T10:00:00Z',
      messages: [
        { who: reviewer, at: '2026-11-23T10:00:00Z', kind: 'raised', text: 'Her surname is spelt wrong' },
        { who: analyst, at: '2026-11-23T11:30:00Z', kind: 'answer', text: 'It is spelt so in the legacy system' },
        { who: reviewer, at: '2026-11-23T12:00:00Z', kind: 'resolved', text: '' },
        { who: reviewer, at: '2026-11-24T09:00:00Z', kind: 'reopened', text: 'We corrected it last week: collect again?' },
      ],
    });
  });

  it('refuses a step its state does not allow, a query that is not there, and a blank question', async () => {
    expect(await failure((s) => reopenQuery(s, { queryId: 1, who: reviewer, text: 'again' }))).toEqual({
      code: 'query_closed', message: 'Query 1 is not resolved, so there is nothing to reopen: add to it with an answer instead.',
    });
    expect(await failure((s) => answerQuery(s, { queryId: 9, text: 'x', who: analyst }))).toEqual({
      code: 'query_missing', message: 'There is no query 9 in this project. Run "cutover queries" to list them.',
    });
    expect(await failure((s) => raiseQuery(s, { on: { kind: 'checklist', ref: 'C1' }, text: '  ', who: reviewer }))).toEqual({
      code: 'invalid_option', message: 'Say what the query is: the question, in words.',
    });
    expect(await failure((s) => raiseQuery(s, { runId: 5, on: { kind: 'checklist', ref: 'C1' }, text: 'why?', who: reviewer }))).toMatchObject({ code: 'run_missing' });
    const line = await failure((s) => raiseQuery(s, { on: { kind: 'checklist', ref: 'C99' }, text: 'why?', who: reviewer }));
    expect(line.code).toBe('checklist_ref_unknown');
    expect(line.message).toMatch(/^The checklist of run 1 has no line C99\. Its lines are: C1 \(Contacts\), C2 \(Suppliers\), .* M5 \(Opening balances per supplier\)\.$/);
  });
});

describe('queries and the sign-off', () => {
  it('an open query, then an answered one, stops the sign-off with its words; once resolved the run signs off', async () => {
    const asked = (await step((s) => listFigures(s))).lines.filter((l) => l.asked);
    await step(async (s) => {
      for (const l of asked) await setFigure(s, { ref: l.ref, value: l.delivered, by: 'Jo Bloggs' });
    });
    await step((s) => raiseQuery(s, { on: { kind: 'rejected', ref: 'tenancy line 12' }, text: 'Why was this tenancy left out?', who: reviewer }));
    const overview = await step((s) => reviewOverview(s));
    expect(overview.underReview).toBe(1);
    expect(overview.waiting).toEqual({ figuresMissing: 0, missingRefs: [], openQueries: 2, answeredQueries: 0, signedOff: false, signOff: null });

    expect(await failure((s) => signOff(s, { by: 'Jo Bloggs' }))).toEqual({
      code: 'signoff_refused',
      message: 'Run 1 cannot be signed off yet:\n'
        + '- Query 1 on record person P0007 is open ("Her surname is spelt wrong"): answer it, and have the reviewer resolve it.\n'
        + '- Query 2 on rejected row tenancy line 12 is open ("Why was this tenancy left out?"): answer it, and have the reviewer resolve it.',
    });
    await step((s) => resolveQuery(s, { queryId: 1, who: reviewer, text: 'Fine as it is' }));
    await step((s) => answerQuery(s, { queryId: 2, text: 'Its start date is 29/02/2023, which is not a date', who: analyst }));
    expect((await step((s) => reviewOverview(s))).waiting).toMatchObject({ openQueries: 0, answeredQueries: 1 });
    expect(await failure((s) => signOff(s, { by: 'Jo Bloggs' }))).toEqual({
      code: 'signoff_refused',
      message: 'Run 1 cannot be signed off yet:\n'
        + '- Query 2 on rejected row tenancy line 12 is open ("Why was this tenancy left out?"): it is answered and waits for the reviewer to resolve or reopen it.',
    });
    await step((s) => resolveQuery(s, { queryId: 2, who: reviewer }));
    expect(await step((s) => signOff(s, { by: 'Jo Bloggs' }))).toMatchObject({ runId: 1, signedBy: 'Jo Bloggs' });
    expect((await step((s) => reviewOverview(s))).waiting).toMatchObject({ openQueries: 0, answeredQueries: 0, signedOff: true });
    expect((await step((s) => listQueries(s, { state: 'resolved' }))).map((q) => q.id)).toEqual([1, 2]);
    expect(await step((s) => listQueries(s, { runId: 1, state: 'open' }))).toEqual([]);
  });

  it('a query reopened on the signed run shuts the quality gate until it is resolved again', async () => {
    const gate = () => step(async (s) => (await weighGate(s, await projectSnapshot(s, 'latest'))).filter((p) => p.code === 'open_query'));
    expect(await gate()).toEqual([]);
    await step((s) => reopenQuery(s, { queryId: 2, who: reviewer, text: 'The date was mistyped: 28/02/2023' }));
    expect(await gate()).toEqual([{
      code: 'open_query',
      message: 'Query 2 on the signed run 1 (signed off by Jo Bloggs) is not resolved ("Why was this tenancy left out?").',
      command: 'cutover queries answer 2 --text WORDS, then the reviewer resolves it in the review app',
    }]);
    await step((s) => resolveQuery(s, { queryId: 2, who: reviewer }));
    expect(await gate()).toEqual([]);
  });
});
