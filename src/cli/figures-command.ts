import type { FigureLine, RunFigures } from '../pipeline/index.js';
import { formatMoney } from '../report/html.js';
import { statusWords } from '../report/review-workbook-content.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const shown = (line: FigureLine, value: string) => (line.kind === 'count' ? Number(value).toLocaleString('en-GB') : formatMoney(value));

/** The checklist lines for a terminal: the customer's figure beside the delivered data and the new system. */
export function formatFigures(f: RunFigures): string {
  const table = textTable(
    ['ref', 'line', 'customer', 'delivered', 'new system', 'status'],
    f.lines.map((l) => [l.ref, l.label, !l.asked ? 'n/a' : l.customer === null ? '-' : shown(l, l.customer), shown(l, l.delivered), shown(l, l.target), statusWords(l.status)]),
    new Set([2, 3, 4]),
  );
  const waiting = f.lines.filter((l) => l.status === 'awaiting').map((l) => l.ref);
  const tail = waiting.length === 0
    ? `Run ${f.runId}: every line that asks for one has the customer's figure.`
    : `Run ${f.runId}: ${waiting.length} ${waiting.length === 1 ? 'line waits' : 'lines wait'} for the customer's figure (${waiting.join(', ')}): "cutover figures set REF VALUE --by NAME".`;
  return `${table}\n\n${tail}`;
}

/** `cutover figures [RUN]` lists the customer's figures; `cutover figures set REF VALUE --by NAME` records one. */
export function registerFiguresCommand(command: CommandMaker, print: (text: string) => void): void {
  const figures = command('figures')
    .description('List the pre-migration checklist of a run (the latest by default): the customer\'s figure, the delivered data and the new system; `figures set REF VALUE` records a figure')
    .argument('[run]', 'the run number')
    .enablePositionalOptions()
    .action(async (run: string | undefined, o: { project: string; json?: boolean }) => {
      const { listFigures } = await import('../pipeline/customer-figures.js');
      const f = await withSession(o.project, 'cutover figures', (session) => listFigures(session, run === undefined ? {} : { run }));
      print(o.json ? JSON.stringify(f, null, 2) : formatFigures(f));
    });

  withCommonOptions(figures.command('set'))
    .description('Record the customer\'s figure for one checklist line of a run\'s snapshot, as they give it (on a call, say)')
    .argument('<ref>', 'the checklist line: C1, M2 …')
    .argument('<value>', 'the figure: a count (2500) or an amount (12345.67)')
    .requiredOption('--by <name>', 'the customer who gave the figure')
    .option('--run <n>', 'the run (default: the latest)')
    .action(async (ref: string, value: string, o: { project: string; json?: boolean; by: string; run?: string }) => {
      const { setFigure } = await import('../pipeline/customer-figures.js');
      const done = await withSession(o.project, 'cutover figures set', (session) => setFigure(session, { ref, value, by: o.by, ...(o.run === undefined ? {} : { run: o.run }) }));
      if (o.json) {
        print(JSON.stringify(done, null, 2));
        return;
      }
      const figure = done.kind === 'count' ? Number(done.figure).toLocaleString('en-GB') : formatMoney(done.figure);
      print(`Recorded the customer's figure for ${done.ref} (${done.label}) of run ${done.runId}: ${figure}, given by ${done.by}.`);
    });
}
