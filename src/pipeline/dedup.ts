import { personalDataView } from './personal-data.js';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findDuplicates, type DedupProposal } from '../core/dedup/index.js';
import { renderDedupPage } from '../report/dedup-html.js';
import { readDedupMembers, readDedupRulings, saveDedupMembers } from '../store/dedup-records.js';
import { readDedupRows, dedupEntity } from './dedup-rows.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

/** What `dedup` is asked. */
export interface DedupOptions {
  /** a snapshot id; the latest by default */
  readonly snapshot?: string;
  /** the entity; the only one with a dedup section by default */
  readonly entity?: string;
  /** where to write the review page */
  readonly html?: string;
  /** give each shown row's compared values, as the file held them (for a review page) */
  readonly values?: boolean;
}

/** A dedup proposal with what it was made from. */
export interface DedupResult extends DedupProposal {
  readonly entity: string;
  readonly snapshot: string;
  readonly mergeAt: number;
  readonly reviewAt: number;
  /** the page written, when one was asked for */
  readonly page?: string;
  /** the comparisons' names, in spec order, and per row in a cluster or pair its compared values: when asked for, or a page written */
  readonly shown?: { readonly comparisons: readonly string[]; readonly values: ReadonlyMap<string, Readonly<Record<string, string>>> };
}

/**
 * Finds the rows of one entity that are the same person typed in more than once: compares
 * rows within their blocks, scores the pairs, clusters them with the rulings people made
 * and keeps each cluster's id from before. Writes a review page when asked.
 */
export async function dedup(session: ProjectSession, o: DedupOptions = {}): Promise<DedupResult> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const entity = dedupEntity(spec, o.entity);
  const manifest = await readVerifiedSnapshot(session, o.snapshot ?? 'latest');
  const showValues = o.html !== undefined || o.values === true;
  const rows = await readDedupRows(session, manifest, entity, entity.dedup, showValues);
  const { db } = await session.store();
  const rulings = await readDedupRulings(db, entity.name);
  const proposal = findDuplicates(entity.dedup, rows, entity.name, rulings, await readDedupMembers(db, entity.name));
  await saveDedupMembers(db, entity.name, proposal.clusters);
  const result: DedupResult = { entity: entity.name, snapshot: manifest.id, mergeAt: entity.dedup.mergeAt, reviewAt: entity.dedup.reviewAt, ...proposal };
  if (!showValues) return result;
  const values = new Map<string, Record<string, string>>();
  const index = new Map(rows.keys.map((key, i) => [key, i]));
  for (const key of new Set([...proposal.clusters.flatMap((c) => c.members), ...proposal.pairs.flatMap((p) => [p.a, p.b])])) {
    const i = index.get(key)!;
    values.set(key, Object.fromEntries(entity.dedup.compare.map((c, k) => [c.name, rows.raw[k]![i]!])));
  }
  const shown = { comparisons: entity.dedup.compare.map((c) => c.name), values };
  if (o.html === undefined) return { ...result, shown };
  const page = resolve(o.html);
  // the page is the team's, and every value compared tells who a person is: masked unless asked to show them
  const view = await personalDataView(session, spec);
  const masked = new Map([...values].map(([key, row]) => [key, Object.fromEntries(Object.entries(row).map(([name, v]) => [name, view.personal(v)]))]));
  await writeFile(page, renderDedupPage({ ...result, comparisons: shown.comparisons, values: masked }));
  return { ...result, page, shown };
}
