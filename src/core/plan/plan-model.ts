/** The events in a project's history that complete a milestone. */
export const planEvents = [
  'snapshot_collected', // a snapshot collected
  'check_passed', // an intake check of a snapshot found nothing to fix
  'test_run', // a run succeeded in a test environment
  'preproduction_run', // a run succeeded in a preproduction environment
  'signed_off', // the customer signed off a run (a sign-off that stands)
  'preproduction_signed_off', // the customer signed off a preproduction run
  'freeze_started', // a freeze of a production environment started
  'production_live', // a production run succeeded: the new system is live
  'gap_run', // a gap run succeeded
  'tasks_done', // every post go-live task is done
] as const;

/** An event that completes a milestone. */
export type PlanEvent = (typeof planEvents)[number];

/** One milestone of the plan, its days counted from go-live day J. */
export interface Milestone {
  readonly id: string;
  readonly title: string;
  /** first and last day, in days from J: -7 and -3 for "J-7 to J-3" */
  readonly from: number;
  readonly to: number;
  readonly doneWhen: PlanEvent;
  /** only an event after this milestone was done counts (a second extract comes after the first import) */
  readonly after?: string;
  /** a milestone the customer may leave out: never late, skipped once its day has passed */
  readonly optional: boolean;
}

/** A task after go-live written in `plan:`. */
export interface PlanTaskSpec {
  readonly id: string;
  readonly title: string;
}

/** The plan of `cutover.yaml`, normalised: day J, the customer's time zone, the milestones in order, the written tasks. */
export interface Plan {
  readonly goLive: string;
  readonly timeZone: string;
  readonly milestones: readonly Milestone[];
  readonly tasks: readonly PlanTaskSpec[];
}

/** The vendors' plan, backwards from go-live day J. */
export const defaultMilestones: readonly Milestone[] = [
  { id: 'data_delivered', title: 'Data delivered', from: -14, to: -14, doneWhen: 'snapshot_collected', optional: false },
  { id: 'intake_check', title: 'Intake check passed', from: -13, to: -13, doneWhen: 'check_passed', optional: false },
  { id: 'test_migration', title: 'Test migration', from: -10, to: -10, doneWhen: 'test_run', optional: false },
  { id: 'signoff', title: 'Customer review and sign-off', from: -7, to: -3, doneWhen: 'signed_off', optional: false },
  { id: 'preproduction_import', title: 'Preproduction import', from: -7, to: -7, doneWhen: 'preproduction_run', optional: false },
  { id: 'customer_validation', title: 'Customer validation', from: -2, to: -2, doneWhen: 'preproduction_signed_off', optional: false },
  { id: 're_extract', title: 'Second extract', from: -1, to: -1, doneWhen: 'snapshot_collected', after: 'preproduction_import', optional: true },
  { id: 'final_migration', title: 'Freeze and final migration', from: 0, to: 0, doneWhen: 'production_live', optional: false },
  { id: 'gap_migration', title: 'Gap migration', from: 1, to: 1, doneWhen: 'gap_run', optional: false },
  { id: 'post_go_live', title: 'Post go-live tasks', from: 1, to: 14, doneWhen: 'tasks_done', optional: false },
];

const dayText = /^J(?:([+-])(\d{1,3}))?$/;

/** Reads "J-14", "J", "J+1" or "J-7 to J-3" as days from J; undefined when it is none of these. */
export function readPlanDays(text: string): { from: number; to: number } | undefined {
  const [first, last, ...rest] = text.split(/\s+to\s+/).map((t) => t.trim().replaceAll(' ', ''));
  if (rest.length > 0 || first === undefined) return undefined;
  const day = (t: string) => {
    const m = dayText.exec(t);
    return m === null ? undefined : m[1] === undefined ? 0 : Number(m[1] + m[2]);
  };
  const from = day(first);
  const to = last === undefined ? from : day(last);
  return from === undefined || to === undefined || to < from ? undefined : { from, to };
}

/** Days from J in the vendors' words: "J-7 to J-3". */
export function planDaysWords(m: Pick<Milestone, 'from' | 'to'>): string {
  const one = (n: number) => (n === 0 ? 'J' : n < 0 ? `J${n}` : `J+${n}`);
  return m.from === m.to ? one(m.from) : `${one(m.from)} to ${one(m.to)}`;
}
