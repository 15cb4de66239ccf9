import { quoteIdent, type Database } from '../connectors/database.js';
import { parentLinks, type Spec } from '../core/spec/index.js';

/** Per entity, target id → source key, as a run's key map in the store has it. */
export type RunKeys = Map<string, Map<string, string>>;

/** A run's key map: per entity, each target id and the source key of the row that became it (a survivor's own, not those merged into it). */
export async function runKeys(store: Database, runId: number): Promise<RunKeys> {
  const rows = await store.query<{ entity: string; source_key: string; target_id: string }>(
    'SELECT DISTINCT ON (entity, target_id) entity, source_key, target_id::text AS target_id FROM cutover.key_map WHERE run_id = $1 AND target_id IS NOT NULL ORDER BY entity, target_id, line',
    [runId],
  );
  const keys: RunKeys = new Map();
  for (const r of rows) keys.set(r.entity, (keys.get(r.entity) ?? new Map()).set(r.target_id, r.source_key));
  return keys;
}

/**
 * A run's rows of every table, with each id and each lookup told as the source key it
 * stands for, so two runs that numbered their rows differently compare equal when every
 * row and every reference is the same. Rows the run did not load are left out.
 */
export async function rowsBySourceKey(spec: Spec, keys: RunKeys, db: Database, schema: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const entity of spec.entities) {
    const links = new Map(parentLinks(entity.fields).map((l) => [l.field, l.parent]));
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${quoteIdent(schema)}.${quoteIdent(entity.table)} t`);
    const told: string[] = [];
    for (const { row } of rows) {
      const values = JSON.parse(row) as Record<string, unknown>;
      const own = entity.generateId ? keys.get(entity.name)?.get(String(values['id'])) : undefined;
      if (entity.generateId && own === undefined) continue;
      if (!entity.generateId && [...links].some(([field, parent]) => values[field] !== null && !keys.get(parent)?.has(String(values[field])))) continue;
      const shown: Record<string, unknown> = { ...values, ...(entity.generateId ? { id: own } : {}) };
      for (const [field, parent] of links) {
        if (values[field] !== null) shown[field] = `${parent}:${keys.get(parent)?.get(String(values[field])) ?? `dangling ${String(values[field])}`}`;
      }
      told.push(JSON.stringify(shown));
    }
    out[entity.table] = told.sort();
  }
  return out;
}
