import type { RunStatus } from '../run-result.js';

/** An environment's stage, as `cutover.yaml` gives it. */
export type Stage = 'test' | 'preproduction' | 'production';

/**
 * What the project has done so far, as read from its store: the facts a plan's
 * milestones are completed by. Instants are ISO strings in UTC.
 */
export interface PlanHistory {
  readonly environments: readonly { readonly env: string; readonly stage: Stage }[];
  readonly snapshots: readonly { readonly id: string; readonly at: string }[];
  readonly checks: readonly { readonly snapshotId: string; readonly at: string; readonly errors: number }[];
  /** runs that ended; `gap` for a gap run, `full` for the others */
  readonly runs: readonly {
    readonly id: number;
    readonly env: string;
    readonly kind: 'full' | 'gap';
    readonly status: 'running' | RunStatus;
    readonly finishedAt: string | null;
  }[];
  /** sign-offs that stand (a revoked one counts for nothing) */
  readonly signOffs: readonly { readonly runId: number; readonly env: string; readonly at: string }[];
  readonly live: readonly { readonly env: string; readonly runId: number; readonly at: string }[];
  /** freezes started, whether ended since or not */
  readonly freezes: readonly { readonly env: string; readonly since: string }[];
  /** the tasks after go-live, with when each was marked done; undefined while they are not known (production is not live) */
  readonly tasks: readonly { readonly id: string; readonly doneAt: string | null }[] | undefined;
}
