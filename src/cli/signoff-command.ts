import { countWords } from '../core/count-words.js';
import { CutoverError } from '../core/cutover-error.js';
import type { SignOffRecord } from '../pipeline/index.js';
import { textTable } from './books-table.js';
import type { CommandMaker } from './common-options.js';
import { withSession } from './who.js';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const short = (hash: string) => hash.slice(0, 12);

/** A sign-off for a terminal, as just recorded or revoked. */
export function formatSignOff(s: SignOffRecord): string {
  const queries = s.answers.filter((a) => a.answer === 'query').length;
  const answers = s.answers.length === 0 ? 'no review answers' : `${countWords(s.answers.length, 'review answer')}, ${queries === 0 ? 'all confirmed' : countWords(queries, 'query', 'queries')}`;
  const head = s.revoked
    ? `The sign-off of run ${s.runId} by ${s.signedBy} (${when(s.signedAt)}) is revoked by ${s.revoked.by}: ${s.revoked.note}`
    : `Run ${s.runId} (${s.env}) is signed off by ${s.signedBy} on ${when(s.signedAt)}${s.note ? `: ${s.note}` : ''}`;
  return [head, `  snapshot ${s.snapshotHash}`, `  spec     ${s.specHash}`, `  ${s.verdict}`, `  ${answers}`].join('\n');
}

/** Every sign-off as a table, revoked ones marked. */
export function formatSignOffs(all: readonly SignOffRecord[]): string {
  if (all.length === 0) return 'No run has been signed off yet: "cutover signoff RUN --by NAME" records the customer\'s sign-off.';
  return textTable(
    ['#', 'run', 'env', 'signed by', 'when', 'snapshot', 'spec', 'verdict', 'revoked'],
    all.map((s) => [String(s.id), String(s.runId), s.env, s.signedBy, when(s.signedAt), short(s.snapshotHash), short(s.specHash), s.unexplained === 0 ? 'agrees or explained' : `${s.unexplained} unexplained`, s.revoked ? `by ${s.revoked.by} ${when(s.revoked.at)}` : 'no']),
    new Set([0, 1]),
  );
}

/** `cutover signoff [RUN] --by NAME` records the customer's sign-off, `--revoke RUN` takes it back; `cutover signoffs` lists them. */
export function registerSignOffCommands(command: CommandMaker, print: (text: string) => void): void {
  command('signoff')
    .description('Record that the customer signed off a run (the latest by default), bound to its snapshot and spec; refused while anything is missing, unexplained or queried')
    .argument('[run]', 'the run number')
    .requiredOption('--by <name>', 'the customer who signs off, or with --revoke who revokes it')
    .option('--note <text>', 'a note kept with the sign-off; with --revoke, why (required)')
    .option('--revoke <run>', 'revoke the sign-off of this run that stands')
    .action(async (run: string | undefined, o: { project: string; json?: boolean; by: string; note?: string; revoke?: string }) => {
      const { revokeSignOff, signOff } = await import('../pipeline/signoff.js');
      const { revoke } = o;
      if (revoke !== undefined && run !== undefined) throw new CutoverError('invalid_option', `Name the run once: "cutover signoff --revoke ${revoke} --by NAME --note WHY".`);
      const s = await withSession(o.project, revoke === undefined ? 'cutover signoff' : 'cutover signoff --revoke', (session) =>
        revoke === undefined
          ? signOff(session, { by: o.by, ...(run === undefined ? {} : { run }), ...(o.note === undefined ? {} : { note: o.note }) })
          : revokeSignOff(session, { run: revoke, by: o.by, note: o.note ?? '' }));
      print(o.json ? JSON.stringify(s, null, 2) : formatSignOff(s));
    });

  command('signoffs')
    .description('List the sign-offs of the project: run, environment, who, when, snapshot and spec hash, and whether revoked')
    .action(async (o: { project: string; json?: boolean }) => {
      const { listSignOffs } = await import('../pipeline/signoff.js');
      const all = await withSession(o.project, 'cutover signoffs', listSignOffs);
      print(o.json ? JSON.stringify(all, null, 2) : formatSignOffs(all));
    });
}
