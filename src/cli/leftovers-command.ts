
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** `cutover leftovers [RUN]`: what the spec does not carry over at all, for the tasks after go-live. */
export function registerLeftoversCommand(command: CommandMaker, print: (text: string) => void): void {
  command('leftovers')
    .description('List what a run (the latest by default) does not carry over at all: delivered tables and columns no rule reads, with how many rows hold something')
    .argument('[run]', 'the run number')
    .action(async (run: string | undefined, o: { project: string; json?: boolean }) => {
      const { leftovers } = await import('../pipeline/leftovers.js');
      const found = await withSession(o.project, 'cutover leftovers', (session) => leftovers(session, run));
      if (o.json) {
        print(JSON.stringify(found, null, 2));
        return;
      }
      if (found.tables.length === 0 && found.columns.every((c) => c.filled === 0)) {
        print(`Run ${found.runId} carries over every delivered table and every column that holds anything.`);
        return;
      }
      if (found.tables.length > 0) {
        print(`Delivered tables run ${found.runId} does not carry over:`);
        print(textTable(['table', 'rows'], found.tables.map((t) => [t.table, n(t.rows)]), new Set([1])));
        print('');
      }
      const held = found.columns.filter((c) => c.filled > 0);
      if (held.length > 0) {
        print(`Columns no rule reads, which hold something:`);
        print(textTable(['table', 'column', 'rows with a value', 'of'], held.map((c) => [c.table, c.column, n(c.filled), n(c.rows)]), new Set([2, 3])));
        print('');
      }
      print('Move these by hand after go-live, or add rules for them to the spec.');
    });
}
