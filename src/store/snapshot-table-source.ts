import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import type { SourceRow } from '../core/source-row.js';
import { blobBinding, type SnapshotManifest, type SnapshotTable } from './snapshot-manifest.js';
import type { ProjectLayout } from './project-layout.js';
import { openSealReader, type SnapshotKey } from './sealed/index.js';
import { snapshotDir } from './snapshot-store.js';

/**
 * A table of a stored snapshot as a source: rows are decrypted, checked and read back
 * as they were collected. Every read re-hashes what it reads and fails at the end if
 * the content differs from the manifest, so no run uses a tampered snapshot.
 */
export function snapshotTableSource(layout: ProjectLayout, manifest: SnapshotManifest, name: string, key: SnapshotKey): SourceTable {
  const table = manifest.tables.find((t) => t.name === name);
  if (!table) {
    throw new CutoverError('table_missing', `Snapshot ${manifest.id} has no table "${name}" (it has: ${manifest.tables.map((t) => t.name).join(', ')}).`);
  }
  const path = join(snapshotDir(layout, manifest.id), table.blob);
  return {
    name: table.name,
    columns: table.columns,
    types: table.types,
    details: table.details,
    rows: (signal) => readRows(path, table, manifest.id, key, signal),
    close: async () => {},
  };
}

async function* readRows(path: string, table: SnapshotTable, snapshotId: string, key: SnapshotKey, signal?: AbortSignal): AsyncGenerator<SourceRow> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let count = 0;
  for await (const chunk of openSealReader(path, key, blobBinding(table.blob))) {
    if (signal?.aborted) throw new CutoverError('cancelled', 'Reading the snapshot was stopped.');
    hash.update(chunk);
    const text = rest + decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const [line, ...values] = JSON.parse(text.slice(start, end)) as [number, ...(string | null)[]];
      count++;
      yield { line, values };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0 || hash.digest('hex') !== table.sha256 || count !== table.rows) {
    throw new CutoverError(
      'snapshot_tampered',
      `Snapshot ${snapshotId}: table ${table.name} is not what was collected (its content hash or row count no longer matches the manifest). A snapshot must never change: collect the source again.`,
    );
  }
}
