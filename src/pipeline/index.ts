// The library's steps: every shell (the command line, the review app) calls these with a session.
export { readAuditTrail, type AuditEvent } from './audit-trail.js';
export { check, type CheckOptions, type CheckOutcome } from './check-step.js';
export { collect, type CollectOptions, type CollectResult } from './collect.js';
export { draftProjectContract } from './contract-draft.js';
export { figureLines, listFigures, setFigure, type FigureLine, type FigureSet, type RunFigures } from './customer-figures.js';
export { demoSnapshotKey, runDemo, sampleProjectTemplate, type DemoOptions, type DemoResult } from './demo.js';
export { migrate, type Migration, type MigrateOptions } from './migrate.js';
export { peekFile, type PeekResult } from './peek.js';
export { freeze, freezes, unfreeze, type Freeze } from './freeze.js';
export { leftovers, type Leftovers } from './leftovers.js';
export { profile, type WrittenProfile } from './profile.js';
export { weighGate, type GateProblem } from './quality-gate.js';
export { projectStatus, type EnvironmentStatus, type ProjectStatus } from './project-status.js';
export { openProjectSession, withProjectSession, type ProjectSession, type SessionOptions } from './project-session.js';
export { writeRunProtocol } from './protocol.js';
export { reconcile, type ReconcileOptions } from './reconcile-project.js';
export { chooseRun, listRejects, rejectedRows, writeRejectLists, type WrittenRejects } from './rejects.js';
export { importReviewWorkbook, type ReviewImport } from './review-import.js';
export { writeReviewWorkbook, type WrittenReview } from './review-report.js';
export { listSignOffs, revokeSignOff, signOff, standingSignOff, type SignOffRecord } from './signoff.js';
export { projectSnapshot, projectSnapshots, verifySnapshots, type SnapshotCheck, type SnapshotManifest } from './snapshots.js';
export { testSpecExamples } from './spec-examples.js';
export { suggest } from './suggest-mapping.js';
export { actingAs, addUser, listUsers, normalEmail, recordDownload, removeUser, sameToken, sessionOf, signIn, signOut, userRoles, type AddedUser, type AppSession, type AppUser, type SignedIn, type UserRole } from './users.js';
export { findRecords, type RecordHit } from './record-search.js';
export { recordDetail, ruleWords, type RecordView } from './record-detail.js';
export { ensureRecordIndex } from './record-index.js';
export { moneyBalances, type MoneyByParent, type MoneyField, type MoneyTotals, type MoneyView } from './money-balances.js';
export {
  answerQuery, listQueries, raiseQuery, reopenQuery, resolveQuery, type QueryMessage, type QueryState, type QueryTarget, type QueryThread,
} from './review-queries.js';
export { runProgress, type EntityProgress, type RunProgressView } from './run-progress.js';
export { reviewOverview, type OverviewRun, type ReviewOverview } from './review-overview.js';
export { markPlanTaskDone, projectPlan, writePlanCalendar, type MilestoneStanding, type MilestoneState, type PlanTask, type ProjectPlan } from './plan.js';
export { initProject, type InitOptions, type InitResult } from './init-project.js';
export { dedup, type DedupOptions, type DedupResult } from './dedup.js';
export { decideDedup, dedupRulings, type DecidedRulings, type DedupDecision } from './dedup-review.js';
export { suggestDedup, type DedupDraft } from './dedup-suggest.js';
