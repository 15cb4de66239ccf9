import type { Database } from '../connectors/database.js';

/** The customer's figures for a snapshot, by checklist label, as exact decimal text. */
export async function readCustomerFigures(store: Database, snapshotHash: string): Promise<Map<string, string>> {
  const rows = await store.query<{ label: string; figure: string }>('SELECT label, figure::text AS figure FROM cutover.customer_figure WHERE snapshot_hash = $1', [snapshotHash]);
  return new Map(rows.map((r) => [r.label, r.figure]));
}
