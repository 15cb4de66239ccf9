
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** `cutover protocol [RUN]`: the readable document of the rules a run applied. */
export function registerProtocolCommand(command: CommandMaker, print: (text: string) => void): void {
  command('protocol')
    .description('Write the protocol of a run (the latest by default): every target field, where it came from and by which rules, with examples')
    .argument('[run]', 'the run number')
    .action(async (run: string | undefined, o: { project: string; json?: boolean }) => {
      const { writeRunProtocol } = await import('../pipeline/protocol.js');
      const written = await withSession(o.project, 'cutover protocol', (session) => writeRunProtocol(session, run));
      print(o.json ? JSON.stringify({ run: written.runId, protocol: written.path }) : `Protocol of run ${written.runId}: ${written.path}`);
    });
}
