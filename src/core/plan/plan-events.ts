import type { PlanHistory, Stage } from './plan-history.js';
import type { PlanEvent } from './plan-model.js';

/** One time an event happened: when, and what did it ("run 3 (test)"). */
export interface Occurrence {
  readonly at: string;
  readonly by: string;
}

const byTime = (a: Occurrence, b: Occurrence) => a.at.localeCompare(b.at);

/** Every time `event` happened in the project's history, oldest first. */
export function occurrences(event: PlanEvent, h: PlanHistory): Occurrence[] {
  const stageOf = (env: string): Stage | undefined => h.environments.find((e) => e.env === env)?.stage;
  const runs = (stage: Stage, kind: 'full' | 'gap') => h.runs
    .filter((r) => r.status === 'succeeded' && r.finishedAt !== null && r.kind === kind && (kind === 'gap' || stageOf(r.env) === stage))
    .map((r) => ({ at: r.finishedAt!, by: `${kind === 'gap' ? 'gap run' : 'run'} ${r.id} (${r.env})` }));
  const found: Occurrence[] = (() => {
    switch (event) {
      case 'snapshot_collected': return h.snapshots.map((s) => ({ at: s.at, by: `snapshot ${s.id}` }));
      case 'check_passed': return h.checks.filter((c) => c.errors === 0).map((c) => ({ at: c.at, by: `intake check of snapshot ${c.snapshotId}` }));
      case 'test_run': return runs('test', 'full');
      case 'preproduction_run': return runs('preproduction', 'full');
      case 'signed_off': return h.signOffs.map((s) => ({ at: s.at, by: `sign-off of run ${s.runId} (${s.env})` }));
      case 'preproduction_signed_off': return h.signOffs.filter((s) => stageOf(s.env) === 'preproduction').map((s) => ({ at: s.at, by: `sign-off of run ${s.runId} (${s.env})` }));
      case 'freeze_started': return h.freezes.filter((f) => stageOf(f.env) === 'production').map((f) => ({ at: f.since, by: `freeze of ${f.env}` }));
      case 'production_live': return h.live.filter((l) => stageOf(l.env) === 'production').map((l) => ({ at: l.at, by: `run ${l.runId} (${l.env})` }));
      case 'gap_run': return runs('production', 'gap');
      case 'tasks_done': {
        // every task after go-live done: when the last of them was, or going live when there are none
        const live = h.live.filter((l) => stageOf(l.env) === 'production').sort((a, b) => a.at.localeCompare(b.at))[0];
        if (h.tasks === undefined || live === undefined || h.tasks.some((t) => t.doneAt === null)) return [];
        const last = h.tasks.map((t) => t.doneAt!).sort().at(-1);
        return [last === undefined ? { at: live.at, by: 'going live, with no task after go-live' } : { at: last, by: `the last of ${h.tasks.length} task${h.tasks.length === 1 ? '' : 's'} after go-live` }];
      }
    }
  })();
  return found.sort(byTime);
}
