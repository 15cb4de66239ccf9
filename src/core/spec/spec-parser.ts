import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { CutoverError } from '../cutover-error.js';
import { yamlBoundsProblem } from '../yaml-bounds.js';
import { didYouMean } from './closest-name.js';
import { reportDuplicateKeys } from './duplicate-keys.js';
import { readRejectLimit } from '../reject-limit.js';
import { readChecklist } from './checklist-reader.js';
import { readEntity } from './entity-reader.js';
import { orderEntities } from './load-order.js';
import type { PendingLookup } from './rule-reader.js';
import { SpecError, type SpecProblem } from './spec-error.js';
import { specHash } from './spec-hash.js';
import type { ChecklistItem, EntitySpec, Spec, SpecLocation } from './spec-model.js';
import { SpecReader } from './spec-reader.js';
import { documentLevel, headFileLevel, levelWording, partFileLevel, type SpecLevel } from './spec-schemas.js';

/** One file of a spec: its text, and the name its problems are reported under. */
export interface SpecFile {
  readonly text: string;
  readonly file: string;
}

/** Freezes a plain data tree in place, so the model really is read-only. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Parses one file's YAML, reporting its syntax problems. */
function readDocument(source: SpecFile, problems: SpecProblem[]): { reader: SpecReader; root: unknown } {
  const lines = new LineCounter();
  const document = parseDocument(source.text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const reader = new SpecReader(source.file, document, lines, problems);
  for (const error of document.errors) {
    const message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    reader.report(
      'yaml_syntax',
      reader.locateOffset(error.pos[0]),
      `this is not valid YAML: ${message}; check the indentation, the colons and the quotes here`,
    );
  }
  // an alias bomb is refused before anything walks the document
  const bounds = document.errors.length === 0 ? yamlBoundsProblem(document) : null;
  if (bounds !== null) {
    reader.report('yaml_syntax', reader.locateOffset(bounds.offset), bounds.message);
    return { reader, root: null };
  }
  return { reader, root: document.contents };
}

/** Reports lookups to entities that are not in the spec or cannot be looked up. */
function checkLookups(reader: SpecReader, lookups: readonly PendingLookup[], entities: readonly EntitySpec[], written: readonly string[]): void {
  for (const lookup of lookups) {
    if (lookup.table === true) {
      const migrated = entities.find((entity) => entity.source === lookup.parent);
      if (migrated !== undefined) {
        reader.report(
          'invalid_options',
          lookup.where,
          `the lookup in entity "${lookup.entity}" reads table ${lookup.parent}, which entity "${migrated.name}" migrates; take a field of it with lookup: { entity: ${migrated.name}, take: FIELD }`,
        );
      }
      continue;
    }
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
    if (parent !== undefined && lookup.take !== undefined && lookup.parent === lookup.entity) {
      reader.report('invalid_options', lookup.where, `the lookup in entity "${lookup.entity}" takes a field of the same entity; take only from another entity, or look up its id with lookup: ${lookup.entity}`);
    } else if (parent !== undefined && lookup.take !== undefined && !parent.fields.some((field) => field.name === lookup.take)) {
      reader.report(
        'unknown_field',
        lookup.where,
        `the lookup in entity "${lookup.entity}" takes "${lookup.take}", which is not a field of entity "${lookup.parent}".${didYouMean(lookup.take, parent.fields.map((f) => f.name))} Its fields are: ${parent.fields.map((f) => f.name).join(', ')}`,
      );
    }
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
 * Parses and validates a mapping spec split into files, collecting every problem; throws
 * one SpecError listing them all (file, line, column, what to write instead) or returns the
 * frozen model. The first file holds `version: 1` and may hold entities; every later file
 * holds `entities:`. An entity may look up entities of any file, and its name is unique
 * across all of them.
 * @example parseSpecFiles([{ file: 'specs/main.yaml', text: main }, { file: 'specs/money.yaml', text: money }])
 */
export function parseSpecFiles(files: readonly SpecFile[]): Spec {
  const [head] = files;
  if (head === undefined) {
    throw new CutoverError('spec_invalid', 'a spec needs at least one file: pass the spec file, or the files it is split into with the one holding version: 1 first');
  }
  const problems: SpecProblem[] = [];
  const documents = files.map((source) => readDocument(source, problems));
  if (problems.length > 0) throw new SpecError(problems);

  const entities: EntitySpec[] = [];
  const written: string[] = [];
  const lookups: PendingLookup[] = [];
  const firstPlace = new Map<string, { document: number; where: SpecLocation }>();
  documents.forEach(({ reader, root }, document) => {
    const level: SpecLevel = files.length === 1 ? documentLevel : document === 0 ? headFileLevel : partFileLevel;
    const what = files.length === 1 ? 'the spec' : 'this spec file';
    if (isScalar(root)) {
      // a file of plain text is not quoted back: it may be any file, not a spec gone wrong
      reader.report('invalid_value', reader.locate(root), `${what} must be a map of keys such as version: and entities:, not plain text; check that the file named in cutover.yaml is the spec`);
      return;
    }
    reportDuplicateKeys(reader, root);
    reader.check(root, level.schema, levelWording(level, what), reader.locate(root));
    const entitiesNode = reader.child(root, 'entities');
    if (!isMap(entitiesNode)) return;
    if (entitiesNode.items.length === 0) {
      reader.report('missing_key', reader.locate(entitiesNode), `${what} has no entities; ${level.help.entities ?? ''}`);
    }
    for (const pair of entitiesNode.items) {
      const name = reader.text(pair.key) ?? '';
      const where = reader.locate(pair.key);
      const first = firstPlace.get(name);
      if (first !== undefined) {
        // a second entity of the same name in one file was reported as a duplicate key
        if (first.document !== document) {
          reader.report(
            'duplicate_name',
            where,
            `entity "${name}" is defined twice (first in ${first.where.file} line ${first.where.line}); give each entity its own name`,
          );
        }
        continue;
      }
      firstPlace.set(name, { document, where });
      written.push(name);
      const entity = readEntity(reader, name, pair.key, pair.value ?? undefined, lookups);
      if (entity !== undefined) entities.push(entity);
    }
  });
  // every later file must hold entities, so a spec without any has been reported by now
  checkLookups((documents[0] as (typeof documents)[number]).reader, lookups, entities, written);
  // checklist lines may sit in any file, beside the entities they count
  const checklist: ChecklistItem[] = [];
  for (const { reader, root } of documents) {
    const node = reader.child(root, 'checklist');
    if (node !== undefined) checklist.push(...readChecklist(reader, node, entities, written, checklist));
  }
  // a limit of rejected rows written beside version: holds for every entity that sets none
  const head0 = documents[0];
  const limitNode = head0 === undefined ? undefined : head0.reader.child(head0.root, 'max_rejected');
  const limit = isScalar(limitNode) ? readRejectLimit(limitNode.value) : undefined;
  if (limit !== undefined) {
    entities.forEach((entity, k) => {
      if (entity.maxRejected === undefined) entities[k] = { ...entity, maxRejected: limit };
    });
  }
  const order = orderEntities(entities);
  if (!order.ok) problems.push(order.problem);
  if (problems.length > 0) {
    const rank = (file: string) => files.findIndex((source) => source.file === file);
    throw new SpecError([...problems].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.column - b.column));
  }
  return deepFreeze({
    file: head.file,
    files: files.map((source) => source.file),
    hash: specHash({ version: 1, entities }),
    version: 1,
    entities,
    checklist,
  });
}

/**
 * Parses and validates a mapping spec held in one file; see parseSpecFiles.
 * @example parseSpec(await readFile('specs/crm.yaml', 'utf8'), 'specs/crm.yaml')
 */
export function parseSpec(text: string, file: string): Spec {
  return parseSpecFiles([{ text, file }]);
}
