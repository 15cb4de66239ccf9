import { readFile, writeFile } from 'node:fs/promises';
import { isMap, parseDocument } from 'yaml';
import { CutoverError } from '../core/cutover-error.js';
import {
  blockSizes, candidateRules, chooseBlocks, forEachCandidatePair, defaultMaxBlock, defaultPrior, draftComparisons, estimateWeights, type ClassifiedColumn, type DedupSpec, type DraftComparison, type EstimatedWeights, type RowPair,
} from '../core/dedup/index.js';
import { createColumnProfiler } from '../core/profile/index.js';
import { hash32 } from '../core/string-hash.js';
import type { EntitySpec } from '../core/spec/index.js';
import type { SnapshotManifest } from '../store/snapshot-manifest.js';
import { snapshotTableSource } from '../store/snapshot-table-source.js';
import { readDedupRows } from './dedup-rows.js';
import { projectFilePath } from './project-file-path.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';
import { readVerifiedSnapshot } from './verified-snapshot.js';

// the kinds of the columns are judged on the first rows; enough to tell e-mails from phones
const profiledRows = 20_000;
const draftMergeAt = 0.95;
const draftReviewAt = 0.7;
const emPairs = 300_000;

/** A drafted dedup section: what it compares and why, its blocks, its estimated weights, and its YAML. */
export interface DedupDraft {
  readonly entity: string;
  readonly snapshot: string;
  readonly comparisons: readonly DraftComparison[];
  readonly block: readonly (readonly string[])[];
  /** blocking rules left out because a block would be too large */
  readonly refused: readonly { readonly rule: readonly string[]; readonly largest: number; readonly pairs: number }[];
  readonly estimate: EstimatedWeights;
  /** the section as written into an entity: `dedup:` and what follows */
  readonly yaml: string;
  /** the spec file written into, when asked */
  readonly written?: string;
}

/** The columns of a table with the kind the profile gives each, judged on its first rows. */
async function classifyColumns(session: ProjectSession, manifest: SnapshotManifest, table: string): Promise<ClassifiedColumn[]> {
  const source = snapshotTableSource(session.layout, manifest, table, await session.key());
  const profilers = source.columns.map((c) => createColumnProfiler(c));
  let rows = 0;
  outer: for await (const chunk of source.rowChunks(session.signal)) {
    for (const row of chunk) {
      for (let i = 0; i < profilers.length; i += 1) profilers[i]!.add(row.values[i] ?? null);
      rows += 1;
      if (rows >= profiledRows) break outer;
    }
  }
  return profilers.map((p) => p.result()).map((c) => ({ name: c.name, type: c.type }));
}

/** The section as plain data, in the order it reads best. */
function sectionData(spec: DedupSpec): Record<string, unknown> {
  return {
    compare: Object.fromEntries(spec.compare.map((c) => [c.name, { column: c.column, as: c.kind, m: c.m, u: c.u }])),
    block: spec.block.map((rule) => (rule.length === 1 ? rule[0] : rule)),
    merge_at: spec.mergeAt,
    review_at: spec.reviewAt,
    max_block: spec.maxBlock,
    prior: spec.prior,
  };
}

/** The section as YAML, each comparison and blocking rule on one line. */
function sectionYaml(spec: DedupSpec): string {
  const doc = parseDocument('dedup: {}');
  doc.set('dedup', doc.createNode(sectionData(spec)));
  flowInner(doc.get('dedup'));
  return doc.toString({ lineWidth: 0 });
}

/** Writes the maps and lists below `compare` and `block` in flow style. */
function flowInner(section: unknown): void {
  if (!isMap(section)) return;
  for (const pair of section.items) {
    const value = pair.value as { flow?: boolean; items?: unknown[] } | null;
    if (value === null || value.items === undefined) continue;
    if (String((pair.key as { value?: unknown }).value) === 'block') value.flow = true;
    for (const item of value.items) {
      const inner = (item as { value?: { flow?: boolean } }).value ?? (item as { flow?: boolean });
      if (inner !== null && typeof inner === 'object') inner.flow = true;
    }
  }
}

/**
 * Drafts the dedup section of an entity from its columns' kinds and the data: the
 * comparisons, the blocking rules whose blocks stay small enough, and weights estimated
 * by expectation maximisation. Written into the spec file named by `write`, or returned.
 */
export async function suggestDedup(session: ProjectSession, o: { readonly entity: string; readonly snapshot?: string; readonly write?: string }): Promise<DedupDraft> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  const entity: EntitySpec | undefined = spec.entities.find((e) => e.name === o.entity);
  if (entity === undefined) {
    throw new CutoverError('unknown_field', `The spec ${spec.file} has no entity "${o.entity}"; its entities are: ${spec.entities.map((e) => e.name).join(', ')}.`);
  }
  const manifest = await readVerifiedSnapshot(session, o.snapshot ?? 'latest');
  const comparisons = draftComparisons(await classifyColumns(session, manifest, entity.source), entity.key);
  if (comparisons.length === 0) {
    throw new CutoverError('dedup_unset', `No column of ${entity.source} looks like a name, e-mail, phone, postcode, birth date or address, so no dedup section can be drafted for entity "${o.entity}". Write one by hand.`);
  }
  const draft: DedupSpec = {
    compare: comparisons.map((c) => ({ name: c.name, column: c.column, kind: c.kind, where: entity.where })),
    block: [],
    mergeAt: draftMergeAt,
    reviewAt: draftReviewAt,
    maxBlock: defaultMaxBlock,
    prior: defaultPrior,
    where: entity.where,
  };
  const rows = await readDedupRows(session, manifest, entity, draft);
  const { kept, refused } = chooseBlocks(draft, rows, candidateRules(comparisons.map((c) => c.name)));
  if (kept.length === 0) {
    throw new CutoverError('dedup_block_too_large', `Every blocking rule tried for entity "${o.entity}" makes a block larger than ${defaultMaxBlock} rows (${refused.map((r) => `[${r.rule.join(', ')}]: ${r.largest}`).join('; ')}). Write the dedup section by hand with narrower blocks.`);
  }
  const blocked: DedupSpec = { ...draft, block: kept };
  // EM learns from at most about emPairs of the blocked pairs, a fixed spread of them
  const blockedPairs = kept.reduce((sum, rule) => sum + blockSizes(blocked, rows, rule).pairs, 0);
  const share = Math.min(1, emPairs / Math.max(1, blockedPairs));
  const learnt: RowPair[] = [];
  const given = forEachCandidatePair(blocked, rows, entity.name, (a, b, rule) => {
    if (share === 1 || hash32(`${a} ${b}`) / 4294967296 < share) learnt.push([a, b, rule]);
  });
  const estimate = estimateWeights(blocked, rows, learnt, { share: learnt.length / Math.max(1, given) });
  const estimated: DedupSpec = { ...blocked, prior: estimate.prior, compare: blocked.compare.map((c, i) => ({ ...c, m: estimate.m[i]!, u: estimate.u[i]! })) };
  const yaml = sectionYaml(estimated);
  const result = { entity: entity.name, snapshot: manifest.id, comparisons, block: kept, refused, estimate, yaml };
  if (o.write === undefined) return result;
  const path = await projectFilePath(session.layout.root, o.write, 'spec');
  const doc = parseDocument(await readFile(path, 'utf8'));
  if (!doc.hasIn(['entities', entity.name])) {
    throw new CutoverError('unknown_field', `The spec file ${o.write} does not hold entity "${entity.name}"; name the file that does.`);
  }
  doc.setIn(['entities', entity.name, 'dedup'], doc.createNode(sectionData(estimated)));
  flowInner(doc.getIn(['entities', entity.name, 'dedup']));
  await writeFile(path, doc.toString({ lineWidth: 0 }));
  return { ...result, written: path };
}
