import type { Database } from '../connectors/database.js';
import type { LedgerOutcome } from '../core/ledger.js';
import { fingerprintLength, noFingerprint } from '../core/reconcile/row-fingerprint.js';

/** Rows of the store in line order, read a page at a time. */
export class LineCursor<T extends { line: number }> {
  private page: T[] = [];
  private index = 0;
  private done = false;

  constructor(
    private readonly fetch: () => Promise<T[]>,
    private readonly pageRows: number,
  ) {}

  /** The row at `line`, when there is one; lines must be asked in increasing order. */
  async at(line: number): Promise<T | undefined> {
    for (;;) {
      while (this.index < this.page.length && this.page[this.index]!.line < line) this.index++;
      if (this.index < this.page.length) return this.page[this.index]!.line === line ? this.page[this.index] : undefined;
      if (this.done) return undefined;
      this.page = await this.fetch();
      this.index = 0;
      if (this.page.length < this.pageRows) this.done = true;
    }
  }
}

/** A ledger entry as reconciliation joins it by line. */
export interface LedgerLine {
  readonly line: number;
  readonly outcome: LedgerOutcome;
  readonly reason: string;
  readonly sourceKey: string | null;
  /** the ledger's sentence: for an orphan, whether its parent was not imported or not delivered */
  readonly message: string;
}

/** A key map row: which target row a source line became (null when it has no id of its own). */
export interface KeyMapLine {
  readonly line: number;
  readonly sourceKey: string;
  readonly targetId: string | null;
  /** the fingerprint of the values the row was loaded with; null for a run that kept none, or a merged row */
  readonly fingerprint: string | null;
}

/**
 * An entity's key map in line order, read a page of batch rows at a time: each batch row
 * holds one batch's lines (in order, merged rows after them), and no line of a batch comes
 * before its first line, so every line up to the one asked is in the batches read so far.
 */
export class KeyMapCursor {
  private readonly waiting = new Map<number, KeyMapLine>();
  private page: { first_line: string; lines: string; source_keys: string; target_ids: string; fingerprints: string | null }[] = [];
  private done = false;

  constructor(
    private readonly fetch: () => Promise<KeyMapCursor['page']>,
    private readonly pageRows: number,
  ) {}

  /** The key map row of `line`, when there is one; lines must be asked in increasing order. */
  async at(line: number): Promise<KeyMapLine | undefined> {
    for (;;) {
      while (this.page.length > 0 && Number(this.page[0]!.first_line) <= line) this.unpack(this.page.shift()!);
      if (this.page.length > 0 || this.done) break;
      this.page = await this.fetch();
      if (this.page.length < this.pageRows) this.done = true;
    }
    const found = this.waiting.get(line);
    this.waiting.delete(line);
    return found;
  }

  private unpack(row: KeyMapCursor['page'][number]): void {
    const lines = JSON.parse(row.lines) as number[];
    const keys = JSON.parse(row.source_keys) as string[];
    const ids = JSON.parse(row.target_ids) as (number | null)[];
    const prints = row.fingerprints;
    lines.forEach((line, i) => {
      const print = prints === null ? null : prints.slice(i * fingerprintLength, (i + 1) * fingerprintLength);
      const id = ids[i] ?? null;
      this.waiting.set(line, { line, sourceKey: keys[i]!, targetId: id === null ? null : String(id), fingerprint: print === null || print === noFingerprint ? null : print });
    });
  }
}

/**
 * Opens cursors on one entity's ledger and key map of a run, each in line order. They
 * live only inside a transaction: call `close` before it ends.
 */
export async function openLineCursors(
  tx: Database,
  runId: number,
  entity: string,
  pageRows: number,
): Promise<{ ledger: LineCursor<LedgerLine>; keyMap: KeyMapCursor; close(): Promise<void> }> {
  await tx.query('DECLARE reconcile_ledger NO SCROLL CURSOR FOR SELECT line, outcome, reason, source_key, message FROM cutover.ledger_entry WHERE run_id = $1 AND entity = $2 ORDER BY line', [runId, entity]);
  await tx.query('DECLARE reconcile_key_map NO SCROLL CURSOR FOR SELECT first_line, lines, source_keys, target_ids, fingerprints FROM cutover.key_map_batch WHERE run_id = $1 AND entity = $2 ORDER BY first_line', [runId, entity]);
  const ledger = new LineCursor(async () => {
    const rows = await tx.query<{ line: string; outcome: LedgerOutcome; reason: string; source_key: string | null; message: string }>(`FETCH ${pageRows} FROM reconcile_ledger`);
    return rows.map((r) => ({ line: Number(r.line), outcome: r.outcome, reason: r.reason, sourceKey: r.source_key, message: r.message }));
  }, pageRows);
  // a batch row holds thousands of lines: a few at a time
  const batchRows = Math.max(1, Math.ceil(pageRows / 1000));
  const keyMap = new KeyMapCursor(() => tx.query(`FETCH ${batchRows} FROM reconcile_key_map`), batchRows);
  return { ledger, keyMap, close: () => tx.exec('CLOSE reconcile_ledger; CLOSE reconcile_key_map') };
}

/** Finds parents' new ids by source key. */
export type ParentIds = (keys: readonly string[]) => Promise<Map<string, string>>;

/**
 * Copies a parent's key map of a run into a temporary table indexed by source key, for
 * the rest of the transaction, so that every batch of children finds its parents' ids
 * by an indexed query. `n` names the table apart from other parents'.
 */
export async function indexParentKeys(tx: Database, runId: number, parent: string, n: number): Promise<ParentIds> {
  const table = `reconcile_parent_${n}`;
  await tx.query(`CREATE TEMPORARY TABLE ${table} (source_key text, target_id bigint) ON COMMIT DROP`);
  await tx.query(`INSERT INTO ${table} SELECT source_key, target_id FROM cutover.key_map WHERE run_id = $1 AND entity = $2`, [runId, parent]);
  await tx.query(`CREATE INDEX ON ${table} (source_key)`);
  return async (keys) => {
    const found = await tx.query<{ source_key: string; target_id: string | null }>(
      `SELECT source_key, target_id::text AS target_id FROM ${table} WHERE source_key = ANY($1::text[])`,
      [textArray(keys)],
    );
    return idsOf(found);
  };
}

/** The new ids a run gave some of a parent's source keys, read straight from the key map. */
export async function keyMapIds(db: Database, runId: number, parent: string, keys: readonly string[]): Promise<Map<string, string>> {
  const found = await db.query<{ source_key: string; target_id: string | null }>(
    'SELECT source_key, target_id FROM cutover.key_map WHERE run_id = $1 AND entity = $2 AND source_key = ANY($3::text[])',
    [runId, parent, textArray(keys)],
  );
  return idsOf(found);
}

function idsOf(rows: readonly { source_key: string; target_id: string | null }[]): Map<string, string> {
  return new Map(rows.filter((f) => f.target_id !== null).map((f) => [f.source_key, f.target_id!]));
}

/** A PostgreSQL text array literal, every element quoted. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** The lowest and highest target id a run gave an entity's rows (as text), or undefined when it gave none. */
export async function runIdRange(db: Database, runId: number, entity: string): Promise<{ first: string; last: string } | undefined> {
  const [row] = await db.query<{ first: string | null; last: string | null }>(
    'SELECT min(target_id)::text AS first, max(target_id)::text AS last FROM cutover.key_map WHERE run_id = $1 AND entity = $2',
    [runId, entity],
  );
  return row?.first == null || row.last == null ? undefined : { first: row.first, last: row.last };
}
