import { emailText, looksLikePostcode, nameTokens, postcodeText, similarEnough, wordGrams, wordSimilarity } from '../core/review/record-terms.js';
import { findByColumn, findByReference, findByWords, wordsSharing, type IndexedRecord } from '../store/record-index-records.js';
import { resolveRunId } from '../store/run-records.js';
import type { ProjectSession } from './project-session.js';
import { ensureRecordIndex } from './record-index.js';

/** A record found by what a reviewer typed. */
export interface RecordHit {
  readonly entity: string;
  /** the legacy reference, as people read it */
  readonly key: string;
  /** the person's name, or the address, as delivered */
  readonly label: string;
  readonly matchedOn: 'reference' | 'name' | 'postcode' | 'email';
  /** from 0 to 1, best first */
  readonly score: number;
}

const hit = (r: IndexedRecord, matchedOn: RecordHit['matchedOn'], score: number): RecordHit => ({ entity: r.entity, key: r.ref, label: r.label, matchedOn, score });

/** Names whose words resemble the query's words, misspelt ones too, best first. */
async function byName(db: Parameters<typeof findByWords>[0], runId: number, text: string, limit: number): Promise<RecordHit[]> {
  const tokens = nameTokens(text);
  if (tokens.length === 0) return [];
  const matches: { word: string; query: number; similarity: number }[] = [];
  for (const [q, token] of tokens.entries()) {
    const grams = wordGrams(token);
    // a word misspelt by a slip or two still shares about a third of its pieces
    const candidates = await wordsSharing(db, runId, grams, Math.max(1, Math.floor(grams.length / 3)));
    for (const word of candidates) {
      if (similarEnough(token, word)) matches.push({ word, query: q, similarity: wordSimilarity(token, word) });
    }
  }
  const found = await findByWords(db, runId, matches, limit);
  return found.map((r) => hit(r, 'name', Math.round((r.score / tokens.length) * 1000) / 1000));
}

/**
 * Finds records of a run (the latest by default) by what a reviewer types: a legacy
 * reference (whole or its start), a name (misspelt ones too, ranked by likeness), a
 * postcode (spaces and case ignored) or an e-mail (case ignored). The run's record index
 * is built on the first search and kept, so later searches read indexes only.
 * @example findRecords(session, { text: 'Smyth' }) // [{ entity: 'person', key: 'P0042', label: 'Anne Smith', matchedOn: 'name', score: 0.9 }, …]
 */
export async function findRecords(session: ProjectSession, o: { readonly runId?: number; readonly text: string; readonly limit?: number }): Promise<RecordHit[]> {
  // nobody types more than this to find a record
  const text = o.text.trim().slice(0, 200);
  const limit = Math.min(Math.max(1, Math.floor(o.limit ?? 20)), 200);
  if (text === '') return [];
  const { db } = await session.store();
  const runId = await resolveRunId(db, o.runId === undefined ? undefined : String(o.runId));
  await ensureRecordIndex(session, runId);
  const hits: RecordHit[] = [];
  for (const r of await findByReference(db, runId, text, limit)) hits.push(hit(r, 'reference', r.exact ? 1 : 0.9));
  if (text.includes('@')) {
    for (const r of await findByColumn(db, runId, 'email', emailText(text), limit)) hits.push(hit(r, 'email', r.exact ? 1 : 0.9));
  } else {
    if (looksLikePostcode(text)) for (const r of await findByColumn(db, runId, 'postcode', postcodeText(text), limit)) hits.push(hit(r, 'postcode', r.exact ? 1 : 0.8));
    hits.push(...(await byName(db, runId, text, limit)));
  }
  // a record found twice keeps its best match
  const best = new Map<string, RecordHit>();
  for (const h of hits) {
    const id = `${h.entity}\u001f${h.key}`;
    const seen = best.get(id);
    if (seen === undefined || h.score > seen.score) best.set(id, h);
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
