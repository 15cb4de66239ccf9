import { CutoverError } from '../core/cutover-error.js';
import type { DedupResult } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** The proposal as `--json` gives it: clusters and pairs by source keys. */
export function dedupJson(r: DedupResult): { clusters: { id: string; members: string[]; survivor: string }[]; pairs: { a: string; b: string; score: number; decision: string }[] } {
  return {
    clusters: r.clusters.map((c) => ({ id: c.id, members: [...c.members], survivor: c.survivor })),
    pairs: r.pairs.map((p) => ({ a: p.a, b: p.b, score: p.score, decision: p.decision })),
  };
}

/** The proposal for a terminal: counts, then each pair to review with what agreed and differed. */
function formatProposal(r: DedupResult, reviewOnly: boolean): string {
  const review = r.pairs.filter((p) => p.decision === 'review');
  const lines = [
    `${n(r.rows)} ${r.entity} rows in snapshot ${r.snapshot}: ${n(r.compared)} pairs compared within their blocks.`,
    `${n(r.clusters.length)} clusters to merge (${n(r.clusters.reduce((s, c) => s + c.members.length - 1, 0))} rows into their survivors), ${n(review.length)} pairs to review.`,
  ];
  const shown = reviewOnly ? review : r.pairs;
  if (shown.length > 0) {
    const how = (p: DedupResult['pairs'][number], level: string) => Object.keys(p.fields).filter((f) => p.fields[f] === level).join(', ') || '-';
    lines.push('', textTable(['row', 'row', 'score', 'decision', 'agree', 'close', 'differ'], shown.slice(0, 200).map((p) => [p.a, p.b, p.score.toFixed(3), p.decision, how(p, 'agree'), how(p, 'close'), how(p, 'differ')]), new Set([2])));
    if (shown.length > 200) lines.push(`… and ${n(shown.length - 200)} more; --html FILE writes them all on one page.`);
  }
  if (review.length > 0) lines.push('', 'Decide with "cutover dedup review accept KEY KEY" or "cutover dedup review reject KEY KEY".');
  if (r.page !== undefined) lines.push('', `Review page: ${r.page}`);
  return lines.join('\n');
}

const decisions = ['accept', 'reject', 'force', 'split'] as const;

/** `cutover dedup [SNAPSHOT]`, `dedup suggest --entity E [--write FILE]` and `dedup review [accept|reject|force A B | split KEY]`. */
export function registerDedupCommand(command: CommandMaker, print: (text: string) => void): void {
  const top = command('dedup')
    .description('Find people typed in more than once in a snapshot (the latest by default): score pairs within their blocks, propose clusters to merge and pairs to review')
    .enablePositionalOptions()
    .argument('[snapshot]', 'the snapshot id')
    .option('--entity <name>', 'the entity to deduplicate (the one with a dedup section by default)')
    .option('--html <file>', 'also write a page to review the proposal')
    .action(async (snapshot: string | undefined, o: { project: string; json?: boolean; entity?: string; html?: string }) => {
      const { dedup } = await import('../pipeline/dedup.js');
      const r = await withSession(o.project, 'cutover dedup', (s) => dedup(s, { ...(snapshot ? { snapshot } : {}), ...(o.entity ? { entity: o.entity } : {}), ...(o.html ? { html: o.html } : {}) }));
      print(o.json ? JSON.stringify(dedupJson(r), null, 2) : formatProposal(r, false));
    });

  withCommonOptions(top.command('suggest'))
    .description('Draft the dedup section of an entity from its columns and data, with weights estimated from the data')
    .requiredOption('--entity <name>', 'the entity')
    .option('--snapshot <id>', 'the snapshot to learn from (the latest by default)')
    .option('--write <file>', 'write the section into this spec file instead of printing it')
    .action(async (o: { project: string; json?: boolean; entity: string; snapshot?: string; write?: string }) => {
      const { suggestDedup } = await import('../pipeline/dedup-suggest.js');
      const d = await withSession(o.project, 'cutover dedup suggest', (s) => suggestDedup(s, { entity: o.entity, ...(o.snapshot ? { snapshot: o.snapshot } : {}), ...(o.write ? { write: o.write } : {}) }));
      if (o.json) {
        print(JSON.stringify(d, null, 2));
        return;
      }
      for (const c of d.comparisons) print(`# ${c.name}: ${c.column} as ${c.kind}, because ${c.why}`);
      for (const r of d.refused) print(`# blocking on [${r.rule.join(', ')}] left out: its largest block holds ${n(r.largest)} rows, ${n(r.pairs)} pairs in all`);
      print(`# weights estimated from ${n(d.estimate.pairs)} blocked pairs and ${n(d.estimate.randomPairs)} random pairs in ${d.estimate.iterations} rounds`);
      print(d.written === undefined ? d.yaml : `Written into ${d.written}.`);
    });

  withCommonOptions(top.command('review'))
    .description('List the pairs waiting for review, or decide: accept A B, reject A B, force A B, split KEY (source keys as "cutover dedup" shows them)')
    .argument('[decision]', `one of ${decisions.join(', ')}`)
    .argument('[keys...]', 'the source keys: two rows, or one for split')
    .option('--entity <name>', 'the entity (the one with a dedup section by default)')
    .option('--rulings', 'list the decisions made so far')
    .action(async (decision: string | undefined, keys: string[], o: { project: string; json?: boolean; entity?: string; rulings?: boolean }) => {
      const { decideDedup, dedupRulings } = await import('../pipeline/dedup-review.js');
      const { dedup } = await import('../pipeline/dedup.js');
      const entity = o.entity ? { entity: o.entity } : {};
      if (o.rulings) {
        const r = await withSession(o.project, 'cutover dedup review', (s) => dedupRulings(s, entity));
        print(o.json ? JSON.stringify(r, null, 2) : r.rulings.length === 0 ? 'No decisions yet.' : textTable(['row', 'row', 'ruling', 'by', 'when'], r.rulings.map((x) => [x.a, x.b, x.ruling, x.decidedBy, x.decidedAt]), new Set()));
        return;
      }
      if (decision === undefined) {
        const r = await withSession(o.project, 'cutover dedup review', (s) => dedup(s, entity));
        print(o.json ? JSON.stringify(r.pairs.filter((p) => p.decision === 'review'), null, 2) : formatProposal(r, true));
        return;
      }
      const action = decisions.find((d) => d === decision);
      const wanted = action === 'split' ? 1 : 2;
      if (action === undefined || keys.length !== wanted) {
        throw new CutoverError('invalid_option', `Write "cutover dedup review accept|reject|force KEY KEY" or "cutover dedup review split KEY"; got "${[decision, ...keys].join(' ')}".`);
      }
      const done = await withSession(o.project, 'cutover dedup review', (s) =>
        decideDedup(s, action === 'split' ? { action, key: keys[0]! } : { action, a: keys[0]!, b: keys[1]! }, entity));
      if (o.json) {
        print(JSON.stringify(done, null, 2));
        return;
      }
      for (const r of done.rulings) print(`${r.a} and ${r.b}: ${r.ruling === 'reject' ? 'kept apart' : r.ruling === 'force' ? 'forced together' : 'merged'}, from now on in every snapshot.`);
    });
}
