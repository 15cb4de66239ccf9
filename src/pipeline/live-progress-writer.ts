import type { RunProgress } from '../core/run-result.js';
import { clearLiveProgress, writeLiveProgress } from '../store/live-progress.js';
import { findInterruptedRun } from '../store/run-records.js';
import type { ProjectSession } from './project-session.js';

// a file a second is plenty for a page that polls
const EVERY_MS = 1000;

/**
 * Keeps the progress file of a run up to date from its progress events, at most once a
 * second and at the end of each entity, so the review app can show a run while the store
 * is locked by it. `finish` removes the file.
 */
export function liveProgressWriter(session: ProjectSession, env: string): { onProgress(event: RunProgress): void; finish(): void } {
  const entities = new Map<string, { entity: string; rows: number; total: number; done: boolean; updatedAt: number }>();
  const startedAt = session.clock().getTime();
  let runId: number | undefined;
  let asked = false;
  let written = 0;
  let finished = false;
  const write = () => {
    if (runId === undefined || finished) return;
    written = session.clock().getTime();
    writeLiveProgress(session.layout, { runId, pid: process.pid, startedAt, entities: [...entities.values()] });
  };
  return {
    onProgress(e) {
      const now = session.clock().getTime();
      entities.set(e.entity, { entity: e.entity, rows: e.rows, total: e.total, done: e.done, updatedAt: now });
      if (!asked) {
        asked = true;
        // the run is recorded before its first event: its number is the environment's running run
        void session.store().then((s) => findInterruptedRun(s.db, env)).then((run) => {
          runId = run?.id;
          write();
        }, () => {});
      }
      if (e.done || now - written >= EVERY_MS) write();
    },
    finish() {
      finished = true;
      clearLiveProgress(session.layout);
    },
  };
}
