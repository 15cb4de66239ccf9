import { compileEntity, displayKey, type MappingContext } from '../core/mapping/index.js';
import { columnRole, emailText, nameTokens, postcodeText, wordGrams, type ColumnRole } from '../core/review/record-terms.js';
import { loadOrder, parentLinks, type EntitySpec } from '../core/spec/index.js';
import { readKeptOutEntries } from '../store/ledger-records.js';
import { recordIndexBuilt, writeRecordIndex, type IndexBatch, type IndexedRecord } from '../store/record-index-records.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import type { ProjectSession } from './project-session.js';
import { runInputs } from './run-inputs.js';

// a parent's key passes through as it is: the index links rows by source key, not by id
const keysAsIds: MappingContext = { lookup: (_entity, key) => key };

const BATCH = 5000;

/** Which columns of an entity's table name, place and reach a record, by their roles. */
function columnRoles(entity: EntitySpec, columns: readonly string[]): ColumnRole[] {
  return columns.map((column) => {
    const field = entity.fields.find((f) => f.from === column || f.fromAliases?.includes(column));
    return columnRole(column, field?.name);
  });
}

/** A record's label: its names, else its address and postcode; blank when it has neither. */
function labelOf(values: readonly (string | null)[], roles: readonly ColumnRole[]): string {
  const pick = (wanted: ColumnRole[]) => roles.flatMap((r, i) => (wanted.includes(r) && values[i]?.trim() ? [values[i]!.trim().replace(/\s+/g, ' ')] : []));
  const names = pick(['name']);
  if (names.length > 0) return names.join(' ');
  return pick(['address', 'postcode']).join(', ');
}

/**
 * Builds the run's record index from its snapshot, unless it is built already: every
 * source row of every entity with its reference, label, postcode, e-mail, the words of its
 * names and the parents it looks up. One pass over the snapshot, once per run.
 */
export async function ensureRecordIndex(session: ProjectSession, runId: number): Promise<void> {
  const { db } = await session.store();
  if (await recordIndexBuilt(db, runId)) return;
  // two searches at once in one process (the review app) build it once
  const id = `${session.layout.databaseDir}\u001f${runId}`;
  let building = inProgress.get(id);
  if (building === undefined) {
    building = buildRecordIndex(session, runId).finally(() => inProgress.delete(id));
    inProgress.set(id, building);
  }
  await building;
}

const inProgress = new Map<string, Promise<void>>();

async function buildRecordIndex(session: ProjectSession, runId: number): Promise<void> {
  const { db } = await session.store();
  if (await recordIndexBuilt(db, runId)) return;
  const { spec, snapshot } = await runInputs(session, runId);
  const key = await session.key();
  // people erased on request, and rows past their retention, are not to be found in review either
  const keptOut = new Set((await readKeptOutEntries(db, runId)).map((e) => `${e.entity}\u0000${e.sourceKey}`));
  await writeRecordIndex(db, runId, session.clock(), async (add) => {
    const vocabulary = new Set<string>();
    let n = 0;
    for (const entity of loadOrder(spec)) {
      const table = snapshotTableSource(session.layout, snapshot, entity.source, key);
      const compiled = compileEntity(entity, table.columns, table.name);
      const roles = columnRoles(entity, table.columns);
      const links = parentLinks(entity.fields);
      let batch: { records: IndexedRecord[]; words: [string, number][]; links: [string, string, number][] } = { records: [], words: [], links: [] };
      for await (const chunk of table.rowChunks(session.signal)) {
        for (const row of chunk) {
          const sourceKey = compiled.sourceKey(row.values);
          if (sourceKey !== null && keptOut.has(`${entity.name}\u0000${sourceKey}`)) continue;
          n += 1;
          const ref = sourceKey === null ? `line ${row.line}` : displayKey(sourceKey);
          let postcode: string | null = null;
          let email: string | null = null;
          const words = new Set<string>();
          roles.forEach((role, i) => {
            const value = row.values[i]?.trim();
            if (!value) return;
            if (role === 'postcode') postcode ??= postcodeText(value);
            else if (role === 'email') email ??= emailText(value);
            else if (role === 'name') for (const w of nameTokens(value)) words.add(w);
          });
          batch.records.push({ n, entity: entity.name, sourceKey, ref, line: row.line, label: labelOf(row.values, roles) || ref, postcode, email });
          for (const w of words) {
            batch.words.push([w, n]);
            vocabulary.add(w);
          }
          for (const link of links) {
            const parentKey = compiled.evaluate(link.field, row.values, keysAsIds);
            if (parentKey.ok && parentKey.value !== null && parentKey.value !== '') batch.links.push([link.parent, parentKey.value, n]);
          }
        }
        if (batch.records.length >= BATCH) {
          await add(batch as IndexBatch);
          batch = { records: [], words: [], links: [] };
        }
      }
      if (batch.records.length > 0) await add(batch as IndexBatch);
    }
    const grams: [string, string][] = [];
    for (const word of vocabulary) for (const gram of wordGrams(word)) grams.push([gram, word]);
    return { grams };
  });
}
