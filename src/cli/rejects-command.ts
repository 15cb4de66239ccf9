import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readRejects, resolveRunId } from '../pipeline/rejects.js';
import { writeRejectsCsv, writeRejectsXlsx } from '../report/rejects-files.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { clock } from './who.js';

const shownInTerminal = 20;

/** `cutover rejects [RUN] [--out DIR]`: the rows a run did not import, and why. */
export function registerRejectsCommand(command: CommandMaker, print: (text: string) => void): void {
  command('rejects')
    .description('List the rows a run did not import (the latest run by default), and write them as CSV and XLSX for the customer')
    .argument('[run]', 'the run number')
    .option('--out <dir>', 'where to write the CSV and XLSX lists (default: the project\'s reports folder)')
    .action(async (run: string | undefined, o: { project: string; json?: boolean; out?: string }) => {
      const layout = projectLayout(o.project);
      const store = await openProjectStore(layout, 'cutover rejects', clock());
      try {
        const runId = await resolveRunId(store.db, run);
        if (o.json) {
          const rows = [];
          for await (const r of readRejects(store.db, runId)) rows.push(r);
          print(JSON.stringify({ run: runId, rows }, null, 2));
          return;
        }
        const dir = o.out ? resolve(o.out) : layout.reportsDir;
        await mkdir(dir, { recursive: true });
        const csv = join(dir, `run-${runId}-not-imported.csv`);
        const xlsx = join(dir, `run-${runId}-not-imported.xlsx`);
        const count = await writeRejectsCsv(csv, readRejects(store.db, runId));
        await writeRejectsXlsx(xlsx, `Run ${runId}: rows not imported`, readRejects(store.db, runId));
        const first = [];
        for await (const r of readRejects(store.db, runId)) {
          first.push([r.entity, `${r.file}:${r.line}`, r.reference, r.message]);
          if (first.length >= shownInTerminal) break;
        }
        print(count === 0 ? `Run ${runId} imported every source row.` : `Run ${runId}: ${count.toLocaleString('en-GB')} rows were not imported.`);
        if (first.length > 0) print(`\n${textTable(['record type', 'where', 'reference', 'why'], first, new Set())}`);
        if (count > first.length) print(`… and ${(count - first.length).toLocaleString('en-GB')} more.`);
        print(`\nThe whole list: ${csv}\n                ${xlsx}`);
      } finally {
        await store.close();
      }
    });
}
