import type { Database } from '../connectors/database.js';
import { quoteIdent, quoteQualified } from '../connectors/database.js';
import type { LedgerEntry } from '../core/ledger.js';
import { mergeKeyOf } from '../core/mapping/index.js';
import { readEntityLedger, readKeyMapPages, type GapChange } from '../store/gap-records.js';
import type { GapTable } from './gap-writes.js';
import { KeyTable } from '../core/key-table.js';

/**
 * What an environment holds of one entity, by source key, as a gap migration goes: the
 * target ids of the run that loaded it (merged keys pointing at their survivor), its
 * ledger, and the gap's own changes so far.
 */
export class EntityKeys {
  readonly ids = new KeyTable();
  /** keys merged into another row: they have no target row of their own */
  readonly merged = new Set<string>();
  /** per key, what the loading run's ledger says of it (not the repeats of a key) */
  readonly ledger = new Map<string, LedgerEntry>();
  /** this gap's changes, in order */
  readonly changes: GapChange[] = [];
  /** keys a full run of the later snapshot would not load, though the environment held them */
  readonly gone = new Set<string>();
  private readonly survivors = new Map<string, { id: number | null; key: string }>();

  /** The target row a key has of its own, if any. */
  ownId(key: string): number | null | undefined {
    return this.merged.has(key) ? undefined : this.ids.get(key);
  }

  /** The id a child's lookup finds, as the key map of a full run of the later snapshot would give it. */
  lookup(key: string): string | undefined {
    const id = this.ids.get(key);
    return id === undefined || id === null ? undefined : String(id);
  }

  /** The row a new row with this merge key merges into. */
  survivor(mergeKey: string): { id: number | null; key: string } | undefined {
    return this.survivors.get(mergeKey);
  }

  /** Reads the merge fields of the entity's rows in the target, so new rows merge into them as a full run would. */
  async readSurvivors(db: Database, t: GapTable, on: readonly string[]): Promise<void> {
    const byId = new Map<number, string>();
    for (const [key, id] of this.ids.entries()) if (id !== null && !this.merged.has(key)) byId.set(id, key);
    const ids = [...byId.keys()].sort((a, b) => a - b);
    const indexes = on.map((_, i) => i);
    for (let i = 0; i < ids.length; i += 10_000) {
      const rows = await db.query<Record<string, string | null>>(
        `SELECT id::text AS id, ${on.map((f, n) => `${quoteIdent(f)}::text AS f${n}`).join(', ')} FROM ${quoteQualified(t.table)} WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [`{${ids.slice(i, i + 10_000).join(',')}}`],
      );
      for (const r of rows) {
        const mergeKey = mergeKeyOf(on.map((_, n) => r[`f${n}`] ?? null), indexes);
        const id = Number(r['id']);
        if (mergeKey !== null && !this.survivors.has(mergeKey)) this.survivors.set(mergeKey, { id, key: byId.get(id)! });
      }
    }
  }

  /** Takes in a change once written: ids of inserted rows, and keys a full run of the later snapshot would not find. */
  applied(c: GapChange, mergeKey: string | null): void {
    this.changes.push(c);
    switch (c.action) {
      case 'inserted':
        this.ids.set(c.sourceKey, c.targetId);
        this.merged.delete(c.sourceKey);
        if (mergeKey !== null && !this.survivors.has(mergeKey)) this.survivors.set(mergeKey, { id: c.targetId, key: c.sourceKey });
        return;
      case 'merged':
        this.ids.set(c.sourceKey, c.targetId);
        this.merged.add(c.sourceKey);
        return;
      case 'updated':
        return;
      default:
        // deleted at the source, or no longer loaded: children no longer find it
        this.ids.delete(c.sourceKey);
        this.gone.add(c.sourceKey);
    }
  }
}

/** What the run that loaded the environment holds of an entity, with the changes an interrupted attempt of this gap made. */
export async function loadEntityKeys(store: Database, heldRun: number, entity: string, done: readonly GapChange[]): Promise<EntityKeys> {
  const keys = new EntityKeys();
  await readKeyMapPages(store, heldRun, entity, (sourceKeys, ids) => sourceKeys.forEach((k, i) => keys.ids.set(k, ids[i] ?? null)));
  for (const entry of await readEntityLedger(store, heldRun, entity)) {
    if (entry.sourceKey === null || entry.reason === 'duplicate_key' || keys.ledger.has(entry.sourceKey)) continue;
    keys.ledger.set(entry.sourceKey, entry);
    if (entry.outcome === 'merged') keys.merged.add(entry.sourceKey);
  }
  for (const c of done) keys.applied(c, null);
  return keys;
}
