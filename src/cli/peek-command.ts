import { countWords } from '../core/count-words.js';
import { basename, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { peekFile } from '../pipeline/peek.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';

/** `cutover peek FILE [--limit N] [--sheet NAME]`. */
export function registerPeekCommand(command: CommandMaker, print: (text: string) => void): void {
  command('peek')
    .description('Show what Cutover reads in a file: format, encoding, delimiter, columns and the first rows')
    .argument('<file>', 'a CSV/TSV, XLSX, JSON or NDJSON file')
    .addOption(
      new Option('--limit <n>', 'how many rows to show').default(10).argParser((v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('--limit must be a whole number, 0 or more.');
        return n;
      }),
    )
    .option('--sheet <name>', 'the sheet of a workbook to show (default: the first)')
    .action(async (file: string, o: { limit: number; sheet?: string; json?: boolean; showPersonalData?: boolean }) => {
      // a loose file has no project, so no audit log to record the unmasked view in
      const result = await peekFile(resolve(file), o.limit, o.sheet, o.showPersonalData ? 'shown' : 'masked');
      if (o.json) {
        print(JSON.stringify(result, null, 2));
        return;
      }
      const shown = (v: string | null) => (v === null ? '(null)' : v.replace(/\r?\n/g, '⏎'));
      print(`${basename(file)}: ${result.format}${result.encoding ? `, ${result.encoding}` : ''}${result.delimiter ? `, delimiter ${JSON.stringify(result.delimiter)}` : ''}${result.sheet ? `, sheet ${result.sheet}` : ''}, ${countWords(result.columns.length, 'column')}`);
      print(textTable(result.columns, result.rows.map((r) => r.map(shown)), new Set()));
      if (result.nullMarkers.length > 0) {
        const seen = result.nullMarkers.map((m) => `${m.value} (${m.count.toLocaleString('en-GB')} ${m.count === 1 ? 'value' : 'values'})`).join(', ');
        const list = result.nullMarkers.map((m) => `'${m.value}'`).join(', ');
        print(`\nNull markers seen: ${seen}. They are read as text; to read them as empty, give this file null_values: [${list}] in cutover.yaml.`);
      }
    });
}
