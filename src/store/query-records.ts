import type { Database } from '../connectors/database.js';
import type { QueryMessage, QueryState, QueryTarget, QueryThread } from '../core/review/query-thread.js';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Records a new query with its first message; returns its number, one more than the last. */
export async function insertQuery(tx: Database, q: { runId: number; on: QueryTarget; who: string; at: Date; text: string }): Promise<number> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO cutover.review_query (id, run_id, on_kind, on_ref, state, raised_by, raised_at)
     SELECT coalesce(max(id), 0) + 1, $1, $2, $3, 'open', $4, $5 FROM cutover.review_query RETURNING id`,
    [q.runId, q.on.kind, q.on.ref, q.who, q.at.toISOString()],
  );
  const id = Number(row!.id);
  await appendQueryMessage(tx, id, { who: q.who, at: q.at, kind: 'raised', text: q.text });
  return id;
}

/** Adds a message to a thread and sets the state it leads to. */
export async function appendQueryMessage(
  tx: Database,
  id: number,
  m: { who: string; at: Date; kind: QueryMessage['kind']; text: string },
  state?: QueryState,
): Promise<void> {
  await tx.query(
    `INSERT INTO cutover.review_query_message (query_id, seq, who, at, kind, body)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM cutover.review_query_message WHERE query_id = $1`,
    [id, m.who, m.at.toISOString(), m.kind, m.text],
  );
  if (state !== undefined) await tx.query('UPDATE cutover.review_query SET state = $2 WHERE id = $1', [id, state]);
}

/** Reads queries with their threads: of one run or all, in one state or any, oldest first. */
export async function readQueries(db: Database, o: { runId?: number; state?: QueryState; id?: number } = {}): Promise<QueryThread[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (o.runId !== undefined) add('q.run_id = ?', o.runId);
  if (o.state !== undefined) add('q.state = ?', o.state);
  if (o.id !== undefined) add('q.id = ?', o.id);
  const rows = await db.query<{
    id: string; run_id: string; on_kind: QueryTarget['kind']; on_ref: string; state: QueryState; raised_by: string; raised_at: string;
    who: string; at: string; kind: QueryMessage['kind']; body: string;
  }>(
    `SELECT q.id, q.run_id, q.on_kind, q.on_ref, q.state, q.raised_by, ${iso('q.raised_at')} AS raised_at, m.who, ${iso('m.at')} AS at, m.kind, m.body
       FROM cutover.review_query q JOIN cutover.review_query_message m ON m.query_id = q.id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY q.id, m.seq`,
    params,
  );
  const threads = new Map<string, QueryThread & { messages: QueryMessage[] }>();
  for (const r of rows) {
    let t = threads.get(r.id);
    if (!t) {
      t = { id: Number(r.id), runId: Number(r.run_id), on: { kind: r.on_kind, ref: r.on_ref }, state: r.state, raisedBy: r.raised_by, raisedAt: r.raised_at, messages: [] };
      threads.set(r.id, t);
    }
    t.messages.push({ who: r.who, at: r.at, text: r.body, kind: r.kind });
  }
  return [...threads.values()];
}

/** How many queries of a run are not resolved. */
export async function countOpenQueries(db: Database, runId: number): Promise<number> {
  const [row] = await db.query<{ n: string }>("SELECT count(*) AS n FROM cutover.review_query WHERE run_id = $1 AND state <> 'resolved'", [runId]);
  return Number(row?.n ?? 0);
}
