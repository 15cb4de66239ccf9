import { z } from 'zod';
import { columnNamesOption, textOption } from './option-schemas.js';
import type { Transform } from './transform.js';

export interface ConcatOptions {
  /** Each column as the names a file may give it, tried in order. */
  readonly columns: readonly (readonly string[])[];
  readonly separator: string;
}

const concatOptions = z.strictObject({
  columns: z.array(columnNamesOption).min(2),
  separator: textOption.default(' '),
});

const summary = 'Joins several source columns into one value, trimming each and skipping blank ones.';

export const concatTransform: Transform<ConcatOptions> = {
  name: 'concat',
  summary,
  usage: 'concat: { columns: [COLUMN, [COLUMN, ALIAS], COLUMN], separator: " " } as the first rule of a field without from',
  options: concatOptions,
  examples: [
    { options: { columns: ['Title', 'Forename', 'Surname'] }, input: 'Mr | (blank) | Smith', columns: ['Mr', '', 'Smith'], output: 'Mr Smith' },
    {
      options: { columns: ['Address1', 'Address2', 'Town'], separator: ', ' },
      input: '12 High St | Flat 3 | Coleford',
      columns: ['12 High St', ' Flat 3 ', 'Coleford'],
      output: '12 High St, Flat 3, Coleford',
    },
  ],
  makesValue: true,
  readsColumns(options) {
    return options.columns;
  },
  // the protocol shows the summary: it already says the rule in plain words
  describe() {
    return summary;
  },
  compile(options) {
    return (_value, _ctx, columns = []) => {
      const parts: string[] = [];
      for (const column of columns) {
        const part = column?.trim() ?? '';
        if (part !== '') parts.push(part);
      }
      return parts.length === 0 ? null : parts.join(options.separator);
    };
  },
};
