import type { GateProblem } from '../core/quality-gate.js';
import { latestCheck, type RecordedCheck } from '../store/check-records.js';
import { readEnvironmentLive, type LiveMark } from '../store/environment-state.js';
import { currentFreezes, type Freeze } from '../store/freeze-records.js';
import { latestRuns, type LatestRun } from '../store/run-records.js';
import { latestStandingSignOff, type SignOffRecord } from '../store/signoff-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { listSnapshots } from '../store/snapshot-store.js';
import { projectPlan, type MilestoneStanding } from './plan.js';
import type { ProjectSession } from './project-session.js';
import { gateOverrides, weighGate } from './quality-gate.js';

/** One environment as it stands: its stage, its latest run, and whether it is live. */
export interface EnvironmentStatus {
  readonly env: string;
  readonly stage: 'test' | 'preproduction' | 'production';
  readonly latestRun: LatestRun | undefined;
  readonly live: LiveMark | undefined;
  /** the quality gate overridden for this environment, in words */
  readonly overrides: readonly string[];
}

/** Where a project stands on its way to go-live. */
export interface ProjectStatus {
  readonly customer: string;
  readonly snapshots: number;
  readonly latestSnapshot: { readonly id: string; readonly collectedAt: string; readonly check: RecordedCheck | undefined } | undefined;
  readonly environments: readonly EnvironmentStatus[];
  readonly signOff: SignOffRecord | undefined;
  /** the quality gate for a final run of the latest snapshot; undefined when no environment is a production one */
  readonly gate: readonly GateProblem[] | undefined;
  readonly freezes: readonly Freeze[];
  /** the plan around go-live day J, when cutover.yaml has one: its next milestone, what to do for it, and what is late */
  readonly plan: { readonly goLive: string; readonly timeZone: string; readonly milestone: MilestoneStanding | undefined; readonly next: string; readonly warnings: readonly string[] } | undefined;
  /** what to do next, in one sentence */
  readonly next: string;
}

/** Reads where the project stands: snapshots, environments and their runs, the sign-off, the gate, the freeze, what is live. */
export async function projectStatus(session: ProjectSession): Promise<ProjectStatus> {
  const config = await session.config();
  const { db } = await session.store();
  const snapshots = await listSnapshots(session.layout);
  const latest: SnapshotManifest | undefined = snapshots.at(-1);
  const runs = await latestRuns(db);
  const environments: EnvironmentStatus[] = [];
  for (const [env, e] of Object.entries(config.environments)) {
    environments.push({ env, stage: e.stage, latestRun: runs.find((r) => r.env === env), live: await readEnvironmentLive(db, env), overrides: await gateOverrides(session, env) });
  }
  const signOff = await latestStandingSignOff(db);
  const final = environments.some((e) => e.stage === 'production');
  const gate = latest !== undefined && final ? await weighGate(session, latest) : undefined;
  const freezes = await currentFreezes(db);
  const plan = config.plan === undefined ? undefined : await projectPlan(session);
  const status = {
    customer: config.customer,
    snapshots: snapshots.length,
    latestSnapshot: latest && { id: latest.id, collectedAt: latest.collectedAt, check: await latestCheck(db, latest.id) },
    environments, signOff, gate, freezes,
    plan: plan && { goLive: plan.goLive, timeZone: plan.timeZone, milestone: plan.nextMilestone, next: plan.next, warnings: plan.warnings },
  };
  return { ...status, next: nextStep(status) };
}

/** The one thing to do next, read off the status. */
function nextStep(s: Omit<ProjectStatus, 'next'>): string {
  const production = s.environments.filter((e) => e.stage === 'production');
  const live = production.find((e) => e.live !== undefined);
  if (live) {
    const frozen = s.freezes.some((f) => f.env === live.env) ? `; end the freeze once the offices may work in the new system (cutover freeze --env ${live.env} --end)` : '';
    return `Production is live: carry over what changed in the legacy system since the final extract with a gap migration, and hand the customer "cutover leftovers" for the tasks after go-live${frozen}.`;
  }
  if (s.latestSnapshot === undefined) return 'Collect the customer\'s delivery: cutover collect.';
  const tested = s.environments.some((e) => e.stage !== 'production' && e.latestRun?.status === 'succeeded');
  const attention = s.environments.find((e) => e.stage !== 'production' && e.latestRun?.status === 'needs_attention');
  if (!tested && attention) return `Run ${attention.latestRun!.id} needs attention: it rejected more rows than the spec allows. See why with cutover rejects ${attention.latestRun!.id}, correct the spec or ask for a corrected delivery, and run again.`;
  if (!tested) return 'Run a test migration: cutover run --env test.';
  if (s.signOff === undefined) return 'Have the customer review the test migration (cutover report, or cutover figures) and sign it off: cutover signoff RUN --by NAME.';
  const running = production.find((e) => e.latestRun?.status === 'running');
  if (running) return `The final run into ${running.env} was stopped part-way: run it again to carry on where it stopped (cutover run --env ${running.env}).`;
  if (s.gate !== undefined && s.gate.length > 0) return `Open the quality gate: ${s.gate[0]!.command}.`;
  if (production.length === 0) return 'Name the new system\'s own database as a production environment in cutover.yaml (stage: production).';
  if (s.freezes.length === 0) return `Agree the freeze with the customer and start it: cutover freeze --env ${production[0]!.env}; then collect the final extract.`;
  return `Run the final migration: cutover run --env ${production[0]!.env}.`;
}
