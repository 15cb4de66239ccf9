import { fingerprintKind, fingerprintLength, type FingerprintKind } from '../core/reconcile/row-fingerprint.js';
import { quoteIdent, type Database, type QualifiedName } from './database.js';

/** A target column as a fingerprint reads it. */
export interface FingerprintColumn {
  readonly name: string;
  readonly kind: FingerprintKind;
}

/**
 * The kinds of `columns` of a table, from the database's catalog, in the order given; a
 * column the table lacks is read as text (the load would have failed on it anyway).
 */
export async function fingerprintKinds(db: Database, table: QualifiedName, columns: readonly string[]): Promise<FingerprintKind[]> {
  const rows = await db.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [table.schema, table.table],
  );
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  return columns.map((c) => fingerprintKind(types.get(c) ?? 'text'));
}

/**
 * The SQL expression giving the fingerprint of a row of `alias`, over `columns`: what
 * `rowFingerprint` gives for the values the row was loaded with. Each value is put in
 * the same form (`canonicalValue`) without regard to the session's DateStyle or time zone.
 */
export function fingerprintSql(columns: readonly FingerprintColumn[], alias: string): string {
  const parts = columns.map((c) => {
    const column = `${alias}.${quoteIdent(c.name)}`;
    return `CASE WHEN ${column} IS NULL THEN '\\N' ELSE replace(replace(${canonicalSql(c.kind, column)}, '\\', '\\\\'), '|', '\\|') END`;
  });
  return `left(md5(${parts.length === 0 ? "''" : parts.join(" || '|' || ")}), ${fingerprintLength})`;
}

/** One column's value in its canonical form, as text (never null for a value that is not). */
function canonicalSql(kind: FingerprintKind, column: string): string {
  const era = `CASE WHEN ${column} < '0001-01-01' THEN ' BC' ELSE '' END`;
  switch (kind) {
    case 'number': return `trim_scale(${column}::numeric)::text`;
    case 'date': return `coalesce(to_char(${column}, 'YYYY-MM-DD') || ${era}, ${column}::text)`;
    case 'timestamp': return `coalesce(to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US') || ${era}, ${column}::text)`;
    case 'timestamptz': return `coalesce(to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || CASE WHEN ${column} AT TIME ZONE 'UTC' < '0001-01-01' THEN ' BC' ELSE '' END, ${column}::text)`;
    default: return `${column}::text`;
  }
}
