import { addDays, dayIn, daysBetween, dayWords } from './plan-days.js';
import { occurrences, type Occurrence } from './plan-events.js';
import type { PlanHistory, Stage } from './plan-history.js';
import { planDaysWords, type Milestone, type Plan, type PlanEvent } from './plan-model.js';

/**
 * Where a milestone stands: done (by an event in the history), due (its days have come),
 * overdue (its last day has passed), at_risk (the milestone before it is overdue),
 * upcoming, or skipped (an optional one whose day passed without it).
 */
export type MilestoneState = 'done' | 'due' | 'overdue' | 'at_risk' | 'upcoming' | 'skipped';

/** One milestone of the plan with its days in the customer's calendar and its state. */
export interface MilestoneStanding {
  readonly id: string;
  readonly title: string;
  /** the days in the vendors' words: "J-7 to J-3" */
  readonly days: string;
  /** first and last day, YYYY-MM-DD in the customer's time zone */
  readonly from: string;
  readonly to: string;
  readonly doneWhen: PlanEvent;
  readonly optional: boolean;
  readonly state: MilestoneState;
  /** when it was done (an instant, UTC), and by which run, snapshot or sign-off */
  readonly doneAt: string | null;
  readonly doneBy: string | null;
}

/** The plan as it stands on one day: each milestone's state, what to do next, and what is late. */
export interface PlanStanding {
  readonly goLive: string;
  readonly timeZone: string;
  /** the day it is in the customer's time zone */
  readonly today: string;
  /** days from today to go-live: negative once it has passed */
  readonly daysToGoLive: number;
  readonly milestones: readonly MilestoneStanding[];
  /** the first milestone neither done nor skipped */
  readonly nextMilestone: MilestoneStanding | undefined;
  /** what to do next, in one sentence with its command */
  readonly next: string;
  /** what is late, or about to be, for go-live */
  readonly warnings: readonly string[];
}

/** Weighs a plan against the project's history on the day `now` falls on in the customer's time zone. */
export function weighPlan(plan: Plan, history: PlanHistory, now: Date): PlanStanding {
  const today = dayIn(now, plan.timeZone);
  const done = new Map<string, Occurrence | undefined>();
  const doneOf = (m: Milestone, seen: ReadonlySet<string> = new Set()): Occurrence | undefined => {
    if (done.has(m.id)) return done.get(m.id);
    const before = m.after === undefined || seen.has(m.after) ? undefined : plan.milestones.find((o) => o.id === m.after);
    const since = before === undefined ? undefined : doneOf(before, new Set([...seen, m.id]));
    const found = m.after !== undefined && since === undefined ? undefined : occurrences(m.doneWhen, history).find((o) => since === undefined || o.at >= since.at);
    done.set(m.id, found);
    return found;
  };
  const standings: MilestoneStanding[] = [];
  let previous: MilestoneStanding | undefined;
  for (const m of plan.milestones) {
    const from = addDays(plan.goLive, m.from);
    const to = addDays(plan.goLive, m.to);
    const event = doneOf(m);
    const state: MilestoneState = event !== undefined ? 'done'
      : today > to ? (m.optional ? 'skipped' : 'overdue')
      : previous?.state === 'overdue' ? 'at_risk'
      : today >= from ? 'due'
      : 'upcoming';
    const s: MilestoneStanding = {
      id: m.id, title: m.title, days: planDaysWords(m), from, to, doneWhen: m.doneWhen, optional: m.optional, state,
      doneAt: event?.at ?? null, doneBy: event?.by ?? null,
    };
    standings.push(s);
    if (!m.optional) previous = s;
  }
  const daysToGoLive = daysBetween(today, plan.goLive);
  // once the new system is live, what was left undone before it is history: not what to do next
  const live = standings.findLastIndex((s) => s.doneWhen === 'production_live' && s.state === 'done');
  const ahead = standings.slice(live + 1);
  const nextMilestone = ahead.find((s) => s.state !== 'done' && s.state !== 'skipped');
  return {
    goLive: plan.goLive, timeZone: plan.timeZone, today, daysToGoLive, milestones: standings, nextMilestone,
    next: nextMilestone === undefined ? 'Every milestone of the plan is done.' : nextWords(nextMilestone, history),
    warnings: planWarnings(plan, ahead, history, today, daysToGoLive),
  };
}

/** Go-live in words, from today: "in 3 days", "today", "2 days ago". */
function goLiveWords(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}

const envOf = (h: PlanHistory, stage: Stage) => h.environments.find((e) => e.stage === stage)?.env;

/** The next milestone and what to do for it, with the command. */
function nextWords(m: MilestoneStanding, h: PlanHistory): string {
  const when = m.from === m.to ? `on ${dayWords(m.to)}` : `${dayWords(m.from)} to ${dayWords(m.to)}`;
  const late = m.state === 'overdue' ? ', overdue' : m.state === 'at_risk' ? ', at risk' : '';
  return `${m.title} (${m.days}, ${when}${late}): ${actionWords(m, h)}.`;
}

/** What completes a milestone, as an instruction with its command. */
function actionWords(m: MilestoneStanding, h: PlanHistory): string {
  const test = envOf(h, 'test') ?? 'test';
  const pre = envOf(h, 'preproduction');
  const prod = envOf(h, 'production');
  const addPre = 'name the preproduction environment in cutover.yaml (stage: preproduction), then load it: cutover run --env NAME';
  const addProd = 'name the new system\'s own database as a production environment in cutover.yaml (stage: production)';
  switch (m.doneWhen) {
    case 'snapshot_collected': return m.optional ? 'collect the customer\'s second extract, if they give one: cutover collect' : 'collect the customer\'s delivery: cutover collect';
    case 'check_passed': return 'check the delivery against the contract, and have the customer fix and deliver again until nothing is left to fix: cutover check';
    case 'test_run': return `run a test migration: cutover run --env ${test}`;
    case 'signed_off': return 'have the customer review the test migration (cutover report, or cutover figures) and sign it off: cutover signoff RUN --by NAME';
    case 'preproduction_run': return pre === undefined ? addPre : `load the preproduction environment: cutover run --env ${pre}`;
    case 'preproduction_signed_off': return pre === undefined ? addPre : `have the customer validate the preproduction import and sign it off: cutover signoff RUN --by NAME (RUN of ${pre})`;
    case 'freeze_started': return prod === undefined ? addProd : `agree the freeze with the customer and start it: cutover freeze --env ${prod}`;
    case 'production_live': {
      if (prod === undefined) return addProd;
      if (!h.freezes.some((f) => f.env === prod)) return `start the freeze agreed with the customer (cutover freeze --env ${prod}), collect and check the final extract, then run the final migration: cutover run --env ${prod}`;
      return `run the final migration: cutover run --env ${prod}`;
    }
    case 'gap_run': return 'collect what changed in the legacy system since the final extract and carry it over with a gap migration: cutover gap';
    case 'tasks_done': {
      const open = h.tasks?.filter((t) => t.doneAt === null).length;
      if (open === undefined) return 'the tasks after go-live are known once production is live';
      return `work through the ${open} task${open === 1 ? '' : 's'} left after go-live (cutover plan) and mark each done: cutover plan done TASK`;
    }
  }
}

/** What is late, or about to be, for go-live: one sentence each. */
function planWarnings(plan: Plan, ms: readonly MilestoneStanding[], h: PlanHistory, today: string, daysToGoLive: number): string[] {
  const warnings: string[] = [];
  const goLive = `go-live (${dayWords(plan.goLive)}) is ${goLiveWords(daysToGoLive)}`;
  for (const m of ms) {
    const beforeJ = m.to < plan.goLive;
    const consequence = beforeJ ? ' The final migration should not start without it: do it now, or move go-live later (go_live under plan: in cutover.yaml).' : '';
    if (m.state === 'overdue') {
      warnings.push(`${m.title} is overdue: it was planned for ${m.days} (by ${dayWords(m.to)}) and ${goLive}.${consequence}`);
    } else if (m.state === 'due' && !m.optional && m.to === today && beforeJ) {
      warnings.push(`Today is the last day planned for ${m.title} (${m.days}) and it is not done; ${goLive}.${consequence}`);
    }
  }
  const stages = new Set(h.environments.map((e) => e.stage));
  const needs = (events: readonly PlanEvent[]) => ms.some((m) => m.state !== 'done' && events.includes(m.doneWhen));
  if (needs(['preproduction_run', 'preproduction_signed_off']) && !stages.has('preproduction')) {
    warnings.push('The plan has a preproduction import, but cutover.yaml names no preproduction environment: add one (stage: preproduction), or leave the milestones out (preproduction_import: false under plan: milestones:).');
  }
  if (needs(['production_live', 'freeze_started', 'gap_run']) && !stages.has('production')) {
    warnings.push('cutover.yaml names no production environment for the final migration: add the new system\'s own database (stage: production).');
  }
  return warnings;
}
