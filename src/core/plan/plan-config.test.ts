import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../project-config.js';
import { defaultMilestones } from './plan-model.js';

const base = 'customer: X\nsources: { export: { files: export } }\nsnapshot_key_env: KEY\nspec: s.yaml\ntarget: { schema: t.sql }\nenvironments:\n  test: { database: embedded }\n';
const parse = (plan: string) => parseProjectConfig(base + plan, 'cutover.yaml');

describe('plan: in cutover.yaml', () => {
  it('takes the vendors\' milestones when none are written', () => {
    expect(parse('plan:\n  go_live: 2027-03-29\n  time_zone: Europe/London\n').plan).toEqual({
      goLive: '2027-03-29', timeZone: 'Europe/London', milestones: defaultMilestones, tasks: [],
    });
  });

  it('changes, leaves out and adds milestones, in the order of their days, and reads the tasks', () => {
    const plan = parse([
      'plan:',
      '  go_live: 2027-03-29',
      '  time_zone: Europe/Zurich',
      '  milestones:',
      '    preproduction_import: { day: J-8 }',
      '    re_extract: false',
      '    training: { title: Staff trained on the new system, day: J-5 to J-4, done_when: signed_off }',
      '  tasks:',
      '    archive: Move the diary archive by hand',
      '',
    ].join('\n')).plan!;
    expect(plan.milestones.map((m) => [m.id, m.from, m.to])).toEqual([
      ['data_delivered', -14, -14], ['intake_check', -13, -13], ['test_migration', -10, -10], ['preproduction_import', -8, -8],
      ['signoff', -7, -3], ['training', -5, -4], ['customer_validation', -2, -2], ['final_migration', 0, 0], ['gap_migration', 1, 1], ['post_go_live', 1, 14],
    ]);
    expect(plan.milestones.find((m) => m.id === 'training')).toEqual({ id: 'training', title: 'Staff trained on the new system', from: -5, to: -4, doneWhen: 'signed_off', optional: false });
    expect(plan.tasks).toEqual([{ id: 'archive', title: 'Move the diary archive by hand' }]);
  });

  it('has the second extract follow the milestone kept before a preproduction import left out', () => {
    const plan = parse('plan:\n  go_live: 2027-03-29\n  time_zone: Europe/London\n  milestones:\n    preproduction_import: false\n    customer_validation: false\n').plan!;
    expect(plan.milestones.find((m) => m.id === 're_extract')!.after).toBe('signoff');
  });

  it('names the line of a bad date, an unknown time zone and an unknown event', () => {
    expect(() => parse([
      'plan:',
      '  go_live: 2027-02-29',
      '  time_zone: Europe/Londres',
      '  milestones:',
      '    test_migration: { done_when: launched }',
      '    signoff: { day: J-7 until J-3 }',
      '',
    ].join('\n'))).toThrow(
      'cutover.yaml has 4 problems:\n' +
        'cutover.yaml line 9 column 12: "plan.go_live": is not a date: write go-live day J as YYYY-MM-DD, such as 2027-03-29\n' +
        'cutover.yaml line 10 column 14: "plan.time_zone": is not a time zone: name the customer\'s as in the IANA list, such as Europe/London or Europe/Zurich\n' +
        'cutover.yaml line 12 column 34: "plan.milestones.test_migration.done_when": is not an event that completes a milestone; use one of: ' +
        'snapshot_collected, check_passed, test_run, preproduction_run, signed_off, preproduction_signed_off, freeze_started, production_live, gap_run, tasks_done\n' +
        'cutover.yaml line 13 column 21: "plan.milestones.signoff.day": write the day from go-live day J as J-14, J, J+1, or a span such as J-7 to J-3',
    );
  });

  it('names a milestone of the team\'s own that lacks its day or event, and one that follows no milestone', () => {
    expect(() => parse('plan:\n  go_live: 2027-03-29\n  time_zone: Europe/London\n  milestones:\n    training: { title: Staff trained }\n    gap_migration: { after: golive }\n')).toThrow(
      'cutover.yaml has 2 problems:\n' +
        'cutover.yaml line 12 column 15: "plan.milestones.training": is a milestone of the team\'s own: give it day, done_when\n' +
        'cutover.yaml line 13 column 29: "plan.milestones.gap_migration.after": names no milestone of the plan (it has: data_delivered, intake_check, test_migration, signoff, preproduction_import, customer_validation, re_extract, final_migration, gap_migration, post_go_live)',
    );
  });
});
