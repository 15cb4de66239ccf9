import type { RunStatus } from '../core/run-result.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { readRuns } from '../store/progress-reads.js';
import { countOpenQueries, readQueries } from '../store/query-records.js';
import { readCustomerFigures } from '../store/review-records.js';
import { readRunFacts } from '../store/run-records.js';
import { findStandingSignOff, type SignOffRecord } from '../store/signoff-records.js';
import { environmentPlace } from './environment.js';
import type { ProjectSession } from './project-session.js';
import { checklistOf, lineRefs } from './reconcile.js';

/** One run as the overview lists it. */
export interface OverviewRun {
  readonly id: number;
  readonly env: string;
  readonly stage: 'test' | 'preproduction' | 'production';
  readonly status: 'running' | RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly signedOff: boolean;
}

/** Where the review stands: the runs, the one under review, and what waits for whom. */
export interface ReviewOverview {
  readonly runs: readonly OverviewRun[];
  /** the latest test or pre-production run that succeeded; null when none has */
  readonly underReview: number | null;
  readonly waiting: {
    /** checklist lines of the run under review that ask the customer for a figure not given yet, with their refs */
    readonly figuresMissing: number;
    readonly missingRefs: readonly string[];
    /** queries raised and not answered: they wait for the team */
    readonly openQueries: number;
    /** queries answered: they wait for the reviewer to resolve or reopen them */
    readonly answeredQueries: number;
    readonly signedOff: boolean;
    readonly signOff: SignOffRecord | null;
  };
}

/**
 * What the review stands at: the project's runs newest first, the run under review (the
 * latest test or pre-production run that succeeded), the figures the customer has still to
 * give for it, the queries waiting for the team or the reviewer, and its sign-off.
 */
export async function reviewOverview(session: ProjectSession): Promise<ReviewOverview> {
  const { db } = await session.store();
  const config = await session.config();
  const runs: OverviewRun[] = [];
  for (const r of await readRuns(db)) {
    runs.push({
      id: r.id, env: r.env, stage: environmentPlace(config, r.env).stage, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt,
      signedOff: (await findStandingSignOff(db, r.id)) !== undefined,
    });
  }
  const review = runs.find((r) => r.status === 'succeeded' && r.stage !== 'production');
  if (review === undefined) {
    return { runs, underReview: null, waiting: { figuresMissing: 0, missingRefs: [], openQueries: 0, answeredQueries: 0, signedOff: false, signOff: null } };
  }
  const facts = await readRunFacts(db, review.id);
  let missingRefs: string[] = [];
  if (facts.specFiles !== null) {
    const items = checklistOf(parseSpecFiles(facts.specFiles));
    const refs = lineRefs(items);
    const given = await readCustomerFigures(db, facts.snapshotHash);
    missingRefs = items.filter((i) => i.by === undefined && !given.has(i.label)).map((i) => refs.get(i)!);
  }
  const open = await countOpenQueries(db, review.id);
  const answered = (await readQueries(db, { runId: review.id, state: 'answered' })).length;
  const signOff = (await findStandingSignOff(db, review.id)) ?? null;
  return {
    runs,
    underReview: review.id,
    waiting: { figuresMissing: missingRefs.length, missingRefs, openQueries: open - answered, answeredQueries: answered, signedOff: signOff !== null, signOff },
  };
}
