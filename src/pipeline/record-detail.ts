import { quoteIdent, quoteQualified } from '../connectors/database.js';
import { CutoverError } from '../core/cutover-error.js';
import { compileEntity } from '../core/mapping/index.js';
import { parentLinks, type EntitySpec, type FieldSpec } from '../core/spec/index.js';
import type { Database } from '../connectors/database.js';
import { keyMapIds } from '../store/run-reads.js';
import { findChildren, findRecord } from '../store/record-index-records.js';
import { entitySourceFile, ledgerAtLine, targetIdAtLine } from '../store/record-reads.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { environmentPlace } from './environment.js';
import { openRunTarget } from './environment-target.js';
import type { ProjectSession } from './project-session.js';
import { describeCondition, describeRule } from './protocol-builder.js';
import { ensureRecordIndex } from './record-index.js';
import { runInputs } from './run-inputs.js';

/** A record side by side: the delivered row, the row in the new system with each field's rule, what became of it, and its children. */
export interface RecordView {
  readonly runId: number;
  readonly entity: string;
  readonly key: string;
  readonly label: string;
  readonly source: { readonly file: string; readonly line: number; readonly columns: readonly { readonly name: string; readonly value: string | null }[] };
  /** null when the row was not loaded, or its table has no id of Cutover's */
  readonly target: {
    readonly table: string;
    /** null for a table whose rows have no id of their own (a person's roles): the row is found by its values */
    readonly id: string | null;
    readonly fields: readonly { readonly name: string; readonly value: string | null; readonly rule: string }[];
  } | null;
  readonly outcome: 'loaded' | 'rejected' | 'excluded' | 'merged';
  /** why it was not loaded as itself, from the ledger */
  readonly reason?: string;
  /** the records that look this one up: a person's roles, tenancies, diary entries */
  readonly children: readonly { readonly entity: string; readonly key: string; readonly label: string; readonly outcome: 'loaded' | 'rejected' | 'excluded' | 'merged' }[];
}

/**
 * How a target field is made, in words, from the spec: the column, the condition and each rule.
 * @example ruleWords(field) // 'from Surname: remove spaces at the start and end; then …'
 */
export function ruleWords(field: FieldSpec): string {
  const rules = field.rules.map((r) => describeRule(r.name, r.options));
  const from = field.from === undefined ? 'made by its rules' : `from ${field.from}`;
  const when = field.when === undefined ? '' : ` (only when ${describeCondition(field.when)})`;
  const steps = rules.length === 0 ? 'copied as it is' : rules.join('; then ');
  return `${from}${when}: ${steps}${field.required ? '; required' : ''}`;
}

const CHILDREN = 200;

/** Reads one source row of a snapshot table by its line; the table is read in line order until it. */
async function sourceRow(session: ProjectSession, snapshot: Parameters<typeof snapshotTableSource>[1], table: string, line: number) {
  const source = snapshotTableSource(session.layout, snapshot, table, await session.key());
  for await (const chunk of source.rowChunks(session.signal)) {
    const last = chunk.at(-1);
    if (last === undefined || last.line < line) continue;
    const row = chunk.find((r) => r.line === line);
    return { columns: source.columns, values: row?.values ?? [] };
  }
  return { columns: source.columns, values: [] as (string | null)[] };
}

/** The target row with this id, or (`id` null) the first whose fields hold exactly these values. */
async function targetRow(session: ProjectSession, run: Parameters<typeof openRunTarget>[1], entity: EntitySpec, id: string | null, values: readonly (string | null)[] = []) {
  const place = environmentPlace(await session.config(), run.env);
  const target = await openRunTarget(session, run);
  try {
    const columns = entity.fields.map((f) => `${quoteIdent(f.name)}::text AS ${quoteIdent(f.name)}`).join(', ');
    const where = id !== null ? 'id = $1' : entity.fields.map((f, i) => `${quoteIdent(f.name)}::text IS NOT DISTINCT FROM $${i + 1}`).join(' AND ');
    const [row] = await target.db.query<Record<string, string | null>>(
      `SELECT ${columns} FROM ${quoteQualified({ schema: place.schema, table: entity.table })} WHERE ${where} LIMIT 1`,
      id !== null ? [id] : [...values],
    );
    return row;
  } finally {
    await target.close();
  }
}

/**
 * A loaded row's values as the run wrote them, its parents' new ids read from the key map:
 * how a row without an id of its own is found in the target.
 */
async function mappedValues(db: Database, runId: number, entity: EntitySpec, columns: readonly string[], values: readonly (string | null)[], table: string) {
  const compiled = compileEntity(entity, columns, table);
  const ids = new Map<string, string>();
  for (const link of parentLinks(entity.fields)) {
    const key = compiled.evaluate(link.field, values, { lookup: (_e, k) => k });
    if (!key.ok || key.value === null) continue;
    const found = (await keyMapIds(db, runId, link.parent, [key.value])).get(key.value);
    if (found !== undefined) ids.set(`${link.parent}\u001f${key.value}`, found);
  }
  const outcome = compiled.map(values, { lookup: (e, k) => ids.get(`${e}\u001f${k}`) });
  return outcome.kind === 'mapped' ? outcome.values : undefined;
}

/**
 * One record of a run (the latest by default) by entity and legacy reference: the source
 * row and the target row side by side, each target field with the rule that made it, its
 * outcome from the ledger and its children. Values are as stored, never interpreted.
 * Null when the run has no such record.
 */
export async function recordDetail(session: ProjectSession, o: { readonly runId?: number; readonly entity: string; readonly key: string }): Promise<RecordView | null> {
  const { run, spec, snapshot } = await runInputs(session, o.runId);
  const entity = spec.entities.find((e) => e.name === o.entity);
  if (entity === undefined) {
    throw new CutoverError('record_missing', `Run ${run.id} has no entity "${o.entity}" (it has: ${spec.entities.map((e) => e.name).join(', ')}).`);
  }
  await ensureRecordIndex(session, run.id);
  const { db } = await session.store();
  const found = await findRecord(db, run.id, entity.name, o.key.trim());
  if (found === undefined) return null;
  const row = await sourceRow(session, snapshot, entity.source, found.line);
  const ledger = await ledgerAtLine(db, run.id, entity.name, found.line);
  const loaded = ledger?.outcome !== 'rejected' && ledger?.outcome !== 'excluded';
  let id: string | null | undefined;
  let stored: Record<string, string | null> | undefined;
  if (loaded && entity.generateId) {
    id = await targetIdAtLine(db, run.id, entity.name, found.line);
    stored = id ? await targetRow(session, run, entity, id) : undefined;
  } else if (loaded && row.values.length > 0) {
    const values = await mappedValues(db, run.id, entity, row.columns, row.values, entity.source);
    id = null;
    stored = values && (await targetRow(session, run, entity, null, values));
  }
  const children = found.sourceKey === null ? [] : await findChildren(db, run.id, entity.name, found.sourceKey, CHILDREN);
  return {
    runId: run.id,
    entity: entity.name,
    key: found.ref,
    label: found.label,
    source: {
      file: (await entitySourceFile(db, run.id, entity.name)) ?? entity.source,
      line: found.line,
      columns: row.columns.map((name, i) => ({ name, value: row.values[i] ?? null })),
    },
    target: id !== undefined && stored ? { table: entity.table, id, fields: entity.fields.map((f) => ({ name: f.name, value: stored[f.name] ?? null, rule: ruleWords(f) })) } : null,
    outcome: ledger?.outcome ?? 'loaded',
    ...(ledger ? { reason: ledger.outcome === 'merged' && ledger.survivorKey ? `${ledger.message} (kept as ${ledger.survivorKey})` : ledger.message } : {}),
    children: children.map((c) => ({ entity: c.entity, key: c.ref, label: c.label, outcome: (c.outcome ?? 'loaded') as RecordView['outcome'] })),
  };
}
