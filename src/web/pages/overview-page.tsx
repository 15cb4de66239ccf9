import type { ProjectStatus, RunFigures } from '../../pipeline/index.js';

const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** Overview: the runs, which one is under review, and what waits for whom. */
export function OverviewPage(p: { status: ProjectStatus; figures: RunFigures | undefined; openQueries: number | undefined }) {
  const { status, figures } = p;
  const missing = figures?.lines.filter((l) => l.status === 'awaiting').length;
  const unexplained = figures?.lines.filter((l) => l.status === 'unexplained').length;
  return (
    <>
      <p class="guide">
        This is the review of the test migration of <strong>{status.customer}</strong>. Work through the pre-migration checklist,
        look at records side by side, raise a query on anything that looks wrong, and sign off when you are happy.
      </p>
      <div class="cards">
        <div class="card">
          <div class="muted">Under review</div>
          <div class="big">{figures ? `Run ${figures.runId}` : 'No run yet'}</div>
        </div>
        <div class="card">
          <div class="muted">Figures still to enter</div>
          <div class="big">{missing ?? '–'}</div>
          {missing ? <a href="/checklist">Enter them on the checklist</a> : null}
        </div>
        <div class="card">
          <div class="muted">Differences nothing explains</div>
          <div class="big">{unexplained ?? '–'}</div>
        </div>
        <div class="card">
          <div class="muted">Open queries</div>
          <div class="big">{p.openQueries ?? '–'}</div>
          {p.openQueries ? <a href="/queries">See the queries</a> : null}
        </div>
        <div class="card">
          <div class="muted">Sign-off</div>
          <div class="big">{status.signOff ? `Run ${status.signOff.runId} signed off` : 'Not signed off'}</div>
          {status.signOff ? <div>by {status.signOff.signedBy}, {when(status.signOff.signedAt)}</div> : <a href="/sign-off">What signing off needs</a>}
        </div>
      </div>
      <h2>Next step</h2>
      <p>{status.next}</p>
      <h2>Runs</h2>
      <div class="table-wrap">
        <table>
          <caption class="muted">The latest run of each environment</caption>
          <thead><tr><th scope="col">Environment</th><th scope="col">Stage</th><th scope="col">Latest run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Finished</th><th scope="col">Live</th></tr></thead>
          <tbody>
            {status.environments.map((e) => (
              <tr>
                <td>{e.env}</td>
                <td>{e.stage}</td>
                <td>{e.latestRun ? `Run ${e.latestRun.id}` : 'none yet'}</td>
                <td class={e.latestRun?.status === 'succeeded' ? 'status-ok' : e.latestRun?.status === 'failed' ? 'status-bad' : ''}>{e.latestRun?.status ?? ''}</td>
                <td>{when(e.latestRun?.startedAt)}</td>
                <td>{when(e.latestRun?.finishedAt)}</td>
                <td>{e.live ? 'live' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status.latestSnapshot ? <p class="muted">Latest delivery (snapshot) {status.latestSnapshot.id}, collected {when(status.latestSnapshot.collectedAt)}.</p> : null}
    </>
  );
}
