import { isSeq } from 'yaml';
import { transformRegistry } from '../transforms/transform-registry.js';
import { readCondition } from './condition-reader.js';
import { readRule, type PendingLookup } from './rule-reader.js';
import type { FieldSpec, RuleSpec } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { fieldLevel, levelWording } from './spec-schemas.js';

/** Reports a rule that reads its own columns (concat) unless it starts a field without `from`. */
function checkColumnRules(reader: SpecReader, what: string, rules: readonly RuleSpec[], fromNode: unknown): void {
  rules.forEach((rule, index) => {
    if (transformRegistry.get(rule.name)?.readsColumns === undefined) return;
    const fixes = [...(fromNode === undefined ? [] : ['remove from:']), ...(index === 0 ? [] : ['move it to the top of rules:'])];
    if (fixes.length === 0) return;
    reader.report(
      'invalid_options',
      fromNode === undefined ? rule.where : reader.locate(fromNode, rule.where),
      `the "${rule.name}" rule of ${what} makes the value from the columns it names, so it must come first ` +
        `and the field takes no "from"; ${fixes.join(' and ')}`,
    );
  });
}

/** Reads one field (`email: { from: [Email, EmailAddress], rules: [trim, lower] }`) of an entity. */
export function readField(
  reader: SpecReader,
  entity: string,
  name: string,
  nameNode: unknown,
  body: unknown,
  lookups: PendingLookup[],
): FieldSpec | undefined {
  const before = reader.problems.length;
  const what = `field "${name}" of entity "${entity}"`;
  const where = reader.locate(nameNode);
  const data = reader.check(body, fieldLevel.schema, levelWording(fieldLevel, what), where);

  const whenNode = reader.child(body, 'when');
  const when = whenNode === undefined ? undefined : readCondition(reader, whenNode, `the "when" of ${what}`, reader.locate(whenNode, where));

  const rules: RuleSpec[] = [];
  const rulesNode = reader.child(body, 'rules');
  if (isSeq(rulesNode)) {
    for (const item of rulesNode.items) {
      const rule = readRule(reader, item, { entity, field: name }, lookups);
      if (rule !== undefined) rules.push(rule);
    }
  }
  if (data === undefined || reader.problems.length > before) return undefined;
  checkColumnRules(reader, what, rules, reader.child(body, 'from'));
  if (reader.problems.length > before) return undefined;

  if (data.from === undefined && !rules.some((rule) => transformRegistry.get(rule.name)?.makesValue === true)) {
    reader.report(
      'missing_key',
      where,
      `${what} has no "from"; write from: COLUMN naming the source column, or use a rule such as constant: VALUE that makes the value`,
    );
    return undefined;
  }
  const [from, ...fromAliases] = data.from ?? [];
  return {
    name,
    ...(from === undefined ? {} : { from, fromWhere: reader.locate(reader.child(body, 'from')) }),
    ...(fromAliases.length === 0 ? {} : { fromAliases }),
    required: data.required ?? false,
    ...(when === undefined ? {} : { when }),
    ...(data.personal === undefined ? {} : { personal: data.personal }),
    rules,
    where,
  };
}
