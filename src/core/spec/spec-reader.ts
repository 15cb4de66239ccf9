import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { z } from 'zod';
import type { SpecProblem, SpecProblemCode } from './spec-error.js';
import type { SpecLocation } from './spec-model.js';
import { wordIssues, type Wording } from './issue-wording.js';

// plain scalars that mean "nothing"; quoted ones stay text
const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const MAX_DEPTH = 50;

/**
 * Reads a YAML spec parsed with the failsafe schema (every scalar is text, so `01`
 * stays "01"), keeps node positions, and collects problems instead of throwing.
 */
export class SpecReader {
  /** `problems` may be shared by the readers of several files of one spec. */
  constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
    readonly problems: SpecProblem[] = [],
  ) {}

  /** The location of a source offset. */
  locateOffset(offset: number): SpecLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Where a node starts; a missing node falls back to `fallback`. */
  locate(node: unknown, fallback?: SpecLocation): SpecLocation {
    const range = (node as Partial<Node> | null | undefined)?.range;
    if (range) return this.locateOffset(range[0]);
    return fallback ?? this.locateOffset(0);
  }

  /** Records a problem at a location. */
  report(code: SpecProblemCode, where: SpecLocation, message: string): void {
    this.problems.push({ code, file: where.file, line: where.line, column: where.column, message });
  }

  /** Follows an alias to the node it names. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  /** The text of a scalar key or value, or undefined for anything else. */
  text(node: unknown): string | undefined {
    const value = this.plain(node);
    return typeof value === 'string' ? value : undefined;
  }

  /** The node as plain data: maps, lists, text and null. */
  plain(node: unknown, depth = 0): unknown {
    const target = this.resolve(node);
    if (depth > MAX_DEPTH || target === null || target === undefined) return null;
    if (isScalar(target)) {
      const value = String(target.value);
      return target.type === 'PLAIN' && NULL_WORDS.has(value) ? null : value;
    }
    if (isSeq(target)) return target.items.map((item) => this.plain(item, depth + 1));
    if (isMap(target)) {
      return Object.fromEntries(
        target.items.map((pair) => [String(this.plain(pair.key, depth + 1) ?? ''), this.plain(pair.value, depth + 1)]),
      );
    }
    return null;
  }

  /** The value node of `key` in the map `node`, or undefined when the key is not written. */
  child(node: unknown, key: string): unknown {
    const map = this.resolve(node);
    if (!isMap(map)) return undefined;
    const pair = map.items.find((item) => this.plain(item.key) === key);
    return pair === undefined ? undefined : (pair.value ?? null);
  }

  /** The node at `path` below `node`: the value, or with `at: 'key'` the key naming it. */
  nodeAt(node: unknown, path: readonly PropertyKey[], at: 'key' | 'value' = 'value'): unknown {
    let current = this.resolve(node);
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isSeq(current) && typeof segment === 'number') {
        current = this.resolve(current.items[segment]);
      } else if (isMap(current)) {
        const pair = current.items.find((item) => isPair(item) && this.plain(item.key) === String(segment));
        if (pair === undefined) return current;
        current = last && at === 'key' ? pair.key : this.resolve(pair.value);
      } else {
        return current;
      }
    }
    return current;
  }

  /**
   * Validates the YAML map `node` against a zod schema and reports each issue at its
   * node; `anchor` is where the map is named, for keys that are missing.
   */
  check<S extends z.ZodType>(node: unknown, schema: S, wording: Wording, anchor: SpecLocation): z.output<S> | undefined {
    // an absent node stays undefined so that it reads as missing, not as blank
    const input = node === undefined ? undefined : this.plain(node);
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of wordIssues(parsed.error.issues, input, wording)) {
      const where =
        issue.at === 'anchor' ? anchor : this.locate(this.nodeAt(node, issue.path, issue.at), this.locate(node, anchor));
      this.report(issue.code, where, issue.message);
    }
    return undefined;
  }
}
