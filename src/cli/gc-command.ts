import type { KeyMapsFreed } from '../core/run-result.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** What dropping superseded key maps freed, in a sentence; undefined when nothing was. */
export function freedWords(freed: KeyMapsFreed | undefined): string | undefined {
  if (freed === undefined || freed.runs.length === 0) return undefined;
  const runs = freed.runs.length === 1 ? `run ${freed.runs[0]}` : `runs ${freed.runs.slice(0, -1).join(', ')} and ${freed.runs.at(-1)}`;
  return `Freed ${(freed.bytes / 1e6).toFixed(1)} MB: the key maps of ${runs}, superseded by a later successful run of the same environment (their ledgers and books stay).`;
}

/** `cutover gc`: drops the key maps no command needs any more and says what it freed. */
export function registerGcCommand(command: CommandMaker, print: (text: string) => void): void {
  command('gc')
    .description('Free the store of the key maps of runs a later successful run of the same environment superseded (ledgers and books stay; so do the latest, signed-off and live runs\' key maps)')
    .action(async (o: { project: string; json?: boolean }) => {
      const { collectStore } = await import('../pipeline/store-collector.js');
      const freed = await withSession(o.project, 'cutover gc', collectStore);
      if (o.json) print(JSON.stringify({ key_maps_dropped: freed.runs, bytes_freed: freed.bytes }, null, 2));
      else print(freedWords(freed) ?? 'Nothing to free: every run\'s key map is still needed (the latest run of each environment, signed-off and live runs).');
    });
}
