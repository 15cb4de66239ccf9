export { createColumnProfiler, defaultProfilerLimits } from './column-profiler.js';
export type { ColumnProfile, ColumnProfiler, InferredType, ProfilerLimits } from './column-profiler.js';
export type { ValueCount } from './frequent-values.js';
export { maskValue } from './mask-value.js';
export { isPersonalColumn, maskFreeText, maskPersonal, maskQuoted, maskValuesIn, personalKindOf, personalKinds } from './personal-data.js';
export type { PersonalKind } from './personal-data.js';
export type { SnapshotProfile, TableProfile } from './snapshot-profile.js';
