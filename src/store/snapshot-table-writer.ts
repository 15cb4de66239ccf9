import { join } from 'node:path';
import { rowBatches, type SourceTable } from '../connectors/source.js';
import { blobBinding } from './snapshot-manifest.js';
import { createSealWriter, type SnapshotKey } from './sealed/index.js';

const flushAt = 64 * 1024;

/**
 * Streams a source table's rows into a sealed blob, one JSON array a line:
 * `[line, value, value, …]`. Returns the row count and the hash of what was stored.
 */
export async function writeSnapshotTable(
  table: SourceTable,
  dir: string,
  blob: string,
  key: SnapshotKey,
  signal?: AbortSignal,
): Promise<{ rows: number; sha256: string }> {
  const writer = createSealWriter(join(dir, blob), key, blobBinding(blob));
  let rows = 0;
  let buffer: string[] = [];
  let size = 0;
  try {
    for await (const batch of rowBatches(table, signal)) {
      for (const row of batch) {
        const line = JSON.stringify([row.line, ...row.values]);
        buffer.push(line, '\n');
        size += line.length + 1;
      }
      rows += batch.length;
      if (size >= flushAt) {
        await writer.write(buffer.join(''));
        buffer = [];
        size = 0;
      }
    }
    if (size > 0) await writer.write(buffer.join(''));
    const { sha256 } = await writer.finish();
    return { rows, sha256 };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
