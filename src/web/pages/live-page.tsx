import type { RunProgressView } from '../../pipeline/index.js';
import { CsrfField } from '../layout.js';

/** Live run: per entity rows done, rows per second and time left; the page's script refreshes it without reloading. */
export function LivePage(p: { progress: RunProgressView | null; environments: readonly string[]; running: string | undefined; csrf: string; problem?: string }) {
  const g = p.progress;
  return (
    <>
      <p class="guide">While a migration runs, this page follows it: rows done per record type, the speed and the time left. It updates by itself.</p>
      {p.problem ? <p class="problem" role="alert">{p.problem}</p> : null}
      {p.environments.length > 0 && p.running === undefined ? (
        <form method="post" action="/live/run">
          <CsrfField token={p.csrf} />
          <div class="field">
            <label for="env">Run the test migration again, afresh, into</label>
            <select id="env" name="env">{p.environments.map((e) => <option value={e}>{e}</option>)}</select>
          </div>
          <button type="submit">Start the run</button>
        </form>
      ) : null}
      <p id="live-status" role="status" aria-live="polite">{g ? `Run ${g.runId}: ${g.status}` : 'No run yet.'}</p>
      <div class="table-wrap">
        <table data-live-source="/live/progress">
          <thead><tr><th scope="col">Record type</th><th scope="col" class="num">Rows done</th><th scope="col" class="num">Rows in all</th><th scope="col" class="num">Rows a second</th><th scope="col" class="num">Time left</th></tr></thead>
          <tbody>
            {(g?.entities ?? []).map((e) => (
              <tr>
                <td>{e.entity}</td><td class="num">{e.done.toLocaleString('en-GB')}</td><td class="num">{e.total.toLocaleString('en-GB')}</td>
                <td class="num">{e.rowsPerSecond === null ? '' : Math.round(e.rowsPerSecond).toLocaleString('en-GB')}</td><td class="num">{e.secondsLeft === null ? '' : `${Math.ceil(e.secondsLeft)} s`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id="live-updated" class="muted"></p>
    </>
  );
}
