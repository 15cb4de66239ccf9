import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { parseContract } from '../core/contract/index.js';
import { fileDelivery, snapshotDelivery } from '../pipeline/check.js';
import { draftContract } from '../pipeline/contract-draft.js';
import { readProjectConfig } from '../pipeline/project-files.js';
import { projectLayout } from '../store/project-layout.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';

/** `cutover contract draft [SNAPSHOT|FILE]`: proposes a delivery contract from what was delivered. */
export function registerContractCommand(command: CommandMaker, print: (text: string) => void): void {
  const contract = command('contract').description('Work with the delivery contract: `contract draft` proposes one from a snapshot').enablePositionalOptions();
  withCommonOptions(contract.command('draft'))
    .description('Propose a delivery contract from a snapshot (the latest by default) or a delivered file or folder: types, formats, value lists, keys and references seen in the data')
    .argument('[snapshot-or-file]', 'a snapshot id, or the path of a delivered file or folder')
    .option('--out <file>', 'write the draft to this file instead of printing it')
    .option('--force', 'overwrite the --out file when it exists')
    .action(async (target: string | undefined, o: { project: string; out?: string; force?: boolean; json?: boolean }) => {
      const layout = projectLayout(o.project);
      let text: string;
      if (target !== undefined && existsSync(resolve(target))) {
        text = await draftContract(await fileDelivery(resolve(target)), basename(resolve(target)));
      } else {
        const config = await readProjectConfig(layout);
        const manifest = await readSnapshot(layout, target ?? 'latest');
        text = await draftContract(snapshotDelivery(layout, manifest, snapshotKeyFrom(process.env, config.snapshot_key_env)), `snapshot ${manifest.id}`);
      }
      // a draft that does not read back would be no use to anyone
      parseContract(text, 'the draft');
      if (o.out === undefined) {
        print(o.json ? JSON.stringify({ contract: text }) : text);
        return;
      }
      const out = resolve(o.out);
      if (existsSync(out) && !o.force) {
        throw new CutoverError('file_exists', `${out} already exists; pass --force to overwrite it, or choose another --out file.`, { where: { file: out } });
      }
      await writeFile(out, text);
      print(o.json ? JSON.stringify({ written: out }) : `Drafted a contract in ${out}: read it, correct it and agree it with the customer.`);
    });
}
