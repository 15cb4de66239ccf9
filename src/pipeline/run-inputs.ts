import { CutoverError } from '../core/cutover-error.js';
import type { RunFacts } from '../core/run-result.js';
import { parseSpecFiles, type Spec } from '../core/spec/index.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import type { ProjectSession } from './project-session.js';

/** A run with the spec it applied and the snapshot it read. */
export interface RunInputs {
  readonly run: RunFacts;
  readonly spec: Spec;
  readonly snapshot: SnapshotManifest;
}

/** The run meant (the latest by default), its spec and its snapshot's manifest. */
export async function runInputs(session: ProjectSession, runId?: number): Promise<RunInputs> {
  const { db } = await session.store();
  const id = await resolveRunId(db, runId === undefined ? undefined : String(runId));
  const run = await readRunFacts(db, id);
  if (run.specFiles === null) {
    throw new CutoverError('reconcile_unavailable', `Run ${id} was made before runs kept their spec, so its records cannot be shown. Run the migration again.`);
  }
  return { run, spec: parseSpecFiles(run.specFiles), snapshot: await readSnapshot(session.layout, run.snapshotId) };
}
