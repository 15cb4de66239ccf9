import { CutoverError } from '../core/cutover-error.js';
import { signOffRefusals, unexplainedCount, verdictWords } from '../core/reconcile/index.js';
import { appendAudit, readAuditHead, recordAuditAnchor } from '../store/audit-log.js';
import { readQueries } from '../store/query-records.js';
import { readReviewAnswers } from '../store/review-records.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { findStandingSignOff, insertSignOff, latestStandingSignOff, markSignOffRevoked, readSignOff, readSignOffs, type SignOffRecord } from '../store/signoff-records.js';
import type { ProjectSession } from './project-session.js';
import { reconcile } from './reconcile-project.js';

export type { SignOffRecord } from '../store/signoff-records.js';

function required(value: string | undefined, what: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new CutoverError('invalid_option', what);
  return text;
}

/**
 * Records that the customer signed off a run (the latest by default): who, when, the
 * run's snapshot hash and spec hash, its reconcile verdict and the review answers at that
 * moment. Refused, with every reason listed, while the run did not succeed, reconcile
 * finds a difference nothing explains, a checklist line waits for the customer's figure
 * or differs from it, or a query is open.
 * @example signOff(session, { by: 'Jo Bloggs, lettings manager' })
 */
export async function signOff(session: ProjectSession, o: { readonly run?: string; readonly by: string; readonly note?: string }): Promise<SignOffRecord> {
  const by = required(o.by, 'Say who signs off: --by NAME, the customer\'s name as they sign.');
  const note = o.note?.trim() || null;
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.run);
  const run = await readRunFacts(db, runId);
  const standing = await findStandingSignOff(db, runId);
  if (standing) {
    throw new CutoverError(
      'signoff_refused',
      `Run ${runId} is signed off already, by ${standing.signedBy} on ${standing.signedAt.slice(0, 16).replace('T', ' ')} UTC. To sign it off again, revoke that first: "cutover signoff --revoke ${runId} --by NAME --note WHY".`,
    );
  }
  const reconciliation = run.status === 'running' ? undefined : await reconcile(session, { run: String(runId) });
  const answers = [...(await readReviewAnswers(db, runId)).values()].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const queries = await readQueries(db, { runId });
  const reasons = signOffRefusals({ runId, status: run.status, answers, queries, ...(reconciliation ? { reconciliation } : {}) });
  if (reasons.length > 0 || reconciliation === undefined) {
    throw new CutoverError('signoff_refused', `Run ${runId} cannot be signed off yet:\n${reasons.map((r) => `- ${r}`).join('\n')}`);
  }
  const signedAt = session.clock();
  const verdict = verdictWords(reconciliation);
  const unexplained = unexplainedCount(reconciliation);
  const key = await session.key();
  const id = await db.transaction(async (tx) => {
    const head = await readAuditHead(tx, key);
    const made = await insertSignOff(tx, {
      runId, snapshotHash: run.snapshotHash, specHash: run.specHash, signedBy: by, signedAt, recordedBy: session.actor, note, verdict, unexplained, answers,
    });
    // in the same transaction: the sign-off and its event are stored together or not at all
    await appendAudit(tx, {
      at: signedAt, actor: session.actor, action: 'run.signed_off', subject: `run ${runId}`,
      details: { signoff: made, by, note, snapshot: run.snapshotHash, spec: run.specHash, verdict, answers: answers.length },
    }, key);
    // the log's head as it stood when the customer signed: a shorter or re-chained log disagrees with it
    await recordAuditAnchor(tx, 'signoff', String(made), head);
    return made;
  });
  return (await readSignOff(db, id))!;
}

/** Revokes the sign-off of a run that stands; it stays on the list, marked revoked, with who and why. */
export async function revokeSignOff(session: ProjectSession, o: { readonly run: string; readonly by: string; readonly note: string }): Promise<SignOffRecord> {
  const by = required(o.by, 'Say who revokes the sign-off: --by NAME.');
  const note = required(o.note, 'Say why the sign-off is revoked: --note WHY.');
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.run);
  const standing = await findStandingSignOff(db, runId);
  if (!standing) throw new CutoverError('signoff_missing', `Run ${runId} has no sign-off that stands, so there is nothing to revoke. Run "cutover signoffs" to see the sign-offs there are.`);
  const at = session.clock();
  const key = await session.key();
  await db.transaction(async (tx) => {
    await markSignOffRevoked(tx, standing.id, { at, by, note });
    await appendAudit(tx, { at, actor: session.actor, action: 'run.signoff_revoked', subject: `run ${runId}`, details: { signoff: standing.id, by, note } }, key);
  });
  return (await readSignOff(db, standing.id))!;
}

/** Every sign-off of the project, oldest first, revoked ones included. */
export async function listSignOffs(session: ProjectSession): Promise<SignOffRecord[]> {
  return readSignOffs((await session.store()).db);
}

/** The latest sign-off that has not been revoked, with its run's environment, snapshot hash and spec hash; undefined when none stands. */
export async function standingSignOff(session: ProjectSession): Promise<SignOffRecord | undefined> {
  return latestStandingSignOff((await session.store()).db);
}
