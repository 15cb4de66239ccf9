import { describe, expect, it } from 'vitest';
import type { PlanHistory } from './plan-history.js';
import { defaultMilestones, type Plan } from './plan-model.js';
import { weighPlan } from './plan-standing.js';

const plan: Plan = { goLive: '2027-03-29', timeZone: 'Europe/London', milestones: defaultMilestones, tasks: [] };
const empty: PlanHistory = {
  environments: [{ env: 'test', stage: 'test' }, { env: 'pre', stage: 'preproduction' }, { env: 'production', stage: 'production' }],
  snapshots: [], checks: [], runs: [], signOffs: [], live: [], freezes: [], tasks: undefined,
};
const states = (p: Plan, h: PlanHistory, now: string) => Object.fromEntries(weighPlan(p, h, new Date(now)).milestones.map((m) => [m.id, m.state]));
const upcoming = Object.fromEntries(defaultMilestones.map((m) => [m.id, 'upcoming']));

describe('a plan weighed against the project\'s history', () => {
  it('walks a project from delivery to the tasks after go-live, day by day', () => {
    let h = empty;
    const at = (now: string) => weighPlan(plan, h, new Date(now));
    expect(at('2027-03-01T10:00:00Z')).toEqual(expect.objectContaining({
      goLive: '2027-03-29', today: '2027-03-01', daysToGoLive: 28, warnings: [],
      next: 'Data delivered (J-14, on Mon 15 Mar 2027): collect the customer\'s delivery: cutover collect.',
    }));
    expect(states(plan, h, '2027-03-01T10:00:00Z')).toEqual(upcoming);

    // J-14: the delivery is due today, its last day
    expect(states(plan, h, '2027-03-15T08:00:00Z')).toEqual({ ...upcoming, data_delivered: 'due' });
    expect(at('2027-03-15T08:00:00Z').warnings).toEqual([
      'Today is the last day planned for Data delivered (J-14) and it is not done; go-live (Mon 29 Mar 2027) is in 14 days. ' +
        'The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
    ]);
    h = { ...h, snapshots: [{ id: '20270315-1', at: '2027-03-15T11:00:00.000Z' }] };
    expect(at('2027-03-15T12:00:00Z').milestones[0]).toEqual({
      id: 'data_delivered', title: 'Data delivered', days: 'J-14', from: '2027-03-15', to: '2027-03-15', doneWhen: 'snapshot_collected', optional: false,
      state: 'done', doneAt: '2027-03-15T11:00:00.000Z', doneBy: 'snapshot 20270315-1',
    });

    // J-11: the intake check was due at J-13 and found problems: overdue, and the test migration after it at risk
    h = { ...h, checks: [{ snapshotId: '20270315-1', at: '2027-03-16T09:00:00.000Z', errors: 12 }] };
    expect(states(plan, h, '2027-03-18T10:00:00Z')).toEqual({ ...upcoming, data_delivered: 'done', intake_check: 'overdue', test_migration: 'at_risk' });
    expect(at('2027-03-18T10:00:00Z').next).toBe(
      'Intake check passed (J-13, on Tue 16 Mar 2027, overdue): check the delivery against the contract, and have the customer fix and deliver again until nothing is left to fix: cutover check.',
    );
    expect(at('2027-03-18T10:00:00Z').warnings).toEqual([
      'Intake check passed is overdue: it was planned for J-13 (by Tue 16 Mar 2027) and go-live (Mon 29 Mar 2027) is in 11 days. ' +
        'The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
    ]);

    // a new delivery passes, the test migration runs (a failed run counts for nothing), the preproduction import follows
    h = {
      ...h,
      snapshots: [...h.snapshots, { id: '20270318-1', at: '2027-03-18T11:00:00.000Z' }],
      checks: [...h.checks, { snapshotId: '20270318-1', at: '2027-03-18T11:05:00.000Z', errors: 0 }],
      runs: [
        { id: 1, env: 'test', kind: 'full', status: 'failed', finishedAt: '2027-03-18T12:00:00.000Z' },
        { id: 2, env: 'test', kind: 'full', status: 'succeeded', finishedAt: '2027-03-19T12:00:00.000Z' },
        { id: 3, env: 'pre', kind: 'full', status: 'succeeded', finishedAt: '2027-03-22T12:00:00.000Z' },
      ],
    };
    expect(states(plan, h, '2027-03-26T10:00:00Z')).toEqual({
      ...upcoming, data_delivered: 'done', intake_check: 'done', test_migration: 'done', signoff: 'due', preproduction_import: 'done',
    });
    expect(at('2027-03-26T10:00:00Z').milestones.find((m) => m.id === 'test_migration')!.doneBy).toBe('run 2 (test)');
    // J-3 with no sign-off: the warning of the vendors
    expect(at('2027-03-26T10:00:00Z').warnings).toEqual([
      'Today is the last day planned for Customer review and sign-off (J-7 to J-3) and it is not done; go-live (Mon 29 Mar 2027) is in 3 days. ' +
        'The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).',
    ]);
    // J-2: the sign-off is late; the validation follows the preproduction import, which is done, so it is only due
    expect(states(plan, h, '2027-03-27T10:00:00Z')).toEqual({
      ...upcoming, data_delivered: 'done', intake_check: 'done', test_migration: 'done', signoff: 'overdue', preproduction_import: 'done', customer_validation: 'due',
    });

    // go-live moved a fortnight later: nothing is late any more
    const later = { ...plan, goLive: '2027-04-12' };
    expect(states(later, h, '2027-03-27T10:00:00Z')).toEqual({
      ...upcoming, data_delivered: 'done', intake_check: 'done', test_migration: 'done', preproduction_import: 'done',
    });
    expect(weighPlan(later, h, new Date('2027-03-27T10:00:00Z')).warnings).toEqual([]);

    // signed off (the test run, then the preproduction run); no second extract by J: skipped, not late
    h = { ...h, signOffs: [{ runId: 2, env: 'test', at: '2027-03-27T15:00:00.000Z' }, { runId: 3, env: 'pre', at: '2027-03-27T16:00:00.000Z' }] };
    expect(states(plan, h, '2027-03-29T09:00:00Z')).toEqual({
      data_delivered: 'done', intake_check: 'done', test_migration: 'done', signoff: 'done', preproduction_import: 'done', customer_validation: 'done',
      re_extract: 'skipped', final_migration: 'due', gap_migration: 'upcoming', post_go_live: 'upcoming',
    });
    expect(at('2027-03-29T09:00:00Z').next).toBe(
      'Freeze and final migration (J, on Mon 29 Mar 2027): start the freeze agreed with the customer (cutover freeze --env production), collect and check the final extract, then run the final migration: cutover run --env production.',
    );

    // live on J, with two tasks after go-live; J+1: the gap migration and the tasks are due
    h = {
      ...h, freezes: [{ env: 'production', since: '2027-03-29T07:00:00.000Z' }],
      runs: [...h.runs, { id: 4, env: 'production', kind: 'full', status: 'succeeded', finishedAt: '2027-03-29T18:00:00.000Z' }],
      live: [{ env: 'production', runId: 4, at: '2027-03-29T18:00:00.000Z' }],
      tasks: [{ id: 'archive', doneAt: null }, { id: 'leftover:notes.csv', doneAt: '2027-03-30T10:00:00.000Z' }],
    };
    expect(states(plan, h, '2027-03-30T10:00:00Z')).toEqual({
      data_delivered: 'done', intake_check: 'done', test_migration: 'done', signoff: 'done', preproduction_import: 'done', customer_validation: 'done',
      re_extract: 'skipped', final_migration: 'done', gap_migration: 'due', post_go_live: 'due',
    });
    expect(at('2027-03-30T10:00:00Z').milestones.find((m) => m.id === 'final_migration')!.doneBy).toBe('run 4 (production)');
    // J+2: the gap migration is late, and the tasks behind it at risk
    expect(states(plan, h, '2027-03-31T10:00:00Z')).toEqual(expect.objectContaining({ gap_migration: 'overdue', post_go_live: 'at_risk' }));
    // an intake check never passed before going live is history by then: neither next nor warned of
    const behind = weighPlan(plan, { ...h, checks: [] }, new Date('2027-03-31T10:00:00Z'));
    expect([behind.milestones[1]!.state, behind.nextMilestone!.id, behind.warnings.length]).toEqual(['overdue', 'gap_migration', 1]);
    expect(at('2027-03-31T10:00:00Z').warnings).toEqual(['Gap migration is overdue: it was planned for J+1 (by Tue 30 Mar 2027) and go-live (Mon 29 Mar 2027) is 2 days ago.']);

    h = {
      ...h,
      runs: [...h.runs, { id: 5, env: 'production', kind: 'gap', status: 'succeeded', finishedAt: '2027-03-31T12:00:00.000Z' }],
      tasks: [{ id: 'archive', doneAt: '2027-04-02T10:00:00.000Z' }, { id: 'leftover:notes.csv', doneAt: '2027-03-30T10:00:00.000Z' }],
    };
    const end = at('2027-04-02T11:00:00Z');
    expect(end.milestones.slice(-2).map((m) => [m.id, m.state, m.doneAt, m.doneBy])).toEqual([
      ['gap_migration', 'done', '2027-03-31T12:00:00.000Z', 'gap run 5 (production)'],
      ['post_go_live', 'done', '2027-04-02T10:00:00.000Z', 'the last of 2 tasks after go-live'],
    ]);
    expect([end.next, end.nextMilestone, end.warnings]).toEqual(['Every milestone of the plan is done.', undefined, []]);
  });

  it('counts a second extract only after the preproduction import', () => {
    const h: PlanHistory = {
      ...empty,
      snapshots: [{ id: 'a', at: '2027-03-14T10:00:00.000Z' }, { id: 'b', at: '2027-03-28T10:00:00.000Z' }],
      runs: [{ id: 1, env: 'pre', kind: 'full', status: 'succeeded', finishedAt: '2027-03-22T10:00:00.000Z' }],
    };
    const m = weighPlan(plan, h, new Date('2027-03-28T12:00:00Z')).milestones;
    expect(['data_delivered', 're_extract'].map((id) => m.find((x) => x.id === id)!.doneBy)).toEqual(['snapshot a', 'snapshot b']);
    const before = weighPlan(plan, { ...h, snapshots: h.snapshots.slice(0, 1) }, new Date('2027-03-28T12:00:00Z')).milestones;
    // not done; at risk, as the customer's validation before it is late
    expect(before.find((x) => x.id === 're_extract')!.state).toBe('at_risk');
  });

  it('turns the day at midnight where the customer is, not in UTC', () => {
    // 23:30 UTC on Sunday 28 March 2027 is 00:30 on Monday 29 March in London: day J there
    const now = '2027-03-28T23:30:00Z';
    expect(weighPlan(plan, empty, new Date(now)).today).toBe('2027-03-29');
    const j = { ...plan, milestones: defaultMilestones.filter((m) => m.id === 'final_migration') };
    expect(states(j, empty, now)).toEqual({ final_migration: 'due' });
    expect(states({ ...j, timeZone: 'UTC' }, empty, now)).toEqual({ final_migration: 'upcoming' });
  });

  it('warns of environments the plan needs and cutover.yaml lacks', () => {
    const bare: PlanHistory = { ...empty, environments: [{ env: 'test', stage: 'test' }] };
    const p = weighPlan(plan, bare, new Date('2027-03-01T10:00:00Z'));
    expect(p.warnings).toEqual([
      'The plan has a preproduction import, but cutover.yaml names no preproduction environment: add one (stage: preproduction), or leave the milestones out (preproduction_import: false under plan: milestones:).',
      'cutover.yaml names no production environment for the final migration: add the new system\'s own database (stage: production).',
    ]);
  });
});
