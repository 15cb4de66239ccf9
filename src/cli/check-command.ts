import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { describeProblem, problemKindName, type CheckProblem } from '../core/contract/index.js';
import { checkDelivery, fileDelivery, readContractFile, snapshotDelivery, type CheckSummary, type OpenedDelivery } from '../pipeline/check.js';
import { readProjectConfig } from '../pipeline/project-files.js';
import { openCheckReports } from '../report/check-reports.js';
import { appendAudit } from '../store/audit-log.js';
import { projectLayout } from '../store/project-layout.js';
import { openProjectStore } from '../store/project-store.js';
import { snapshotKeyFrom } from '../store/sealed/index.js';
import { readSnapshot } from '../store/snapshot-store.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { actor, clock } from './who.js';

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
      const layout = projectLayout(o.project);
      const isFile = target !== undefined && existsSync(resolve(target));
      // snapshot ids are letters and digits; a name with a dot or a slash was meant as a file
      if (target !== undefined && !isFile && /[./\\]/.test(target)) {
        throw new CutoverError('file_missing', `${target} was not found: name a delivered file, a folder of them, or a snapshot id ("cutover snapshots" lists them).`, { where: { file: target } });
      }
      const config = isFile && !existsSync(layout.config) ? undefined : await readProjectConfig(layout);
      const contract = await readContractFile(layout.root, config?.contract, o.contract === undefined ? undefined : resolve(o.contract));
      let delivery: OpenedDelivery;
      let subject: string;
      let base: string;
      let audit: (() => Promise<void>) | undefined;
      if (isFile) {
        delivery = await fileDelivery(resolve(target), {}, contract);
        subject = basename(resolve(target));
        base = `check-${subject.replace(/[^A-Za-z0-9_.-]+/g, '_')}`;
      } else {
        const key = snapshotKeyFrom(process.env, config!.snapshot_key_env);
        const manifest = await readSnapshot(layout, target ?? 'latest');
        delivery = snapshotDelivery(layout, manifest, key);
        subject = `snapshot ${manifest.id}`;
        base = `check-snapshot-${manifest.id}`;
        // reading every value of a snapshot is an action worth the audit log
        audit = async () => {
          const store = await openProjectStore(layout, 'cutover check', clock());
          try {
            await appendAudit(store.db, { at: clock(), actor: actor(), action: 'snapshot.checked', subject: manifest.id, details: { contract: contract?.source ?? null } });
          } finally {
            await store.close();
          }
        };
      }
      const reports = await openCheckReports(o.out === undefined ? layout.reportsDir : resolve(o.out), base, config?.customer ?? 'the customer', subject);
      let shown = 0;
      let pending: CheckProblem | undefined;
      if (o.json) print('{"problems": [');
      else if (contract === undefined) print('No delivery contract was given (--contract, or "contract" in cutover.yaml): only text, headers and row lengths are checked.');
      const summary = await checkDelivery({
        delivery,
        contract,
        onProblem: async (problem) => {
          await reports.add(problem);
          if (o.json) {
            if (pending) print(`  ${JSON.stringify(pending)},`);
            pending = problem;
          } else if (shown++ < shownOnTerminal) print(describeProblem(problem));
        },
      });
      const paths = await reports.finish(summary);
      await audit?.();
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
      print(verdict(summary));
      print(`Problem lists for the customer: ${paths.html} and ${paths.xlsx}`);
    });
}
