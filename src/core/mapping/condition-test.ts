import { dateTransform } from '../transforms/date-transform.js';
import type { Condition } from '../spec/spec-model.js';

/** A compiled condition on a raw source row. */
export type RowTest = (values: readonly (string | null)[]) => boolean;

/**
 * Compiles a condition on the column at `index`. Values are compared with surrounding
 * spaces removed, and a missing value reads as '' (so it is blank).
 */
export function compileCondition(condition: Condition, index: number): RowTest {
  const ignoreCase = condition.ignore_case === true;
  const fold = (text: string): string => (ignoreCase ? text.toLowerCase() : text);
  const read = (values: readonly (string | null)[]): string => (values[index] ?? '').trim();
  if (condition.blank !== undefined) {
    const blank = condition.blank;
    return (values) => (read(values) === '') === blank;
  }
  if (condition.equals !== undefined) {
    const wanted = fold(condition.equals.trim());
    return ignoreCase ? (values) => read(values).toLowerCase() === wanted : (values) => read(values) === wanted;
  }
  if (condition.in !== undefined) {
    const wanted = new Set(condition.in.map((value) => fold(value.trim())));
    return ignoreCase ? (values) => wanted.has(read(values).toLowerCase()) : (values) => wanted.has(read(values));
  }
  if (condition.matches !== undefined) {
    const pattern = new RegExp(condition.matches, ignoreCase ? 'i' : '');
    return (values) => pattern.test(read(values));
  }
  if (condition.before !== undefined || condition.after !== undefined) {
    const { before, after } = condition;
    const readDate = dateTransform.compile({ formats: condition.formats ?? [] });
    const noLookups = { lookup: () => undefined };
    // a blank value, or one that is not a date in these formats, is neither before nor after
    return (values) => {
      const date = readDate(read(values) || null, noLookups);
      if (typeof date !== 'string') return false;
      return (before === undefined || date < before) && (after === undefined || date > after);
    };
  }
  throw new Error(`condition on ${condition.column} has no test`);
}
