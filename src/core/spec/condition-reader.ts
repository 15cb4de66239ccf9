import { dateFormatProblem } from '../transforms/date-transform.js';
import { regexProblem } from '../transforms/option-schemas.js';
import type { Condition, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { conditionLevel, levelWording } from './spec-schemas.js';

/**
 * Reads a `{ column, equals | in | matches | blank | before/after with formats, ignore_case? }` condition named `what`;
 * `column: [Type, HolderType]` names a column files may call either.
 */
export function readCondition(reader: SpecReader, node: unknown, what: string, anchor: SpecLocation): Condition | undefined {
  const data = reader.check(node, conditionLevel.schema, levelWording(conditionLevel, what), anchor);
  if (data === undefined) return undefined;
  if (data.matches !== undefined) {
    const problem = regexProblem(data.matches);
    if (problem !== undefined) {
      reader.report(
        'invalid_regex',
        reader.locate(reader.child(node, 'matches'), anchor),
        `"${data.matches}" in ${what} is not a valid regular expression (${problem}); ` +
          'write a JavaScript regular expression such as ^TEST or ^(TEST|DEMO)$',
      );
      return undefined;
    }
  }
  if (data.formats !== undefined) {
    const problem = data.formats.map((format) => dateFormatProblem(format)).find((p) => p !== undefined);
    if (problem !== undefined) {
      reader.report('invalid_options', reader.locate(reader.child(node, 'formats'), anchor), `${problem} (in ${what})`);
      return undefined;
    }
  }
  const [column = '', ...aliases] = data.column;
  return {
    column,
    ...(aliases.length === 0 ? {} : { aliases }),
    ...(data.equals === undefined ? {} : { equals: data.equals }),
    ...(data.in === undefined ? {} : { in: data.in }),
    ...(data.matches === undefined ? {} : { matches: data.matches }),
    ...(data.blank === undefined ? {} : { blank: data.blank }),
    ...(data.before === undefined ? {} : { before: data.before }),
    ...(data.after === undefined ? {} : { after: data.after }),
    ...(data.formats === undefined ? {} : { formats: data.formats }),
    ...(data.ignore_case === true ? { ignore_case: true } : {}),
    where: reader.locate(reader.child(node, 'column'), anchor),
  };
}
