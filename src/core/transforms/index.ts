export { applyTransform, type TransformResult } from './apply-transform.js';
export { parseAmount, type AmountError, type MoneyFormat } from './money-amount.js';
export { orList, shownValue } from './rule-wording.js';
export { listTransforms, transformRegistry } from './transform-registry.js';
export {
  invalidValue,
  isFailure,
  type LookupContext,
  type Transform,
  type TransformExample,
  type TransformFailure,
  type TransformOutput,
  type ValueKind,
  type ValueRule,
} from './transform.js';
