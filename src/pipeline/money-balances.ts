import { Decimal } from 'decimal.js';
import { quoteIdent, quoteQualified } from '../connectors/database.js';
import { compileEntity, type MappingContext } from '../core/mapping/index.js';
import { parentLinks, type EntitySpec } from '../core/spec/index.js';
import { ledgerLines, readMoneyLines } from '../store/money-reads.js';
import { keyMapIds, runIdRange } from '../store/run-reads.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { environmentPlace } from './environment.js';
import { openRunTarget } from './environment-target.js';
import type { ProjectSession } from './project-session.js';
import { runInputs, type RunInputs } from './run-inputs.js';

/** A total three ways, to the penny: the delivered data, what was not loaded (with its reasons in the ledger), the new system. */
export interface MoneyTotals {
  readonly source: string;
  readonly notLoaded: string;
  readonly target: string;
  /** source − not loaded − target: zero when every penny is accounted for */
  readonly difference: string;
}

/** One money field of an entity: its totals, per group the spec checks it by (the account, say). */
export interface MoneyField extends MoneyTotals {
  readonly entity: string;
  readonly field: string;
  readonly groups: readonly (MoneyTotals & { readonly group: string; readonly rows: number })[];
}

/** A money field's totals per parent it belongs to: per landlord, tenancy or supplier. */
export interface MoneyByParent {
  readonly entity: string;
  readonly field: string;
  /** the parent entity (`person`) and the field that looks it up (`landlord_id`) */
  readonly parent: string;
  readonly through: string;
  readonly groups: readonly (MoneyTotals & { readonly keys: readonly string[]; readonly rows: number })[];
}

/** A run's balances. */
export interface MoneyView {
  readonly runId: number;
  readonly fields: readonly MoneyField[];
  readonly byParent: readonly MoneyByParent[];
}

const keysAsIds: MappingContext = { lookup: (_entity, key) => key };
const money = (d: Decimal) => d.toFixed(2);
const totals = (source: Decimal, notLoaded: Decimal, target: Decimal): MoneyTotals => ({
  source: money(source), notLoaded: money(notLoaded), target: money(target), difference: money(source.minus(notLoaded).minus(target)),
});

interface Tally { keys: Set<string>; rows: number; source: Decimal; notLoaded: Decimal; target: Decimal }

/** Adds up one entity's money per parent on the source side, then on the target side, grouped by the parent's new id. */
async function byParent(session: ProjectSession, inputs: RunInputs, entity: EntitySpec, field: string): Promise<MoneyByParent[]> {
  const { db } = await session.store();
  const { run, snapshot } = inputs;
  const links = parentLinks(entity.fields);
  if (links.length === 0) return [];
  const table = snapshotTableSource(session.layout, snapshot, entity.source, await session.key());
  const compiled = compileEntity(entity, table.columns, table.name);
  const notLoaded = await ledgerLines(db, run.id, entity.name);
  const perLink = links.map(() => new Map<string, Tally>());
  for await (const chunk of table.rowChunks(session.signal)) {
    for (const row of chunk) {
      const amount = compiled.evaluate(field, row.values, keysAsIds);
      if (!amount.ok || amount.value === null) continue;
      const value = new Decimal(amount.value);
      const left = notLoaded.has(row.line);
      links.forEach((link, i) => {
        const evaluated = compiled.evaluate(link.field, row.values, keysAsIds);
        if (!evaluated.ok || evaluated.value === null) return;
        const parentKey = evaluated.value;
        const t = perLink[i]!.get(parentKey) ?? { keys: new Set([parentKey]), rows: 0, source: new Decimal(0), notLoaded: new Decimal(0), target: new Decimal(0) };
        t.rows += 1;
        t.source = t.source.plus(value);
        if (left) t.notLoaded = t.notLoaded.plus(value);
        perLink[i]!.set(parentKey, t);
      });
    }
  }
  const range = await runIdRange(db, run.id, entity.name);
  const place = environmentPlace(await session.config(), run.env);
  const target = await openRunTarget(session, run);
  try {
    const out: MoneyByParent[] = [];
    for (const [i, link] of links.entries()) {
      const bySource = perLink[i]!;
      const ids = await keyMapIds(db, run.id, link.parent, [...bySource.keys()]);
      // merged parents share one new id: their money is one group, under all their keys
      const groups = new Map<string, Tally>();
      for (const [key, t] of bySource) {
        const group = ids.has(key) ? `id ${ids.get(key)!}` : `key ${key}`;
        const g = groups.get(group);
        if (g === undefined) groups.set(group, t);
        else {
          for (const k of t.keys) g.keys.add(k);
          g.rows += t.rows;
          g.source = g.source.plus(t.source);
          g.notLoaded = g.notLoaded.plus(t.notLoaded);
        }
      }
      const where = entity.generateId ? 'WHERE id BETWEEN $1 AND $2' : '';
      const rows = await target.db.query<{ parent: string | null; total: string | null }>(
        `SELECT ${quoteIdent(link.field)}::text AS parent, sum(${quoteIdent(field)})::text AS total
           FROM ${quoteQualified({ schema: place.schema, table: entity.table })} ${where} GROUP BY 1`,
        entity.generateId ? [range?.first ?? 0, range?.last ?? -1] : [],
      );
      for (const r of rows) {
        if (r.parent === null) continue;
        const group = `id ${r.parent}`;
        const g = groups.get(group) ?? { keys: new Set<string>(), rows: 0, source: new Decimal(0), notLoaded: new Decimal(0), target: new Decimal(0) };
        g.target = g.target.plus(r.total ?? 0);
        groups.set(group, g);
      }
      out.push({
        entity: entity.name, field, parent: link.parent, through: link.field,
        groups: [...groups.values()]
          .map((g) => ({ keys: [...g.keys].sort(), rows: g.rows, ...totals(g.source, g.notLoaded, g.target) }))
          .sort((a, b) => (a.keys[0] ?? '').localeCompare(b.keys[0] ?? '', 'en', { numeric: true })),
      });
    }
    return out;
  } finally {
    await target.close();
  }
}

/**
 * A run's balances (the latest by default), to the penny: per money field the spec checks,
 * the totals of the delivered data, of what was not loaded and of the new system, per
 * group and in all; and per parent the money belongs to (each landlord, tenancy, supplier).
 */
export async function moneyBalances(session: ProjectSession, o: { readonly runId?: number } = {}): Promise<MoneyView> {
  const inputs = await runInputs(session, o.runId);
  const { db } = await session.store();
  const lines = await readMoneyLines(db, inputs.run.id);
  const fields: MoneyField[] = [];
  const parents: MoneyByParent[] = [];
  for (const entity of inputs.spec.entities) {
    for (const check of entity.reconcile.money) {
      const own = lines.filter((l) => l.entity === entity.name && l.field === check.field);
      const sum = (pick: (l: (typeof own)[number]) => string) => own.reduce((s, l) => s.plus(pick(l)), new Decimal(0));
      fields.push({
        entity: entity.name, field: check.field,
        ...totals(sum((l) => l.sourceTotal), sum((l) => l.notLoadedTotal), sum((l) => l.targetTotal)),
        groups: own.map((l) => ({ group: l.group, rows: l.sourceRows, ...totals(new Decimal(l.sourceTotal), new Decimal(l.notLoadedTotal), new Decimal(l.targetTotal)) })),
      });
      parents.push(...(await byParent(session, inputs, entity, check.field)));
    }
  }
  return { runId: inputs.run.id, fields, byParent: parents };
}
