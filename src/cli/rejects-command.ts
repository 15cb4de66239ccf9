import { countWords } from '../core/count-words.js';
import { resolve } from 'node:path';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const shownInTerminal = 20;

/** `cutover rejects [RUN] [--out DIR]`: the rows a run did not import, and why. */
export function registerRejectsCommand(command: CommandMaker, print: (text: string) => void): void {
  command('rejects')
    .description('List the rows a run did not import (the latest run by default), and write them as CSV and XLSX for the customer')
    .argument('[run]', 'the run number')
    .option('--out <dir>', 'where to write the CSV and XLSX lists (default: the project\'s reports folder)')
    .action(async (run: string | undefined, o: { project: string; json?: boolean; out?: string }) => {
      const { listRejects, writeRejectLists } = await import('../pipeline/rejects.js');
      if (o.json) {
        const { runId, rows } = await withSession(o.project, 'cutover rejects', (session) => listRejects(session, run, { forTeam: true }));
        print(JSON.stringify({ run: runId, rows }, null, 2));
        return;
      }
      const { runId, count, csv, xlsx, first: rows } = await withSession(o.project, 'cutover rejects', (session) =>
        writeRejectLists(session, { ...(run === undefined ? {} : { run }), ...(o.out ? { outDir: resolve(o.out) } : {}), shown: shownInTerminal }));
      const first = rows.map((r) => [r.entity, `${r.file}:${r.line}`, r.reference, r.message]);
      print(count === 0 ? `Run ${runId} imported every source row.` : `Run ${runId}: ${countWords(count, 'row')} ${count === 1 ? 'was' : 'were'} not imported.`);
      if (first.length > 0) print(`\n${textTable(['record type', 'where', 'reference', 'why'], first, new Set())}`);
      if (count > first.length) print(`… and ${(count - first.length).toLocaleString('en-GB')} more.`);
      print(`\nThe whole list: ${csv}\n                ${xlsx}`);
    });
}
