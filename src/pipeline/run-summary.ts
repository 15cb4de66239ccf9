import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../connectors/database.js';
import { displayKey } from '../core/mapping/index.js';
import type { Spec } from '../core/spec/index.js';
import { renderRunSummary, type ReasonGroup } from '../report/run-summary-html.js';
import type { ProjectLayout } from '../store/project-layout.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { RunResult } from './run-migration.js';

const examplesPerReason = 20;

/** The ledger grouped by entity and reason, with the first few rows of each. */
export async function ledgerReasons(store: Database, runId: number): Promise<ReasonGroup[]> {
  const groups = await store.query<{ entity: string; outcome: string; reason: string; n: string }>(
    `SELECT l.entity, l.outcome, l.reason, count(*) AS n FROM cutover.ledger_entry l
       JOIN cutover.run_entity r ON r.run_id = l.run_id AND r.entity = l.entity
      WHERE l.run_id = $1 GROUP BY l.entity, l.outcome, l.reason, r.position ORDER BY r.position, count(*) DESC, l.reason`,
    [runId],
  );
  const result: ReasonGroup[] = [];
  for (const g of groups) {
    const examples = await store.query<{ file: string; line: string; source_key: string | null; message: string }>(
      `SELECT file, line, source_key, message FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2 AND reason = $3 ORDER BY line LIMIT ${examplesPerReason}`,
      [runId, g.entity, g.reason],
    );
    result.push({
      entity: g.entity,
      outcome: g.outcome,
      reason: g.reason,
      count: Number(g.n),
      examples: examples.map((x) => ({ file: x.file, line: Number(x.line), key: x.source_key === null ? null : displayKey(x.source_key), message: x.message })),
    });
  }
  return result;
}

/** Writes the run's HTML summary under `reports/` and returns its path. */
export async function writeRunSummary(
  layout: ProjectLayout,
  store: Database,
  customer: string,
  run: RunResult,
  snapshot: SnapshotManifest,
  spec: Spec,
  now: Date,
): Promise<string> {
  const html = renderRunSummary({
    customer,
    generatedAt: now.toISOString(),
    run,
    snapshot,
    spec: { file: spec.file, hash: spec.hash },
    reasons: await ledgerReasons(store, run.runId),
  });
  await mkdir(layout.reportsDir, { recursive: true });
  const path = join(layout.reportsDir, `run-${run.runId}-summary.html`);
  await writeFile(path, html);
  return path;
}
