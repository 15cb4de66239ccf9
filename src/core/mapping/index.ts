export { ColumnBinder } from './column-binder.js';
export { compileEntity, type CompiledEntity, type CompileOptions } from './compiled-entity.js';
export type { MappingContext } from './mapping-context.js';
export type { RowOutcome } from './row-outcome.js';
export { displayKey, KEY_SEPARATOR, mergeKeyOf } from './source-key.js';
export {
  runSpecExamples,
  type ExampleDifference,
  type ExampleOutcome,
  type SpecExampleResult,
} from './spec-example-runner.js';
export { columnFits, fieldValueKind, valueKindWording } from './column-fit.js';
export { specLeftovers, type DeliveredTable, type SpecLeftovers } from './spec-leftovers.js';
