import type { z } from 'zod';
import { didYouMean } from './closest-name.js';
import type { SpecProblemCode } from './spec-error.js';

/** A zod issue put into words, with the path of the YAML node it should point at. */
export interface WordedIssue {
  readonly code: SpecProblemCode;
  readonly path: readonly PropertyKey[];
  /** Point at the key at `path`, at the value at `path`, or at the thing's own name. */
  readonly at: 'key' | 'value' | 'anchor';
  readonly message: string;
}

/** How to word the issues of one YAML map: its name and what to write for each key. */
export interface Wording {
  /** e.g. `entity "person"` or `the "date" rule of field "created_on" in entity "person"`. */
  readonly what: string;
  readonly knownKeys: readonly string[];
  /** What to write instead, for a key, or for the whole map when `key` is undefined. */
  readonly help: (key: string | undefined) => string | undefined;
  /** The code for a value of the wrong kind. */
  readonly valueCode: SpecProblemCode;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a map',
  record: 'a map',
  boolean: 'true or false',
  number: 'a number',
};

/** `item 2 of "key"`, `"Mr" of "values"`. */
function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `item ${segment + 1}` : `"${String(segment)}"`))
    .reverse()
    .join(' of ');
}

/** The part of `input` at `path`, and whether the last step was missing from its parent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { value: unknown; missing: boolean } {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      return { value: undefined, missing: true };
    }
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return { value, missing: value === undefined };
}

// a value quoted back is cut short: the file read may be no spec at all, and not ours to show
const quotedMax = 40;

/** `, not "yes"` or `, not a list`: what was found instead. */
function found(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return ', not blank';
  if (Array.isArray(value)) return ', not a list';
  if (typeof value === 'object') return ', not a map';
  if (typeof value !== 'string') return `, not ${String(value)}`;
  return value.length > quotedMax ? `, not "${value.slice(0, quotedMax)}…"` : `, not "${value}"`;
}

/** True when a union branch failed because the value is of another kind altogether. */
function wrongKind(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
}

/** A union whose value has the kind of exactly one branch reads as that branch's own issues. */
function expandUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const fitting = issue.errors.filter((branch) => !wrongKind(branch));
    const [only] = fitting;
    if (fitting.length !== 1 || only === undefined) return [issue];
    return expandUnions(only.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue));
  });
}

/** The part of a sentence saying what was expected, for issues other than custom ones. */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_union': {
      const kinds = issue.errors.flatMap((branch) =>
        branch.flatMap((inner) => (inner.code === 'invalid_type' && inner.path.length === 0 ? [EXPECTED[inner.expected] ?? inner.expected] : [])),
      );
      return kinds.length === issue.errors.length ? `must be ${kinds.join(' or ')}` : `is not valid (${issue.message})`;
    }
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.map(String).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
        : 'must not be empty';
    case 'invalid_format':
      return issue.message;
    default:
      return `is not valid (${issue.message})`;
  }
}

/** Puts the issues of one zod parse of a YAML map into words an analyst can act on. */
export function wordIssues(issues: readonly z.core.$ZodIssue[], input: unknown, wording: Wording): WordedIssue[] {
  const worded: WordedIssue[] = [];
  const withHelp = (message: string, key: string | undefined): string => {
    const help = wording.help(key);
    return help === undefined ? message : `${message}; ${help}`;
  };
  for (const issue of expandUnions(issues)) {
    const path = issue.path as readonly PropertyKey[];
    const head = typeof path[0] === 'string' ? path[0] : undefined;
    const subject = path.length === 0 ? wording.what : `${describePath(path)} in ${wording.what}`;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = path.length === 0 ? ` Known keys: ${wording.knownKeys.join(', ')}` : '';
        const where = path.length === 0 ? wording.what : `${describePath(path)} in ${wording.what}`;
        worded.push({
          code: 'unknown_key',
          path: [...path, key],
          at: 'key',
          message: `unknown key "${key}" in ${where}.${didYouMean(key, path.length === 0 ? wording.knownKeys : [])}${known}`,
        });
      }
      continue;
    }
    if (issue.code === 'custom') {
      worded.push({ code: wording.valueCode, path, at: 'value', message: issue.message });
      continue;
    }
    const { value, missing } = valueAt(input, path);
    if (missing) {
      const parent = path.slice(0, -1);
      const key = path[path.length - 1];
      const message =
        key === undefined
          ? `${wording.what} needs options`
          : `${parent.length === 0 ? wording.what : `${describePath(parent)} in ${wording.what}`} has no "${String(key)}"`;
      worded.push({
        code: key === undefined ? wording.valueCode : 'missing_key',
        path: parent,
        at: parent.length === 0 ? 'anchor' : 'value',
        message: withHelp(message, head),
      });
      continue;
    }
    // "needs at least 2 items" says all there is to say about the list found
    const shown = issue.code === 'too_small' ? '' : found(value);
    worded.push({
      code: wording.valueCode,
      path,
      at: 'value',
      message: withHelp(`${subject} ${expectation(issue)}${shown}`, head),
    });
  }
  return worded;
}
