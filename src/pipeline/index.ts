// The library's steps: every shell (the command line, the review app) calls these with a session.
export { readAuditTrail, type AuditEvent } from './audit-trail.js';
export { check, type CheckOptions, type CheckOutcome } from './check-step.js';
export { collect, type CollectOptions, type CollectResult } from './collect.js';
export { draftProjectContract } from './contract-draft.js';
export { demoSnapshotKey, runDemo, sampleProjectTemplate, type DemoOptions, type DemoResult } from './demo.js';
export { migrate, type Migration, type MigrateOptions } from './migrate.js';
export { peekFile, type PeekResult } from './peek.js';
export { leftovers, type Leftovers } from './leftovers.js';
export { profile, type WrittenProfile } from './profile.js';
export { openProjectSession, withProjectSession, type ProjectSession, type SessionOptions } from './project-session.js';
export { writeRunProtocol } from './protocol.js';
export { reconcile, type ReconcileOptions } from './reconcile-project.js';
export { chooseRun, listRejects, rejectedRows, writeRejectLists, type WrittenRejects } from './rejects.js';
export { importReviewWorkbook, type ReviewImport } from './review-import.js';
export { writeReviewWorkbook, type WrittenReview } from './review-report.js';
export { projectSnapshot, projectSnapshots, verifySnapshots, type SnapshotCheck, type SnapshotManifest } from './snapshots.js';
export { testSpecExamples } from './spec-examples.js';
export { suggest } from './suggest-mapping.js';
