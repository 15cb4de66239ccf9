import { InvalidArgumentError, Option } from 'commander';
import type { GapResult } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** A gap's own books per entity, then the books of the later snapshot as the environment now holds it. */
export function formatGap(g: GapResult): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const gap = textTable(
    ['entity', 'new', 'changed', 'deleted', 'unchanged', 'inserted', 'updated', 'deleted', 'kept', 'marked', 'rejected', 'excluded', 'merged', 'books'],
    g.gap.map((b) => [
      b.entity, n(b.added), n(b.changed), n(b.removedAtSource), n(b.unchanged), n(b.inserted), n(b.updated), n(b.deleted), n(b.kept + b.absent), n(b.marked),
      n(b.rejected), n(b.excluded), n(b.merged), b.balanced ? 'balanced' : 'NOT BALANCED',
    ]),
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  );
  const held = textTable(
    ['entity', 'source', 'loaded', 'rejected', 'excluded', 'merged', 'books'],
    g.entities.map((b) => [b.entity, n(b.source), n(b.loaded), n(b.rejected), n(b.excluded), n(b.merged), b.balanced ? 'balanced' : 'NOT BALANCED']),
    new Set([1, 2, 3, 4, 5]),
  );
  return `Changes from snapshot ${g.from} to ${g.to} (left of "inserted": the diff; from it: what became of each change)\n${gap}\n\nSnapshot ${g.to} as environment ${g.env} now holds it\n${held}`;
}

/** `cutover gap --env ENV [--from S] [--to S]` carries over what changed in the legacy system since the environment was loaded. */
export function registerGapCommand(command: CommandMaker, print: (text: string) => void, outcome: { exitCode: number }): void {
  command('gap')
    .description('Carry over what changed in the legacy system between the snapshot an environment holds and a later one: new rows inserted, changed rows updated, deleted rows kept, deleted or marked as the spec says')
    .requiredOption('--env <name>', 'the environment to carry the changes into (a live one too)')
    .option('--from <snapshot>', 'the snapshot the environment holds (checked; by default taken from its last run)')
    .option('--to <snapshot>', 'the later snapshot (the latest by default)')
    .option('--target <url>', 'the PostgreSQL server (postgres://…) the environment was loaded into, when it is not its own')
    .addOption(new Option('--batch <n>', 'changes per batch and checkpoint').argParser(batchSize).hideHelp())
    .action(async (o: { project: string; json?: boolean; env: string; from?: string; to?: string; target?: string; batch?: number }) => {
      const { gapMigration } = await import('../pipeline/gap-run.js');
      const g = await withSession(o.project, 'cutover gap', (session) => gapMigration(session, {
        environment: o.env,
        ...(o.from ? { fromId: o.from } : {}),
        ...(o.to ? { toId: o.to } : {}),
        ...(o.target ? { targetUrl: o.target } : {}),
        ...(o.batch ? { batchRows: o.batch } : {}),
      }));
      if (o.json) print(JSON.stringify(g, null, 2));
      else {
        print(formatGap(g));
        print('');
        print(g.status === 'succeeded' ? `Gap migration ${g.runId} succeeded: every change is applied or accounted for.` : `Gap migration ${g.runId} FAILED: ${g.error}`);
      }
      if (g.status !== 'succeeded') outcome.exitCode = 1;
    });
}

function batchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new InvalidArgumentError('--batch must be a whole number from 1 to 1,000,000.');
  return n;
}
