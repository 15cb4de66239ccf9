import { CutoverError } from '../core/cutover-error.js';
import { compileEntity } from '../core/mapping/index.js';
import type { EntitySpec } from '../core/spec/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import type { SnapshotKey } from '../store/sealed/index.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { ProjectSession } from './project-session.js';

const linesShown = 10;

/**
 * Refuses a later snapshot with a row whose key is blank and which the earlier snapshot
 * did not have as it is: such a row cannot be matched to what the new system holds, so
 * no change can be carried over for it. Rows with a blank key already in the earlier
 * snapshot, unchanged, were not imported then and are not now. Reads both tables once.
 */
export async function refuseNewBlankKeys(session: ProjectSession, from: SnapshotManifest, to: SnapshotManifest, entities: readonly EntitySpec[], key: SnapshotKey): Promise<void> {
  const problems: string[] = [];
  for (const entity of entities) {
    const before = await blankRows(session, from, entity, key);
    const earlier = new Map<string, number>();
    for (const r of before) earlier.set(r.text, (earlier.get(r.text) ?? 0) + 1);
    const lines: number[] = [];
    for (const r of await blankRows(session, to, entity, key)) {
      const left = earlier.get(r.text) ?? 0;
      if (left > 0) earlier.set(r.text, left - 1);
      else lines.push(r.line);
    }
    if (lines.length === 0) continue;
    const shown = lines.slice(0, linesShown).join(', ') + (lines.length > linesShown ? ` and ${lines.length - linesShown} more` : '');
    problems.push(`${entity.source} line${lines.length === 1 ? '' : 's'} ${shown}: the reference (${entity.key.join(', ')}) is blank`);
  }
  if (problems.length === 0) return;
  throw new CutoverError(
    'gap_blank_key',
    `Snapshot ${to.id} has rows without a reference that snapshot ${from.id} did not have, so they cannot be matched to what the new system holds:\n${problems.join('\n')}\n` +
      'Nothing was changed. Have the legacy system give every row its reference, collect again, and carry the gap over from the new snapshot.',
  );
}

async function blankRows(session: ProjectSession, snapshot: SnapshotManifest, entity: EntitySpec, key: SnapshotKey): Promise<{ line: number; text: string }[]> {
  const source = snapshotTableSource(session.layout, snapshot, entity.source, key);
  const compiled = compileEntity(entity, source.columns, source.name);
  const rows: { line: number; text: string }[] = [];
  for await (const row of source.rows(session.signal)) {
    if (compiled.sourceKey(row.values) === null) rows.push({ line: row.line, text: JSON.stringify(row.values) });
  }
  return rows;
}
