import { resolve } from 'node:path';
import { verdictWords } from '../core/reconcile/index.js';
import { readProjectConfig } from '../pipeline/project-files.js';
import { importReviewWorkbook } from '../pipeline/review-import.js';
import { writeReviewWorkbook } from '../pipeline/review-report.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { addReconcileOptions, reconcileFromFlags, wholeNumber, type ReconcileFlags } from './reconcile-command.js';
import { actor, clock } from './who.js';

/** `cutover report [RUN]` writes the review workbook; `cutover report import FILE` reads the customer's answers back. */
export function registerReportCommand(command: CommandMaker, print: (text: string) => void): void {
  const report = addReconcileOptions(
    command('report')
      .description('Write the review workbook of a run (the latest by default) as HTML and XLSX; `report import FILE` reads the filled-in workbook back')
      .argument('[run]', 'the run number')
      .option('--out <dir>', 'where to write it (default: the project\'s reports folder)')
      .enablePositionalOptions(),
  ).action(async (run: string | undefined, o: ReconcileFlags & { out?: string }) => {
    const layout = projectLayout(o.project);
    const config = await readProjectConfig(layout);
    const store = await openProjectStore(layout, 'cutover report', clock());
    try {
      const r = await reconcileFromFlags(store, config, run, o);
      const written = await writeReviewWorkbook(store, r, { ...(o.out ? { outDir: resolve(o.out) } : {}), actor: actor(), clock });
      if (o.json) {
        print(JSON.stringify({ run: written.runId, workbook: written.workbookId, html: written.html, xlsx: written.xlsx, unexplained: r.unexplained }, null, 2));
        return;
      }
      print(`Review workbook of run ${written.runId}:\n  ${written.xlsx}  (for the customer to fill in and send back)\n  ${written.html}`);
      print(verdictWords(r));
    } finally {
      await store.close();
    }
  });

  withCommonOptions(report.command('import'))
    .description('Read a review workbook the customer filled in: their figures and their answers, all or nothing')
    .argument('<file>', 'the filled-in .xlsx')
    .option('--run <n>', 'refuse the workbook unless it is for this run', wholeNumber('--run', Number.MAX_SAFE_INTEGER))
    .action(async (file: string, o: { project: string; json?: boolean; run?: number }) => {
      const store = await openProjectStore(projectLayout(o.project), 'cutover report import', clock());
      try {
        const done = await importReviewWorkbook(store, resolve(file), { actor: actor(), clock, ...(o.run === undefined ? {} : { expectedRun: o.run }) });
        if (o.json) {
          print(JSON.stringify(done, null, 2));
          return;
        }
        print(`Imported the review of run ${done.runId}: ${done.figures} figures, ${done.confirmed} checks confirmed, ${done.queries.length} queries.`);
        for (const q of done.queries) print(`  query on ${q.ref} (${q.check}): ${q.comment}`);
        if (done.figures > 0) print(`Run "cutover reconcile ${done.runId}" to compare the figures.`);
      } finally {
        await store.close();
      }
    });
}
