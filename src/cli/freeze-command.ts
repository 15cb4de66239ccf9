
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** Words for a freeze that is on, printed by `freeze` and as a reminder by `collect`. */
export function freezeWords(f: { readonly env: string; readonly since: string; readonly by: string; readonly note: string | null }): string {
  return `Environment ${f.env} is frozen since ${f.since.replace('T', ' ').replace('Z', ' UTC')} (by ${f.by}${f.note ? `: ${f.note}` : ''}): the legacy system must not change until the final run has loaded.`;
}

/** `cutover freeze --env ENV [--note TEXT]` starts the freeze window before the final run; `--end` ends it. */
export function registerFreezeCommand(command: CommandMaker, print: (text: string) => void): void {
  command('freeze')
    .description('Start the freeze window before the final run into an environment: the legacy system must not change from now; --end ends it')
    .requiredOption('--env <name>', 'the production (or preproduction) environment the final run loads')
    .option('--note <text>', 'what was agreed, e.g. "offices told at 17:00, no new lets until Monday"')
    .option('--end', 'end the freeze')
    .action(async (o: { project: string; json?: boolean; env: string; note?: string; end?: boolean }) => {
      const { freeze, unfreeze } = await import('../pipeline/freeze.js');
      if (o.end) {
        await withSession(o.project, 'cutover freeze --end', (session) => unfreeze(session, o.env));
        print(o.json ? JSON.stringify({ env: o.env, frozen: false }) : `The freeze of environment ${o.env} has ended.`);
        return;
      }
      const frozen = await withSession(o.project, 'cutover freeze', (session) => freeze(session, { env: o.env, ...(o.note ? { note: o.note } : {}) }));
      print(o.json ? JSON.stringify({ ...frozen, frozen: true }, null, 2) : freezeWords(frozen));
    });
}
