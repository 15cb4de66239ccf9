import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshotKey, runDemo } from '../pipeline/index.js';
import { cutover } from '../test-support/capture-io.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';

// The command is thin: this checks what people read and the JSON's exact shape; plan.test.ts
// drives the library through the lifecycle with a clock. Go-live is far ahead, so the
// states do not depend on the day the test runs.
const dir = tempDir('cutover-plan-cli');
const project = ['--project', dir.path];
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
const savedKey = process.env['CUTOVER_SNAPSHOT_KEY'];

beforeAll(async () => {
  process.env['CUTOVER_SNAPSHOT_KEY'] = demoSnapshotKey;
  await inSession(dir.path, (s) => runDemo(s, { rows: 300, seed: 2, sampleChosen: true }), { env, clock: () => new Date('2026-11-23T10:00:00Z') });
  appendFileSync(join(dir.path, 'cutover.yaml'), 'plan:\n  go_live: 2099-06-01\n  time_zone: Europe/London\n  milestones:\n    preproduction_import: false\n    customer_validation: false\n  tasks:\n    archive: Move the paper archive by hand\n');
});
afterAll(() => {
  if (savedKey === undefined) delete process.env['CUTOVER_SNAPSHOT_KEY'];
  else process.env['CUTOVER_SNAPSHOT_KEY'] = savedKey;
  dir.cleanup();
});

describe('cutover plan', () => {
  it('--json gives go-live and each milestone\'s id, title, date, state and when it was done', async () => {
    const r = await cutover('plan', '--json', ...project);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual({
      go_live: '2099-06-01',
      milestones: [
        { id: 'data_delivered', title: 'Data delivered', date: '2099-05-18', state: 'done', done_at: '2026-11-23T10:00:00.000Z' },
        { id: 'intake_check', title: 'Intake check passed', date: '2099-05-19', state: 'upcoming', done_at: null },
        { id: 'test_migration', title: 'Test migration', date: '2099-05-22', state: 'done', done_at: '2026-11-23T10:00:00.000Z' },
        { id: 'signoff', title: 'Customer review and sign-off', date: '2099-05-29', state: 'upcoming', done_at: null },
        { id: 're_extract', title: 'Second extract', date: '2099-05-31', state: 'upcoming', done_at: null },
        { id: 'final_migration', title: 'Freeze and final migration', date: '2099-06-01', state: 'upcoming', done_at: null },
        { id: 'gap_migration', title: 'Gap migration', date: '2099-06-02', state: 'upcoming', done_at: null },
        { id: 'post_go_live', title: 'Post go-live tasks', date: '2099-06-15', state: 'upcoming', done_at: null },
      ],
    });
  });

  it('prints the plan in words with the tasks, the warnings and what to do next, and writes the calendar', async () => {
    const ics = join(dir.path, 'plan.ics');
    const r = await cutover('plan', '--ics', ics, ...project);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Plan of Harbour & Hart Lettings \(sample\): go-live day J is Mon 1 Jun 2099 \(Europe\/London\); today is \w{3} \d{1,2} \w{3} \d{4}\.$/);
    expect(lines.slice(2, 11).map((l) => l.split(/ {2,}/))).toEqual([
      ['day', 'date', 'milestone', 'state', 'done'],
      ['J-14', 'Mon 18 May', 'Data delivered', 'done', expect.stringMatching(/^Mon 23 Nov 10:00, snapshot \S+$/)],
      ['J-13', 'Tue 19 May', 'Intake check passed', 'upcoming'],
      ['J-10', 'Fri 22 May', 'Test migration', 'done', 'Mon 23 Nov 10:00, run 1 (test)'],
      ['J-7 to J-3', 'Mon 25 May to Fri 29 May', 'Customer review and sign-off', 'upcoming'],
      ['J-1', 'Sun 31 May', 'Second extract', 'upcoming'],
      ['J', 'Mon 1 Jun', 'Freeze and final migration', 'upcoming'],
      ['J+1', 'Tue 2 Jun', 'Gap migration', 'upcoming'],
      ['J+1 to J+14', 'Tue 2 Jun to Mon 15 Jun', 'Post go-live tasks', 'upcoming'],
    ]);
    expect(lines.slice(11)).toEqual([
      '',
      'Tasks after go-live:',
      '  [ ] archive: Move the paper archive by hand',
      '',
      'Warning: cutover.yaml names no production environment for the final migration: add the new system\'s own database (stage: production).',
      '',
      'Next: Intake check passed (J-13, on Tue 19 May 2099): check the delivery against the contract, and have the customer fix and deliver again until nothing is left to fix: cutover check.',
      '',
      `Wrote the calendar, 8 events in Europe/London: ${ics}`,
      '',
    ]);
    const events = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8'))).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c).summary);
    expect(events).toEqual([
      'Data delivered (J-14)', 'Intake check passed (J-13)', 'Test migration (J-10)', 'Customer review and sign-off (J-7 to J-3)', 'Second extract (J-1)',
      'Freeze and final migration (J)', 'Gap migration (J+1)', 'Post go-live tasks (J+1 to J+14)',
    ]);
  });

  it('plan done marks a task of the plan done once, and names the tasks there are when it has no such task', async () => {
    const unknown = await cutover('plan', 'done', 'filing', ...project);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'error: The plan has no task after go-live called "filing" (it has: archive). Run "cutover plan" to list them.\n']);
    const done = await cutover('plan', 'done', 'archive', '--note', 'scanned', ...project);
    expect([done.code, done.stdout, done.stderr]).toEqual([0, 'Task archive is done: Move the paper archive by hand.\n', '']);
    const again = await cutover('plan', 'done', 'archive', ...project);
    expect(again.stdout).toMatch(/^Task archive was marked done already, on \d{4}-\d\d-\d\d \d\d:\d\d UTC by \S+; left as it was\.\n$/);
    expect((await cutover('plan', ...project)).stdout).toMatch(/\n {2}\[x\] archive: Move the paper archive by hand \(done \w{3} \d{1,2} \w{3} \d\d:\d\d by \S+: scanned\)\n/);
  });

  it('status shows the plan\'s next milestone', async () => {
    const r = await cutover('status', ...project);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nPlan: go-live day J is 2099-06-01 (Europe/London); next milestone: Intake check passed (J-13, on Tue 19 May 2099): check the delivery');
  });
});
