import { Decimal } from 'decimal.js';
import { copyLine } from '../connectors/copy-text.js';
import { quoteIdent, quoteQualified, type Database } from '../connectors/database.js';
import type { SourceTable } from '../connectors/source.js';
import type { CompiledEntity, MappingContext } from '../core/mapping/index.js';
import type { EntitySpec } from '../core/spec/index.js';
import { environmentSchema } from './environment.js';
import type { KeyMaps } from './entity-loader.js';

/** One money line: a field's total for one group (e.g. the client account), source against target. */
export interface MoneyLine {
  readonly entity: string;
  readonly field: string;
  readonly group: string;
  readonly sourceRows: number;
  readonly sourceTotal: string;
  readonly notLoadedTotal: string;
  readonly targetTotal: string;
  /** source − not loaded − target: zero when every penny is explained */
  readonly difference: string;
  readonly unreadableRows: number;
  readonly balanced: boolean;
}

interface MoneyCheckRequest {
  readonly store: Database;
  readonly target: Database;
  readonly runId: number;
  readonly env: string;
  readonly entities: readonly { entity: EntitySpec; compiled: CompiledEntity; source: SourceTable }[];
  readonly idRanges: ReadonlyMap<string, { firstId: number | null; lastId: number | null }>;
  readonly keyMaps: KeyMaps;
}

const noGroup = '(all)';

/**
 * Adds up each money field declared under `reconcile.money` three ways: over the source
 * rows (read again from the snapshot, through the same rules), over the rows the ledger
 * says were not loaded, and in the target by SQL. Exact decimals, never floats.
 */
export async function checkMoney(req: MoneyCheckRequest): Promise<MoneyLine[]> {
  const lines: MoneyLine[] = [];
  const context: MappingContext = {
    lookup: (parent, key) => {
      const id = req.keyMaps.get(parent)?.get(key);
      return id === undefined ? undefined : String(id);
    },
  };
  for (const { entity, compiled, source } of req.entities) {
    for (const check of entity.reconcile.money) {
      const notLoaded = new Set(
        (await req.store.query<{ line: string }>('SELECT line FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2', [req.runId, entity.name])).map((r) =>
          Number(r.line),
        ),
      );
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
        if (notLoaded.has(row.line)) g.notLoaded = g.notLoaded.plus(amount.value);
      }
      const targetTotals = await sumInTarget(req, entity, check.field, check.by);
      for (const name of new Set([...groups.keys(), ...targetTotals.keys()])) {
        const g = groupOf(name);
        const target = targetTotals.get(name) ?? new Decimal(0);
        const difference = g.source.minus(g.notLoaded).minus(target);
        lines.push({
          entity: entity.name,
          field: check.field,
          group: name,
          sourceRows: g.rows,
          sourceTotal: g.source.toFixed(2),
          notLoadedTotal: g.notLoaded.toFixed(2),
          targetTotal: target.toFixed(2),
          difference: difference.toFixed(2),
          unreadableRows: g.unreadable,
          balanced: difference.isZero(),
        });
      }
    }
  }
  await saveMoney(req.store, req.runId, lines);
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

async function saveMoney(store: Database, runId: number, lines: readonly MoneyLine[]): Promise<void> {
  const text = lines
    .map((m) => copyLine([runId, m.entity, m.field, m.group, m.sourceRows, m.sourceTotal, m.notLoadedTotal, m.targetTotal, m.unreadableRows]))
    .join('');
  await store.copyIn({ schema: 'cutover', table: 'money_check' }, ['run_id', 'entity', 'field', 'grp', 'source_rows', 'source_total', 'not_loaded_total', 'target_total', 'unreadable_rows'], text);
}
