import { createHash } from 'node:crypto';
import type { DedupSpec } from '../dedup/dedup-spec.js';
import type { Condition, EntitySpec } from './spec-model.js';

/** JSON with sorted keys and no undefined values: one text per meaning. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// positions are layout, not meaning; they are left out by name here, never inside options
function conditionMeaning({ where: _where, ...condition }: Condition): object {
  return condition;
}

function dedupMeaning({ where: _where, ...dedup }: DedupSpec): object {
  return { ...dedup, compare: dedup.compare.map(({ where: _at, ...c }) => c) };
}

// examples test the rules but do not change a single loaded row, so adding one keeps a sign-off;
// nor does the limit of rejected rows, which decides only whether a run needs attention
function entityMeaning({ where: _where, keyWhere: _keyWhere, examples: _examples, maxRejected: _limit, ...entity }: EntitySpec): object {
  return {
    ...entity,
    dedup: entity.dedup === undefined ? undefined : dedupMeaning(entity.dedup),
    exclude: entity.exclude.map(({ where: _at, ...rule }) => ({ ...rule, when: conditionMeaning(rule.when) })),
    retention: entity.retention?.map(({ where: _at, ...rule }) => rule),
    fields: entity.fields.map(({ where: _at, fromWhere: _from, ...field }) => ({
      ...field,
      when: field.when === undefined ? undefined : conditionMeaning(field.when),
      rules: field.rules.map(({ where: _rule, ...rule }) => rule),
    })),
  };
}

/**
 * The sha256 (hex) of a spec's meaning, so comments, layout, file names, the split into
 * files and the order of entities do not change it.
 */
export function specHash(model: { readonly version: number; readonly entities: readonly EntitySpec[] }): string {
  // the order entities are written in changes no loaded row, only which independent one loads first
  const entities = [...model.entities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const meaning = { version: model.version, entities: entities.map(entityMeaning) };
  return createHash('sha256').update(canonicalJson(meaning)).digest('hex');
}
