import { CutoverError } from '../core/cutover-error.js';
import { maskFreeText } from '../core/profile/index.js';
import type { QueryState, QueryThread } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { actor, withSession } from './who.js';

const stateWords: Record<QueryState, string> = { open: 'waits for the team', answered: 'waits for the reviewer', resolved: 'resolved' };
const onWords = (q: QueryThread) => (q.on.kind === 'checklist' ? `checklist ${q.on.ref}` : q.on.kind === 'rejected' ? `rejected ${q.on.ref}` : q.on.ref);
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The queries for a terminal: one line each, then every thread in full. */
export function formatQueries(queries: readonly QueryThread[]): string {
  if (queries.length === 0) return 'No queries have been raised.';
  const table = textTable(
    ['query', 'run', 'on', 'raised by', 'state'],
    queries.map((q) => [String(q.id), String(q.runId), onWords(q), q.raisedBy, stateWords[q.state]]),
    new Set([0, 1]),
  );
  const threads = queries.map((q) => [
    `Query ${q.id} on ${onWords(q)} (run ${q.runId}):`,
    ...q.messages.map((m) => `  ${when(m.at)} ${m.who} ${m.kind === 'raised' ? 'asked' : m.kind === 'answer' ? 'answered' : m.kind}${m.text ? `: ${m.text}` : ''}`),
  ].join('\n'));
  const waiting = queries.filter((q) => q.state === 'open').length;
  const tail = waiting === 0 ? 'No query waits for the team.' : `${waiting} ${waiting === 1 ? 'query waits' : 'queries wait'} for the team: "cutover queries answer ID --text WORDS".`;
  return `${table}\n\n${threads.join('\n\n')}\n\n${tail}`;
}

const states: readonly QueryState[] = ['open', 'answered', 'resolved'];

/** The threads with e-mails and phones in their words masked; who raised and answered them are the review app's own users, shown as they are. */
function maskedThreads(queries: readonly QueryThread[]): QueryThread[] {
  return queries.map((q) => ({ ...q, messages: q.messages.map((m) => (m.text ? { ...m, text: maskFreeText(m.text) } : m)) }));
}

/** `cutover queries` lists the review's queries; `cutover queries answer ID --text WORDS` answers one. */
export function registerQueriesCommand(command: CommandMaker, print: (text: string) => void): void {
  const queries = command('queries')
    .description('List the queries the customer raised in the review app, each with its thread; `queries answer ID --text WORDS` answers one')
    .option('--run <n>', 'only the queries of this run')
    .option('--state <state>', 'only queries in this state: open, answered or resolved')
    .enablePositionalOptions()
    .action(async (o: { project: string; json?: boolean; run?: string; state?: string; showPersonalData?: boolean }) => {
      const { listQueries } = await import('../pipeline/review-queries.js');
      const state = o.state === undefined ? undefined : states.find((s) => s === o.state?.trim().toLowerCase());
      if (o.state !== undefined && state === undefined) throw new CutoverError('invalid_option', `--state must be open, answered or resolved, not "${o.state}".`);
      if (o.run !== undefined && !/^\d+$/.test(o.run.trim())) throw new CutoverError('invalid_option', `--run must be a run's number, such as 3, not "${o.run}".`);
      const found = await withSession(o.project, 'cutover queries', (session) =>
        listQueries(session, { ...(o.run === undefined ? {} : { runId: Number(o.run) }), ...(state === undefined ? {} : { state }) }));
      const shown = o.showPersonalData ? found : maskedThreads(found);
      print(o.json ? JSON.stringify(shown, null, 2) : formatQueries(shown));
    });

  withCommonOptions(queries.command('answer'))
    .description('Answer a query for the team; it then waits for the reviewer to resolve or reopen it')
    .argument('<id>', 'the query\'s number, as "cutover queries" lists it')
    .requiredOption('--text <words>', 'the answer')
    .option('--by <who>', 'who answers (default: CUTOVER_USER, else the login name)')
    .action(async (id: string, o: { project: string; json?: boolean; text: string; by?: string }) => {
      const { answerQuery } = await import('../pipeline/review-queries.js');
      if (!/^\d+$/.test(id.trim())) throw new CutoverError('invalid_option', `The query's number must be a whole number, such as 3, not "${id}": "cutover queries" lists them.`);
      const done = await withSession(o.project, 'cutover queries answer', (session) => answerQuery(session, { queryId: Number(id), text: o.text, who: o.by ?? actor() }));
      print(o.json ? JSON.stringify(done, null, 2) : `Answered query ${done.id} on ${onWords(done)}; it waits for the reviewer to resolve or reopen it.`);
    });
}
