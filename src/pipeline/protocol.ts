import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { renderProtocol } from '../report/protocol-html.js';
import { readRunFacts, resolveRunId } from '../store/run-records.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { buildProtocol } from './protocol-builder.js';
import type { ProjectSession } from './project-session.js';
import { writeFileAside } from '../report/file-aside.js';

/**
 * Writes the protocol of a run (the latest by default): the spec exactly as that run
 * applied it, over the snapshot it read, which is verified first. Returns the page's path.
 */
export async function writeRunProtocol(session: ProjectSession, run?: string): Promise<{ runId: number; path: string }> {
  const { db } = await session.store();
  const runId = await resolveRunId(db, run);
  const facts = await readRunFacts(db, runId);
  if (!facts.specFiles) {
    throw new CutoverError('protocol_unavailable', `Run ${runId} was made before runs kept their spec, so its protocol cannot be shown. Run the migration again.`);
  }
  const spec = parseSpecFiles(facts.specFiles);
  const key = await session.key();
  const snapshot = await readSnapshot(session.layout, facts.snapshotId);
  await verifySnapshot(session.layout, snapshot, key);
  const protocol = await buildProtocol({
    spec, snapshot, runId, customer: (await session.config()).customer,
    tableSource: (name) => snapshotTableSource(session.layout, snapshot, name, key),
  });
  await mkdir(session.layout.reportsDir, { recursive: true });
  const path = join(session.layout.reportsDir, `run-${runId}-protocol.html`);
  await writeFileAside(path, renderProtocol(protocol));
  // the page shows examples of the delivered values
  await session.audit('protocol.written', `run ${runId}`, { page: path, snapshotHash: facts.snapshotHash, specHash: facts.specHash });
  return { runId, path };
}
