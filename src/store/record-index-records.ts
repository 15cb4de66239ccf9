import { copyLine } from '../connectors/copy-text.js';
import type { Database } from '../connectors/database.js';

/** One source row as the record index keeps it. */
export interface IndexedRecord {
  readonly n: number;
  readonly entity: string;
  /** the key as the run recorded it (parts joined), null when blank */
  readonly sourceKey: string | null;
  /** the key as people read it */
  readonly ref: string;
  readonly line: number;
  readonly label: string;
  readonly postcode: string | null;
  readonly email: string | null;
}

/** What a build hands over for one batch of rows. */
export interface IndexBatch {
  readonly records: readonly IndexedRecord[];
  readonly words: readonly (readonly [word: string, n: number])[];
  readonly links: readonly (readonly [parentEntity: string, parentKey: string, n: number])[];
}

/** True when the run's record index is built. */
export async function recordIndexBuilt(db: Database, runId: number): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM cutover.record_index_run WHERE run_id = $1) AS found', [runId]);
  return row?.found ?? false;
}

const tables = ['record_index', 'record_word', 'record_word_gram', 'record_link'];

/**
 * Writes a run's record index in one transaction: `fill` hands over batches, then the
 * words' pieces are added and the run marked built. A build that fails leaves nothing.
 */
export async function writeRecordIndex(
  db: Database,
  runId: number,
  at: Date,
  fill: (add: (batch: IndexBatch) => Promise<void>) => Promise<{ grams: readonly (readonly [gram: string, word: string])[] }>,
): Promise<number> {
  return db.transaction(async (tx) => {
    for (const t of [...tables, 'record_index_run']) await tx.query(`DELETE FROM cutover.${t} WHERE run_id = $1`, [runId]);
    let count = 0;
    const { grams } = await fill(async (b) => {
      count += b.records.length;
      await tx.copyIn({ schema: 'cutover', table: 'record_index' }, ['run_id', 'n', 'entity', 'source_key', 'ref', 'ref_lower', 'line', 'label', 'postcode', 'email'],
        b.records.map((r) => copyLine([runId, r.n, r.entity, r.sourceKey, r.ref, r.ref.toLowerCase(), r.line, r.label, r.postcode, r.email])).join(''));
      await tx.copyIn({ schema: 'cutover', table: 'record_word' }, ['run_id', 'word', 'n'], b.words.map(([w, n]) => copyLine([runId, w, n])).join(''));
      await tx.copyIn({ schema: 'cutover', table: 'record_link' }, ['run_id', 'parent_entity', 'parent_key', 'n'], b.links.map(([e, k, n]) => copyLine([runId, e, k, n])).join(''));
    });
    const text: string[] = [];
    for (const [gram, word] of grams) text.push(copyLine([runId, gram, word]));
    for (let i = 0; i < text.length; i += 50_000) {
      await tx.copyIn({ schema: 'cutover', table: 'record_word_gram' }, ['run_id', 'gram', 'word'], text.slice(i, i + 50_000).join(''));
    }
    await tx.query('INSERT INTO cutover.record_index_run (run_id, built_at, records) VALUES ($1, $2, $3)', [runId, at.toISOString(), count]);
    // fresh statistics, so the planner uses the indexes on the first search
    for (const t of tables) await tx.exec(`ANALYZE cutover.${t}`);
    return count;
  });
}

interface RecordRow {
  n: string; entity: string; source_key: string | null; ref: string; line: string; label: string; postcode: string | null; email: string | null;
}
const recordColumns = 'r.n, r.entity, r.source_key, r.ref, r.line, r.label, r.postcode, r.email';
const record = (r: RecordRow): IndexedRecord => ({
  n: Number(r.n), entity: r.entity, sourceKey: r.source_key, ref: r.ref, line: Number(r.line), label: r.label, postcode: r.postcode, email: r.email,
});

/** A PostgreSQL array literal, every element quoted. */
const arrayLiteral = (values: readonly (string | number)[]) => `{${values.map((v) => `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;

/** A LIKE pattern matching text that starts with `prefix`, its wildcards taken literally. */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Records whose reference is `text` or starts with it (case ignored), in reference order (so an exact one first). */
export async function findByReference(db: Database, runId: number, text: string, limit: number): Promise<(IndexedRecord & { exact: boolean })[]> {
  const lower = text.toLowerCase();
  const rows = await db.query<RecordRow & { exact: boolean }>(
    `SELECT ${recordColumns}, r.ref_lower = $2 AS exact FROM cutover.record_index r
      WHERE r.run_id = $1 AND r.ref_lower COLLATE "C" LIKE $3 ORDER BY r.ref_lower COLLATE "C", r.n LIMIT $4`,
    [runId, lower, startsWith(lower), limit],
  );
  return rows.map((r) => ({ ...record(r), exact: r.exact }));
}

/** Records whose postcode (or e-mail) is `text` or starts with it, in its order (so exact ones first). */
export async function findByColumn(db: Database, runId: number, column: 'postcode' | 'email', text: string, limit: number): Promise<(IndexedRecord & { exact: boolean })[]> {
  const rows = await db.query<RecordRow & { exact: boolean }>(
    `SELECT ${recordColumns}, r.${column} = $2 AS exact FROM cutover.record_index r
      WHERE r.run_id = $1 AND r.${column} COLLATE "C" LIKE $3 ORDER BY r.${column} COLLATE "C", r.n LIMIT $4`,
    [runId, text, startsWith(text), limit],
  );
  return rows.map((r) => ({ ...record(r), exact: r.exact }));
}

/** The words of the run's names that share at least `least` of the pieces given. */
export async function wordsSharing(db: Database, runId: number, grams: readonly string[], least: number): Promise<string[]> {
  const rows = await db.query<{ word: string }>(
    'SELECT word FROM cutover.record_word_gram WHERE run_id = $1 AND gram = ANY($2::text[]) GROUP BY word HAVING count(*) >= $3',
    [runId, arrayLiteral(grams), least],
  );
  return rows.map((r) => r.word);
}

/**
 * The records best matching a name: `matches` pairs each word of the index with the word
 * of the query it resembles and how much; a record scores the sum, over the query's words,
 * of its best match.
 */
export async function findByWords(
  db: Database,
  runId: number,
  matches: readonly { word: string; query: number; similarity: number }[],
  limit: number,
): Promise<(IndexedRecord & { score: number })[]> {
  if (matches.length === 0) return [];
  const rows = await db.query<RecordRow & { score: number }>(
    `WITH m (word, q, sim) AS (SELECT * FROM unnest($2::text[], $3::int[], $4::float8[])),
          best AS (SELECT w.n, m.q, max(m.sim) AS sim FROM cutover.record_word w JOIN m ON m.word = w.word WHERE w.run_id = $1 GROUP BY w.n, m.q),
          scored AS (SELECT n, sum(sim) AS score FROM best GROUP BY n ORDER BY score DESC, n LIMIT $5)
     SELECT ${recordColumns}, s.score::float8 AS score FROM scored s JOIN cutover.record_index r ON r.run_id = $1 AND r.n = s.n ORDER BY s.score DESC, r.n`,
    [runId, arrayLiteral(matches.map((m) => m.word)), arrayLiteral(matches.map((m) => m.query)), arrayLiteral(matches.map((m) => m.similarity)), limit],
  );
  return rows.map((r) => ({ ...record(r), score: Number(r.score) }));
}

/** A record by entity and reference (the first line when the reference repeats). */
export async function findRecord(db: Database, runId: number, entity: string, ref: string): Promise<IndexedRecord | undefined> {
  const [row] = await db.query<RecordRow>(
    `SELECT ${recordColumns} FROM cutover.record_index r WHERE r.run_id = $1 AND r.entity = $2 AND r.ref = $3 ORDER BY r.line LIMIT 1`,
    [runId, entity, ref],
  );
  return row && record(row);
}

/** The records that look up a parent row, with what the ledger says became of each. */
export async function findChildren(
  db: Database,
  runId: number,
  parentEntity: string,
  parentKey: string,
  limit: number,
): Promise<(IndexedRecord & { outcome: string | null })[]> {
  const rows = await db.query<RecordRow & { outcome: string | null }>(
    `SELECT ${recordColumns}, (SELECT e.outcome FROM cutover.ledger_entry e WHERE e.run_id = r.run_id AND e.entity = r.entity AND e.line = r.line LIMIT 1) AS outcome
       FROM cutover.record_link l JOIN cutover.record_index r ON r.run_id = l.run_id AND r.n = l.n
      WHERE l.run_id = $1 AND l.parent_entity = $2 AND l.parent_key = $3 ORDER BY r.entity, r.line LIMIT $4`,
    [runId, parentEntity, parentKey, limit],
  );
  return rows.map((r) => ({ ...record(r), outcome: r.outcome }));
}
