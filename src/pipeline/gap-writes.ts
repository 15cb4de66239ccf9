import { quoteIdent, quoteQualified, type Database, type QualifiedName } from '../connectors/database.js';

/** One write a gap makes in a target table, by target id. */
export type GapWrite =
  | { readonly kind: 'insert'; readonly id: number | null; readonly values: readonly (string | null)[] }
  | { readonly kind: 'update'; readonly id: number; readonly values: readonly (string | null)[] }
  | { readonly kind: 'delete'; readonly id: number }
  | { readonly kind: 'mark'; readonly id: number; readonly column: string; readonly value: string };

/** Where a gap writes: the table and the fields the spec writes, in spec order. */
export interface GapTable {
  readonly table: QualifiedName;
  readonly fields: readonly string[];
  readonly generateId: boolean;
}

/**
 * Makes the writes inside `tx`, in order; returns, by index, why the target refused a
 * write. With `careful`, each write goes in a savepoint so a refused one is rolled back
 * alone; without, a refused write fails the whole transaction (the caller tries again carefully).
 */
export async function makeWrites(tx: Database, t: GapTable, writes: readonly GapWrite[], careful: boolean): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const q = quoteQualified(t.table);
  const insertColumns = [...(t.generateId ? ['id'] : []), ...t.fields];
  const insertSql = `INSERT INTO ${q} (${insertColumns.map(quoteIdent).join(', ')}) VALUES (${insertColumns.map((_, i) => `$${i + 1}`).join(', ')})`;
  const updateSql = `UPDATE ${q} SET ${t.fields.map((f, i) => `${quoteIdent(f)} = $${i + 2}`).join(', ')} WHERE id = $1`;
  for (const [i, w] of writes.entries()) {
    const write = async () => {
      if (w.kind === 'insert') await tx.query(insertSql, t.generateId ? [w.id, ...w.values] : [...w.values]);
      else if (w.kind === 'update') await tx.query(updateSql, [w.id, ...w.values]);
      else if (w.kind === 'delete') await tx.query(`DELETE FROM ${q} WHERE id = $1`, [w.id]);
      else await tx.query(`UPDATE ${q} SET ${quoteIdent(w.column)} = $2 WHERE id = $1`, [w.id, w.value]);
    };
    if (!careful) {
      await write();
      continue;
    }
    await tx.exec('SAVEPOINT cutover_gap');
    try {
      await write();
      await tx.exec('RELEASE SAVEPOINT cutover_gap');
    } catch (error) {
      if (!isRowError(error)) throw error;
      await tx.exec('ROLLBACK TO SAVEPOINT cutover_gap');
      refused.set(i, (error as Error).message);
    }
  }
  return refused;
}

/** A data or integrity error (SQLSTATE class 22 or 23) is the row's fault, not the run's. */
export function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
