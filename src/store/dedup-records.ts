import type { Database } from '../connectors/database.js';

/** A ruling on two rows, by their source keys. */
export interface DedupRulingRecord {
  readonly a: string;
  readonly b: string;
  readonly ruling: 'accept' | 'reject' | 'force';
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** Records a ruling on two rows, replacing an earlier one on the same pair; the keys are stored in order. */
export async function saveDedupRuling(db: Database, entity: string, r: { a: string; b: string; ruling: DedupRulingRecord['ruling']; by: string; at: Date }): Promise<void> {
  const [a, b] = r.a < r.b ? [r.a, r.b] : [r.b, r.a];
  await db.query(
    `INSERT INTO cutover.dedup_ruling (entity, a, b, ruling, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (entity, a, b) DO UPDATE SET ruling = excluded.ruling, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    [entity, a, b, r.ruling, r.by, r.at.toISOString()],
  );
}

/** Every ruling on rows of an entity, in key order. */
export async function readDedupRulings(db: Database, entity: string): Promise<DedupRulingRecord[]> {
  const rows = await db.query<{ a: string; b: string; ruling: DedupRulingRecord['ruling']; decided_by: string; decided_at: string }>(
    `SELECT a, b, ruling, decided_by, to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS decided_at
       FROM cutover.dedup_ruling WHERE entity = $1 ORDER BY a, b`,
    [entity],
  );
  return rows.map((r) => ({ a: r.a, b: r.b, ruling: r.ruling, decidedBy: r.decided_by, decidedAt: r.decided_at }));
}

/** The cluster id each row of an entity was last proposed in. */
export async function readDedupMembers(db: Database, entity: string): Promise<Map<string, string>> {
  const rows = await db.query<{ member: string; cluster_id: string }>('SELECT member, cluster_id FROM cutover.dedup_member WHERE entity = $1', [entity]);
  return new Map(rows.map((r) => [r.member, r.cluster_id]));
}

/**
 * Remembers the clusters just proposed. Rows not in any cluster now keep their earlier
 * id, so a cluster that leaves a snapshot for a while comes back under its id.
 */
export async function saveDedupMembers(db: Database, entity: string, clusters: readonly { readonly id: string; readonly members: readonly string[] }[]): Promise<void> {
  const members = clusters.flatMap((c) => c.members);
  const ids = clusters.flatMap((c) => c.members.map(() => c.id));
  await db.query(
    `INSERT INTO cutover.dedup_member (entity, member, cluster_id)
     SELECT $1, m, c FROM unnest($2::text[], $3::text[]) AS t(m, c)
     ON CONFLICT (entity, member) DO UPDATE SET cluster_id = excluded.cluster_id`,
    [entity, pgArray(members), pgArray(ids)],
  );
}

/** A text array literal for PostgreSQL, each element quoted. */
function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
