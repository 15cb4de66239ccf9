import type { FigureLine, RunFigures } from '../../pipeline/index.js';
import { formatMoney } from '../../report/html.js';
import { statusWords } from '../../report/review-workbook-content.js';
import { CsrfField } from '../layout.js';

const shown = (line: FigureLine, value: string) => (line.kind === 'count' ? Number(value).toLocaleString('en-GB') : formatMoney(value));

/** The pre-migration checklist: each line with the customer's figure, the delivered data, the new system and the status; a form per line asking for a figure. */
export function ChecklistPage(p: { figures: RunFigures; csrf: string; canEnter: boolean; canQuery: boolean; saved?: string; problem?: { ref: string; value: string; message: string } }) {
  const { figures } = p;
  return (
    <>
      <p class="guide">
        Record the numbers from your current system beside each line (contacts, properties, tenancies by status, diary entries, balances).
        They are kept with the run's delivery, exactly as figures from the migration workbook are. Write counts in digits (2500) and amounts to the penny (12345.67).
      </p>
      {p.saved ? <p class="notice" role="status">Your figure for {p.saved} is recorded.</p> : null}
      {p.problem ? <p class="problem" role="alert" id="figure-problem">{p.problem.message}</p> : null}
      <div class="table-wrap">
        <table>
          <caption class="muted">Run {figures.runId}: your figures beside the delivered data and the new system</caption>
          <thead>
            <tr><th scope="col">Line</th><th scope="col">What</th><th scope="col" class="num">Your figure</th><th scope="col" class="num">Delivered data</th><th scope="col" class="num">New system</th><th scope="col">Status</th>{p.canEnter ? <th scope="col">Enter your figure</th> : null}{p.canQuery ? <th scope="col">Query</th> : null}</tr>
          </thead>
          <tbody>
            {figures.lines.map((l) => {
              const bad = p.problem?.ref === l.ref;
              return (
                <tr id={`line-${l.ref}`}>
                  <th scope="row">{l.ref}</th>
                  <td>{l.label}</td>
                  <td class="num">{!l.asked ? 'not asked' : l.customer === null ? '–' : shown(l, l.customer)}</td>
                  <td class="num">{shown(l, l.delivered)}</td>
                  <td class="num">{shown(l, l.target)}</td>
                  <td class={`status-${l.status}`}>{statusWords(l.status)}</td>
                  {p.canEnter ? (
                    <td>
                      {l.asked ? (
                        <form method="post" action="/checklist" class="inline">
                          <CsrfField token={p.csrf} />
                          <input type="hidden" name="ref" value={l.ref} />
                          <label for={`figure-${l.ref}`} class="visually-plain">{`${l.ref} ${l.label}`}</label>{' '}
                          <input type="text" class="figure" id={`figure-${l.ref}`} name="value" inputmode="decimal" size={12} autocomplete="off"
                            value={bad ? p.problem!.value : l.customer ?? ''} aria-invalid={bad ? 'true' : undefined} aria-describedby={bad ? 'figure-problem' : undefined} />{' '}
                          <button type="submit">Save</button>
                        </form>
                      ) : <span class="muted">split total: no figure asked</span>}
                    </td>
                  ) : null}
                  {p.canQuery ? <td><a href={`/queries/new?kind=checklist&ref=${encodeURIComponent(l.ref)}`}>Raise a query<span class="visually-plain"> on {l.ref}</span></a></td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
