import { resolve } from 'node:path';
import { Option } from 'commander';
import type { erasureLists } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const n = (x: number) => x.toLocaleString('en-GB');

/** `cutover erase import FILE`, `erase list` and `erase report`: people erased on request, with evidence. */
export function registerEraseCommand(command: CommandMaker, print: (text: string) => void): void {
  const erase = command('erase')
    .description('Erasure lists: people who asked to be forgotten are kept out of every later run; `import`, `list`, `report`')
    .enablePositionalOptions()
    .action(async (o: { project: string; json?: boolean }) => {
      const { erasureLists } = await import('../pipeline/erasure.js');
      const lists = await withSession(o.project, 'cutover erase', erasureLists);
      print(o.json ? JSON.stringify(lists, null, 2) : listText(lists));
    });

  withCommonOptions(erase.command('import'))
    .description('Import a list of people to erase: one source key, e-mail address or phone number a line; it is sealed like a snapshot')
    .argument('<file>', 'the list, as text')
    .requiredOption('--entity <entity>', 'the entity of the spec the people are rows of, for example person')
    .addOption(new Option('--match <kind>', 'what each line names').choices(['key', 'email', 'phone']).default('key'))
    .option('--column <column>', 'the source column an e-mail or phone list is matched against (found from the spec when left out)')
    .action(async (file: string, o: { project: string; json?: boolean; entity: string; match: 'key' | 'email' | 'phone'; column?: string }) => {
      const { importErasureList } = await import('../pipeline/erasure.js');
      const list = await withSession(o.project, 'cutover erase import', (session) =>
        importErasureList(session, { file: resolve(file), entity: o.entity, match: o.match, ...(o.column === undefined ? {} : { column: o.column }) }),
      );
      print(o.json ? JSON.stringify(list, null, 2) : `Erasure list ${list.id}: ${n(list.count)} ${list.count === 1 ? 'entry' : 'entries'} for ${list.entity}, matched by ${list.match}, sealed. Every later run keeps them out of the target.`);
    });

  withCommonOptions(erase.command('list'))
    .description('Show the imported erasure lists (never their entries)')
    .action(async (o: { project: string; json?: boolean }) => {
      const { checkErasureLists, erasureLists } = await import('../pipeline/erasure.js');
      const lists = await withSession(o.project, 'cutover erase list', async (session) => {
        await checkErasureLists(session);
        return erasureLists(session);
      });
      print(o.json ? JSON.stringify(lists, null, 2) : listText(lists));
    });

  withCommonOptions(erase.command('report'))
    .description('Write the evidence of erasure and retention for a run (the latest by default): counts and salted hashes, never a value')
    .argument('[run]', 'the run number')
    .action(async (run: string | undefined, o: { project: string; json?: boolean }) => {
      const { writeErasureReport } = await import('../pipeline/erasure.js');
      const { report, path } = await withSession(o.project, 'cutover erase report', (session) => writeErasureReport(session, run === undefined ? {} : { runId: Number(run) }));
      if (o.json) {
        print(JSON.stringify({ ...report, page: path }, null, 2));
        return;
      }
      const lines = report.lists.map((l) => `List ${l.id} (${l.entity}, by ${l.match}): ${n(l.asked)} asked, ${n(l.found)} found, ${n(l.notFound)} not found, ${n(l.rowsKeptOut)} kept out${Object.keys(l.childrenKeptOut).length === 0 ? '' : ` with ${Object.entries(l.childrenKeptOut).map(([e, c]) => `${n(c)} ${e}`).join(', ')}`}.`);
      const rules = report.retention.map((t) => `Retention ${t.entity}.${t.rule}: ${n(t.rowsKeptOut)} left behind.`);
      print([`Evidence for run ${report.runId}: ${path}`, ...lines, ...rules].join('\n'));
    });
}

function listText(lists: Awaited<ReturnType<typeof erasureLists>>): string {
  if (lists.length === 0) return 'No erasure list yet. Import one with "cutover erase import FILE --entity ENTITY".';
  return textTable(['list', 'entity', 'match', 'entries', 'imported', 'by'], lists.map((l) => [l.id, l.entity, l.match, n(l.count), l.importedAt, l.importedBy]), new Set([3]));
}
