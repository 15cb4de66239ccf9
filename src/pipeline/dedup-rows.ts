import { CutoverError } from '../core/cutover-error.js';
import { dedupColumnIndexes, dedupRowsBuilder, type DedupRows, type DedupSpec } from '../core/dedup/index.js';
import { compileCondition } from '../core/mapping/condition-test.js';
import { conditionColumn, type EntitySpec, type Spec } from '../core/spec/index.js';
import type { SourceRow } from '../core/source-row.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { ProjectSession } from './project-session.js';

/** The entity to deduplicate: the one named, or the only one with a dedup section. */
export function dedupEntity(spec: Spec, name: string | undefined): EntitySpec & { readonly dedup: DedupSpec } {
  const withDedup = spec.entities.filter((e) => e.dedup !== undefined);
  if (name === undefined) {
    if (withDedup.length === 1) return withDedup[0] as EntitySpec & { dedup: DedupSpec };
    throw new CutoverError(
      'dedup_unset',
      withDedup.length === 0
        ? `No entity of the spec ${spec.file} has a dedup section. Run "cutover dedup suggest --entity person" to draft one.`
        : `Several entities of the spec have a dedup section (${withDedup.map((e) => e.name).join(', ')}); name one with --entity.`,
    );
  }
  const entity = spec.entities.find((e) => e.name === name);
  if (entity === undefined) {
    throw new CutoverError('unknown_field', `The spec ${spec.file} has no entity "${name}"; its entities are: ${spec.entities.map((e) => e.name).join(', ')}.`);
  }
  if (entity.dedup === undefined) {
    throw new CutoverError('dedup_unset', `Entity "${name}" has no dedup section in the spec ${spec.file}. Run "cutover dedup suggest --entity ${name}" to draft one.`);
  }
  return entity as EntitySpec & { dedup: DedupSpec };
}

/** The index of a column in a header, trying its other names in turn; -1 when none is there. */
const columnIndex = (header: readonly string[], names: readonly string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;

/**
 * Reads an entity's rows from a snapshot, as a run would take them: rows with a blank
 * key, a key already seen, or matching an exclusion are left out. Each row's source key
 * is its key columns, trimmed, joined by `|`.
 */
export async function readDedupRows(session: ProjectSession, manifest: SnapshotManifest, entity: EntitySpec, dedup: DedupSpec, keepRaw = false): Promise<DedupRows> {
  const source = snapshotTableSource(session.layout, manifest, entity.source, await session.key());
  return collectDedupRows(source, entity, dedup, keepRaw, session.signal);
}

/** The rows of a table as `readDedupRows` takes them, from a table already opened (the mapping thread's). */
export async function collectDedupRows(
  source: { readonly columns: readonly string[]; rowChunks(signal?: AbortSignal): AsyncIterable<readonly SourceRow[]> },
  entity: EntitySpec,
  dedup: DedupSpec,
  keepRaw = false,
  signal?: AbortSignal,
): Promise<DedupRows> {
  const header = source.columns;
  const compared = dedupColumnIndexes(dedup, entity.name, entity.source, header);
  const keyIndexes = entity.key.map((column, part) => columnIndex(header, [column, ...(entity.keyAliases?.[part] ?? [])]));
  const exclusions = entity.exclude
    .map((rule) => ({ index: columnIndex(header, conditionColumn(rule.when)), rule }))
    .filter(({ index }) => index >= 0)
    .map(({ index, rule }) => compileCondition(rule.when, index));
  const builder = dedupRowsBuilder(dedup, keepRaw);
  const seen = new Set<string>();
  const values: string[] = new Array(compared.length);
  let read = 0;
  for await (const chunk of source.rowChunks(signal)) {
    for (const row of chunk) {
      let key = '';
      let blank = false;
      for (let part = 0; part < keyIndexes.length; part += 1) {
        const value = (row.values[keyIndexes[part]!] ?? '').trim();
        if (value === '') blank = true;
        key = part === 0 ? value : `${key}|${value}`;
      }
      if (blank || seen.has(key) || exclusions.some((excluded) => excluded(row.values))) continue;
      seen.add(key);
      for (let i = 0; i < compared.length; i += 1) values[i] = row.values[compared[i]!] ?? '';
      builder.add(key, values);
    }
    read += chunk.length;
    if (signal?.aborted) throw new CutoverError('cancelled', `Reading ${entity.source} for deduplication was stopped after ${read} rows.`);
  }
  return builder.rows;
}
