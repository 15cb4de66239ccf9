import { isMap, LineCounter, parseDocument } from 'yaml';
import { didYouMean } from './closest-name.js';
import { reportDuplicateKeys } from './duplicate-keys.js';
import { readEntity } from './entity-reader.js';
import { orderEntities } from './load-order.js';
import type { PendingLookup } from './rule-reader.js';
import { SpecError } from './spec-error.js';
import { specHash } from './spec-hash.js';
import type { EntitySpec, Spec } from './spec-model.js';
import { SpecReader } from './spec-reader.js';
import { documentLevel, levelWording } from './spec-schemas.js';

/** Freezes a plain data tree in place, so the model really is read-only. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Reports lookups to entities that are not in the spec or cannot be looked up. */
function checkLookups(reader: SpecReader, lookups: readonly PendingLookup[], entities: readonly EntitySpec[], written: readonly string[]): void {
  for (const lookup of lookups) {
    if (!written.includes(lookup.parent)) {
      reader.report(
        'unknown_entity',
        lookup.where,
        `the lookup in entity "${lookup.entity}" names entity "${lookup.parent}", which is not in this spec.` +
          `${didYouMean(lookup.parent, written)} Its entities are: ${written.join(', ')}`,
      );
      continue;
    }
    const parent = entities.find((entity) => entity.name === lookup.parent);
    if (parent !== undefined && parent.key.length !== 1) {
      reader.report(
        'invalid_options',
        lookup.where,
        `the lookup in entity "${lookup.entity}" names entity "${lookup.parent}", whose key has ${parent.key.length} columns ` +
          `(${parent.key.join(', ')}); a lookup needs a parent whose key is one column`,
      );
    }
  }
}

/**
 * Parses and validates a mapping spec, collecting every problem; throws one SpecError
 * listing them all (file, line, column, what to write instead) or returns the frozen model.
 * @example parseSpec(await readFile('specs/crm.yaml', 'utf8'), 'specs/crm.yaml')
 */
export function parseSpec(text: string, file: string): Spec {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const reader = new SpecReader(file, document, lines);
  for (const error of document.errors) {
    const message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    reader.report(
      'yaml_syntax',
      reader.locateOffset(error.pos[0]),
      `this is not valid YAML: ${message}; check the indentation, the colons and the quotes here`,
    );
  }
  if (reader.problems.length > 0) throw new SpecError(reader.problems);

  const root = document.contents;
  reportDuplicateKeys(reader, root);
  reader.check(root, documentLevel.schema, levelWording(documentLevel, 'the spec'), reader.locate(root));
  const entities: EntitySpec[] = [];
  const written: string[] = [];
  const lookups: PendingLookup[] = [];
  const entitiesNode = reader.child(root, 'entities');
  if (isMap(entitiesNode)) {
    if (entitiesNode.items.length === 0) {
      reader.report('missing_key', reader.locate(entitiesNode), `the spec has no entities; ${documentLevel.help.entities}`);
    }
    for (const pair of entitiesNode.items) {
      const name = reader.text(pair.key) ?? '';
      // a second entity of the same name was reported as a duplicate
      if (written.includes(name)) continue;
      written.push(name);
      const entity = readEntity(reader, name, pair.key, pair.value ?? undefined, lookups);
      if (entity !== undefined) entities.push(entity);
    }
  }
  checkLookups(reader, lookups, entities, written);
  const order = orderEntities(entities);
  if (!order.ok) reader.problems.push(order.problem);
  if (reader.problems.length > 0) {
    const sorted = [...reader.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    throw new SpecError(sorted);
  }
  return deepFreeze({ file, hash: specHash({ version: 1, entities }), version: 1, entities });
}
