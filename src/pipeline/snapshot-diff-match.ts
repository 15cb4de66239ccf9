import { CutoverError } from '../core/cutover-error.js';
import type { SnapshotManifest, SnapshotTable } from '../store/snapshot-manifest.js';

const sourceList = (m: SnapshotManifest) => m.sources.map((s) => `${s.name} (${s.kind})`).sort().join(', ');
const tableNames = (m: SnapshotManifest) => new Set(m.tables.map((t) => t.name));

/**
 * Checks two snapshots are deliveries of the same sources, and says in words when a
 * source was renamed in cutover.yaml between them (same kinds, and most tables the same).
 */
export function matchSources(from: SnapshotManifest, to: SnapshotManifest): string[] {
  if (sourceList(from) === sourceList(to)) return [];
  const kinds = (m: SnapshotManifest) => m.sources.map((s) => s.kind).sort().join(',');
  const later = tableNames(to);
  const shared = from.tables.filter((t) => later.has(t.name)).length;
  if (kinds(from) === kinds(to) && shared * 2 >= Math.max(from.tables.length, to.tables.length) && from.sources.length === 1 && to.sources.length === 1) {
    return [`The source "${from.sources[0]!.name}" is called "${to.sources[0]!.name}" in the later snapshot: compared as the same source.`];
  }
  throw new CutoverError(
    'snapshots_unrelated',
    `Snapshot ${from.id} was collected from ${sourceList(from)} and snapshot ${to.id} from ${sourceList(to)}: they are not deliveries of the same sources, so they cannot be compared. Compare two snapshots of the same sources (cutover snapshots lists them).`,
  );
}

/** Which table of each snapshot holds the table the spec names: the same name, or one renamed between deliveries (said in words). */
export function matchTable(from: SnapshotManifest, to: SnapshotManifest, name: string): { before: string; after: string; notes: string[] } {
  const before = from.tables.find((t) => t.name === name);
  const after = to.tables.find((t) => t.name === name);
  if (before && after) return { before: name, after: name, notes: [] };
  if (before) {
    const other = renamedAs(before, to.tables.filter((t) => !tableNames(from).has(t.name)));
    if (other) return { before: name, after: other.name, notes: [`${name} is called ${other.name} in the later snapshot: compared as the same table.`] };
    throw missing(to, name, 'later');
  }
  if (after) {
    const other = renamedAs(after, from.tables.filter((t) => !tableNames(to).has(t.name)));
    if (other) return { before: other.name, after: name, notes: [`${name} was called ${other.name} in the earlier snapshot: compared as the same table.`] };
    throw missing(from, name, 'earlier');
  }
  throw new CutoverError(
    'table_missing',
    `Neither snapshot ${from.id} nor ${to.id} has the table ${name} the spec reads (the earlier has: ${[...tableNames(from)].join(', ')}). Check the spec's source names.`,
  );
}

/** The one table among `candidates` that shares at least half its columns with `table`, if exactly one does best. */
function renamedAs(table: SnapshotTable, candidates: readonly SnapshotTable[]): SnapshotTable | undefined {
  const scored = candidates
    .map((t) => ({ t, shared: t.columns.filter((c) => table.columns.includes(c)).length }))
    .filter((s) => s.shared * 2 >= Math.max(table.columns.length, s.t.columns.length))
    .sort((x, y) => y.shared - x.shared);
  if (scored.length === 0 || (scored.length > 1 && scored[1]!.shared === scored[0]!.shared)) return undefined;
  return scored[0]!.t;
}

function missing(m: SnapshotManifest, name: string, side: string): CutoverError {
  return new CutoverError(
    'table_missing',
    `The ${side} snapshot ${m.id} has no table ${name}, nor one renamed from it (it has: ${m.tables.map((t) => t.name).join(', ')}). Collect the missing file again, or name it in the spec.`,
  );
}
