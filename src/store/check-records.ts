import type { Database } from '../connectors/database.js';
import type { CheckSummary } from '../core/contract/index.js';

/** An intake check of a snapshot as recorded: when, against which contract, and its problems that must be fixed, per file and kind. */
export interface RecordedCheck {
  readonly snapshotId: string;
  readonly checkedAt: string;
  readonly contract: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly errorKinds: readonly { readonly file: string; readonly code: string; readonly count: number }[];
}

/** Records the outcome of a snapshot's intake check, so later steps (the quality gate) can compare deliveries. */
export async function recordCheck(db: Database, snapshotId: string, at: Date, contract: string | null, summary: CheckSummary): Promise<void> {
  const errorKinds = summary.kinds.filter((k) => k.severity === 'error').map((k) => ({ file: k.file, code: k.code, count: k.count }));
  await db.query(
    'INSERT INTO cutover.intake_check (snapshot_id, checked_at, contract, errors, warnings, error_kinds) VALUES ($1, $2, $3, $4, $5, $6)',
    [snapshotId, at.toISOString(), contract, summary.errors, summary.warnings, JSON.stringify(errorKinds)],
  );
}

/** The latest intake check of a snapshot, or undefined when it was never checked. */
export async function latestCheck(db: Database, snapshotId: string): Promise<RecordedCheck | undefined> {
  const [row] = await db.query<{ checked_at: string; contract: string | null; errors: string; warnings: string; error_kinds: string }>(
    `SELECT to_char(checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS checked_at, contract, errors, warnings, error_kinds
       FROM cutover.intake_check WHERE snapshot_id = $1 ORDER BY checked_at DESC LIMIT 1`,
    [snapshotId],
  );
  return row && {
    snapshotId, checkedAt: row.checked_at, contract: row.contract, errors: Number(row.errors), warnings: Number(row.warnings),
    errorKinds: JSON.parse(row.error_kinds) as RecordedCheck['errorKinds'],
  };
}
