import { countWords } from '../core/count-words.js';
import { describeReadAs } from '../report/html.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** `cutover snapshots`, `snapshots show ID` and `snapshots verify [ID]`. */
export function registerSnapshotCommands(command: CommandMaker, print: (text: string) => void): void {
  const snapshots = command('snapshots')
    .description('List the project\'s snapshots; `show ID` describes one, `verify` proves they are unchanged')
    .enablePositionalOptions()
    .action(async (o: { project: string; json?: boolean }) => {
      const { projectSnapshots } = await import('../pipeline/snapshots.js');
      const all = await withSession(o.project, 'cutover snapshots', projectSnapshots);
      if (o.json) {
        print(JSON.stringify(all, null, 2));
        return;
      }
      if (all.length === 0) {
        print('No snapshots yet. Run "cutover collect".');
        return;
      }
      print(
        textTable(
          ['snapshot', 'collected', 'by', 'sources', 'tables', 'rows'],
          all.map((s) => [s.id, s.collectedAt, s.collectedBy, s.sources.map((x) => x.name).join(', '), n(s.tables.length), n(s.tables.reduce((sum, t) => sum + t.rows, 0))]),
          new Set([4, 5]),
        ),
      );
    });

  withCommonOptions(snapshots.command('show'))
    .description('Describe one snapshot: its tables, row counts, columns and hashes')
    .argument('<id>', 'the snapshot id, or "latest"')
    .action(async (id: string, o: { project: string; json?: boolean }) => {
      const { projectSnapshot } = await import('../pipeline/snapshots.js');
      const s = await withSession(o.project, 'cutover snapshots show', (session) => projectSnapshot(session, id));
      if (o.json) {
        print(JSON.stringify(s, null, 2));
        return;
      }
      print(`Snapshot ${s.id}, collected ${s.collectedAt} by ${s.collectedBy}, key ${s.keyId}`);
      print(`hash ${s.hash}`);
      for (const src of s.sources) print(`source ${src.name}: ${src.kind} ${src.location}`);
      print('');
      print(
        textTable(
          ['table', 'rows', 'read as', 'columns', 'sha256'],
          s.tables.map((t) => [
            t.name,
            n(t.rows),
            describeReadAs(t.details),
            t.columns.map((c, i) => (t.types[i] && t.types[i] !== 'text' ? `${c} ${t.types[i]}` : c)).join(', '),
            t.sha256.slice(0, 16),
          ]),
          new Set([1]),
        ),
      );
    });

  withCommonOptions(snapshots.command('verify'))
    .description('Decrypt and re-hash a snapshot (all of them by default) to prove nothing changed')
    .argument('[id]', 'the snapshot id, or "latest"')
    .action(async (id: string | undefined, o: { project: string; json?: boolean }) => {
      const { verifySnapshots } = await import('../pipeline/snapshots.js');
      const results = await withSession(o.project, 'cutover snapshots verify', (session) => verifySnapshots(session, id));
      if (o.json) {
        print(JSON.stringify({ intact: true, snapshots: results }, null, 2));
        return;
      }
      for (const r of results) print(`Snapshot ${r.id} is intact: ${countWords(r.tables, 'table')}, ${countWords(r.blobs, 'sealed blob')}, ${countWords(r.plainBytes, 'byte')} re-hashed.`);
      if (results.length === 0) print('No snapshots to verify.');
    });

  withCommonOptions(snapshots.command('rekey'))
    .description('Re-seal every snapshot, and re-key the audit log, under a new snapshot key; run it again to finish one that was interrupted')
    .requiredOption('--from-env <variable>', 'the variable holding the key the snapshots are sealed with now')
    .requiredOption('--to-env <variable>', 'the variable holding the new key')
    .action(async (o: { project: string; json?: boolean; fromEnv: string; toEnv: string }) => {
      const { rekeySnapshots } = await import('../pipeline/rekey.js');
      // each snapshot as it is switched: an interrupted rekey shows how far it got
      const onSnapshot = (id: string, outcome: string) => {
        if (!o.json) print(`Snapshot ${id}: ${outcome === 'rekeyed' ? 're-sealed and verified' : 'under the new key already, verified'}.`);
      };
      const r = await withSession(o.project, 'cutover snapshots rekey', (session) => rekeySnapshots(session, { fromEnv: o.fromEnv, toEnv: o.toEnv, onSnapshot }));
      if (o.json) {
        print(JSON.stringify(r, null, 2));
        return;
      }
      print(`Every snapshot is now sealed with key ${r.to} (was ${r.from}); ${r.auditEvents} audit events re-keyed. Set ${'the project\'s key variable'} to the key in ${o.toEnv} from now on.`);
    });
}
