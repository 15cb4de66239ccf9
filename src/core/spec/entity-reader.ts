import { isMap, isScalar, isSeq } from 'yaml';
import { didYouMean } from './closest-name.js';
import { readCondition } from './condition-reader.js';
import { readField } from './field-reader.js';
import { parentLinks } from './parent-links.js';
import type { PendingLookup } from './rule-reader.js';
import type { EntitySpec, ExclusionRule, FieldSpec, MergeSpec, MoneyCheckSpec, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { entityLevel, exclusionLevel, levelWording, mergeLevel, moneyCheckLevel, reconcileLevel } from './spec-schemas.js';

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

/** Reports each name in `names` that is not one of the entity's fields. */
function checkFieldNames(
  reader: SpecReader,
  names: readonly { name: string; node: unknown }[],
  known: readonly string[],
  what: string,
  anchor: SpecLocation,
): void {
  for (const { name, node } of names) {
    if (known.includes(name)) continue;
    reader.report(
      'unknown_field',
      reader.locate(node, anchor),
      `${what} names "${name}", which is not a field of this entity.${didYouMean(name, known)} Its fields are: ${known.join(', ')}`,
    );
  }
}

/** The scalar nodes of a list, or the node itself when one name was written without brackets. */
function nameNodes(reader: SpecReader, node: unknown): { name: string; node: unknown }[] {
  const items = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
  return items.map((item) => ({ name: reader.text(item) ?? '', node: item }));
}

/** Reads one entity: its source, key, exclusions, merge and reconcile settings and fields. */
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

  if (data === undefined || reader.problems.length > before) return undefined;
  const keyNode = reader.child(body, 'key');
  return {
    name,
    source: data.source,
    key: data.key,
    table: data.table,
    generateId: data.generate_id ?? true,
    exclude,
    ...(merge === undefined ? {} : { merge: { on: merge.on, reason: merge.reason } }),
    reconcile: { money },
    fields,
    parents: [...new Set(parentLinks(fields).map((link) => link.parent))],
    where,
    keyWhere: nameNodes(reader, keyNode).map(({ node }) => reader.locate(node, where)),
  };
}
