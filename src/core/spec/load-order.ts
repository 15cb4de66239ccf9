import { parentLinks } from './parent-links.js';
import { SpecError, type SpecProblem } from './spec-error.js';
import type { EntitySpec, Spec } from './spec-model.js';

export type OrderResult =
  | { readonly ok: true; readonly order: readonly EntitySpec[] }
  | { readonly ok: false; readonly problem: SpecProblem };

/** Describes a cycle of lookups: who looks up whom, and on which line. */
function cycleProblem(cycle: readonly EntitySpec[]): SpecProblem {
  const steps = cycle.map((entity, index) => {
    const parent = (cycle[index + 1] ?? cycle[0]) as EntitySpec;
    const link = parentLinks(entity.fields).find((candidate) => candidate.parent === parent.name);
    return { text: `${entity.name} looks up ${parent.name} (line ${link?.where.line ?? entity.where.line})`, where: link?.where ?? entity.where };
  });
  const first = (steps[0] as (typeof steps)[number]).where;
  return {
    code: 'lookup_cycle',
    file: first.file,
    line: first.line,
    column: first.column,
    message:
      `the lookups go round in a circle: ${steps.map((step) => step.text).join(', ')}; ` +
      'a parent must be loaded before the rows that look it up, so remove one of these lookups',
  };
}

/** Orders entities parents first, keeping file order where lookups allow; a cycle is a problem. */
export function orderEntities(entities: readonly EntitySpec[]): OrderResult {
  const names = new Set(entities.map((entity) => entity.name));
  const placed = new Set<string>();
  const order: EntitySpec[] = [];
  let remaining = [...entities];
  // a lookup to an entity that is not in the spec is reported by the parser, not here
  // a lookup into the entity itself is filled in once its rows are loaded, so it waits for nobody
  const waitsFor = (entity: EntitySpec) => entity.parents.filter((parent) => parent !== entity.name && names.has(parent) && !placed.has(parent));
  while (remaining.length > 0) {
    const next = remaining.find((entity) => waitsFor(entity).length === 0);
    if (next === undefined) {
      // every remaining entity waits for another remaining one, so walking parents must loop
      const path: EntitySpec[] = [];
      let current = remaining[0] as EntitySpec;
      while (!path.includes(current)) {
        path.push(current);
        const parent = waitsFor(current)[0];
        current = remaining.find((entity) => entity.name === parent) as EntitySpec;
      }
      const cycle = path.slice(path.indexOf(current));
      // start the story at the entity written first
      const start = cycle.indexOf(entities.find((entity) => cycle.includes(entity)) as EntitySpec);
      return { ok: false, problem: cycleProblem([...cycle.slice(start), ...cycle.slice(0, start)]) };
    }
    order.push(next);
    placed.add(next.name);
    remaining = remaining.filter((entity) => entity !== next);
  }
  return { ok: true, order };
}

/**
 * The entities in the order to load them: every parent before the entities that look it
 * up, otherwise in file order. Throws a SpecError when lookups form a cycle.
 */
export function loadOrder(spec: Spec): EntitySpec[] {
  const result = orderEntities(spec.entities);
  if (!result.ok) throw new SpecError([result.problem]);
  return [...result.order];
}
