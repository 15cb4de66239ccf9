import { Decimal } from 'decimal.js';
import { quoteIdent, quoteQualified, type Database } from '../connectors/database.js';
import type { SourceMoney } from '../core/reconcile/index.js';
import type { MoneyLine } from '../core/run-result.js';
import type { EntitySpec } from '../core/spec/index.js';

const noGroup = '(all)';

interface MoneyCheckRequest {
  readonly target: Database;
  /** the schema of the run's target tables */
  readonly schema: string;
  readonly entities: readonly EntitySpec[];
  readonly idRanges: ReadonlyMap<string, { firstId: number | null; lastId: number | null }>;
  /** the source side, added up by the mapping thread */
  readonly source: readonly SourceMoney[];
}

/**
 * Checks each money field three ways: the source total less what the ledger says was
 * not loaded must equal the total in the target, by SQL, per group, to the penny.
 */
export async function checkMoney(req: MoneyCheckRequest): Promise<MoneyLine[]> {
  const lines: MoneyLine[] = [];
  for (const entity of req.entities) {
    for (const check of entity.reconcile.money) {
      const source = new Map(req.source.filter((m) => m.entity === entity.name && m.field === check.field).map((m) => [m.group, m]));
      const targetTotals = await sumInTarget(req, entity, check.field, check.by);
      for (const name of new Set([...source.keys(), ...targetTotals.keys()])) {
        const g = source.get(name);
        const sourceTotal = new Decimal(g?.source ?? 0);
        const notLoaded = new Decimal(g?.notLoaded ?? 0);
        const target = targetTotals.get(name) ?? new Decimal(0);
        const difference = sourceTotal.minus(notLoaded).minus(target);
        lines.push({
          entity: entity.name,
          field: check.field,
          group: name,
          sourceRows: g?.rows ?? 0,
          sourceTotal: sourceTotal.toFixed(2),
          notLoadedTotal: notLoaded.toFixed(2),
          targetTotal: target.toFixed(2),
          difference: difference.toFixed(2),
          unreadableRows: g?.unreadable ?? 0,
          balanced: difference.isZero(),
        });
      }
    }
  }
  return lines;
}

async function sumInTarget(req: MoneyCheckRequest, entity: EntitySpec, field: string, by: string | undefined): Promise<Map<string, Decimal>> {
  const table = quoteQualified({ schema: req.schema, table: entity.table });
  const range = req.idRanges.get(entity.name);
  const where = entity.generateId ? 'WHERE id BETWEEN $1 AND $2' : '';
  const params = entity.generateId ? [range?.firstId ?? 0, range?.lastId ?? -1] : [];
  const group = by === undefined ? `'${noGroup}'` : `coalesce(${quoteIdent(by)}::text, '(unreadable)')`;
  const rows = await req.target.query<{ grp: string; total: string | null }>(
    `SELECT ${group} AS grp, sum(${quoteIdent(field)}) AS total FROM ${table} ${where} GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.grp, new Decimal(r.total ?? 0)]));
}
