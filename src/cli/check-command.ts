import { resolve } from 'node:path';
import type { CheckSummary } from '../core/contract/index.js';
import { describeProblem, problemKindName, type CheckProblem } from '../core/contract/check-problem.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** Problems printed on the terminal; the reports list them all. */
const shownOnTerminal = 30;

interface CheckOptions {
  project: string;
  json?: boolean;
  contract?: string;
  out?: string;
}

function verdict(summary: CheckSummary): string {
  const notes = summary.warnings === 0 ? '' : `${summary.warnings.toLocaleString('en-GB')} to note`;
  if (summary.acceptable) return `The delivery can be accepted: nothing must be fixed${notes ? `, ${notes}` : ''}.`;
  return `The delivery cannot be accepted yet: ${summary.errors.toLocaleString('en-GB')} ${summary.errors === 1 ? 'problem' : 'problems'} must be fixed${notes ? `, and ${notes}` : ''}.`;
}

/**
 * `cutover check [SNAPSHOT|FILE]`: holds a delivery against the contract before anyone maps
 * it; every problem with file, line and column, counts per file and per kind, an HTML page
 * and a workbook for the customer. Exits 1 when something must be fixed, 0 otherwise.
 */
export function registerCheckCommand(command: CommandMaker, print: (text: string) => void, outcome: { exitCode: number }): void {
  command('check')
    .description('Check a delivery (a snapshot, the latest by default, or a delivered file or folder) against the delivery contract: encoding, ragged rows, quoting, headers, formats, keys, references')
    .argument('[snapshot-or-file]', 'a snapshot id, or the path of a delivered file or folder')
    .option('--contract <file>', 'the delivery contract (default: "contract" in cutover.yaml)')
    .option('--out <dir>', 'where to write the problem lists (default: the project\'s reports folder)')
    .action(async (target: string | undefined, o: CheckOptions) => {
      const { check } = await import('../pipeline/check-step.js');
      let shown = 0;
      let pending: CheckProblem | undefined;
      const { summary, reports: paths, note } = await withSession(o.project, 'cutover check', (session) => check(session, {
        ...(target === undefined ? {} : { delivery: target }),
        ...(o.contract === undefined ? {} : { contract: o.contract }),
        ...(o.out === undefined ? {} : { outDir: resolve(o.out) }),
        onStart: ({ contract }) => {
          if (o.json) print('{"problems": [');
          else if (!contract) print('No delivery contract was given (--contract, or "contract" in cutover.yaml): only text, headers and row lengths are checked.');
        },
        onProblem: (problem) => {
          if (o.json) {
            if (pending) print(`  ${JSON.stringify(pending)},`);
            pending = problem;
          } else if (shown++ < shownOnTerminal) print(describeProblem(problem));
        },
      }));
      outcome.exitCode = summary.acceptable ? 0 : 1;
      if (o.json) {
        if (pending) print(`  ${JSON.stringify(pending)}`);
        print(`], "summary": ${JSON.stringify(summary)}, "reports": ${JSON.stringify(paths)}}`);
        return;
      }
      const total = summary.errors + summary.warnings;
      if (total > shownOnTerminal) print(`… and ${(total - shownOnTerminal).toLocaleString('en-GB')} more in the reports.`);
      if (total > 0) print('');
      print(textTable(['file', 'rows', 'must be fixed', 'to note'], summary.files.map((f) => [f.file, f.rows.toLocaleString('en-GB'), f.errors.toLocaleString('en-GB'), f.warnings.toLocaleString('en-GB')]), new Set([1, 2, 3])));
      if (summary.kinds.length > 0) {
        print('');
        print(textTable(['file', 'kind of problem', 'must be fixed?', 'count'], summary.kinds.map((k) => [k.file, problemKindName(k.code), k.severity === 'error' ? 'yes' : 'no', k.count.toLocaleString('en-GB')]), new Set([3])));
      }
      print('');
      if (note !== undefined) print(`${note}\n`);
      print(verdict(summary));
      print(`Problem lists for the customer: ${paths.html} and ${paths.xlsx}`);
    });
}
