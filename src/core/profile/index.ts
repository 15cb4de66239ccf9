export { createColumnProfiler, defaultProfilerLimits } from './column-profiler.js';
export type { ColumnProfile, ColumnProfiler, InferredType, ProfilerLimits } from './column-profiler.js';
export type { ValueCount } from './frequent-values.js';
export { isPersonalColumn, maskValue } from './mask-value.js';
export type { SnapshotProfile, TableProfile } from './snapshot-profile.js';
