import { CutoverError } from '../core/cutover-error.js';
import { readDedupMembers, readDedupRulings, saveDedupRuling, type DedupRulingRecord } from '../store/dedup-records.js';
import { dedupEntity, readDedupRows } from './dedup-rows.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

/** A person's decision on a proposal: two rows merged, kept apart or forced together, or one row taken out of its cluster. */
export type DedupDecision =
  | { readonly action: 'accept' | 'reject' | 'force'; readonly a: string; readonly b: string }
  | { readonly action: 'split'; readonly key: string };

/** The rulings a decision recorded. */
export interface DecidedRulings {
  readonly entity: string;
  readonly rulings: readonly { readonly a: string; readonly b: string; readonly ruling: DedupRulingRecord['ruling'] }[];
}

/**
 * Records a decision on duplicate rows by their source keys, so it holds for every later
 * snapshot and run: accept or reject a proposed pair, force two rows together, or split
 * a row out of its cluster (it is then kept apart from each other member).
 */
export async function decideDedup(session: ProjectSession, decision: DedupDecision, o: { readonly entity?: string; readonly snapshot?: string } = {}): Promise<DecidedRulings> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const entity = dedupEntity(spec, o.entity);
  const manifest = await readVerifiedSnapshot(session, o.snapshot ?? 'latest');
  const rows = await readDedupRows(session, manifest, entity, entity.dedup);
  const known = new Set(rows.keys);
  const named = decision.action === 'split' ? [decision.key] : [decision.a, decision.b];
  for (const key of named) {
    if (!known.has(key)) {
      throw new CutoverError('dedup_key_unknown', `Entity "${entity.name}" has no row with the key "${key}" in snapshot ${manifest.id}. Write the key as "cutover dedup" shows it (key columns joined by |).`);
    }
  }
  const { db } = await session.store();
  let rulings: DecidedRulings['rulings'];
  if (decision.action === 'split') {
    const members = await readDedupMembers(db, entity.name);
    const cluster = members.get(decision.key);
    const others = [...members].filter(([key, id]) => id === cluster && key !== decision.key).map(([key]) => key);
    if (cluster === undefined || others.length === 0) {
      throw new CutoverError('dedup_key_unknown', `The row "${decision.key}" of entity "${entity.name}" is in no cluster of the last proposal. Run "cutover dedup" to see the clusters.`);
    }
    rulings = others.sort().map((other) => ({ a: decision.key, b: other, ruling: 'reject' as const }));
  } else {
    if (decision.a === decision.b) {
      throw new CutoverError('invalid_option', `A decision needs two different rows; both keys given are "${decision.a}".`);
    }
    rulings = [{ a: decision.a, b: decision.b, ruling: decision.action }];
  }
  const at = session.clock();
  for (const r of rulings) await saveDedupRuling(db, entity.name, { ...r, by: session.actor, at });
  await session.audit('dedup.decided', entity.name, { action: decision.action, rulings });
  return { entity: entity.name, rulings };
}

/** Every ruling people made on an entity's rows. */
export async function dedupRulings(session: ProjectSession, o: { readonly entity?: string } = {}): Promise<{ entity: string; rulings: DedupRulingRecord[] }> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const entity = dedupEntity(spec, o.entity);
  const { db } = await session.store();
  return { entity: entity.name, rulings: await readDedupRulings(db, entity.name) };
}
