import type { ProjectPlan, ProjectStatus, ReviewOverview } from '../../pipeline/index.js';

const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

// a milestone's state in the customer's words
const stateWords: Record<ProjectPlan['milestones'][number]['state'], string> = {
  done: 'done', due: 'due now', overdue: 'late', at_risk: 'at risk: the step before is late', upcoming: 'to come', skipped: 'not needed',
};

/** The plan around go-live day J as a timeline, each milestone with its days and where it stands. */
function PlanTimeline(p: { plan: ProjectPlan }) {
  const { plan } = p;
  const days = plan.daysToGoLive;
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">The plan around go-live</h2>
      <p>
        Go-live (day J) is <strong>{plan.goLive}</strong>
        {days > 0 ? `, in ${days} day${days === 1 ? '' : 's'}` : days === 0 ? ', today' : `, ${-days} day${days === -1 ? '' : 's'} ago`} ({plan.timeZone}). {plan.next}
      </p>
      {plan.warnings.length > 0 ? <ul class="warnings">{plan.warnings.map((w) => <li>{w}</li>)}</ul> : null}
      <ol class="timeline">
        {plan.milestones.map((m) => (
          <li class={`milestone milestone-${m.state}`}>
            <span class="milestone-days">{m.days}</span>{' '}
            <span class="milestone-dates">{m.from === m.to ? m.from : `${m.from} to ${m.to}`}</span>{' '}
            <strong>{m.title}</strong>{m.optional ? ' (if needed)' : ''}: <span class="milestone-state">{stateWords[m.state]}</span>
            {m.doneBy ? <span class="muted">{` (${m.doneBy}${m.doneAt ? `, ${when(m.doneAt)}` : ''})`}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Overview: the runs, which one is under review, what waits for whom, the plan and the next step. */
export function OverviewPage(p: { status: ProjectStatus; review: ReviewOverview; plan: ProjectPlan | null }) {
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
      {p.plan ? <PlanTimeline plan={p.plan} /> : null}
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
