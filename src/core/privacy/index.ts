export { erasureMatches, normaliseErasureEntry, readErasureList, type ErasureLineProblem, type ErasureListReading, type ErasureMatch, type ErasureReading } from './erasure-entry.js';
export {
  compileErasureProbe, compileKeptOut, erasedCause, erasureReason, followKeptOut, isKeptOutReason, keptOutCause, retentionReason, yearsBefore,
  type ErasureSet, type KeptOut, type KeptOutTest, type PrivacyRules,
} from './kept-out.js';
export type { ErasureEntryEvidence, ErasureListEvidence, ErasureReport, RetentionEvidence } from './erasure-evidence.js';
