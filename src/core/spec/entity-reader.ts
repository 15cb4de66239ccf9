import { isMap, isSeq } from 'yaml';
import { readRejectLimit } from '../reject-limit.js';
import { readCondition } from './condition-reader.js';
import { readDedup } from './dedup-reader.js';
import { readExamples } from './example-reader.js';
import { checkFieldNames, nameNodes } from './field-names.js';
import { readField } from './field-reader.js';
import { parentLinks } from './parent-links.js';
import { readRetention } from './retention-reader.js';
import type { PendingLookup } from './rule-reader.js';
import type { EntitySpec, ExclusionRule, FieldSpec, MergeSpec, MoneyCheckSpec, OnDelete, SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';
import { entityLevel, exclusionLevel, levelWording, mergeLevel, moneyCheckLevel, onDeleteMarkLevel, reconcileLevel } from './spec-schemas.js';
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

/**
 * A lookup into the entity itself is filled in by a second pass once every row is loaded:
 * it must be its field's last rule, the rows need ids to point at, and no row may merge away.
 */
function checkSelfLookups(reader: SpecReader, entity: string, fields: readonly FieldSpec[], merges: boolean, generateId: boolean): void {
  const links = parentLinks(fields).filter((link) => link.parent === entity);
  for (const link of links) {
    const field = fields.find((f) => f.name === link.field);
    if (field !== undefined && field.rules.at(-1)?.where !== link.where) {
      reader.report(
        'invalid_options',
        link.where,
        `field "${field.name}" of entity "${entity}" looks up ${entity} itself, so its lookup is filled in once every ${entity} is loaded and must be its last rule; move the rules after it before it`,
      );
    }
  }
  const first = links[0];
  if (first === undefined) return;
  if (merges) {
    reader.report('invalid_options', first.where, `entity "${entity}" looks itself up and merges duplicates; a row that points at a merged one cannot be told apart yet, so remove the merge or the lookup`);
  }
  if (!generateId) {
    reader.report('invalid_options', first.where, `entity "${entity}" looks itself up, but with generate_id: false its rows have no new id to point at; remove generate_id: false or the lookup`);
  }
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

  const retention = readRetention(reader, name, reader.child(body, 'retention'), exclude);

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
      // the same field added up the same way twice would be two money lines of one name
      const listed = new Map<string, { index: number; where: SpecLocation }>();
      moneyNode.items.forEach((item, index) => {
        const checkWhat = `money check ${index + 1} of ${what}`;
        const check = reader.check(item, moneyCheckLevel.schema, levelWording(moneyCheckLevel, checkWhat), where);
        if (check === undefined) return;
        const named = [{ name: check.field, node: reader.child(item, 'field') }];
        if (check.by !== undefined) named.push({ name: check.by, node: reader.child(item, 'by') });
        checkFieldNames(reader, named, written, checkWhat, where);
        const itemWhere = reader.locate(item, where);
        const same = `${check.field}\u001f${check.by ?? ''}`;
        const first = listed.get(same);
        if (first !== undefined) {
          reader.report(
            'duplicate_name',
            itemWhere,
            `${checkWhat} adds up "${check.field}"${check.by === undefined ? '' : ` by "${check.by}"`} again, as money check ${first.index + 1} does (line ${first.where.line}); list each money field once, or give it its own "by"`,
          );
          return;
        }
        listed.set(same, { index, where: itemWhere });
        money.push(check.by === undefined ? { field: check.field } : { field: check.field, by: check.by });
      });
    }
  }

  // a mark is written into one of the entity's own columns, which the target is checked to have
  let onDelete: OnDelete | undefined;
  const onDeleteNode = reader.child(body, 'on_delete');
  if (data?.on_delete !== undefined && data.on_delete !== 'keep' && data.generate_id === false) {
    reader.report('invalid_value', reader.locate(onDeleteNode, where), `on_delete of ${what} needs the rows' own ids to find them again, and the entity has generate_id: false; write on_delete: keep, or leave it out`);
  } else if (data?.on_delete === 'keep' || data?.on_delete === 'delete') {
    onDelete = { kind: data.on_delete };
  } else if (data?.on_delete !== undefined) {
    const markWhat = `the on_delete mark of ${what}`;
    const mark = reader.check(onDeleteNode, onDeleteMarkLevel.schema, levelWording(onDeleteMarkLevel, markWhat), reader.locate(onDeleteNode, where));
    if (mark !== undefined) {
      checkFieldNames(reader, [{ name: mark.mark, node: reader.child(onDeleteNode, 'mark') }], written, markWhat, where);
      onDelete = { kind: 'mark', column: mark.mark, value: mark.value };
    }
  }
  checkSelfLookups(reader, name, fields, merge !== undefined, data?.generate_id ?? true);

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
          ...(retention.length === 0 ? {} : { retention }),
          ...(merge === undefined ? {} : { merge: { on: merge.on, reason: merge.reason } }),
          ...(dedup === undefined ? {} : { dedup }),
          reconcile: { money },
          ...(data.max_rejected === undefined ? {} : { maxRejected: readRejectLimit(data.max_rejected)! }),
          ...(onDelete === undefined ? {} : { onDelete }),
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

