import type { ProjectStatus, ReviewOverview } from '../../pipeline/index.js';

const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** Overview: the runs, which one is under review, what waits for whom, and the next step. */
export function OverviewPage(p: { status: ProjectStatus; review: ReviewOverview }) {
  const { status, review } = p;
  const w = review.waiting;
  return (
    <>
      <p class="guide">
        This is the review of the test migration of <strong>{status.customer}</strong>. Work through the pre-migration checklist,
        look at records side by side, raise a query on anything that looks wrong, and sign off when you are happy.
      </p>
      <div class="cards">
        <div class="card">
          <div class="muted">Under review</div>
          <div class="big">{review.underReview === null ? 'No run yet' : `Run ${review.underReview}`}</div>
        </div>
        <div class="card">
          <div class="muted">Figures still to enter (you)</div>
          <div class="big">{w.figuresMissing}</div>
          {w.figuresMissing > 0 ? <a href="/checklist">Enter them on the checklist</a> : null}
        </div>
        <div class="card">
          <div class="muted">Queries waiting for the migration team</div>
          <div class="big">{w.openQueries}</div>
        </div>
        <div class="card">
          <div class="muted">Answers waiting for you</div>
          <div class="big">{w.answeredQueries}</div>
          {w.answeredQueries > 0 ? <a href="/queries">Resolve or reopen them</a> : null}
        </div>
        <div class="card">
          <div class="muted">Sign-off (approver)</div>
          <div class="big">{w.signOff ? `Run ${w.signOff.runId} signed off` : 'Not signed off'}</div>
          {w.signOff ? <div>by {w.signOff.signedBy}, {when(w.signOff.signedAt)}</div> : <a href="/sign-off">What signing off needs</a>}
        </div>
      </div>
      <h2>Next step</h2>
      <p>{status.next}</p>
      <h2>Runs</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Run</th><th scope="col">Environment</th><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Finished</th><th scope="col">Signed off</th></tr></thead>
          <tbody>
            {review.runs.map((r) => (
              <tr>
                <td>{`Run ${r.id}`}{r.id === review.underReview ? ' (under review)' : ''}</td>
                <td>{r.env}</td>
                <td>{r.stage}</td>
                <td class={r.status === 'succeeded' ? 'status-ok' : r.status === 'failed' ? 'status-bad' : ''}>{r.status}</td>
                <td>{when(r.startedAt)}</td>
                <td>{when(r.finishedAt)}</td>
                <td>{r.signedOff ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status.latestSnapshot ? <p class="muted">Latest delivery (snapshot) {status.latestSnapshot.id}, collected {when(status.latestSnapshot.collectedAt)}.</p> : null}
    </>
  );
}
