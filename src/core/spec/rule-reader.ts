import { isMap, isScalar } from 'yaml';
import { z } from 'zod';
import { transformRegistry } from '../transforms/transform-registry.js';
import { didYouMean } from './closest-name.js';
import type { SpecLocation, RuleSpec } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';

/** A lookup found while reading, checked once every entity is known. */
export interface PendingLookup {
  readonly entity: string;
  /** the parent entity, or the table of the snapshot a lookup of reference data reads */
  readonly parent: string;
  /** the parent's field it takes instead of its id */
  readonly take?: string;
  /** true when `parent` is a table of the snapshot, not an entity */
  readonly table?: boolean;
  /** Where the parent's name is written. */
  readonly where: SpecLocation;
}

const KNOWN = [...transformRegistry.keys()];

/** The option keys a transform knows, also when its options may be left out (`uk_phone`). */
function optionKeys(schema: z.ZodType): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/**
 * Reads one rule, written either as a bare name (`trim`) or as a map with one key
 * (`{ date: { formats: [...] } }`), and validates its options with the transform's schema.
 */
export function readRule(
  reader: SpecReader,
  item: unknown,
  owner: { entity: string; field: string },
  lookups: PendingLookup[],
): RuleSpec | undefined {
  const node = reader.resolve(item);
  let nameNode: unknown = node;
  let optionsNode: unknown = undefined;
  if (isMap(node) && node.items.length === 1) {
    nameNode = node.items[0]?.key;
    optionsNode = node.items[0]?.value ?? undefined;
  } else if (!isScalar(node)) {
    const keys = isMap(node) ? node.items.map((pair) => reader.text(pair.key) ?? '?') : [];
    reader.report(
      'invalid_value',
      reader.locate(node),
      'a rule is a name such as trim, or a map with one key such as { date: { formats: [dd/MM/yyyy] } }' +
        (keys.length > 1
          ? `, but this one has ${keys.length} keys (${keys.join(', ')}); indent the options under the rule name, or start each rule on its own line with "- "`
          : '; write the rule that way'),
    );
    return undefined;
  }
  const name = reader.text(nameNode) ?? '';
  const where = reader.locate(nameNode);
  const transform = transformRegistry.get(name);
  if (transform === undefined) {
    reader.report(
      'unknown_transform',
      where,
      `unknown transform "${name}".${didYouMean(name, KNOWN)} Known transforms: ${KNOWN.join(', ')}`,
    );
    return undefined;
  }
  const what = `the "${name}" rule of field "${owner.field}" in entity "${owner.entity}"`;
  if (transform.options === undefined) {
    if (optionsNode !== undefined && reader.plain(optionsNode) !== null) {
      reader.report('invalid_options', reader.locate(optionsNode), `${what} takes no options; write - ${name}`);
      return undefined;
    }
    return { name, options: undefined, where };
  }
  const options = reader.check(
    optionsNode,
    transform.options,
    {
      what,
      knownKeys: optionKeys(transform.options),
      help: () => `write ${transform.usage}`,
      valueCode: 'invalid_options',
    },
    where,
  );
  // undefined is also what a transform whose options may be left out (`uk_phone`) reads as
  if (options === undefined && (optionsNode !== undefined || !transform.options.safeParse(undefined).success)) return undefined;
  const parent = transform.parentOf?.(options);
  const take = transform.takesField?.(options);
  if (parent !== undefined) lookups.push({ entity: owner.entity, parent, ...(take === undefined ? {} : { take }), where: reader.locate(optionsNode, where) });
  const table = transform.readsTable?.(options);
  if (table !== undefined) lookups.push({ entity: owner.entity, parent: table.table, table: true, where: reader.locate(optionsNode, where) });
  return { name, options, where };
}
