import { resolve } from 'node:path';
import type { MilestoneStanding, ProjectPlan } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const stateWords: Record<MilestoneStanding['state'], string> = {
  done: 'done', due: 'due now', overdue: 'OVERDUE', at_risk: 'at risk', upcoming: 'upcoming', skipped: 'skipped (optional)',
};

/** A day in words: "Mon 29 Mar". */
const day = (d: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${d}T00:00:00Z`)).replace(',', '');

/** An instant as the customer's wall clock: "Mon 15 Mar 11:00". */
const clockIn = (at: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at)).replace(',', '');

/** The plan for a terminal: each milestone with its days, state and what completed it; then what is late, the tasks, and what to do next. */
export function formatPlan(p: ProjectPlan): string {
  const lines = [`Plan of ${p.customer}: go-live day J is ${day(p.goLive)} ${p.goLive.slice(0, 4)} (${p.timeZone}); today is ${day(p.today)} ${p.today.slice(0, 4)}.`, ''];
  lines.push(textTable(['day', 'date', 'milestone', 'state', 'done'], p.milestones.map((m) => [
    m.days, m.from === m.to ? day(m.from) : `${day(m.from)} to ${day(m.to)}`, m.title, stateWords[m.state],
    m.doneAt === null ? '' : `${clockIn(m.doneAt, p.timeZone)}, ${m.doneBy}`,
  ]), new Set()));
  if (p.tasks.length > 0) {
    lines.push('', 'Tasks after go-live:');
    for (const t of p.tasks) lines.push(`  [${t.done ? 'x' : ' '}] ${t.id}: ${t.title}${t.done ? ` (done ${clockIn(t.done.at, p.timeZone)} by ${t.done.by}${t.done.note ? `: ${t.done.note}` : ''})` : ''}`);
  }
  if (p.warnings.length > 0) lines.push('', ...p.warnings.map((w) => `Warning: ${w}`));
  lines.push('', `Next: ${p.next}`);
  return lines.join('\n');
}

/** `cutover plan [--ics FILE]`: the milestones around go-live day J and their states; `cutover plan done TASK` marks a task after go-live done. */
export function registerPlanCommand(command: CommandMaker, print: (text: string) => void): void {
  const plan = command('plan')
    .description('The plan around go-live day J: each milestone with its date and state read from what was done, what to do next, and the tasks after go-live; --ics writes it as a calendar')
    .option('--ics <file>', 'write the milestones as a calendar file (ICS) to import; importing a later one updates the events')
    .enablePositionalOptions()
    .action(async (o: { project: string; json?: boolean; ics?: string }) => {
      const { projectPlan, writePlanCalendar } = await import('../pipeline/plan.js');
      const p = await withSession(o.project, 'cutover plan', async (session) => {
        const found = await projectPlan(session);
        const written = o.ics === undefined ? undefined : await writePlanCalendar(session, resolve(o.ics));
        return { found, written };
      });
      if (o.json) {
        print(JSON.stringify({
          go_live: p.found.goLive,
          milestones: p.found.milestones.map((m) => ({ id: m.id, title: m.title, date: m.to, state: m.state, done_at: m.doneAt })),
        }, null, 2));
        return;
      }
      print(formatPlan(p.found));
      if (p.written) print(`\nWrote the calendar, ${p.written.events} events in ${p.found.timeZone}: ${p.written.file}`);
    });

  withCommonOptions(plan.command('done'))
    .description('Mark a task after go-live done (one written in plan:, or something the spec did not carry over, as "cutover plan" lists it)')
    .argument('<task>', 'the task, as "cutover plan" lists it: archive, leftover:notes.csv …')
    .option('--note <text>', 'how it was done, e.g. "moved by hand into the new system\'s notes"')
    .action(async (task: string, o: { project: string; json?: boolean; note?: string }) => {
      const { markPlanTaskDone } = await import('../pipeline/plan.js');
      const done = await withSession(o.project, 'cutover plan done', (session) => markPlanTaskDone(session, { task, ...(o.note === undefined ? {} : { note: o.note }) }));
      if (o.json) {
        print(JSON.stringify(done, null, 2));
        return;
      }
      const d = done.task.done!;
      print(done.already
        ? `Task ${task} was marked done already, on ${d.at.slice(0, 16).replace('T', ' ')} UTC by ${d.by}; left as it was.`
        : `Task ${task} is done: ${done.task.title}.`);
    });
}
