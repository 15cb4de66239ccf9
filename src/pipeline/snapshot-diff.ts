import { join } from 'node:path';
import { DiffTally, mergeSortedSides, pairColumns, type RowChange, type TableDiffSummary } from '../core/diff/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { verifyManifest } from '../store/snapshot-verify.js';
import type { ProjectSession } from './project-session.js';
import { readProjectSpec } from './project-files.js';
import { keyedLines, lineReading, lineSpill, type BlankKeys } from './snapshot-diff-lines.js';
import { matchSources, matchTable } from './snapshot-diff-match.js';
import { mergeInKeyOrder, storedChanges } from './snapshot-diff-presorted.js';
import { defaultSortBudget, sortByKey, spillArea } from './snapshot-diff-sort.js';

export type { KeyedRow, RowChange, TableDiffSummary } from '../core/diff/index.js';

/** One table to compare: its name in the spec, its key columns, and the other names the spec allows them. */
export interface DiffPlanTable {
  readonly table: string;
  readonly keyColumns: readonly string[];
  /** per key column, the other names it may have in a delivery (the spec's key aliases) */
  readonly keyAliases?: readonly (readonly string[])[];
  /** groups of names the spec reads as one column (a field's `from` list) */
  readonly aliasGroups?: readonly (readonly string[])[];
}

/** Which tables to compare and by which key columns: from the spec's entities (source table + key). */
export interface DiffPlan {
  readonly tables: readonly DiffPlanTable[];
}

/** How a comparison may use memory. */
export interface DiffOptions {
  /** bytes of rows each side holds in memory before it spills sorted runs to disk */
  readonly sortBudget?: number;
}

/** The whole comparison of two snapshots, table by table. */
export interface SnapshotDiff {
  readonly from: string;
  readonly to: string;
  readonly tables: TableDiffSummary[];
}

/** The tables the spec's entities read, each once, with the key it identifies rows by. */
export async function diffPlanFromSpec(session: ProjectSession): Promise<DiffPlan> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const tables: DiffPlanTable[] = [];
  for (const entity of spec.entities) {
    if (tables.some((t) => t.table === entity.source)) continue;
    const aliasGroups = entity.fields.filter((f) => f.from !== undefined && (f.fromAliases?.length ?? 0) > 0).map((f) => [f.from!, ...f.fromAliases!]);
    tables.push({
      table: entity.source,
      keyColumns: entity.key,
      ...(entity.keyAliases ? { keyAliases: entity.keyAliases } : {}),
      ...(aliasGroups.length > 0 ? { aliasGroups } : {}),
    });
  }
  return { tables };
}

/**
 * Streams one table's changes in key order (both snapshots verified first), unchanged
 * rows not emitted. When both sides come in key order they are merge-joined as they are
 * read; otherwise both are first sorted by key in bounded memory (sorted runs spill to
 * `.cutover/tmp`, owner-only, removed afterwards). `onSummary` hears the counts once the
 * last change is out. The same two snapshots always give the same changes in the same order.
 */
export async function* diffTable(
  session: ProjectSession,
  from: SnapshotManifest,
  to: SnapshotManifest,
  table: DiffPlanTable,
  onSummary?: (s: TableDiffSummary) => void,
  options: DiffOptions = {},
): AsyncGenerator<RowChange> {
  const key = await session.key();
  const sourceNotes = matchSources(from, to);
  const names = matchTable(from, to, table.table);
  await verifyManifest(session.layout, from, key, [names.before]);
  await verifyManifest(session.layout, to, key, [names.after]);
  const a = snapshotTableSource(session.layout, from, names.before, key);
  const b = snapshotTableSource(session.layout, to, names.after, key);
  const pairing = pairColumns({ table: table.table, before: a.columns, after: b.columns, keyColumns: table.keyColumns, keyAliases: table.keyAliases, aliasGroups: table.aliasGroups });
  const spill = spillArea(session.layout.stateDir);
  const budget = options.sortBudget ?? defaultSortBudget;
  const reading = lineReading(a, b, pairing.pairs);
  const blank = (): BlankKeys => ({ count: 0, lines: [] });
  try {
    // most tables come in key order: merged straight from both snapshots, else sorted first
    let tally = new DiffTally(table.table, table.keyColumns);
    let blankBefore = blank();
    let blankAfter = blank();
    const stored = join(await spill.dir(), 'changes.ndjson');
    if (await mergeInKeyOrder(keyedLines(a, pairing.keyBefore, blankBefore, session.signal), keyedLines(b, pairing.keyAfter, blankAfter, session.signal), pairing.pairs, tally, reading, stored)) {
      yield* storedChanges(stored);
    } else {
      tally = new DiffTally(table.table, table.keyColumns);
      blankBefore = blank();
      blankAfter = blank();
      const before = await sortByKey(keyedLines(a, pairing.keyBefore, blankBefore, session.signal), budget, async (n) => join(await spill.dir(), `before-${n}.ndjson`), lineSpill(a, pairing.keyBefore), session.signal);
      const after = await sortByKey(keyedLines(b, pairing.keyAfter, blankAfter, session.signal), budget, async (n) => join(await spill.dir(), `after-${n}.ndjson`), lineSpill(b, pairing.keyAfter), session.signal);
      yield* mergeSortedSides(before.chunks(), after.chunks(), pairing.pairs, tally, reading);
    }
    // every row of a side ends unchanged, changed, deleted (or new) or with a blank key
    tally.rowsBefore = tally.unchanged + tally.changed + tally.deleted + blankBefore.count;
    tally.rowsAfter = tally.unchanged + tally.changed + tally.added + blankAfter.count;
    tally.blankKeys = blankAfter.count;
    tally.notes.push(...sourceNotes, ...names.notes, ...pairing.notes);
    const keyName = table.keyColumns.join(' / ');
    if (blankBefore.count > 0) tally.notes.push(`${rowCount(blankBefore.count)} of ${table.table} in the earlier snapshot ${blankBefore.count === 1 ? 'has' : 'have'} a blank ${keyName} and ${blankBefore.count === 1 ? 'is' : 'are'} not compared (${lineList(blankBefore)}).`);
    if (blankAfter.count > 0) tally.notes.push(`${rowCount(blankAfter.count)} of ${table.table} in the later snapshot ${blankAfter.count === 1 ? 'has' : 'have'} a blank ${keyName}, so a gap cannot carry ${blankAfter.count === 1 ? 'it' : 'them'} over (${lineList(blankAfter)}): give ${blankAfter.count === 1 ? 'it a key' : 'them keys'} in the legacy system.`);
    if (tally.repeatedKeys > 0) {
      tally.notes.push(`${tally.repeatedKeys.toLocaleString('en-GB')} ${keyName} value${tally.repeatedKeys === 1 ? ' is' : 's are'} given to more than one row of ${table.table}: rows alike in both snapshots are matched first, the rest in the order they came.`);
    }
    onSummary?.(tally.summary());
  } finally {
    await spill.remove();
  }
}

/** The whole comparison, for `cutover diff`: every table the spec reads, from the earlier snapshot to the later. */
export async function diffSnapshots(session: ProjectSession, fromId: string, toId: string, options: DiffOptions = {}): Promise<SnapshotDiff> {
  const from = await readSnapshot(session.layout, fromId);
  const to = await readSnapshot(session.layout, toId);
  matchSources(from, to);
  const plan = await diffPlanFromSpec(session);
  const tables: TableDiffSummary[] = [];
  for (const table of plan.tables) {
    let summary: TableDiffSummary | undefined;
    for await (const _ of diffTable(session, from, to, table, (s) => (summary = s), options)) {
      // the summary counts every change; the command shows counts only
    }
    tables.push(summary!);
  }
  // comparing reads every personal value of both snapshots: an action worth the audit log
  await session.audit('snapshot.diffed', `${from.id}..${to.id}`, { from: from.id, to: to.id, tables: tables.map((t) => ({ table: t.table, added: t.added, changed: t.changed, deleted: t.deleted })) });
  return { from: from.id, to: to.id, tables };
}

const rowCount = (n: number) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;

function lineList(blank: BlankKeys): string {
  const more = blank.count - blank.lines.length;
  return `line${blank.count === 1 ? '' : 's'} ${blank.lines.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-GB')} more` : ''}`;
}
