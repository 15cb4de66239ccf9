import type { Database } from '../connectors/database.js';
import type { ReviewAnswer } from '../core/reconcile/index.js';

/** A sign-off as it is recorded: a run, bound to its snapshot and spec, and what stood at that moment. */
export interface NewSignOff {
  readonly runId: number;
  readonly snapshotHash: string;
  readonly specHash: string;
  readonly signedBy: string;
  readonly signedAt: Date;
  readonly recordedBy: string;
  readonly note: string | null;
  readonly verdict: string;
  readonly unexplained: number;
  readonly answers: readonly ReviewAnswer[];
}

/** A sign-off as stored, with its run's environment, and whether it was revoked. */
export interface SignOffRecord extends Omit<NewSignOff, 'signedAt'> {
  readonly id: number;
  readonly env: string;
  readonly signedAt: string;
  readonly revoked: { readonly at: string; readonly by: string; readonly note: string } | null;
}

/** Records a sign-off and returns its number, one more than the last. */
export async function insertSignOff(db: Database, s: NewSignOff): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO cutover.signoff (id, run_id, snapshot_hash, spec_hash, signed_by, signed_at, recorded_by, note, verdict, unexplained, answers)
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM cutover.signoff RETURNING id`,
    [s.runId, s.snapshotHash, s.specHash, s.signedBy, s.signedAt.toISOString(), s.recordedBy, s.note, s.verdict, s.unexplained, JSON.stringify(s.answers)],
  );
  return Number(row!.id);
}

/** Marks a sign-off revoked; it stays in the list. */
export async function markSignOffRevoked(db: Database, id: number, r: { readonly at: Date; readonly by: string; readonly note: string }): Promise<void> {
  await db.query('UPDATE cutover.signoff SET revoked_at = $2, revoked_by = $3, revoke_note = $4 WHERE id = $1', [id, r.at.toISOString(), r.by, r.note]);
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface SignOffRow {
  id: string; run_id: string; env: string; snapshot_hash: string; spec_hash: string; signed_by: string; signed_at: string; recorded_by: string;
  note: string | null; verdict: string; unexplained: number; answers: string; revoked_at: string | null; revoked_by: string | null; revoke_note: string | null;
}

const selectSignOffs = `SELECT s.id, s.run_id, r.env, s.snapshot_hash, s.spec_hash, s.signed_by, ${utc('s.signed_at')} AS signed_at, s.recorded_by, s.note,
  s.verdict, s.unexplained, s.answers, ${utc('s.revoked_at')} AS revoked_at, s.revoked_by, s.revoke_note
  FROM cutover.signoff s JOIN cutover.run r ON r.id = s.run_id`;

function signOffRecord(r: SignOffRow): SignOffRecord {
  return {
    id: Number(r.id), runId: Number(r.run_id), env: r.env, snapshotHash: r.snapshot_hash, specHash: r.spec_hash,
    signedBy: r.signed_by, signedAt: r.signed_at, recordedBy: r.recorded_by, note: r.note, verdict: r.verdict, unexplained: Number(r.unexplained),
    answers: JSON.parse(r.answers) as ReviewAnswer[],
    revoked: r.revoked_at === null ? null : { at: r.revoked_at, by: r.revoked_by ?? '', note: r.revoke_note ?? '' },
  };
}

/** Every sign-off, oldest first. */
export async function readSignOffs(db: Database): Promise<SignOffRecord[]> {
  return (await db.query<SignOffRow>(`${selectSignOffs} ORDER BY s.id`)).map(signOffRecord);
}

/** One sign-off by its number. */
export async function readSignOff(db: Database, id: number): Promise<SignOffRecord | undefined> {
  const [row] = await db.query<SignOffRow>(`${selectSignOffs} WHERE s.id = $1`, [id]);
  return row && signOffRecord(row);
}

/** The sign-off of a run that still stands, if any. */
export async function findStandingSignOff(db: Database, runId: number): Promise<SignOffRecord | undefined> {
  const [row] = await db.query<SignOffRow>(`${selectSignOffs} WHERE s.run_id = $1 AND s.revoked_at IS NULL`, [runId]);
  return row && signOffRecord(row);
}

/** The latest sign-off not revoked, of any run. */
export async function latestStandingSignOff(db: Database): Promise<SignOffRecord | undefined> {
  const [row] = await db.query<SignOffRow>(`${selectSignOffs} WHERE s.revoked_at IS NULL ORDER BY s.id DESC LIMIT 1`);
  return row && signOffRecord(row);
}
