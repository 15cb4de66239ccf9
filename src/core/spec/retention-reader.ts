import { isSeq } from 'yaml';
import { dateFormatProblem } from '../transforms/date-transform.js';
import type { ExclusionRule, RetentionRule, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { endedYearsLevel, levelWording, noActivityLevel, retentionLevel } from './spec-schemas.js';

/** Reads one retention rule (`- { rule, no_activity_since | ended_more_than_years_ago }`). */
function readRetentionRule(reader: SpecReader, entity: string, node: unknown, index: number): RetentionRule | undefined {
  const name = reader.text(reader.child(node, 'rule'));
  const what = `${name === undefined ? `retention rule ${index + 1}` : `retention rule "${name}"`} of entity "${entity}"`;
  const where = reader.locate(node);
  const data = reader.check(node, retentionLevel.schema, levelWording(retentionLevel, what), where);
  if (data === undefined) return undefined;
  const testNode = reader.child(node, data.no_activity_since !== undefined ? 'no_activity_since' : 'ended_more_than_years_ago');
  const testWhere = reader.locate(testNode, where);
  let read: Pick<RetentionRule, 'test'> & { column: readonly string[]; formats: readonly string[] } | undefined;
  if (data.no_activity_since !== undefined) {
    const test = reader.check(testNode, noActivityLevel.schema, levelWording(noActivityLevel, `the no_activity_since of ${what}`), testWhere);
    if (test !== undefined) read = { column: test.column, formats: test.formats, test: { kind: 'no_activity_since', before: test.before } };
  } else {
    const test = reader.check(testNode, endedYearsLevel.schema, levelWording(endedYearsLevel, `the ended_more_than_years_ago of ${what}`), testWhere);
    if (test !== undefined) read = { column: test.column, formats: test.formats, test: { kind: 'ended_more_than_years_ago', years: Number(test.years) } };
  }
  if (read === undefined) return undefined;
  const problem = read.formats.map((format) => dateFormatProblem(format)).find((p) => p !== undefined);
  if (problem !== undefined) {
    reader.report('invalid_options', reader.locate(reader.child(testNode, 'formats'), testWhere), `${problem} (in ${what})`);
    return undefined;
  }
  const [column = '', ...aliases] = read.column;
  return { rule: data.rule, column, ...(aliases.length === 0 ? {} : { aliases }), formats: read.formats, test: read.test, where: reader.locate(reader.child(testNode, 'column'), testWhere) };
}

/** Reads an entity's `retention:` list; a rule's name may be used once, and not by an exclusion too. */
export function readRetention(reader: SpecReader, entity: string, node: unknown, exclude: readonly ExclusionRule[]): RetentionRule[] {
  const rules: RetentionRule[] = [];
  if (!isSeq(node)) return rules;
  const seen = new Map<string, SpecLocation>(exclude.map((e) => [e.rule, e.where]));
  node.items.forEach((item, index) => {
    const rule = readRetentionRule(reader, entity, item, index);
    if (rule === undefined) return;
    const first = seen.get(rule.rule);
    if (first !== undefined) {
      reader.report('duplicate_name', rule.where, `retention rule "${rule.rule}" of entity "${entity}" has the name of another rule (line ${first.line}); give each rule its own name`);
    }
    seen.set(rule.rule, rule.where);
    rules.push(rule);
  });
  return rules;
}
