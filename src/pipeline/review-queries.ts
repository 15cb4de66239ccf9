import { CutoverError } from '../core/cutover-error.js';
import { nextQueryState, type QueryState, type QueryStep, type QueryTarget, type QueryThread } from '../core/review/query-thread.js';
import { appendAudit } from '../store/audit-log.js';
import { appendQueryMessage, insertQuery, readQueries } from '../store/query-records.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { checklistOf, lineRefs } from './reconcile.js';
import type { ProjectSession } from './project-session.js';

export type { QueryMessage, QueryState, QueryTarget, QueryThread } from '../core/review/query-thread.js';

const kinds: readonly QueryTarget['kind'][] = ['record', 'checklist', 'rejected'];

function said(text: string | undefined, what: string): string {
  const t = text?.trim() ?? '';
  if (t === '') throw new CutoverError('invalid_option', what);
  return t;
}

async function thread(session: ProjectSession, queryId: number): Promise<QueryThread> {
  const [found] = Number.isInteger(queryId) ? await readQueries((await session.store()).db, { id: queryId }) : [];
  if (!found) throw new CutoverError('query_missing', `There is no query ${queryId} in this project. Run "cutover queries" to list them.`);
  return found;
}

/**
 * Raises a query on a record, a checklist line or a rejected row of a run; it stays open,
 * and stops the run's sign-off, until the reviewer resolves it.
 * @example raiseQuery(session, { runId: 3, on: { kind: 'record', ref: 'person P0001' }, text: 'Her surname is wrong', who: 'jo@example.com' })
 */
export async function raiseQuery(
  session: ProjectSession,
  o: { readonly runId?: number; readonly on: QueryTarget; readonly text: string; readonly who: string },
): Promise<QueryThread> {
  const text = said(o.text, 'Say what the query is: the question, in words.');
  const who = said(o.who, 'Say who raises the query.');
  if (!kinds.includes(o.on.kind)) throw new CutoverError('invalid_option', `A query is raised on a record, a checklist line or a rejected row, not on "${String(o.on.kind)}".`);
  let ref = said(o.on.ref, 'Say what the query is on: the record, checklist line or rejected row.');
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.runId === undefined ? undefined : String(o.runId));
  if (o.on.kind === 'checklist') ref = await checklistRef(session, runId, ref);
  const at = session.clock();
  const id = await db.transaction(async (tx) => {
    const made = await insertQuery(tx, { runId, on: { kind: o.on.kind, ref }, who, at, text });
    await appendAudit(tx, { at, actor: who, action: 'query.raised', subject: `run ${runId}`, details: { query: made, on: o.on.kind, ref } }, await session.key());
    return made;
  });
  return thread(session, id);
}

/** A checklist line's ref as the run's checklist has it (C3, M1), or refused naming the lines there are. */
async function checklistRef(session: ProjectSession, runId: number, ref: string): Promise<string> {
  const { specFiles } = await readRunFacts((await session.store()).db, runId);
  if (specFiles === null) return ref.toUpperCase();
  const items = checklistOf(parseSpecFiles(specFiles));
  const refs = lineRefs(items);
  const wanted = ref.toUpperCase();
  if (items.some((i) => refs.get(i) === wanted)) return wanted;
  throw new CutoverError('checklist_ref_unknown', `The checklist of run ${runId} has no line ${ref}. Its lines are: ${items.map((i) => `${refs.get(i)!} (${i.label})`).join(', ')}.`);
}

const stepAction = { answer: 'query.answered', resolved: 'query.resolved', reopened: 'query.reopened' } as const;

async function step(session: ProjectSession, queryId: number, kind: QueryStep, who: string, text: string): Promise<QueryThread> {
  const before = await thread(session, queryId);
  const state: QueryState = nextQueryState(queryId, before.state, kind);
  const { db } = await session.store();
  const at = session.clock();
  await db.transaction(async (tx) => {
    await appendQueryMessage(tx, queryId, { who, at, kind, text }, state);
    // the words stay in the thread; the audit log records who moved it and where
    await appendAudit(tx, { at, actor: who, action: stepAction[kind], subject: `run ${before.runId}`, details: { query: queryId, state } }, await session.key());
  });
  return thread(session, queryId);
}

/** The team answers a query; it waits for the reviewer to resolve or reopen it. */
export async function answerQuery(session: ProjectSession, o: { readonly queryId: number; readonly text: string; readonly who: string }): Promise<QueryThread> {
  return step(session, o.queryId, 'answer', said(o.who, 'Say who answers the query.'), said(o.text, 'Write the answer: --text WORDS.'));
}

/** The reviewer resolves a query, with a last word or none; it no longer stops the sign-off. */
export async function resolveQuery(session: ProjectSession, o: { readonly queryId: number; readonly who: string; readonly text?: string }): Promise<QueryThread> {
  return step(session, o.queryId, 'resolved', said(o.who, 'Say who resolves the query.'), o.text?.trim() ?? '');
}

/** The reviewer reopens a resolved query, saying why; it stops the sign-off again. */
export async function reopenQuery(session: ProjectSession, o: { readonly queryId: number; readonly who: string; readonly text: string }): Promise<QueryThread> {
  return step(session, o.queryId, 'reopened', said(o.who, 'Say who reopens the query.'), said(o.text, 'Say why the query is reopened.'));
}

/** The queries of a run (every run when none is named), in one state or all, oldest first. */
export async function listQueries(session: ProjectSession, o: { readonly runId?: number; readonly state?: QueryState } = {}): Promise<QueryThread[]> {
  return readQueries((await session.store()).db, { ...(o.runId === undefined ? {} : { runId: o.runId }), ...(o.state === undefined ? {} : { state: o.state }) });
}
