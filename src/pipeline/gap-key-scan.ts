import { CutoverError } from '../core/cutover-error.js';
import { compileEntity } from '../core/mapping/index.js';
import type { EntitySpec } from '../core/spec/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { KeyTable } from '../core/key-table.js';
import type { ProjectSession } from './project-session.js';

const linesShown = 10;

/** Per key used more than once in a snapshot's table, the line of its first row: the one a run loads. */
export type RepeatedKeys = ReadonlyMap<string, number>;

/** The repeated keys of an entity's table in both snapshots: a change to a repeat is no change to the row the key loaded. */
export interface KeyScan {
  readonly before: RepeatedKeys;
  readonly after: RepeatedKeys;
}

/**
 * Reads each entity's table in both snapshots once, for its keys. Refuses a later
 * snapshot with a row whose key is blank and which the earlier snapshot did not have as
 * it is: such a row cannot be matched to what the new system holds. Rows with a blank
 * key already in the earlier snapshot, unchanged, were not imported then and are not now.
 * Returns the keys each side repeats.
 */
export async function scanKeys(session: ProjectSession, from: SnapshotManifest, to: SnapshotManifest, entities: readonly EntitySpec[], key: SnapshotKey): Promise<Map<string, KeyScan>> {
  const problems: string[] = [];
  const scans = new Map<string, KeyScan>();
  for (const entity of entities) {
    const before = await readKeys(session, from, entity, key);
    const after = await readKeys(session, to, entity, key);
    scans.set(entity.name, { before: before.repeated, after: after.repeated });
    const earlier = new Map<string, number>();
    for (const r of before.blank) earlier.set(r.text, (earlier.get(r.text) ?? 0) + 1);
    const lines: number[] = [];
    for (const r of after.blank) {
      const left = earlier.get(r.text) ?? 0;
      if (left > 0) earlier.set(r.text, left - 1);
      else lines.push(r.line);
    }
    if (lines.length === 0) continue;
    const shown = lines.slice(0, linesShown).join(', ') + (lines.length > linesShown ? ` and ${lines.length - linesShown} more` : '');
    problems.push(`${entity.source} line${lines.length === 1 ? '' : 's'} ${shown}: the reference (${entity.key.join(', ')}) is blank`);
  }
  if (problems.length === 0) return scans;
  throw new CutoverError(
    'gap_blank_key',
    `Snapshot ${to.id} has rows without a reference that snapshot ${from.id} did not have, so they cannot be matched to what the new system holds:\n${problems.join('\n')}\n` +
      'Nothing was changed. Have the legacy system give every row its reference, collect again, and carry the gap over from the new snapshot.',
  );
}

async function readKeys(session: ProjectSession, snapshot: SnapshotManifest, entity: EntitySpec, key: SnapshotKey): Promise<{ blank: { line: number; text: string }[]; repeated: Map<string, number> }> {
  const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
  const compiled = compileEntity(entity, source.columns, source.name);
  const blank: { line: number; text: string }[] = [];
  const repeated = new Map<string, number>();
  const seen = new KeyTable();
  for await (const row of source.rows(session.signal)) {
    const k = compiled.sourceKey(row.values);
    if (k === null) {
      blank.push({ line: row.line, text: JSON.stringify(row.values) });
      continue;
    }
    const first = seen.get(k);
    if (first === undefined || first === null) seen.set(k, row.line);
    else if (!repeated.has(k)) repeated.set(k, first);
  }
  return { blank, repeated };
}
