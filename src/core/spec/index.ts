export { closestName } from './closest-name.js';
export { loadOrder } from './load-order.js';
export { parentLinks, type ParentLink } from './parent-links.js';
export { formatProblem, SpecError, type SpecProblem, type SpecProblemCode } from './spec-error.js';
export { specHash } from './spec-hash.js';
export type {
  Condition,
  EntitySpec,
  ExclusionRule,
  FieldSpec,
  MergeSpec,
  MoneyCheckSpec,
  ReconcileSpec,
  RuleSpec,
  Spec,
  SpecLocation,
} from './spec-model.js';
export { parseSpec } from './spec-parser.js';
