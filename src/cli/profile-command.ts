import { countWords } from '../core/count-words.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);
const short = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

/** `cutover profile [SNAPSHOT]`: what is in the data, column by column, before anyone maps it. */
export function registerProfileCommand(command: CommandMaker, print: (text: string) => void): void {
  command('profile')
    .description('Profile a snapshot (the latest by default): per column nulls, blanks, distinct values, top values, patterns, type, min/max; writes an HTML page')
    .argument('[snapshot]', 'the snapshot id')
    .action(async (snapshot: string | undefined, o: { project: string; json?: boolean }) => {
      const { profile } = await import('../pipeline/profile.js');
      const { profile: result, page } = await withSession(o.project, 'cutover profile', (session) => profile(session, snapshot));
      if (o.json) {
        print(JSON.stringify({ ...result, page }, null, 2));
        return;
      }
      for (const t of result.tables) {
        print(`${t.name}: ${countWords(t.rows, 'row')}`);
        const rows = t.columns.map((c) => {
          const top = c.top.values[0];
          return [
            c.name, c.type, percent(c.nulls + c.blanks, c.rows),
            `${c.distinct.exact ? '' : '≈'}${c.distinct.count.toLocaleString('en-GB')}`,
            top && top.count > 1 ? `${short(top.value)} (${c.top.exact ? '' : '≥'}${top.count.toLocaleString('en-GB')})` : '',
          ];
        });
        print(textTable(['column', 'type', 'empty', 'distinct', 'top value'], rows, new Set([2, 3])));
        for (const c of t.columns.filter((x) => x.nullMarker !== undefined)) {
          const m = c.nullMarker!;
          print(`Warning: the commonest value of ${c.name} is "${m.value}" (${m.count.toLocaleString('en-GB')} ${m.count === 1 ? 'row' : 'rows'}), the way an export writes an empty value; to read it as empty, give ${t.name} null_values: ['${m.value}'] in cutover.yaml and collect again.`);
        }
        print('');
      }
      print(`Profile of snapshot ${result.snapshot.id}: ${page}`);
    });
}
