import type { QueryThread } from '../../pipeline/index.js';
import { CsrfField } from '../layout.js';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const onWords = (q: QueryThread) => ({ record: 'record', checklist: 'checklist line', rejected: 'row not imported' }[q.on.kind]);
const stateWords = { open: 'open: waits for the migration team', answered: 'answered: waits for the reviewer', resolved: 'resolved' } as const;
const kindWords = { raised: 'raised', answer: 'answered', resolved: 'resolved', reopened: 'reopened' } as const;

/** Queries: each a thread with who and when; the team answers, the reviewer resolves or reopens. */
export function QueriesPage(p: { queries: readonly QueryThread[]; csrf: string; role: string; raise?: { kind: string; ref: string }; problem?: string }) {
  const team = p.role === 'team';
  return (
    <>
      <p class="guide">Raise a query on anything that looks wrong: a record, a line of the checklist or a row that was not imported. The migration team answers; you resolve the query when the answer settles it, or reopen it. Open queries stop the sign-off.</p>
      {p.problem ? <p class="problem" role="alert">{p.problem}</p> : null}
      {p.raise && !team ? (
        <form method="post" action="/queries">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="kind" value={p.raise.kind} />
          <input type="hidden" name="ref" value={p.raise.ref} />
          <div class="field"><label for="text">{`Your query on ${p.raise.ref}`}</label><textarea id="text" name="text" required></textarea></div>
          <button type="submit">Raise the query</button>
        </form>
      ) : null}
      {p.queries.length === 0 ? <p>No queries yet.</p> : p.queries.map((q) => (
        <section class="thread" id={`query-${q.id}`} aria-labelledby={`query-${q.id}-title`}>
          <h2 id={`query-${q.id}-title`}>{`Query ${q.id} on the ${onWords(q)} ${q.on.ref}`}</h2>
          <p class={q.state === 'resolved' ? 'status-ok' : 'status-awaiting'}>{stateWords[q.state]} · run {q.runId}</p>
          <ol>
            {q.messages.map((m) => <li><strong>{m.who}</strong> {kindWords[m.kind]} on {when(m.at)}{m.text ? <>: {m.text}</> : null}</li>)}
          </ol>
          {team && q.state !== 'resolved' ? (
            <form method="post" action={`/queries/${q.id}/answer`}>
              <CsrfField token={p.csrf} />
              <div class="field"><label for={`answer-${q.id}`}>Your answer</label><textarea id={`answer-${q.id}`} name="text" required></textarea></div>
              <button type="submit">{`Answer query ${q.id}`}</button>
            </form>
          ) : null}
          {!team && q.state !== 'resolved' ? (
            <form method="post" action={`/queries/${q.id}/resolve`}>
              <CsrfField token={p.csrf} />
              <div class="field"><label for={`resolve-${q.id}`}>A last word (optional)</label><input type="text" id={`resolve-${q.id}`} name="text" /></div>
              <button type="submit">{`Resolve query ${q.id}`}</button>
            </form>
          ) : null}
          {!team && q.state === 'resolved' ? (
            <form method="post" action={`/queries/${q.id}/reopen`}>
              <CsrfField token={p.csrf} />
              <div class="field"><label for={`reopen-${q.id}`}>Why reopen it</label><input type="text" id={`reopen-${q.id}`} name="text" required /></div>
              <button type="submit" class="secondary">{`Reopen query ${q.id}`}</button>
            </form>
          ) : null}
        </section>
      ))}
    </>
  );
}
