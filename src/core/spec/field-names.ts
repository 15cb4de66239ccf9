import { isScalar, isSeq } from 'yaml';
import { didYouMean } from './closest-name.js';
import type { SpecLocation } from './spec-model.js';
import type { SpecReader } from './spec-reader.js';

/** A name as written, with its node for pointing at it. */
export interface NamedNode {
  readonly name: string;
  readonly node: unknown;
}

/** Reports each name in `names` that is not one of the entity's fields. */
export function checkFieldNames(
  reader: SpecReader,
  names: readonly NamedNode[],
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

/** The items of a list, or the node itself when one name was written without brackets. */
export function nameNodes(reader: SpecReader, node: unknown): NamedNode[] {
  const items = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
  return items.map((item) => ({ name: reader.text(item) ?? '', node: item }));
}
