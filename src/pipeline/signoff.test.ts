import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../core/cutover-error.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import {
  demoSnapshotKey, importReviewWorkbook, listFigures, listSignOffs, reconcile, revokeSignOff, runDemo, setFigure, signOff, standingSignOff,
  writeReviewWorkbook, type ProjectSession, type RunFigures,
} from './index.js';

// The customer signs off the sample's test migration once every figure is in and every check
// confirmed; until then the refusal lists each thing still to do.
const dir = tempDir('cutover-signoff');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const step = <T>(work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env });
const customer = 'Jo Bloggs, lettings manager';

/** The error a step fails with, as its code and message. */
async function failure(work: (s: ProjectSession) => Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await step(work).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CutoverError)) throw new Error(`expected a CutoverError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

/** Answers every check of the workbook as the customer would: confirmed, or a query where told. */
async function answerWorkbook(path: string, out: string, queries: Record<string, string>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  workbook.getWorksheet('Sign-off')!.eachRow((row, n) => {
    if (n === 1) return;
    const query = queries[String(row.getCell(1).value)];
    row.getCell(3).value = query === undefined ? 'Confirmed' : 'Query';
    row.getCell(4).value = query ?? '';
    row.getCell(5).value = customer;
  });
  await workbook.xlsx.writeFile(out);
}

let figures: RunFigures;
let workbook: string;
let hashes: { snapshot: string; spec: string };

beforeAll(async () => {
  await step((s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }));
  figures = await step((s) => listFigures(s));
  const written = await step(async (s) => {
    const r = await reconcile(s);
    hashes = { snapshot: r.snapshot.hash, spec: r.spec.hash };
    return writeReviewWorkbook(s, r);
  });
  workbook = written.xlsx;
});
afterAll(() => dir.cleanup());

const delivered = (ref: string) => figures.lines.find((l) => l.ref === ref)!.delivered;
const asked = () => figures.lines.filter((l) => l.asked).map((l) => l.ref);

describe('the customer\'s figures, one line at a time', () => {
  it('lists every checklist line of the latest run, waiting for the customer\'s figure where one is asked', () => {
    expect(figures.runId).toBe(1);
    expect(figures.lines.map((l) => [l.ref, l.label, l.customer, l.status])).toEqual([
      ['C1', 'Contacts', null, 'awaiting'], ['C2', 'Suppliers', null, 'awaiting'], ['C3', 'Properties for sale', null, 'awaiting'],
      ['C4', 'Properties to let', null, 'awaiting'], ['C5', 'Properties let', null, 'awaiting'], ['C6', 'Properties sold', null, 'awaiting'],
      ['C7', 'Properties withdrawn', null, 'awaiting'], ['C8', 'Tenancies with status Current', null, 'awaiting'],
      ['C9', 'Tenancies with status Ended', null, 'awaiting'], ['C10', 'Tenancies with status Pending', null, 'awaiting'],
      ['C11', 'Diary entries', null, 'awaiting'], ['C12', 'Opening balances on the client account', null, 'awaiting'],
      ['C13', 'Opening balances on the deposit account', null, 'awaiting'], ['M1', 'Client account balance', null, 'awaiting'],
      ['M2', 'Deposit account balance', null, 'awaiting'], ['M3', 'Opening balances per landlord', null, 'balanced'],
      ['M4', 'Opening balances per tenancy', null, 'explained'], ['M5', 'Opening balances per supplier', null, 'balanced'],
    ]);
    expect(figures.lines.filter((l) => !l.asked).map((l) => l.ref)).toEqual(['M3', 'M4', 'M5']);
  });

  it('records a figure as the workbook would, read as strictly', async () => {
    expect(await step((s) => setFigure(s, { ref: 'c2', value: ' 12 ', by: ' Jo Bloggs ' }))).toEqual({
      runId: 1, snapshotHash: hashes.snapshot, ref: 'C2', label: 'Suppliers', kind: 'count', figure: '12', by: 'Jo Bloggs',
    });
    expect(await step((s) => setFigure(s, { ref: 'M1', value: '£93,640.28', by: 'Jo Bloggs', run: '1' }))).toMatchObject({ kind: 'money', figure: '93640.28' });
  });

  it('refuses a ref the checklist does not have, a split line, and a figure that is not one', async () => {
    const valid = 'C1 (Contacts), C2 (Suppliers), C3 (Properties for sale), C4 (Properties to let), C5 (Properties let), C6 (Properties sold), ' +
      'C7 (Properties withdrawn), C8 (Tenancies with status Current), C9 (Tenancies with status Ended), C10 (Tenancies with status Pending), ' +
      'C11 (Diary entries), C12 (Opening balances on the client account), C13 (Opening balances on the deposit account), ' +
      'M1 (Client account balance), M2 (Deposit account balance)';
    expect(await failure((s) => setFigure(s, { ref: 'C14', value: '1', by: 'Jo' }))).toEqual({
      code: 'checklist_ref_unknown', message: `The checklist of run 1 has no line C14. The lines that ask for a figure are: ${valid}.`,
    });
    expect(await failure((s) => setFigure(s, { ref: 'M3', value: '1', by: 'Jo' }))).toEqual({
      code: 'checklist_ref_unknown', message: `M3 (Opening balances per landlord) is split by HolderID, so it asks for no figure. The lines that ask for a figure are: ${valid}.`,
    });
    expect(await failure((s) => setFigure(s, { ref: 'C1', value: '2.5', by: 'Jo' }))).toEqual({
      code: 'figure_invalid', message: 'C1 (Contacts): "2.5" is not a count; write a whole number of records, for example 2500.',
    });
    expect(await failure((s) => setFigure(s, { ref: 'M1', value: '12.345', by: 'Jo' }))).toEqual({
      code: 'figure_invalid', message: 'M1 (Client account balance): "12.345" has more than two decimals; write the amount to the penny, for example 12345.67.',
    });
    expect(await failure((s) => setFigure(s, { ref: 'C1', value: '300', by: ' ' }))).toEqual({
      code: 'invalid_option', message: 'Say who gave the figure: --by NAME, the customer\'s name as they sign.',
    });
  });
});

describe('sign-off', () => {
  it('is refused with every reason listed: figures missing or differing, a query open', async () => {
    await step(async (s) => {
      for (const ref of asked().filter((r) => r !== 'M2')) await setFigure(s, { ref, value: ref === 'C11' ? '200' : delivered(ref), by: customer });
    });
    const queried = join(dir.path, 'queried.xlsx');
    await answerWorkbook(workbook, queried, { C1: 'We think we have more contacts' });
    await step((s) => importReviewWorkbook(s, queried));
    expect(await failure((s) => signOff(s, { by: customer }))).toEqual({
      code: 'signoff_refused',
      message: 'Run 1 cannot be signed off yet:\n' +
        '- C11 Diary entries: the customer\'s figure 200 differs from the delivered data 180: find out with the customer which is right, then record the corrected figure with "cutover figures set C11 VALUE --by NAME" or collect a new delivery.\n' +
        '- M2 Deposit account balance waits for the customer\'s figure: record it with "cutover figures set M2 VALUE --by NAME", or import the filled-in workbook.\n' +
        '- C1: the customer raised a query ("We think we have more contacts"): answer it, and import the workbook again with the check confirmed.',
    });
  });

  it('is recorded once every figure is in and every check confirmed, bound to the run\'s snapshot and spec', async () => {
    await step(async (s) => {
      await setFigure(s, { ref: 'C11', value: delivered('C11'), by: customer });
      await setFigure(s, { ref: 'M2', value: delivered('M2'), by: customer });
    });
    const confirmed = join(dir.path, 'confirmed.xlsx');
    await answerWorkbook(workbook, confirmed, {});
    await step((s) => importReviewWorkbook(s, confirmed));
    const signed = await step((s) => signOff(s, { by: customer, note: 'Test migration review done' }));
    expect({ ...signed, answers: signed.answers.length }).toEqual({
      id: 1, runId: 1, env: 'test', snapshotHash: hashes.snapshot, specHash: hashes.spec, signedBy: customer, signedAt: '2026-11-23T10:00:00.000Z',
      recordedBy: 'tester', note: 'Test migration review done',
      verdict: 'Every count and every total agrees or is explained by the rows not imported, and every column holds what the rules give.',
      unexplained: 0, answers: 25, revoked: null,
    });
    expect(signed.answers.filter((a) => a.answer !== 'confirmed' || a.checkedBy !== customer)).toEqual([]);
    expect(signed.answers.slice(0, 3).map((a) => a.ref)).toEqual(['C1', 'C2', 'C3']);
    expect(await step(standingSignOff)).toEqual(signed);
    expect(await failure((s) => signOff(s, { run: '1', by: customer }))).toEqual({
      code: 'signoff_refused',
      message: `Run 1 is signed off already, by ${customer} on 2026-11-23 10:00 UTC. To sign it off again, revoke that first: "cutover signoff --revoke 1 --by NAME --note WHY".`,
    });
  });

  it('is revoked with who and why, stays on the list, and no longer stands', async () => {
    expect(await failure((s) => revokeSignOff(s, { run: '1', by: 'Sam Analyst', note: '' }))).toEqual({
      code: 'invalid_option', message: 'Say why the sign-off is revoked: --note WHY.',
    });
    const revoked = await step((s) => revokeSignOff(s, { run: '1', by: 'Sam Analyst', note: 'The contacts query was reopened' }));
    expect(revoked.revoked).toEqual({ at: '2026-11-23T10:00:00.000Z', by: 'Sam Analyst', note: 'The contacts query was reopened' });
    expect(await step(standingSignOff)).toBeUndefined();
    expect(await step(listSignOffs)).toEqual([revoked]);
    expect(await failure((s) => revokeSignOff(s, { run: '1', by: 'Sam Analyst', note: 'again' }))).toEqual({
      code: 'signoff_missing', message: 'Run 1 has no sign-off that stands, so there is nothing to revoke. Run "cutover signoffs" to see the sign-offs there are.',
    });
  });

  it('is refused for a run that failed', async () => {
    // as a run that stopped on damaged data is recorded
    await step(async (s) => { await (await s.store()).db.query("UPDATE cutover.run SET status = 'failed' WHERE id = 1"); });
    expect(await failure((s) => signOff(s, { by: customer }))).toEqual({
      code: 'signoff_refused',
      message: 'Run 1 cannot be signed off yet:\n' +
        '- Run 1 failed, so it did not load the whole migration: run it again ("cutover run --env …") until it succeeds, and have the customer review that run.',
    });
  });
});
