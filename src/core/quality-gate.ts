/** A snapshot as the gate compares it: which sources it came from and when it was taken. */
export interface GateSnapshot {
  readonly id: string;
  readonly collectedAt: string;
  readonly sources: readonly { readonly name: string; readonly kind: string }[];
}

/** Everything the quality gate weighs before a final run, read by the caller from the store. */
export interface GateFacts {
  /** the sign-off that still stands (not revoked), of a test or preproduction run; undefined when none */
  readonly signOff: { readonly runId: number; readonly env: string; readonly specHash: string; readonly signedBy: string; readonly signedAt: string } | undefined;
  /** the spec as it is today */
  readonly specHash: string;
  /** the snapshot the final run would load, and the one the signed run loaded */
  readonly snapshot: GateSnapshot;
  readonly signedSnapshot: GateSnapshot | undefined;
  /** the problems that must be fixed found by the latest intake check of each snapshot, by file and kind; undefined when never checked */
  readonly checkErrors: readonly { readonly file: string; readonly code: string }[] | undefined;
  readonly signedCheckErrors: readonly { readonly file: string; readonly code: string }[] | undefined;
  /** the protocol of the signed run was written for the team to check */
  readonly protocolWritten: boolean;
  /** the review app's queries on the signed run that are not resolved (raised or reopened after it was signed) */
  readonly openQueries?: readonly { readonly id: number; readonly words: string }[];
}

/** Why the gate is shut, in a closed set. */
export type GateCode = 'no_signoff' | 'spec_changed' | 'other_sources' | 'older_snapshot' | 'not_checked' | 'new_check_errors' | 'no_protocol' | 'open_query';

/** One unmet condition: what is wrong, in words, and the command that meets it. */
export interface GateProblem {
  readonly code: GateCode;
  readonly message: string;
  readonly command: string;
}

const sourceList = (s: GateSnapshot) => s.sources.map((x) => `${x.name} (${x.kind})`).sort().join(', ');

/**
 * The conditions a final run must meet, each unmet one named with what to do: a sign-off
 * that stands; the spec unchanged since it; a snapshot of the same sources, as new as the
 * signed one or newer, whose intake check found no problem the signed one did not have;
 * the signed run's protocol written; no query on it left open. An empty list opens the gate.
 */
export function gateProblems(f: GateFacts): GateProblem[] {
  const problems: GateProblem[] = [];
  const s = f.signOff;
  if (s === undefined) {
    problems.push({
      code: 'no_signoff',
      message: 'No test run is signed off: the customer has not signed off a rehearsal of this migration (or the sign-off was revoked).',
      command: 'cutover signoff RUN --by NAME',
    });
    return problems;
  }
  const signed = `run ${s.runId} (signed off by ${s.signedBy})`;
  if (f.specHash !== s.specHash) {
    problems.push({
      code: 'spec_changed',
      message: `The spec changed after ${signed} was signed off: the final run would apply rules the customer has not reviewed.`,
      command: 'cutover run --env test --fresh, then a new review and sign-off (or undo the change to the spec)',
    });
  }
  const signedSnapshot = f.signedSnapshot;
  if (signedSnapshot !== undefined && sourceList(f.snapshot) !== sourceList(signedSnapshot)) {
    problems.push({
      code: 'other_sources',
      message: `Snapshot ${f.snapshot.id} comes from ${sourceList(f.snapshot)}, but the signed ${signed} loaded snapshot ${signedSnapshot.id} from ${sourceList(signedSnapshot)}.`,
      command: 'cutover collect (all the sources the signed run read)',
    });
  }
  if (signedSnapshot !== undefined && f.snapshot.id !== signedSnapshot.id && f.snapshot.collectedAt < signedSnapshot.collectedAt) {
    problems.push({
      code: 'older_snapshot',
      message: `Snapshot ${f.snapshot.id} (collected ${f.snapshot.collectedAt}) is older than snapshot ${signedSnapshot.id} that the signed ${signed} loaded (collected ${signedSnapshot.collectedAt}).`,
      command: `cutover run --env ENV --snapshot ${signedSnapshot.id}, or collect the final extract`,
    });
  }
  if (f.checkErrors === undefined) {
    problems.push({
      code: 'not_checked',
      message: `Snapshot ${f.snapshot.id} has not been through the intake check.`,
      command: `cutover check ${f.snapshot.id}`,
    });
  } else {
    const before = new Set((f.signedCheckErrors ?? []).map((e) => `${e.file}\u001f${e.code}`));
    const fresh = f.checkErrors.filter((e) => !before.has(`${e.file}\u001f${e.code}`));
    if (fresh.length > 0) {
      problems.push({
        code: 'new_check_errors',
        message: `The intake check of snapshot ${f.snapshot.id} found problems the signed delivery did not have: ${fresh.map((e) => `${e.code} in ${e.file}`).join(', ')}.`,
        command: `cutover check ${f.snapshot.id} (then have the customer fix the files and deliver again)`,
      });
    }
  }
  if (!f.protocolWritten) {
    problems.push({
      code: 'no_protocol',
      message: `The protocol of the signed ${signed} was never written, so the team has not checked the rules it applied.`,
      command: `cutover protocol ${s.runId}`,
    });
  }
  for (const q of f.openQueries ?? []) {
    problems.push({
      code: 'open_query',
      message: `Query ${q.id} on the signed ${signed} is not resolved ("${q.words}").`,
      command: `cutover queries answer ${q.id} --text WORDS, then the reviewer resolves it in the review app`,
    });
  }
  return problems;
}
