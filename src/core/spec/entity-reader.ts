import { isMap, isSeq } from 'yaml';
import { readCondition } from './condition-reader.js';
import { readDedup } from './dedup-reader.js';
import { readExamples } from './example-reader.js';
import { checkFieldNames, nameNodes } from './field-names.js';
import { readField } from './field-reader.js';
import { parentLinks } from './parent-links.js';
import type { PendingLookup } from './rule-reader.js';
import type { EntitySpec, ExclusionRule, FieldSpec, MergeSpec, MoneyCheckSpec, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { entityLevel, exclusionLevel, levelWording, mergeLevel, moneyCheckLevel, reconcileLevel } from './spec-schemas.js';
import { targetNameProblem } from './target-name.js';

/** Reads one exclusion rule (`- { rule, when, reason }`). */
function readExclusion(reader: SpecReader, entity: string, node: unknown, index: number): ExclusionRule | undefined {
  const rule = reader.text(reader.child(node, 'rule'));
  const what = `${rule === undefined ? `exclusion ${index + 1}` : `exclusion "${rule}"`} of entity "${entity}"`;
  const where = reader.locate(node);
  const data = reader.check(node, exclusionLevel.schema, levelWording(exclusionLevel, what), where);
  const whenNode = reader.child(node, 'when');
  const when = whenNode === undefined ? undefined : readCondition(reader, whenNode, `the "when" of ${what}`, reader.locate(whenNode, where));
  return data === undefined || when === undefined ? undefined : { rule: data.rule, when, reason: data.reason, where };
}

/** Reads one entity: its source, key, exclusions, merge and reconcile settings, fields and examples. */
export function readEntity(
  reader: SpecReader,
  name: string,
  nameNode: unknown,
  body: unknown,
  lookups: PendingLookup[],
): EntitySpec | undefined {
  const before = reader.problems.length;
  const what = `entity "${name}"`;
  const where = reader.locate(nameNode);
  const data = reader.check(body, entityLevel.schema, levelWording(entityLevel, what), where);
  const tableProblem = data === undefined ? undefined : targetNameProblem(data.table);
  if (tableProblem !== undefined) reader.report('invalid_value', reader.locate(reader.child(body, 'table'), where), `the table of ${what}: ${tableProblem}`);

  const exclude: ExclusionRule[] = [];
  const excludeNode = reader.child(body, 'exclude');
  if (isSeq(excludeNode)) {
    const seen = new Map<string, SpecLocation>();
    excludeNode.items.forEach((item, index) => {
      const rule = readExclusion(reader, name, item, index);
      if (rule === undefined) return;
      const first = seen.get(rule.rule);
      if (first !== undefined) {
        reader.report(
          'duplicate_name',
          rule.where,
          `exclusion "${rule.rule}" of ${what} is written twice (first on line ${first.line}); give each exclusion its own name`,
        );
      }
      seen.set(rule.rule, rule.where);
      exclude.push(rule);
    });
  }

  const fields: FieldSpec[] = [];
  // names as written, so a field with its own problem does not also count as unknown
  const written: string[] = [];
  const fieldsNode = reader.child(body, 'fields');
  if (isMap(fieldsNode)) {
    const seen = new Set<string>();
    for (const pair of fieldsNode.items) {
      const fieldName = reader.text(pair.key) ?? '';
      // a second field of the same name is reported as a duplicate, before reading
      if (seen.has(fieldName)) continue;
      seen.add(fieldName);
      written.push(fieldName);
      const nameProblem = targetNameProblem(fieldName);
      if (nameProblem !== undefined) reader.report('invalid_value', reader.locate(pair.key, where), `field of ${what}: ${nameProblem}`);
      const field = readField(reader, name, fieldName, pair.key, pair.value ?? undefined, lookups);
      if (field !== undefined) fields.push(field);
    }
    if (fieldsNode.items.length === 0) {
      reader.report('missing_key', reader.locate(fieldsNode, where), `${what} has no fields; ${entityLevel.help.fields}`);
    }
  }

  let merge: MergeSpec | undefined;
  const mergeNode = reader.child(body, 'merge');
  if (mergeNode !== undefined) {
    const mergeWhat = `the merge of ${what}`;
    merge = reader.check(mergeNode, mergeLevel.schema, levelWording(mergeLevel, mergeWhat), where);
    if (merge !== undefined) {
      checkFieldNames(reader, nameNodes(reader, reader.child(mergeNode, 'on')), written, mergeWhat, where);
    }
  }

  const dedupNode = reader.child(body, 'dedup');
  const dedup = dedupNode === undefined ? undefined : readDedup(reader, name, dedupNode, where, written);

  const money: MoneyCheckSpec[] = [];
  const reconcileNode = reader.child(body, 'reconcile');
  if (reconcileNode !== undefined) {
    const reconcileWhat = `the reconcile settings of ${what}`;
    const reconcile = reader.check(reconcileNode, reconcileLevel.schema, levelWording(reconcileLevel, reconcileWhat), where);
    const moneyNode = reader.child(reconcileNode, 'money');
    if (reconcile !== undefined && isSeq(moneyNode)) {
      moneyNode.items.forEach((item, index) => {
        const checkWhat = `money check ${index + 1} of ${what}`;
        const check = reader.check(item, moneyCheckLevel.schema, levelWording(moneyCheckLevel, checkWhat), where);
        if (check === undefined) return;
        const named = [{ name: check.field, node: reader.child(item, 'field') }];
        if (check.by !== undefined) named.push({ name: check.by, node: reader.child(item, 'by') });
        checkFieldNames(reader, named, written, checkWhat, where);
        money.push(check.by === undefined ? { field: check.field } : { field: check.field, by: check.by });
      });
    }
  }

  const keyNode = reader.child(body, 'key');
  const keyParts = data?.key ?? [];
  const sound: EntitySpec | undefined =
    data === undefined || reader.problems.length > before
      ? undefined
      : {
          name,
          source: data.source,
          key: keyParts.map(([column = '']) => column),
          ...(keyParts.some((names) => names.length > 1) ? { keyAliases: keyParts.map((names) => names.slice(1)) } : {}),
          table: data.table,
          generateId: data.generate_id ?? true,
          exclude,
          ...(merge === undefined ? {} : { merge: { on: merge.on, reason: merge.reason } }),
          ...(dedup === undefined ? {} : { dedup }),
          reconcile: { money },
          fields,
          parents: [...new Set(parentLinks(fields).map((link) => link.parent))],
          examples: [],
          where,
          keyWhere: nameNodes(reader, keyNode).map(({ node }) => reader.locate(node, where)),
        };
  const examples = readExamples(reader, name, reader.child(body, 'examples'), sound);
  if (sound === undefined || reader.problems.length > before) return undefined;
  return { ...sound, examples };
}
