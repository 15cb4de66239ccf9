import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withCommonOptions } from './common-options.js';
import { withSession } from './who.js';

/** `cutover audit verify`: the chain under the key, and every anchor of its head found outside the log. */
export function registerAuditVerifyCommand(audit: Command, print: (text: string) => void, outcome: { exitCode: number }): void {
  withCommonOptions(audit.enablePositionalOptions().command('verify'))
    .description('Check the audit log under the key, and against every place its head was handed out (snapshots, workbooks, sign-offs)')
    .argument('[workbooks...]', 'review workbooks as the customer holds them, to check too (those in the reports folder are checked anyway)')
    .action(async (workbooks: string[], o: { project: string; json?: boolean }) => {
      const { verifyAuditTrail } = await import('../pipeline/audit-trail.js');
      const verdict = await withSession(o.project, 'cutover audit verify', (s) => verifyAuditTrail(s, { workbooks: workbooks.map((w) => resolve(w)) }));
      if (!verdict.intact) outcome.exitCode = 1;
      if (o.json) {
        print(JSON.stringify(verdict, null, 2));
        return;
      }
      if (verdict.intact) {
        const places = verdict.anchors.length === 1 ? '1 place' : `${verdict.anchors.length} places`;
        print(`The audit log is intact: ${verdict.events} events, and it agrees with the ${places} its head was handed out (snapshots, workbooks, sign-offs).`);
        return;
      }
      print('The audit log was altered:');
      for (const p of verdict.problems) print(`- ${p}`);
    });
}
