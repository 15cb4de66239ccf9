import { transformRegistry } from '../transforms/transform-registry.js';
import type { FieldSpec, SpecLocation } from './spec-model.js';

/** One rule that makes an entity depend on a parent entity. */
export interface ParentLink {
  readonly parent: string;
  readonly field: string;
  readonly where: SpecLocation;
}

/** The rules of these fields that look up parents, in file order. */
export function parentLinks(fields: readonly FieldSpec[]): ParentLink[] {
  const links: ParentLink[] = [];
  for (const field of fields) {
    for (const rule of field.rules) {
      const parent = transformRegistry.get(rule.name)?.parentOf?.(rule.options);
      if (parent !== undefined) links.push({ parent, field: field.name, where: rule.where });
    }
  }
  return links;
}
