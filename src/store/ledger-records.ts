import type { Database } from '../connectors/database.js';
import type { LedgerEntry, LedgerOutcome } from '../core/ledger.js';
import { runEntityNames } from './run-records.js';

const pageSize = 5000;

type LedgerRow = { file: string; line: string; source_key: string | null; outcome: LedgerOutcome; reason: string; field: string | null; value: string | null; message: string; survivor_key: string | null };

const entryOf = (entity: string, r: LedgerRow): LedgerEntry => ({
  entity, file: r.file, line: Number(r.line), sourceKey: r.source_key, outcome: r.outcome, reason: r.reason,
  field: r.field, value: r.value, message: r.message, survivorKey: r.survivor_key,
});

/**
 * Streams a run's ledger, entity by entity in load order and by line within each, a page
 * at a time so a large ledger never sits in memory.
 */
export async function* readLedger(db: Database, runId: number): AsyncGenerator<LedgerEntry> {
  for (const entity of await runEntityNames(db, runId)) {
    let after = 0;
    for (;;) {
      const page = await db.query<LedgerRow>(
        `SELECT file, line, source_key, outcome, reason, field, value, message, survivor_key FROM cutover.ledger_entry
          WHERE run_id = $1 AND entity = $2 AND line > $3 ORDER BY line LIMIT ${pageSize}`,
        [runId, entity, after],
      );
      for (const r of page) yield entryOf(entity, r);
      if (page.length < pageSize) break;
      after = Number(page.at(-1)!.line);
    }
  }
}

/** How many source rows of a run the ledger accounts for (not loaded, left out or merged). */
export async function countLedger(db: Database, runId: number): Promise<number> {
  const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM cutover.ledger_entry WHERE run_id = $1', [runId]);
  return Number(row?.n ?? 0);
}

/** One reason of the ledger with its count and its first few rows. */
export interface LedgerReason {
  readonly entity: string;
  readonly outcome: LedgerOutcome;
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly LedgerEntry[];
}

/** The ledger grouped by entity (in load order) and reason (most rows first), with the first `examples` rows of each. */
export async function ledgerReasons(db: Database, runId: number, examples: number): Promise<LedgerReason[]> {
  const groups = await db.query<{ entity: string; outcome: LedgerOutcome; reason: string; n: string }>(
    `SELECT l.entity, l.outcome, l.reason, count(*) AS n FROM cutover.ledger_entry l
       JOIN cutover.run_entity r ON r.run_id = l.run_id AND r.entity = l.entity
      WHERE l.run_id = $1 GROUP BY l.entity, l.outcome, l.reason, r.position ORDER BY r.position, count(*) DESC, l.reason`,
    [runId],
  );
  const result: LedgerReason[] = [];
  for (const g of groups) {
    const rows = await db.query<LedgerRow>(
      `SELECT file, line, source_key, outcome, reason, field, value, message, survivor_key FROM cutover.ledger_entry
        WHERE run_id = $1 AND entity = $2 AND reason = $3 ORDER BY line LIMIT ${examples}`,
      [runId, g.entity, g.reason],
    );
    result.push({ entity: g.entity, outcome: g.outcome, reason: g.reason, count: Number(g.n), examples: rows.map((r) => entryOf(g.entity, r)) });
  }
  return result;
}

/** A row of a run that was kept out by an erasure list or a retention rule, or went with one that was. */
export interface KeptOutEntry {
  readonly entity: string;
  readonly sourceKey: string | null;
  /** `erasure:ID` or `retention:RULE` */
  readonly reason: string;
}

/** Every row a run kept out by erasure or retention; they are few, so they come at once. */
export async function readKeptOutEntries(db: Database, runId: number): Promise<KeptOutEntry[]> {
  const rows = await db.query<{ entity: string; source_key: string | null; reason: string }>(
    `SELECT entity, source_key, reason FROM cutover.ledger_entry
      WHERE run_id = $1 AND outcome = 'excluded' AND (reason LIKE 'erasure:%' OR reason LIKE 'retention:%') ORDER BY entity, line`,
    [runId],
  );
  return rows.map((r) => ({ entity: r.entity, sourceKey: r.source_key, reason: r.reason }));
}
