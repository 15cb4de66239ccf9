import { Decimal } from 'decimal.js';
import { quoteIdent, quoteQualified, type Database } from '../connectors/database.js';
import type { SourceTable } from '../connectors/source.js';
import type { CompiledEntity, MappingContext } from '../core/mapping/index.js';
import type { MoneyLine } from '../core/run-result.js';
import type { EntitySpec } from '../core/spec/index.js';
import { environmentSchema } from './environment.js';

/** One money field's source side for one group: what the snapshot holds and what the ledger says was not loaded. */
export interface SourceMoney {
  readonly entity: string;
  readonly field: string;
  readonly group: string;
  readonly rows: number;
  readonly source: string;
  readonly notLoaded: string;
  readonly unreadable: number;
}

/** An entity whose money is added up, bound to its snapshot table. */
export interface MoneySource {
  readonly compiled: CompiledEntity;
  readonly source: SourceTable;
}

const noGroup = '(all)';

/**
 * Adds up each money field declared under `reconcile.money` over the source rows (read
 * again from the snapshot, through the same rules), and over the rows the ledger says
 * were not loaded (`notLoaded`: their lines per entity). Exact decimals, never floats.
 */
export async function sumSourceMoney(entities: readonly MoneySource[], context: MappingContext, notLoaded: ReadonlyMap<string, ReadonlySet<number>>): Promise<SourceMoney[]> {
  const sums: SourceMoney[] = [];
  for (const { compiled, source } of entities) {
    const entity = compiled.entity;
    for (const check of entity.reconcile.money) {
      const skipped = notLoaded.get(entity.name) ?? new Set<number>();
      const groups = new Map<string, { rows: number; source: Decimal; notLoaded: Decimal; unreadable: number }>();
      const groupOf = (name: string) => {
        let g = groups.get(name);
        if (!g) groups.set(name, (g = { rows: 0, source: new Decimal(0), notLoaded: new Decimal(0), unreadable: 0 }));
        return g;
      };
      for await (const row of source.rows()) {
        if (row.values.length !== source.columns.length) {
          groupOf(noGroup).unreadable++;
          continue;
        }
        const by = check.by === undefined ? undefined : compiled.evaluate(check.by, row.values, context);
        const group = by === undefined ? noGroup : by.ok && by.value !== null ? by.value : '(unreadable)';
        const amount = compiled.evaluate(check.field, row.values, context);
        const g = groupOf(group);
        if (!amount.ok) {
          g.unreadable++;
          continue;
        }
        if (amount.value === null) continue;
        g.rows++;
        g.source = g.source.plus(amount.value);
        if (skipped.has(row.line)) g.notLoaded = g.notLoaded.plus(amount.value);
      }
      for (const [group, g] of groups) {
        sums.push({ entity: entity.name, field: check.field, group, rows: g.rows, source: g.source.toFixed(), notLoaded: g.notLoaded.toFixed(), unreadable: g.unreadable });
      }
    }
  }
  return sums;
}

interface MoneyCheckRequest {
  readonly target: Database;
  readonly env: string;
  readonly entities: readonly EntitySpec[];
  readonly idRanges: ReadonlyMap<string, { firstId: number | null; lastId: number | null }>;
  /** the source side, from `sumSourceMoney` */
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
  const table = quoteQualified({ schema: environmentSchema(req.env), table: entity.table });
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
