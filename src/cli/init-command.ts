import type { Command } from 'commander';
import { withSession } from './who.js';

/** `cutover init [DIR] --from FOLDER | --from-env VAR`: starts a project of the user's own. */
export function registerInitCommand(program: Command, print: (text: string) => void): void {
  program
    .command('init')
    .description('Start a project of your own: cutover.yaml naming the source, an empty target schema and, when the snapshot key is set, a first snapshot with a suggested spec and contract')
    .argument('[dir]', 'the project folder (made if missing)', '.')
    .option('--from <folder>', 'the folder holding the customer\'s delivered files')
    .option('--from-env <variable>', 'the variable holding the legacy database\'s URL (mysql://, postgres:// or sqlite:)')
    .option('--customer <name>', 'the customer\'s name, shown on every report (default: the folder\'s name)')
    .option('--json', 'print machine-readable JSON')
    .option('--debug', 'show stack traces of errors')
    .option('--show-personal-data', 'show personal values unmasked; recorded in the audit log')
    .action(async (dir: string, o: { from?: string; fromEnv?: string; customer?: string; json?: boolean }) => {
      const { initProject } = await import('../pipeline/init-project.js');
      const result = await withSession(dir, 'cutover init', (session) => initProject(session, {
        ...(o.from === undefined ? {} : { from: o.from }),
        ...(o.fromEnv === undefined ? {} : { fromEnv: o.fromEnv }),
        ...(o.customer === undefined ? {} : { customer: o.customer }),
      }));
      if (o.json) {
        print(JSON.stringify(result, null, 2));
        return;
      }
      print(`Started the project in ${result.project}: ${result.written.join(', ')}.`);
      if (result.snapshot !== undefined) print(`Collected snapshot ${result.snapshot} and drafted the spec and the contract from it.`);
      print('\nNext:');
      result.next.forEach((step, k) => print(`  ${k + 1}. ${step}`));
    });
}
