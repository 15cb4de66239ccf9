import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutoverError } from '../core/cutover-error.js';
import { tempDir } from '../test-support/temp-dir.js';
import { inSession } from '../test-support/test-session.js';
import {
  check, collect, demoSnapshotKey, freeze, listFigures, markPlanTaskDone, migrate, projectPlan, projectStatus, runDemo, setFigure, signOff, writePlanCalendar,
  writeRunProtocol, type ProjectSession,
} from './index.js';

// The sample project driven through its plan with the clock set to each day: collected and
// test-migrated early, its intake check late, J moved a fortnight later, signed off,
// rehearsed in preproduction and validated, live on J, then the tasks after go-live.
const dir = tempDir('cutover-plan');
const env = { CUTOVER_SNAPSHOT_KEY: demoSnapshotKey };
/** One step of the team's on the day `at`, in a session of its own as one command would be. */
const on = <T>(at: string, work: (s: ProjectSession) => Promise<T>) => inSession(dir.path, work, { env, clock: () => new Date(at) });
const states = async (at: string) => Object.fromEntries((await on(at, projectPlan)).milestones.map((m) => [m.id, m.state]));
const config = () => join(dir.path, 'cutover.yaml');

beforeAll(async () => {
  await on('2027-03-10T10:00:00Z', (s) => runDemo(s, { rows: 300, seed: 3, sampleChosen: true }));
});
afterAll(() => dir.cleanup());

const upcoming = {
  data_delivered: 'upcoming', intake_check: 'upcoming', test_migration: 'upcoming', signoff: 'upcoming', preproduction_import: 'upcoming',
  customer_validation: 'upcoming', re_extract: 'upcoming', final_migration: 'upcoming', gap_migration: 'upcoming', post_go_live: 'upcoming',
};

describe('the plan of a project, step by step', () => {
  it('refuses plainly while cutover.yaml has no plan', async () => {
    const error = await on('2027-03-10T10:00:00Z', projectPlan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CutoverError);
    expect([(error as CutoverError).code, (error as CutoverError).message]).toEqual([
      'plan_missing', 'cutover.yaml has no plan yet. Add go-live day J and the customer\'s time zone, e.g.\nplan:\n  go_live: 2027-03-29\n  time_zone: Europe/London',
    ]);
    // the status of a project without a plan has none
    expect((await on('2027-03-10T10:00:00Z', projectStatus)).plan).toBeUndefined();
    appendFileSync(config(), [
      '  pre: { database: embedded, stage: preproduction }',
      '  production: { database: embedded, stage: production }',
      'plan:',
      '  go_live: 2027-03-29',
      '  time_zone: Europe/London',
      '  tasks:',
      '    archive: Move the paper archive of closed tenancies into the new system\'s documents',
      '',
    ].join('\n'));
  });

  it('J-19: delivered and test-migrated early, by the demo\'s snapshot and run', async () => {
    const p = await on('2027-03-10T10:00:00Z', projectPlan);
    expect(p.milestones.map((m) => m.state)).toEqual(Object.values({ ...upcoming, data_delivered: 'done', test_migration: 'done' }));
    const [delivered, , tested] = p.milestones;
    expect([delivered!.doneAt, delivered!.doneBy!.startsWith('snapshot ')]).toEqual(['2027-03-10T10:00:00.000Z', true]);
    expect([tested!.doneAt, tested!.doneBy]).toEqual(['2027-03-10T10:00:00.000Z', 'run 1 (test)']);
    expect(p.next).toBe('Intake check passed (J-13, on Tue 16 Mar 2027): check the delivery against the contract, and have the customer fix and deliver again until nothing is left to fix: cutover check.');
    expect(p.tasks).toEqual([{ id: 'archive', title: 'Move the paper archive of closed tenancies into the new system\'s documents', source: 'plan', done: null }]);
    // cutover status shows the same next milestone
    const status = await on('2027-03-10T10:00:00Z', projectStatus);
    expect(status.plan).toEqual({ goLive: '2027-03-29', timeZone: 'Europe/London', milestone: p.milestones[1], next: p.next, warnings: [] });
  });

  it('J-12: the intake check found problems to fix, so it is overdue', async () => {
    const checked = await on('2027-03-17T10:00:00Z', (s) => check(s));
    expect(checked.summary.errors).toBeGreaterThan(0);
    expect(await states('2027-03-17T10:00:00Z')).toEqual({ ...upcoming, data_delivered: 'done', intake_check: 'overdue', test_migration: 'done' });
  });

  it('J-2: no sign-off and no preproduction import; the validation after it is at risk', async () => {
    expect(await states('2027-03-27T10:00:00Z')).toEqual({
      ...upcoming, data_delivered: 'done', intake_check: 'overdue', test_migration: 'done', signoff: 'overdue', preproduction_import: 'overdue', customer_validation: 'at_risk',
    });
    const p = await on('2027-03-27T10:00:00Z', projectPlan);
    expect(p.warnings).toEqual([
      'Intake check passed is overdue: it was planned for J-13 (by Tue 16 Mar 2027) and go-live (Mon 29 Mar 2027) is in 2 days. The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
      'Customer review and sign-off is overdue: it was planned for J-7 to J-3 (by Fri 26 Mar 2027) and go-live (Mon 29 Mar 2027) is in 2 days. The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
      'Preproduction import is overdue: it was planned for J-7 (by Mon 22 Mar 2027) and go-live (Mon 29 Mar 2027) is in 2 days. The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
    ]);
  });

  it('J moved a fortnight later: on the same day nothing is late', async () => {
    writeFileSync(config(), readFileSync(config(), 'utf8').replace('go_live: 2027-03-29', 'go_live: 2027-04-12'));
    const p = await on('2027-03-27T10:00:00Z', projectPlan);
    expect(p.milestones.map((m) => [m.id, m.to, m.state])).toEqual([
      ['data_delivered', '2027-03-29', 'done'], ['intake_check', '2027-03-30', 'upcoming'], ['test_migration', '2027-04-02', 'done'],
      ['signoff', '2027-04-09', 'upcoming'], ['preproduction_import', '2027-04-05', 'upcoming'], ['customer_validation', '2027-04-10', 'upcoming'],
      ['re_extract', '2027-04-11', 'upcoming'], ['final_migration', '2027-04-12', 'upcoming'], ['gap_migration', '2027-04-13', 'upcoming'], ['post_go_live', '2027-04-26', 'upcoming'],
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('J-7 and J-2: signed off, imported into preproduction and validated there', async () => {
    await on('2027-04-05T09:00:00Z', async (s) => {
      for (const line of (await listFigures(s)).lines.filter((l) => l.asked)) await setFigure(s, { ref: line.ref, value: line.delivered, by: 'Jo Bloggs' });
      await signOff(s, { run: '1', by: 'Jo Bloggs' });
      await writeRunProtocol(s, '1');
      await migrate(s, { environment: 'pre', fresh: true, resume: false });
    });
    expect(await states('2027-04-05T12:00:00Z')).toEqual({
      ...upcoming, data_delivered: 'done', intake_check: 'overdue', test_migration: 'done', signoff: 'done', preproduction_import: 'done',
    });
    await on('2027-04-10T09:00:00Z', (s) => signOff(s, { run: '2', by: 'Jo Bloggs', note: 'validated in preproduction' }));
    const p = await on('2027-04-10T12:00:00Z', projectPlan);
    expect(p.milestones.filter((m) => m.state === 'done').map((m) => [m.id, m.doneBy])).toEqual([
      ['data_delivered', expect.stringMatching(/^snapshot /)], ['test_migration', 'run 1 (test)'], ['signoff', 'sign-off of run 1 (test)'],
      ['preproduction_import', 'run 2 (pre)'], ['customer_validation', 'sign-off of run 2 (pre)'],
    ]);
  });

  it('J: no second extract (skipped, optional), the freeze and the final migration: live', async () => {
    // the intake check never passed: it stays the first thing to do
    expect((await on('2027-04-12T07:00:00Z', projectPlan)).next).toBe(
      'Intake check passed (J-13, on Tue 30 Mar 2027, overdue): check the delivery against the contract, and have the customer fix and deliver again until nothing is left to fix: cutover check.',
    );
    expect((await states('2027-04-12T07:00:00Z'))['re_extract']).toBe('skipped');
    // the final extract holds a table the spec does not read: a task after go-live
    writeFileSync(join(dir.path, 'export', 'keyholders.csv'), 'PropertyRef,Holder\r\nP1,Neighbour at no. 3\r\nP2,Office safe\r\n');
    await on('2027-04-12T07:00:00Z', async (s) => {
      await freeze(s, { env: 'production' });
      await collect(s);
    });
    await on('2027-04-12T08:00:00Z', (s) => migrate(s, { environment: 'production', fresh: false, resume: true, overrideGate: { by: 'Sam Analyst', note: 'the sample\'s planted problems' } }));
    const p = await on('2027-04-12T16:00:00Z', projectPlan);
    // a snapshot after the preproduction import counts as the second extract
    expect(p.milestones.map((m) => m.state)).toEqual(['done', 'overdue', 'done', 'done', 'done', 'done', 'done', 'done', 'upcoming', 'upcoming']);
    expect(p.milestones[7]!.doneBy).toBe('run 3 (production)');
    // live: what the run left behind joins the tasks after go-live
    expect(p.tasks).toEqual([
      { id: 'archive', title: 'Move the paper archive of closed tenancies into the new system\'s documents', source: 'plan', done: null },
      { id: 'leftover:keyholders.csv', title: 'Move table keyholders.csv (2 rows) by hand: no entity of the spec reads it', source: 'leftovers', done: null },
    ]);
  });

  it('J+2: no gap migration yet, so the tasks after it are at risk; then every task is marked done', async () => {
    const at = '2027-04-14T10:00:00Z';
    expect(await states(at)).toEqual(expect.objectContaining({ gap_migration: 'overdue', post_go_live: 'at_risk' }));
    const unknown = await on(at, (s) => markPlanTaskDone(s, { task: 'filing' })).then(() => undefined, (e: unknown) => e as CutoverError);
    if (unknown === undefined) throw new Error('expected the unknown task to be refused');
    expect([unknown.code, unknown.message]).toEqual(['task_unknown', 'The plan has no task after go-live called "filing" (it has: archive, leftover:keyholders.csv). Run "cutover plan" to list them.']);
    const tasks = (await on(at, projectPlan)).tasks;
    for (const t of tasks) await on(at, (s) => markPlanTaskDone(s, { task: t.id, ...(t.id === 'archive' ? { note: 'scanned and filed' } : {}) }));
    const again = await on('2027-04-15T10:00:00Z', (s) => markPlanTaskDone(s, { task: 'archive' }));
    expect(again).toEqual({ already: true, task: expect.objectContaining({ id: 'archive', done: { at: '2027-04-14T10:00:00.000Z', by: 'tester', note: 'scanned and filed' } }) });
    const p = await on('2027-04-15T10:00:00Z', projectPlan);
    expect(p.milestones.slice(-2).map((m) => [m.id, m.state, m.doneAt, m.doneBy])).toEqual([
      ['gap_migration', 'overdue', null, null],
      ['post_go_live', 'done', '2027-04-14T10:00:00.000Z', `the last of ${tasks.length} tasks after go-live`],
    ]);
    expect(p.next).toBe('Gap migration (J+1, on Tue 13 Apr 2027, overdue): collect what changed in the legacy system since the final extract and carry it over with a gap migration: cutover gap.');
  });

  it('writes the plan as a calendar a calendar library reads, in the customer\'s zone', async () => {
    const file = join(dir.path, 'plan.ics');
    expect(await on('2027-04-15T10:00:00Z', (s) => writePlanCalendar(s, file))).toEqual({ file, events: 10 });
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    // 09:00 in London, in summer time since 28 March 2027
    expect([events[0]!.summary, events[0]!.startDate.toJSDate().toISOString()]).toEqual(['Data delivered (J-14)', '2027-03-29T08:00:00.000Z']);
    expect([events[7]!.summary, events[7]!.startDate.toJSDate().toISOString()]).toEqual(['Freeze and final migration (J)', '2027-04-12T08:00:00.000Z']);
  });
});
