import type { QueryThread, RecordHit, RecordView } from '../../pipeline/index.js';
import { CsrfField } from '../layout.js';

const matchWords = { reference: 'legacy reference', name: 'name', postcode: 'postcode', email: 'e-mail' } as const;
const recordPath = (entity: string, key: string) => `/records/${encodeURIComponent(entity)}/${encodeURIComponent(key)}`;

/** Records: the search form and what it found. */
export function RecordSearchPage(p: { text: string; hits: readonly RecordHit[] | undefined }) {
  return (
    <>
      <p class="guide">Find a record by its reference in your current system, a name (a misspelt one is found too), a postcode or an e-mail, and check it side by side with the new system.</p>
      <form method="get" action="/records" role="search">
        <div class="field">
          <label for="q">Reference, name, postcode or e-mail</label>
          <input type="search" id="q" name="q" value={p.text} required />
        </div>
        <button type="submit">Find</button>
      </form>
      {p.hits === undefined ? null : p.hits.length === 0 ? <p role="status">Nothing found for “{p.text}”.</p> : (
        <>
          <p role="status">{p.hits.length} found for “{p.text}”.</p>
          <div class="table-wrap">
            <table id="hits">
              <thead><tr><th scope="col">Record</th><th scope="col">Type</th><th scope="col">Reference</th><th scope="col">Found by</th></tr></thead>
              <tbody>
                {p.hits.map((h) => (
                  <tr><td><a href={recordPath(h.entity, h.key)}>{h.label || h.key}</a></td><td>{h.entity}</td><td>{h.key}</td><td>{matchWords[h.matchedOn]}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** One record: the delivered row beside the new system's row, each field with its rule, its children, and its queries. */
export function RecordPage(p: { record: RecordView; queries: readonly QueryThread[]; csrf: string; canRaise: boolean }) {
  const r = p.record;
  const ref = `${r.entity} ${r.key}`;
  return (
    <>
      <p><a href="/records">Back to the search</a></p>
      <dl class="facts">
        <dt>Type</dt><dd>{r.entity}</dd>
        <dt>Reference</dt><dd>{r.key}</dd>
        <dt>Outcome</dt><dd class={r.outcome === 'loaded' ? 'status-ok' : 'status-bad'}>{r.outcome}{r.reason ? `: ${r.reason}` : ''}</dd>
      </dl>
      <div class="side">
        <section aria-labelledby="delivered">
          <h2 id="delivered">In your data ({r.source.file}, line {r.source.line})</h2>
          <table>
            <thead><tr><th scope="col">Column</th><th scope="col">Value</th></tr></thead>
            <tbody>{r.source.columns.map((c) => <tr><th scope="row">{c.name}</th><td>{c.value ?? ''}</td></tr>)}</tbody>
          </table>
        </section>
        <section aria-labelledby="new-system">
          <h2 id="new-system">In the new system{r.target ? ` (${r.target.table} ${r.target.id})` : ''}</h2>
          {r.target ? (
            <table>
              <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">How it is made</th></tr></thead>
              <tbody>{r.target.fields.map((f) => <tr><th scope="row">{f.name}</th><td>{f.value ?? ''}</td><td class="muted">{f.rule}</td></tr>)}</tbody>
            </table>
          ) : <p>Not in the new system as a record of its own.</p>}
        </section>
      </div>
      <h2>Linked records</h2>
      {r.children.length === 0 ? <p>None.</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Record</th><th scope="col">Type</th><th scope="col">Reference</th><th scope="col">Outcome</th></tr></thead>
            <tbody>{r.children.map((c) => <tr><td><a href={recordPath(c.entity, c.key)}>{c.label || c.key}</a></td><td>{c.entity}</td><td>{c.key}</td><td>{c.outcome}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <h2>Queries on this record</h2>
      {p.queries.length === 0 ? <p>None yet.</p> : <ul>{p.queries.map((q) => <li><a href={`/queries#query-${q.id}`}>Query {q.id}</a> ({q.state}): {q.messages[0]?.text}</li>)}</ul>}
      {p.canRaise ? (
        <form method="post" action="/queries">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="kind" value="record" />
          <input type="hidden" name="ref" value={ref} />
          <input type="hidden" name="back" value={recordPath(r.entity, r.key)} />
          <div class="field"><label for="text">Raise a query on this record</label><textarea id="text" name="text" required></textarea></div>
          <button type="submit">Raise the query</button>
        </form>
      ) : null}
    </>
  );
}
