import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, listFigures, runDemo, setFigure } from '../pipeline/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';

// The commands are thin: these check exit codes and the lines people read; signoff.test.ts
// checks the library's results whole.
const dir = tempDir('cutover-signoff-cli');
const project = ['--project', dir.path];
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const savedKey = process.env['CUTOVER_SNAPSHOT_KEY'];

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir.path, (s) => runDemo(s, { rows: 1200, seed: 4, sampleChosen: true }), { env });
});
afterAll(() => {
  if (savedKey === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
  else process.env['CUTOVER_SNAPSHOT_KEY'] = savedKey;
  dir.cleanup();
});

describe('cutover figures, signoff and signoffs', () => {
  it('figures lists the checklist lines; figures set records one and refuses a line that asks for none', async () => {
    const listed = await cutover('figures', ...project);
    expect([listed.code, listed.stderr]).toEqual([0, '']);
    const lines = listed.stdout.split('\n');
    expect(lines[0]).toBe('ref  line                                     customer  delivered  new system  status');
    expect(lines[1]).toBe('C1   Contacts                                        -        300         290  waiting for your figure');
    expect(lines[16]).toBe('M3   Opening balances per landlord                 n/a  38,556.21   38,556.21  agrees');
    expect(lines.at(-2)).toBe('Run 1: 15 lines wait for the customer\'s figure (C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, M1, M2): "cutover figures set REF VALUE --by NAME".');

    const set = await cutover('figures', 'set', 'M1', '93,640.28', '--by', 'Jo Bloggs', ...project);
    expect([set.code, set.stdout, set.stderr]).toEqual([0, 'Recorded the customer\'s figure for M1 (Client account balance) of run 1: 93,640.28, given by Jo Bloggs.\n', '']);
    const split = await cutover('figures', 'set', 'M4', '1', '--by', 'Jo Bloggs', '--run', '1', ...project);
    const start = 'error: M4 (Opening balances per tenancy) is split by HolderID, so it asks for no figure. The lines that ask for a figure are: C1 (Contacts), C2 (Suppliers), ';
    expect([split.code, split.stderr.slice(0, start.length)]).toEqual([1, start]);
  });

  it('signoff is refused with its reasons, then recorded; signoffs lists it; --revoke needs a note', async () => {
    const refused = await cutover('signoff', '--by', 'Jo Bloggs', ...project);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').slice(0, 2)).toEqual([
      'error: Run 1 cannot be signed off yet:',
      '- C1 Contacts waits for the customer\'s figure: record it with "cutover figures set C1 VALUE --by NAME", or import the filled-in workbook.',
    ]);
    expect(refused.stderr.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(14);

    await inSession(dir.path, async (s) => {
      for (const l of (await listFigures(s)).lines.filter((x) => x.asked)) await setFigure(s, { ref: l.ref, value: l.delivered, by: 'Jo Bloggs' });
    }, { env });
    const signed = await cutover('signoff', '1', '--by', 'Jo Bloggs', '--note', 'Test migration review done', ...project);
    expect([signed.code, signed.stderr]).toEqual([0, '']);
    const out = signed.stdout.split('\n');
    expect(out[0]).toMatch(/^Run 1 \(test\) is signed off by Jo Bloggs on \d{4}-\d\d-\d\d \d\d:\d\d UTC: Test migration review done$/);
    expect(out.slice(3)).toEqual([
      '  Every count and every total agrees or is explained by the rows not imported, and every column holds what the rules give.',
      '  no review answers',
      '',
    ]);

    const listed = await cutover('signoffs', ...project);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toBe('#  run  env   signed by  when                  snapshot      spec          verdict              revoked');
    expect(listed.stdout.split('\n')[1]).toMatch(/^1    1  test  Jo Bloggs  \S+ \S+ UTC  [0-9a-f]{12}  [0-9a-f]{12}  agrees or explained  no$/);

    const noNote = await cutover('signoff', '--revoke', '1', '--by', 'Sam Analyst', ...project);
    expect([noNote.code, noNote.stderr]).toEqual([1, 'error: Say why the sign-off is revoked: --note WHY.\n']);
    const revoked = await cutover('signoff', '--revoke', '1', '--by', 'Sam Analyst', '--note', 'signed too early', '--json', ...project);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: 1, runId: 1, signedBy: 'Jo Bloggs', revoked: { by: 'Sam Analyst', note: 'signed too early' } });
  });
});
