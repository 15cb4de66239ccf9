import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';
import { writeFileAside } from '../report/file-aside.js';

/** `cutover contract draft [SNAPSHOT|FILE]`: proposes a delivery contract from what was delivered. */
export function registerContractCommand(command: CommandMaker, print: (text: string) => void): void {
  const contract = command('contract').description('Work with the delivery contract: `contract draft` proposes one from a snapshot').enablePositionalOptions();
  withCommonOptions(contract.command('draft'))
    .description('Propose a delivery contract from a snapshot (the latest by default) or a delivered file or folder: types, formats, value lists, keys and references seen in the data')
    .argument('[snapshot-or-file]', 'a snapshot id, or the path of a delivered file or folder')
    .option('--out <file>', 'write the draft to this file instead of printing it')
    .option('--force', 'overwrite the --out file when it exists')
    .action(async (target: string | undefined, o: { project: string; out?: string; force?: boolean; json?: boolean }) => {
      const { draftProjectContract } = await import('../pipeline/contract-draft.js');
      const text = await withSession(o.project, 'cutover contract draft', (session) => draftProjectContract(session, target));
      if (o.out === undefined) {
        print(o.json ? JSON.stringify({ contract: text }) : text);
        return;
      }
      const out = resolve(o.out);
      if (existsSync(out) && !o.force) {
        throw new CutoverError('file_exists', `${out} already exists; pass --force to overwrite it, or choose another --out file.`, { where: { file: out } });
      }
      await writeFileAside(out, text);
      print(o.json ? JSON.stringify({ written: out }) : `Drafted a contract in ${out}: read it, correct it and agree it with the customer.`);
    });
}
