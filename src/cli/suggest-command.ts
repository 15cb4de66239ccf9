
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** `cutover suggest [SNAPSHOT]`: a draft spec mapping the snapshot onto the target, for the analyst to edit. */
export function registerSuggestCommand(command: CommandMaker, print: (text: string) => void): void {
  command('suggest')
    .description('Suggest a mapping of a snapshot (the latest by default) onto the target\'s tables, written as a draft spec with a reason for each guess')
    .argument('[snapshot]', 'the snapshot id')
    .action(async (snapshot: string | undefined, o: { project: string; json?: boolean }) => {
      const { suggest } = await import('../pipeline/suggest-mapping.js');
      const { snapshot: id, draft } = await withSession(o.project, 'cutover suggest', (session) => suggest(session, snapshot));
      if (o.json) {
        print(JSON.stringify({ snapshot: id, draft: draft.file, ...draft.suggestion }, null, 2));
        return;
      }
      const rows = draft.suggestion.entities.map((e) => {
        const found = e.fields.filter((f) => f.from !== undefined).length;
        const todo = e.keyTodo.length + e.fields.reduce((n, f) => n + f.todo.length, 0);
        return [e.table, e.source ? `${e.source.table} (${e.source.confidence})` : '-', `${found} of ${e.fields.length}`, String(todo)];
      });
      print(textTable(['target table', 'source', 'columns', 'TODO'], rows, new Set([2, 3])));
      if (draft.suggestion.unusedSources.length > 0) print(`\nNot mapped: ${draft.suggestion.unusedSources.join(', ')}`);
      print(`\nDraft spec: ${draft.file}. Check each TODO in it, then copy what you keep into your spec.`);
    });
}
