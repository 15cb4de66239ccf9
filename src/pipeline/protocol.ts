import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import type { ProjectConfig } from '../core/project-config.js';
import { parseSpecFiles } from '../core/spec/index.js';
import { renderProtocol } from '../report/protocol-html.js';
import type { ProjectStore } from '../store/project-store.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { buildProtocol } from './protocol-builder.js';
import { resolveRunId } from './rejects.js';

/**
 * Writes the protocol of a run (the latest by default): the spec exactly as that run
 * applied it, over the snapshot it read, which is verified first. Returns the page's path.
 */
export async function writeRunProtocol(store: ProjectStore, config: ProjectConfig, key: SnapshotKey, run?: string): Promise<{ runId: number; path: string }> {
  const runId = await resolveRunId(store.db, run);
  const [row] = await store.db.query<{ snapshot_id: string; spec_files: string | null }>('SELECT snapshot_id, spec_files FROM cutover.run WHERE id = $1', [runId]);
  if (!row?.spec_files) {
    throw new CutoverError('protocol_unavailable', `Run ${runId} was made before runs kept their spec, so its protocol cannot be shown. Run the migration again.`);
  }
  const spec = parseSpecFiles(JSON.parse(row.spec_files) as { file: string; text: string }[]);
  const snapshot = await readSnapshot(store.layout, row.snapshot_id);
  await verifySnapshot(store.layout, snapshot, key);
  const protocol = await buildProtocol({
    spec, snapshot, runId, customer: config.customer,
    tableSource: (name) => snapshotTableSource(store.layout, snapshot, name, key),
  });
  await mkdir(store.layout.reportsDir, { recursive: true });
  const path = join(store.layout.reportsDir, `run-${runId}-protocol.html`);
  await writeFile(path, renderProtocol(protocol));
  return { runId, path };
}
