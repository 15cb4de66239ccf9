import type { Reconciliation } from '../../core/reconcile/index.js';
import type { SignOffRecord } from '../../pipeline/index.js';
import { formatMoney } from '../../report/html.js';
import { statusWords } from '../../report/review-workbook-content.js';
import { CsrfField } from '../layout.js';

const shown = (kind: 'count' | 'total', v: string | number) => (kind === 'count' ? Number(v).toLocaleString('en-GB') : formatMoney(String(v)));
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Sign-off: exactly what is signed (run, snapshot, spec, the checklist, the open items) and the form, or why it is refused. */
export function SignOffPage(p: {
  r: Reconciliation; verdict: string; openItems: readonly string[]; standing: SignOffRecord | undefined; canSign: boolean; csrf: string; refused?: string; done?: boolean;
}) {
  const { r } = p;
  const signedThis = p.standing !== undefined && p.standing.runId === r.runId;
  return (
    <>
      <p class="guide">
        Signing off says that the test migration below has been checked and the data has been mapped correctly. The sign-off is bound to this run,
        its delivery (snapshot) and its mapping (spec): if either changes, it no longer holds for the final migration.
      </p>
      {p.done ? <p class="notice" role="status">Run {r.runId} is signed off.</p> : null}
      {p.refused ? <div class="problem" role="alert">{p.refused}</div> : null}
      <h2>What you sign</h2>
      <dl class="facts">
        <dt>Run</dt><dd>{`Run ${r.runId} (environment ${r.env}, ${r.target})`}</dd>
        <dt>Delivery (snapshot)</dt><dd>{r.snapshot.id} <span class="muted">hash {r.snapshot.hash}</span></dd>
        <dt>Mapping (spec)</dt><dd>{r.spec.file} <span class="muted">hash {r.spec.hash}</span></dd>
        <dt>Verdict</dt><dd>{p.verdict}</dd>
      </dl>
      <h2>The checklist</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Line</th><th scope="col">What</th><th scope="col" class="num">Your figure</th><th scope="col" class="num">Delivered</th><th scope="col" class="num">New system</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {[...r.counts, ...r.totals].map((l) => (
              <tr>
                <th scope="row">{l.ref}</th><td>{l.label}</td>
                <td class="num">{l.customer === null ? '–' : shown(l.kind, l.customer)}</td><td class="num">{shown(l.kind, l.snapshot)}</td><td class="num">{shown(l.kind, l.target)}</td>
                <td class={`status-${l.status}`}>{statusWords(l.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Open items</h2>
      {p.openItems.length === 0 ? <p class="status-ok">None: nothing stands in the way of signing off.</p> : (
        <ul id="open-items">{p.openItems.map((i) => <li>{i}</li>)}</ul>
      )}
      <h2>Sign off</h2>
      {signedThis ? (
        <p class="notice">Run {r.runId} is signed off by {p.standing!.signedBy} on {when(p.standing!.signedAt)}{p.standing!.note ? `: ${p.standing!.note}` : ''}.</p>
      ) : !p.canSign ? (
        <p class="muted">Only an approver signs off.</p>
      ) : (
        <form method="post" action="/sign-off">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="run" value={String(r.runId)} />
          <div class="field"><label for="by">Your name and position, as you sign</label><input type="text" id="by" name="by" required autocomplete="name" /></div>
          <div class="field"><label for="note">Note (optional)</label><input type="text" id="note" name="note" /></div>
          {p.openItems.length > 0 ? <p id="why-refused" class="error">The run cannot be signed off while the open items above remain.</p> : null}
          <button type="submit" disabled={p.openItems.length > 0} aria-describedby={p.openItems.length > 0 ? 'why-refused' : undefined}>{`Sign off run ${r.runId}`}</button>
        </form>
      )}
    </>
  );
}
