export { closestName } from './closest-name.js';
export { conditionColumn, entityColumns } from './entity-columns.js';
export { loadOrder } from './load-order.js';
export { parentLinks, type ParentLink } from './parent-links.js';
export { formatProblem, SpecError, type SpecProblem, type SpecProblemCode } from './spec-error.js';
export { specHash } from './spec-hash.js';
export type {
  ChecklistFilter,
  ChecklistItem,
  Condition,
  EntitySpec,
  ExampleExpectation,
  ExclusionRule,
  FieldSpec,
  MergeSpec,
  MoneyCheckSpec,
  OnDelete,
  ReconcileSpec,
  RuleSpec,
  Spec,
  SpecExample,
  SpecLocation,
} from './spec-model.js';
export { parseSpec, parseSpecFiles, type SpecFile } from './spec-parser.js';
