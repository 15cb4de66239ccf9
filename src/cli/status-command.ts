import { runStatusWords } from '../core/run-result.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { freezeWords } from './freeze-command.js';
import { withSession } from './who.js';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

/** `cutover status`: where the project stands on its way to go-live, and what to do next. */
export function registerStatusCommand(command: CommandMaker, print: (text: string) => void): void {
  command('status')
    .description('Where the project stands: snapshots, environments and their runs, the sign-off, the quality gate, the freeze, what is live, and what to do next')
    .action(async (o: { project: string; json?: boolean }) => {
      const { projectStatus } = await import('../pipeline/project-status.js');
      const s = await withSession(o.project, 'cutover status', projectStatus);
      if (o.json) {
        print(JSON.stringify(s, null, 2));
        return;
      }
      print(`Migration of ${s.customer}`);
      const latest = s.latestSnapshot;
      const check = latest?.check === undefined ? 'not checked yet' : `checked: ${latest.check.errors.toLocaleString('en-GB')} to fix, ${latest.check.warnings.toLocaleString('en-GB')} to note`;
      print(latest === undefined ? 'Snapshots: none yet.' : `Snapshots: ${s.snapshots}, the latest ${latest.id} collected ${when(latest.collectedAt)} (${check}).`);
      print('');
      print(textTable(['environment', 'stage', 'latest run', 'state'], s.environments.map((e) => [
        e.env, e.stage, e.latestRun ? `run ${e.latestRun.id}, ${when(e.latestRun.startedAt)}` : '-',
        e.live ? `LIVE since ${when(e.live.at)} (run ${e.live.runId})` : e.latestRun ? runStatusWords(e.latestRun.status) : 'not loaded',
      ]), new Set()));
      print('');
      print(s.signOff ? `Signed off: run ${s.signOff.runId} (${s.signOff.env}) by ${s.signOff.signedBy}, ${when(s.signOff.signedAt)}.` : 'Signed off: no run yet.');
      if (s.gate !== undefined) {
        print(s.gate.length === 0 ? 'Quality gate: open for the latest snapshot.' : 'Quality gate: shut for the latest snapshot:');
        for (const p of s.gate) print(`  - ${p.message} To do: ${p.command}.`);
      }
      for (const f of s.freezes) print(freezeWords(f));
      for (const o of s.environments.flatMap((e) => e.overrides)) print(o);
      if (s.plan !== undefined) {
        print('');
        print(`Plan: go-live day J is ${s.plan.goLive} (${s.plan.timeZone}); next milestone: ${s.plan.next}`);
        for (const w of s.plan.warnings) print(`  Warning: ${w}`);
      }
      print('');
      print(`Next: ${s.next}`);
    });
}
