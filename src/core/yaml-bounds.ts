import { isAlias, isMap, isPair, isSeq, visit, type Document, type Node } from 'yaml';

/** How far a YAML file's aliases may reach before it is refused: far beyond any real spec. */
export const yamlLimits = { aliases: 1_000, expandedValues: 100_000 } as const;

/** Why a YAML document is refused, and where (an offset into its text). */
export interface YamlBoundsProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * Checks that a parsed document's aliases (`*name`) stay small once expanded, before
 * anything walks or converts it: a few lines of nested aliases (a "billion laughs") would
 * otherwise expand to billions of values and hold the process, and the project's lock, for
 * ever; and that each alias names an anchor set before it.
 */
export function yamlBoundsProblem(document: Document): YamlBoundsProblem | null {
  // anchors by name in document order, found once: the library's own lookup walks the whole document per alias
  const anchors = new Map<string, Node[]>();
  let aliases = 0;
  let first: number | undefined;
  visit(document, (_key, node) => {
    if (isAlias(node)) {
      aliases += 1;
      first ??= node.range?.[0];
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor === undefined) return;
    const list = anchors.get(anchor) ?? [];
    list.push(node as Node);
    anchors.set(anchor, list);
  });
  if (aliases > yamlLimits.aliases) {
    return { offset: first ?? 0, message: `the file uses more than ${yamlLimits.aliases.toLocaleString('en-GB')} aliases (*name). Write the values out instead` };
  }
  // an alias means the last node anchored with its name before it
  const target = (alias: { source: string; range?: readonly number[] | null }): unknown => {
    const at = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
    let found: unknown = null;
    for (const node of anchors.get(alias.source) ?? []) if ((node.range?.[0] ?? 0) < at) found = node;
    return found;
  };
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  let circular: number | undefined;
  let unresolved: { offset: number; name: string } | undefined;

  // the number of values a node stands for once every alias in it is expanded, each node counted once
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) {
      circular ??= (node as Node).range?.[0] ?? 0;
      return yamlLimits.expandedValues + 1;
    }
    open.add(node);
    let total = 1;
    if (isAlias(node)) {
      const anchored = target(node);
      if (anchored === null) unresolved ??= { offset: node.range?.[0] ?? 0, name: node.source };
      total = size(anchored);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        total += isPair(item) ? size(item.key) + size(item.value) : size(item);
        if (total > yamlLimits.expandedValues) break;
      }
    }
    open.delete(node);
    const capped = Math.min(total, yamlLimits.expandedValues + 1);
    sizes.set(node, capped);
    return capped;
  };

  const expanded = size(document.contents);
  if (unresolved !== undefined) {
    return { offset: unresolved.offset, message: `the alias *${unresolved.name} names no anchor &${unresolved.name} set before it. Write the value out, or set the anchor first` };
  }
  if (circular !== undefined) {
    return { offset: circular, message: 'an alias (*name) points back into the value it belongs to, so the value never ends. Write the value out instead of the alias' };
  }
  if (expanded > yamlLimits.expandedValues) {
    return {
      offset: first ?? 0,
      message: `its aliases (*name) expand to more than ${yamlLimits.expandedValues.toLocaleString('en-GB')} values, far more than any real file (aliases nested inside aliases multiply). Write the values out, or use fewer aliases`,
    };
  }
  return null;
}
