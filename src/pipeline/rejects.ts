import type { Database } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import { rejectReasonLabels, type RejectReason } from '../core/ledger.js';
import { displayKey } from '../core/mapping/index.js';

/** One source row that was not imported, in words for the customer. */
export interface RejectedRow {
  readonly entity: string;
  readonly file: string;
  readonly line: number;
  readonly reference: string;
  /** not imported, left out by a rule, or merged */
  readonly outcome: 'rejected' | 'excluded' | 'merged';
  readonly reason: string;
  /** the reason in plain words */
  readonly why: string;
  readonly field: string | null;
  readonly value: string | null;
  readonly message: string;
}

const pageSize = 5000;

/** The run a command means: the one named, or the latest. */
export async function resolveRunId(store: Database, run?: string): Promise<number> {
  if (run !== undefined) {
    const id = Number(run);
    const [row] = Number.isInteger(id) ? await store.query<{ id: string }>('SELECT id FROM cutover.run WHERE id = $1', [id]) : [];
    if (!row) throw new CutoverError('run_missing', `There is no run ${run} in this project. Run "cutover audit" to see the runs there were.`);
    return id;
  }
  const [latest] = await store.query<{ id: string | null }>('SELECT max(id) AS id FROM cutover.run');
  if (!latest?.id) throw new CutoverError('run_missing', 'This project has no run yet. Run "cutover run --env test" first.');
  return Number(latest.id);
}

/** Plain words for a ledger reason. */
export function whyInWords(outcome: string, reason: string): string {
  if (outcome === 'excluded') return `left out by the rule "${reason}"`;
  if (outcome === 'merged') return 'merged into another record';
  return rejectReasonLabels[reason as RejectReason] ?? reason;
}

/**
 * Streams a run's rows that were not imported, entity by entity in load order and by
 * line within each, a page at a time so a large ledger never sits in memory.
 */
export async function* readRejects(store: Database, runId: number): AsyncGenerator<RejectedRow> {
  const entities = await store.query<{ entity: string }>('SELECT entity FROM cutover.run_entity WHERE run_id = $1 ORDER BY position', [runId]);
  for (const { entity } of entities) {
    let after = 0;
    for (;;) {
      const page = await store.query<{ file: string; line: string; source_key: string | null; outcome: RejectedRow['outcome']; reason: string; field: string | null; value: string | null; message: string }>(
        `SELECT file, line, source_key, outcome, reason, field, value, message FROM cutover.ledger_entry
          WHERE run_id = $1 AND entity = $2 AND line > $3 ORDER BY line LIMIT ${pageSize}`,
        [runId, entity, after],
      );
      for (const r of page) {
        yield {
          entity,
          file: r.file,
          line: Number(r.line),
          reference: r.source_key === null ? '' : displayKey(r.source_key),
          outcome: r.outcome,
          reason: r.reason,
          why: whyInWords(r.outcome, r.reason),
          field: r.field,
          value: r.value,
          message: r.message,
        };
      }
      if (page.length < pageSize) break;
      after = Number(page.at(-1)!.line);
    }
  }
}
