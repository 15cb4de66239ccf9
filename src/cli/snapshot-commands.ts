import { readProjectConfig } from '../pipeline/project-files.js';
import { projectLayout } from '../store/project-layout.js';
import { listSnapshots, readSnapshot } from '../store/snapshot-store.js';
import { verifySnapshot } from '../store/snapshot-verify.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { describeReadAs } from '../report/html.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** `cutover snapshots`, `snapshots show ID` and `snapshots verify [ID]`. */
export function registerSnapshotCommands(command: CommandMaker, print: (text: string) => void): void {
  const snapshots = command('snapshots')
    .description('List the project\'s snapshots; `show ID` describes one, `verify` proves they are unchanged')
    .enablePositionalOptions()
    .action(async (o: { project: string; json?: boolean }) => {
      const all = await listSnapshots(projectLayout(o.project));
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
      const s = await readSnapshot(projectLayout(o.project), id);
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
      const layout = projectLayout(o.project);
      const config = await readProjectConfig(layout);
      const key = snapshotKeyFrom(process.env, config.snapshot_key_env);
      const chosen = id ? [await readSnapshot(layout, id)] : await listSnapshots(layout);
      const results = [];
      for (const s of chosen) results.push(await verifySnapshot(layout, s, key));
      if (o.json) {
        print(JSON.stringify({ intact: true, snapshots: results }, null, 2));
        return;
      }
      for (const r of results) print(`Snapshot ${r.id} is intact: ${r.tables} tables, ${r.blobs} sealed blobs, ${n(r.plainBytes)} bytes re-hashed.`);
      if (results.length === 0) print('No snapshots to verify.');
    });
}
