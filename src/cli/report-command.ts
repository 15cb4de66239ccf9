import { countWords } from '../core/count-words.js';
import { resolve } from 'node:path';
import { verdictWords } from '../core/reconcile/verdict.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { addReconcileOptions, reconcileFromFlags, wholeNumber, type ReconcileFlags } from './reconcile-command.js';
import { withSession } from './who.js';

/** `cutover report [RUN]` writes the review workbook; `cutover report import FILE` reads the customer's answers back. */
export function registerReportCommand(command: CommandMaker, print: (text: string) => void): void {
  const report = addReconcileOptions(
    command('report')
      .description('Write the review workbook of a run (the latest by default) as HTML and XLSX; `report import FILE` reads the filled-in workbook back')
      .argument('[run]', 'the run number')
      .option('--out <dir>', 'where to write it (default: the project\'s reports folder)')
      .enablePositionalOptions(),
  ).action(async (run: string | undefined, o: ReconcileFlags & { out?: string }) => {
    const { writeReviewWorkbook } = await import('../pipeline/review-report.js');
    const { r, written } = await withSession(o.project, 'cutover report', async (session) => {
      const reconciled = await reconcileFromFlags(session, run, o);
      return { r: reconciled, written: await writeReviewWorkbook(session, reconciled, o.out ? { outDir: resolve(o.out) } : {}) };
    });
    if (o.json) {
      print(JSON.stringify({ run: written.runId, workbook: written.workbookId, html: written.html, xlsx: written.xlsx, unexplained: r.unexplained }, null, 2));
      return;
    }
    print(`Review workbook of run ${written.runId}:\n  ${written.xlsx}  (for the customer to fill in and send back)\n  ${written.html}`);
    print(verdictWords(r));
  });

  withCommonOptions(report.command('import'))
    .description('Read a review workbook the customer filled in: their figures and their answers, all or nothing')
    .argument('<file>', 'the filled-in .xlsx')
    .option('--run <n>', 'refuse the workbook unless it is for this run', wholeNumber('--run', Number.MAX_SAFE_INTEGER))
    .action(async (file: string, o: { project: string; json?: boolean; run?: number }) => {
      const { importReviewWorkbook } = await import('../pipeline/review-import.js');
      const done = await withSession(o.project, 'cutover report import', (session) =>
        importReviewWorkbook(session, resolve(file), o.run === undefined ? {} : { expectedRun: o.run }));
      if (o.json) {
        print(JSON.stringify(done, null, 2));
        return;
      }
      print(`Imported the review of run ${done.runId}: ${countWords(done.figures, 'figure')}, ${countWords(done.confirmed, 'check')} confirmed, ${countWords(done.queries.length, 'query', 'queries')}.`);
      for (const q of done.queries) print(`  query on ${q.ref} (${q.check}): ${q.comment}`);
      if (done.figures > 0) print(`Run "cutover reconcile ${done.runId}" to compare the figures.`);
    });
}
