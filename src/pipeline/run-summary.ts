import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { displayKey } from '../core/mapping/index.js';
import type { RunResult } from '../core/run-result.js';
import type { Spec } from '../core/spec/index.js';
import { renderRunSummary } from '../report/run-summary-html.js';
import { ledgerReasons } from '../store/ledger-records.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { ProjectSession } from './project-session.js';
import { gateOverrides } from './quality-gate.js';
import { writeFileAside } from '../report/file-aside.js';
import { personalDataView } from './personal-data.js';

const examplesPerReason = 20;

/** Writes the run's HTML summary under `reports/` and returns its path; it is the team's page, so personal values in its reasons are masked. */
export async function writeRunSummary(session: ProjectSession, run: RunResult, snapshot: SnapshotManifest, spec: Spec): Promise<string> {
  const reasons = await ledgerReasons((await session.store()).db, run.runId, examplesPerReason);
  const config = await session.config();
  const view = await personalDataView(session, spec);
  const html = renderRunSummary({
    customer: config.customer,
    ...(config.currency === undefined ? {} : { currency: config.currency }),
    generatedAt: session.clock().toISOString(),
    run: run.error === null ? run : { ...run, error: view.message(run.error) },
    snapshot,
    spec: { file: spec.file, hash: spec.hash },
    notices: await gateOverrides(session, run.env),
    reasons: reasons.map((g) => ({
      ...g,
      examples: g.examples.map((x) => ({ file: x.file, line: x.line, key: x.sourceKey === null ? null : displayKey(x.sourceKey), message: view.message(x.message, g.entity, x.field, [x.value]) })),
    })),
  });
  const { reportsDir } = session.layout;
  await mkdir(reportsDir, { recursive: true });
  const path = join(reportsDir, `run-${run.runId}-summary.html`);
  await writeFileAside(path, html);
  return path;
}
