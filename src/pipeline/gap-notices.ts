import { readGapBooks } from '../store/gap-records.js';
import { readRunFacts } from '../store/run-records.js';
import type { ProjectSession } from './project-session.js';

/**
 * What a gap run's reconciliation leaves aside, in words: the rows the legacy system
 * deleted that the new system keeps (or marks), which the later snapshot no longer has.
 */
export async function gapNotices(session: ProjectSession, runId: number): Promise<string[]> {
  const { db } = await session.store();
  const run = await readRunFacts(db, runId);
  if (run.kind !== 'gap') return [];
  const notices = [`Run ${run.id} is a gap migration from snapshot ${run.fromSnapshotId} to ${run.snapshotId}: the new system is compared with snapshot ${run.snapshotId}.`];
  for (const b of await readGapBooks(db, runId)) {
    const left = b.kept + b.marked;
    if (left === 0 && b.deleted === 0) continue;
    const parts = [
      ...(b.kept > 0 ? [`${b.kept.toLocaleString('en-GB')} kept`] : []),
      ...(b.marked > 0 ? [`${b.marked.toLocaleString('en-GB')} kept and marked`] : []),
      ...(b.deleted > 0 ? [`${b.deleted.toLocaleString('en-GB')} deleted`] : []),
    ];
    notices.push(`${b.entity}: of the rows deleted in the legacy system since snapshot ${run.fromSnapshotId}, the new system has ${parts.join(', ')}; rows kept are not counted against snapshot ${run.snapshotId}.`);
  }
  return notices;
}
