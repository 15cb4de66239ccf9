import { isMap, isSeq } from 'yaml';
import type { SpecReader } from './spec-reader.js';

/** The sentence for a key written twice, worded for what the map holds. */
function duplicateMessage(path: readonly string[], key: string, firstLine: number): string {
  if (path.length === 1 && path[0] === 'entities') {
    return `entity "${key}" is defined twice (first on line ${firstLine}); give each entity its own name`;
  }
  if (path.length === 3 && path[0] === 'entities' && path[2] === 'fields') {
    return `field "${key}" of entity "${path[1]}" is defined twice (first on line ${firstLine}); give each field its own name`;
  }
  return `"${key}" is written twice in the same map (first on line ${firstLine}); keep one`;
}

/** Reports every map key written twice; YAML would otherwise keep only one silently. */
export function reportDuplicateKeys(reader: SpecReader, node: unknown, path: readonly string[] = []): void {
  if (isSeq(node)) {
    node.items.forEach((item, index) => reportDuplicateKeys(reader, item, [...path, String(index)]));
    return;
  }
  if (!isMap(node)) return;
  const seen = new Map<string, number>();
  for (const pair of node.items) {
    const key = reader.text(pair.key) ?? '';
    const where = reader.locate(pair.key);
    const firstLine = seen.get(key);
    if (firstLine === undefined) seen.set(key, where.line);
    else reader.report('duplicate_name', where, duplicateMessage(path, key, firstLine));
    reportDuplicateKeys(reader, pair.value, [...path, key]);
  }
}
