import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { SourceTable } from '../connectors/source.js';
import { CutoverError } from '../core/cutover-error.js';
import { nullMarkersOf, readNullMarkers } from '../core/null-markers.js';
import type { SourceRow } from '../core/source-row.js';
import { snapshotLineFormat, type SnapshotLineFormat } from './snapshot-line.js';
import { blobBinding, type SnapshotManifest, type SnapshotTable } from './snapshot-manifest.js';
import type { ProjectLayout } from './project-layout.js';
import { openSealReader, type SnapshotKey } from './sealed/index.js';
import { snapshotDir } from './snapshot-store.js';

/**
 * A table of a stored snapshot as a source: rows are decrypted, checked and read back
 * as they were collected. Every read re-hashes what it reads and fails at the end if
 * the content differs from the manifest, so no run uses a tampered snapshot. `opened`
 * hears the blob's name each time a read opens it.
 */
export function snapshotTableSource(
  layout: ProjectLayout,
  manifest: SnapshotManifest,
  name: string,
  key: SnapshotKey,
  opened?: (blob: string) => void,
): SnapshotTableSource {
  const table = manifest.tables.find((t) => t.name === name);
  if (!table) {
    throw new CutoverError('table_missing', `Snapshot ${manifest.id} has no table "${name}" (it has: ${manifest.tables.map((t) => t.name).join(', ')}).`);
  }
  const path = join(snapshotDir(layout, manifest.id), table.blob);
  const tampered = () => tamperedTable(manifest.id, table.name);
  const read = (signal?: AbortSignal) => verifiedLines(path, table, key, tampered, rowsOfLines(table, tampered), signal, opened);
  return {
    name: table.name,
    columns: table.columns,
    types: table.types,
    details: table.details,
    rows: async function* (signal) {
      for await (const chunk of read(signal)) yield* chunk;
    },
    rowChunks: read,
    lineChunks: (signal) => verifiedLines(path, table, key, tampered, (lines) => lines.split('\n'), signal, opened, 'latin1'),
    lineFormat: snapshotLineFormat(nullMarkersOf(table.details), tampered),
    close: async () => {},
  };
}

/** A snapshot table, which can also hand its rows over a few hundred at a time: far fewer awaits for a hot loop. */
export interface SnapshotTableSource extends SourceTable {
  rowChunks(signal?: AbortSignal): AsyncIterable<readonly SourceRow[]>;
  /** The stored lines undecoded, as byte strings (a character a byte), a few hundred at a time, checked like `rowChunks`; `lineFormat` reads them. */
  lineChunks(signal?: AbortSignal): AsyncIterable<readonly string[]>;
  readonly lineFormat: SnapshotLineFormat;
}

function tamperedTable(snapshotId: string, table: string): CutoverError {
  return new CutoverError(
    'snapshot_tampered',
    `Snapshot ${snapshotId}: table ${table} is not what was collected (its content hash or row count no longer matches the manifest). A snapshot must never change: collect the source again.`,
  );
}

/** Reads whole lines (joined by newlines) as rows: the rows `rowChunks` hands out. */
function rowsOfLines(table: SnapshotTable, tampered: () => CutoverError): (lines: string) => SourceRow[] {
  // rows are kept as delivered; the file's null markers are read as empty here, for every reader alike
  const nulls = readNullMarkers(nullMarkersOf(table.details));
  return (lines) => {
    // one JSON array per line, never a raw newline inside: the whole chunk parses in one call
    let records: (number | string | null)[][];
    try {
      records = JSON.parse(`[${lines.replaceAll('\n', ',')}]`) as (number | string | null)[][];
    } catch {
      // collect wrote every line; one that does not parse was written by someone else
      throw tampered();
    }
    // shift the line off in place rather than copy every row's values
    return records.map((values) => {
      const line = values.shift() as number;
      return { line, values: nulls === undefined ? (values as (string | null)[]) : nulls(values as (string | null)[]) };
    });
  };
}

/**
 * The table's lines, decrypted and hashed as read, read by `read` a run of whole lines
 * at a time (joined by newlines, the last newline left off); fails at the end when the
 * hash or the row count differs from the manifest. In `latin1` the lines are byte
 * strings, a character a byte: no UTF-8 decoding, and a newline byte is never part of a
 * longer character.
 */
async function* verifiedLines<T>(
  path: string,
  table: SnapshotTable,
  key: SnapshotKey,
  tampered: () => CutoverError,
  read: (lines: string) => T[],
  signal?: AbortSignal,
  opened?: (blob: string) => void,
  encoding: 'utf8' | 'latin1' = 'utf8',
): AsyncGenerator<T[]> {
  opened?.(table.blob);
  const hash = createHash('sha256');
  const decoder = new StringDecoder(encoding);
  let rest = '';
  let count = 0;
  for await (const chunk of openSealReader(path, key, blobBinding(table.blob))) {
    if (signal?.aborted) throw new CutoverError('cancelled', 'Reading the snapshot was stopped.');
    hash.update(chunk);
    const text = rest + decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    const rows = read(text.slice(0, end));
    count += rows.length;
    yield rows;
  }
  if (rest.length > 0 || hash.digest('hex') !== table.sha256 || count !== table.rows) throw tampered();
}
