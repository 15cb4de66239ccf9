
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** `cutover diff SNAPSHOT_A SNAPSHOT_B`: what changed in the legacy data between two deliveries, table by table. */
export function registerDiffCommand(command: CommandMaker, print: (text: string) => void): void {
  command('diff')
    .description('Compare two snapshots of the same sources table by table, by the spec\'s source keys: rows new, changed (in which columns), deleted and unchanged')
    .argument('<from>', 'the earlier snapshot id')
    .argument('<to>', 'the later snapshot id')
    .action(async (from: string, to: string, o: { project: string; json?: boolean }) => {
      const { diffSnapshots } = await import('../pipeline/snapshot-diff.js');
      const diff = await withSession(o.project, `cutover diff ${from} ${to}`, (session) => diffSnapshots(session, from, to));
      if (o.json) {
        print(JSON.stringify(diff, null, 2));
        return;
      }
      print(`What changed from snapshot ${diff.from} to snapshot ${diff.to}:\n`);
      print(textTable(
        ['table', 'rows before', 'rows after', 'new', 'changed', 'deleted', 'unchanged', 'blank key'],
        diff.tables.map((t) => [t.table, n(t.rowsBefore), n(t.rowsAfter), n(t.added), n(t.changed), n(t.deleted), n(t.unchanged), n(t.blankKeys)]),
        new Set([1, 2, 3, 4, 5, 6, 7]),
      ));
      for (const t of diff.tables) {
        const columns = Object.entries(t.changedColumns).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        if (columns.length === 0 && t.notes.length === 0) continue;
        print(`\n${t.table}:`);
        if (columns.length > 0) print(`  changed: ${columns.map(([column, rows]) => `${column} in ${n(rows)} row${rows === 1 ? '' : 's'}`).join(', ')}`);
        for (const note of t.notes) print(`  ${note}`);
      }
      const total = diff.tables.reduce((sum, t) => sum + t.added + t.changed + t.deleted, 0);
      print(total === 0 ? '\nNothing changed.' : `\n${n(total)} rows new, changed or deleted in all.`);
    });
}
