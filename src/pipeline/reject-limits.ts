import type { Database } from '../connectors/database.js';
import { whyInWords } from '../core/ledger.js';
import { defaultRejectLimit, rejectLimitInWords, rejectsPastLimit } from '../core/reject-limit.js';
import type { EntityBooks, RejectAttention } from '../core/run-result.js';
import type { EntitySpec } from '../core/spec/index.js';
import { ledgerReasons } from '../store/ledger-records.js';

const reasonsShown = 3;

/**
 * The entities of a finished run that rejected more rows than their spec allows
 * (`max_rejected`, 5% by default), each with its three commonest reasons from the ledger.
 */
export async function entitiesPastRejectLimits(db: Database, runId: number, specs: readonly EntitySpec[], books: readonly EntityBooks[]): Promise<RejectAttention[]> {
  const past = books.flatMap((b) => {
    const limit = specs.find((e) => e.name === b.entity)?.maxRejected ?? defaultRejectLimit;
    return rejectsPastLimit(b, limit) ? [{ books: b, limit }] : [];
  });
  if (past.length === 0) return [];
  const reasons = (await ledgerReasons(db, runId, 1)).filter((r) => r.outcome === 'rejected');
  return past.map(({ books: b, limit }) => ({
    entity: b.entity,
    source: b.source,
    rejected: b.rejected,
    limit: rejectLimitInWords(limit),
    reasons: reasons
      .filter((r) => r.entity === b.entity)
      .sort((x, y) => y.count - x.count)
      .slice(0, reasonsShown)
      .map((r) => {
        const first = r.examples[0];
        return { why: whyInWords('rejected', r.reason), rows: r.count, example: first === undefined ? null : `${first.file} line ${first.line.toLocaleString('en-GB')}: ${first.message}` };
      }),
  }));
}
