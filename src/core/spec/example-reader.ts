import { isSeq } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './closest-name.js';
import { checkFieldNames } from './field-names.js';
import type { EntitySpec, ExampleExpectation, SpecExample, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { exampleLevel, levelWording } from './spec-schemas.js';

type ExampleData = z.output<typeof exampleLevel.schema>;

/** What the example expects, or undefined after reporting a target, reason or outcome that do not go together. */
function readExpectation(reader: SpecReader, node: unknown, data: ExampleData, what: string, where: SpecLocation): ExampleExpectation | undefined {
  const at = (key: string) => reader.locate(reader.nodeAt(node, [key], 'key'), where);
  const outcome = data.outcome ?? 'mapped';
  if (outcome === 'mapped') {
    if (data.reason !== undefined) {
      reader.report('invalid_value', at('reason'), `${what} loads, so it takes no "reason"; remove reason:, or write outcome: rejected or outcome: excluded`);
    }
    if (data.target === undefined) {
      reader.report(
        'missing_key',
        where,
        `${what} has no "target"; write target: { FIELD: VALUE } with what the row loads as, ` +
          'or outcome: rejected or outcome: excluded with reason: TEXT for a row that must not load',
      );
    }
    return data.reason !== undefined || data.target === undefined ? undefined : { outcome, target: data.target };
  }
  if (data.target !== undefined) {
    reader.report('invalid_value', at('target'), `${what} is ${outcome}, so it takes no "target"; remove target:, or write outcome: mapped`);
  }
  if (data.reason === undefined) {
    reader.report(
      'missing_key',
      where,
      `${what} has no "reason"; write reason: TEXT, the whole message the row is ${outcome} with, as the list of rows not loaded shows it`,
    );
  }
  return data.target !== undefined || data.reason === undefined ? undefined : { outcome, reason: data.reason };
}

/**
 * Reports target fields the entity does not have and parents it does not look up. Source
 * columns are not checked here: a typo in a rule's column would make every example that
 * names the right one look wrong, so the example runner reports them instead.
 */
function checkNames(reader: SpecReader, node: unknown, data: ExampleData, what: string, where: SpecLocation, entity: EntitySpec): void {
  const fields = entity.fields.map((field) => field.name);
  const targetNames = Object.keys(data.target ?? {}).map((name) => ({ name, node: reader.nodeAt(node, ['target', name], 'key') }));
  checkFieldNames(reader, targetNames, fields, `the target of ${what}`, where);
  for (const parent of Object.keys(data.parents ?? {})) {
    if (entity.parents.includes(parent)) continue;
    reader.report(
      'unknown_entity',
      reader.locate(reader.nodeAt(node, ['parents', parent], 'key'), where),
      `the parents of ${what} name entity "${parent}", which this entity does not look up.` +
        (entity.parents.length === 0
          ? ' It looks up no entity, so remove parents:'
          : `${didYouMean(parent, entity.parents)} It looks up: ${entity.parents.join(', ')}`),
    );
  }
}

/**
 * Reads an entity's `examples:` list. Each example is checked on its own; its field and
 * parent names are checked only against a sound `entity`, since a broken one would make
 * every name look unknown.
 */
export function readExamples(reader: SpecReader, name: string, node: unknown, entity: EntitySpec | undefined): SpecExample[] {
  if (!isSeq(node)) return [];
  const examples: SpecExample[] = [];
  node.items.forEach((item, index) => {
    const before = reader.problems.length;
    const what = `example ${index + 1} of entity "${name}"`;
    const where = reader.locate(item);
    const data = reader.check(item, exampleLevel.schema, levelWording(exampleLevel, what), where);
    if (data === undefined) return;
    const expected = readExpectation(reader, item, data, what, where);
    if (entity !== undefined) checkNames(reader, item, data, what, where, entity);
    if (expected === undefined || reader.problems.length > before) return;
    examples.push({ source: data.source, parents: data.parents ?? {}, expected, where });
  });
  return examples;
}
