import { readProjectConfig } from '../pipeline/project-files.js';
import { writeRunProtocol } from '../pipeline/protocol.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import type { CommandMaker } from './common-options.js';
import { clock } from './who.js';

/** `cutover protocol [RUN]`: the readable document of the rules a run applied. */
export function registerProtocolCommand(command: CommandMaker, print: (text: string) => void): void {
  command('protocol')
    .description('Write the protocol of a run (the latest by default): every target field, where it came from and by which rules, with examples')
    .argument('[run]', 'the run number')
    .action(async (run: string | undefined, o: { project: string; json?: boolean }) => {
      const layout = projectLayout(o.project);
      const config = await readProjectConfig(layout);
      const key = snapshotKeyFrom(process.env, config.snapshot_key_env);
      const store = await openProjectStore(layout, 'cutover protocol', clock());
      try {
        const written = await writeRunProtocol(store, config, key, run);
        print(o.json ? JSON.stringify({ run: written.runId, protocol: written.path }) : `Protocol of run ${written.runId}: ${written.path}`);
      } finally {
        await store.close();
      }
    });
}
