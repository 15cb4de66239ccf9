import { writeFile } from 'node:fs/promises';
import { CutoverError } from '../core/cutover-error.js';
import { weighPlan, type Plan, type PlanHistory, type PlanStanding } from '../core/plan/index.js';
import type { ProjectConfig } from '../core/project-config.js';
import { markTaskDone, readPlanFacts, readTasksDone, type StoredPlanFacts } from '../store/plan-records.js';
import { listSnapshots } from '../store/snapshot-store.js';
import { leftovers } from './leftovers.js';
import type { ProjectSession } from './project-session.js';

export type { MilestoneStanding, MilestoneState, PlanStanding } from '../core/plan/index.js';

/** A task after go-live: written in `plan:`, or something the live run did not carry over; done when the team says so. */
export interface PlanTask {
  readonly id: string;
  readonly title: string;
  readonly source: 'plan' | 'leftovers';
  readonly done: { readonly at: string; readonly by: string; readonly note: string | null } | null;
}

/** The plan of a project as it stands today: its milestones and their states, what to do next, what is late, and the tasks after go-live. */
export interface ProjectPlan extends PlanStanding {
  readonly customer: string;
  /** the tasks after go-live: those written in `plan:`, and once production is live what its run did not carry over */
  readonly tasks: readonly PlanTask[];
}

/** The plan of `cutover.yaml`, or a plain refusal naming what to write. */
function planOf(config: ProjectConfig): Plan {
  if (config.plan === undefined) {
    throw new CutoverError('plan_missing', 'cutover.yaml has no plan yet. Add go-live day J and the customer\'s time zone, e.g.\nplan:\n  go_live: 2027-03-29\n  time_zone: Europe/London');
  }
  return config.plan;
}

/** The production run that made the new system live, if there is one. */
function liveRun(config: ProjectConfig, facts: StoredPlanFacts): number | undefined {
  return facts.live.find((l) => config.environments[l.env]?.stage === 'production')?.runId;
}

/** The tasks after go-live with their done state: the plan's own, then (once live) the tables and columns the live run left behind. */
async function planTasks(session: ProjectSession, plan: Plan, live: number | undefined): Promise<PlanTask[]> {
  const doneList = await readTasksDone((await session.store()).db);
  const done = (id: string) => {
    const d = doneList.find((t) => t.task === id);
    return d === undefined ? null : { at: d.at, by: d.by, note: d.note };
  };
  const tasks: PlanTask[] = plan.tasks.map((t) => ({ id: t.id, title: t.title, source: 'plan', done: done(t.id) }));
  if (live === undefined) return tasks;
  const left = await leftovers(session, String(live));
  const n = (x: number) => x.toLocaleString('en-GB');
  for (const t of left.tables) {
    tasks.push({ id: `leftover:${t.table}`, title: `Move table ${t.table} (${n(t.rows)} rows) by hand: no entity of the spec reads it`, source: 'leftovers', done: done(`leftover:${t.table}`) });
  }
  for (const c of left.columns.filter((c) => c.filled > 0)) {
    const id = `leftover:${c.table}/${c.column}`;
    tasks.push({ id, title: `Move column ${c.column} of ${c.table} by hand: no rule reads it, and ${n(c.filled)} of ${n(c.rows)} rows hold a value`, source: 'leftovers', done: done(id) });
  }
  return tasks;
}

/**
 * The plan around go-live day J as it stands today in the customer's time zone: each
 * milestone with its days and state (done, with when and by which run, snapshot or
 * sign-off; due; overdue; at_risk; upcoming; skipped), what to do next, warnings, and the
 * tasks after go-live with their done state.
 */
export async function projectPlan(session: ProjectSession): Promise<ProjectPlan> {
  const config = await session.config();
  const plan = planOf(config);
  const { db } = await session.store();
  const facts = await readPlanFacts(db);
  const tasks = await planTasks(session, plan, liveRun(config, facts));
  const history: PlanHistory = {
    ...facts,
    environments: Object.entries(config.environments).map(([env, e]) => ({ env, stage: e.stage })),
    snapshots: (await listSnapshots(session.layout)).map((s) => ({ id: s.id, at: s.collectedAt })),
    tasks: tasks.map((t) => ({ id: t.id, doneAt: t.done?.at ?? null })),
  };
  return { customer: config.customer, ...weighPlan(plan, history, session.clock()), tasks };
}

/** Marks a task after go-live done, on the record; a task done already is left as it was. */
export async function markPlanTaskDone(session: ProjectSession, o: { readonly task: string; readonly note?: string }): Promise<{ readonly task: PlanTask; readonly already: boolean }> {
  const config = await session.config();
  const plan = planOf(config);
  const { db } = await session.store();
  const tasks = await planTasks(session, plan, liveRun(config, await readPlanFacts(db)));
  const task = tasks.find((t) => t.id === o.task);
  if (task === undefined) {
    const known = tasks.length === 0 ? 'there are none yet: write them under plan: tasks: in cutover.yaml; what the spec did not carry over joins them once production is live' : `it has: ${tasks.map((t) => t.id).join(', ')}`;
    throw new CutoverError('task_unknown', `The plan has no task after go-live called "${o.task}" (${known}). Run "cutover plan" to list them.`);
  }
  const marked = await markTaskDone(db, { task: task.id, title: task.title, at: session.clock(), by: session.actor, note: o.note ?? null });
  if (!marked.already) await session.audit('plan.task_done', `task ${task.id}`, { title: task.title, note: marked.done.note });
  return { task: { ...task, done: { at: marked.done.at, by: marked.done.by, note: marked.done.note } }, already: marked.already };
}

/** Writes the plan as a calendar file (ICS): one event per milestone in the customer's time zone, each with a UID that stays the same, so importing it again updates the events. */
export async function writePlanCalendar(session: ProjectSession, file: string): Promise<{ readonly file: string; readonly events: number }> {
  const p = await projectPlan(session);
  // the calendar library loads only for the one command that writes a calendar
  const { planCalendar } = await import('../report/plan-ics.js');
  await writeFile(file, planCalendar(p, { customer: p.customer, now: session.clock() }));
  return { file, events: p.milestones.length };
}
