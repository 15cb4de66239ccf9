import { countWords } from '../core/count-words.js';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CutoverError } from '../core/cutover-error.js';
import type { RunResult } from '../core/run-result.js';
import { daysLaterMax } from '../sample/later-export.js';
import { registerCheckCommand } from './check-command.js';
import { registerContractCommand } from './contract-command.js';
import { registerDedupCommand } from './dedup-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerEraseCommand } from './erase-command.js';
import { registerGapCommand } from './gap-command.js';
import { registerFiguresCommand } from './figures-command.js';
import { registerInitCommand } from './init-command.js';
import { freezeWords, registerFreezeCommand } from './freeze-command.js';
import { registerLeftoversCommand } from './leftovers-command.js';
import { registerPeekCommand } from './peek-command.js';
import { registerPlanCommand } from './plan-command.js';
import { freedWords, registerGcCommand } from './gc-command.js';
import { registerProfileCommand } from './profile-command.js';
import { registerSuggestCommand } from './suggest-command.js';
import { registerProtocolCommand } from './protocol-command.js';
import { registerQueriesCommand } from './queries-command.js';
import { registerRejectsCommand } from './rejects-command.js';
import { registerReconcileCommand } from './reconcile-command.js';
import { registerReportCommand } from './report-command.js';
import { registerSignOffCommands } from './signoff-command.js';
import { registerSpecCommand } from './spec-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerUsersCommand } from './users-command.js';
import { registerSnapshotCommands } from './snapshot-commands.js';
import { formatBooks, runEnding, runExitCode, textTable } from './books-table.js';
import { progressPrinter, type OutputStream } from './progress.js';
import { terminalText } from './terminal-text.js';
import { withPersonalData, withSession } from './who.js';
import { maskedStream } from './personal-output.js';
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { registerAuditVerifyCommand } from './audit-command.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

function positiveInteger(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max.toLocaleString('en-GB')}.`);
    return n;
  };
}

function wholeDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > daysLaterMax) throw new InvalidArgumentError(`--days-later must be a whole number from 0 to ${daysLaterMax}.`);
  return n;
}

function runJson(run: RunResult) {
  return {
    run: { id: run.runId, env: run.env, target: run.target, status: run.status, error: run.error, ...(run.attention ? { attention: run.attention } : {}) },
    entities: run.entities.map((e) => ({
      entity: e.entity, file: e.file, source: e.source, loaded: e.loaded, rejected: e.rejected, excluded: e.excluded, merged: e.merged, balanced: e.balanced,
    })),
    money: run.money,
    ...(run.keyMapsFreed ? { key_maps_freed: { runs: run.keyMapsFreed.runs, bytes: run.keyMapsFreed.bytes } } : {}),
  };
}

/** The two commands that show the demo's review in a browser. */
export function reviewAppWords(project: string): string {
  const at = JSON.stringify(project);
  return [
    'To review the test migration in a browser (the review app):',
    `  cutover users add demo@example.com --role approver --project ${at}   # prints the password`,
    `  cutover serve --project ${at}                                        # then open http://127.0.0.1:8080`,
  ].join('\n');
}

/** Options as a spec writes them on one line: `{ formats: [dd/MM/yyyy] }`. */
function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flowYaml(v)}`).join(', ')} }`;
  // plain when YAML reads it back as the same text; quoted otherwise ("0", "-", "HH:mm")
  return typeof value === 'string' && /^[A-Za-z_./£€$][\w./£€$-]*(?: [\w./£€$-]+)*$/.test(value) ? value : JSON.stringify(value);
}

/** Where the CLI writes with e-mails and phone numbers masked, unless personal data is to be shown. */
function guardedIo(io: CliIo, showPersonalData: boolean): CliIo {
  return showPersonalData ? io : { stdout: maskedStream(io.stdout), stderr: maskedStream(io.stderr) };
}

/** Builds the `cutover` command line; what it prints is masked unless `showPersonalData`. */
export function createProgram(rawIo: CliIo, outcome: { exitCode: number } = { exitCode: 0 }, showPersonalData = false): Command {
  const io = guardedIo(rawIo, showPersonalData);
  // values from the data may hold terminal control characters: shown, never obeyed
  const print = (text: string) => io.stdout.write(`${terminalText(text)}\n`);
  // our own words and the review app's accounts (staff, not the people migrated) are printed as written
  const printOwn = (text: string) => rawIo.stdout.write(`${terminalText(text)}\n`);
  const program = new Command('cutover')
    .description('Cutover: move a customer\'s data out of a legacy system and prove that nothing was lost.')
    // help and usage are our own words, printed as written
    .configureOutput({ writeOut: (s) => rawIo.stdout.write(s), writeErr: (s) => rawIo.stderr.write(s) })
    .exitOverride()
    .enablePositionalOptions()
    .showHelpAfterError('(run "cutover --help" for the commands)');
  // every command takes --project, --json and --debug, written after the command's name
  const command: CommandMaker = (name, project) => withCommonOptions(program.command(name), project);

  command('demo', 'demo')
    .description('Make the sample project (when absent), collect it, run a test migration and print the books per entity')
    .addOption(new Option('--rows <n>', 'about how many source rows the sample export has').argParser(positiveInteger('--rows', 10_000_000)))
    .addOption(new Option('--seed <n>', 'the sample\'s random seed (same seed, same files)').argParser(positiveInteger('--seed', 2 ** 31 - 1)))
    .option('--target <url>', 'load a real PostgreSQL server (postgres://…) instead of the embedded database')
    .action(async (o: { project: string; rows?: number; seed?: number; target?: string; json?: boolean }) => {
      const { runDemo } = await import('../pipeline/demo.js');
      const json = o.json ?? false;
      const step = (m: string) => { if (!json) io.stderr.write(`${terminalText(m)}\n`); };
      const result = await withSession(o.project, 'cutover demo', (session) => runDemo(session, {
        rows: o.rows ?? 10_000,
        seed: o.seed ?? 1,
        sampleChosen: o.rows !== undefined || o.seed !== undefined,
        ...(o.target ? { targetUrl: o.target } : {}),
        onStep: step,
        onProgress: progressPrinter(io.stderr, json),
      }));
      if (json) {
        print(JSON.stringify({
          project: result.project, created: result.created, sample: result.sample,
          snapshot: { id: result.snapshot.id, hash: result.snapshot.hash, reused: result.snapshotReused },
          spec: { file: result.spec.file, hash: result.spec.hash },
          ...runJson(result.run), summary: result.summary, notes: result.notes,
        }, null, 2));
      } else {
        for (const note of result.notes) step(`Note: ${note}`);
        print('');
        print(formatBooks(result.run));
        print('');
        print(runEnding(result.run, 'Test migration'));
        print(`Summary: ${result.summary}`);
        print('');
        printOwn(reviewAppWords(result.project));
      }
      outcome.exitCode = runExitCode(result.run);
    });

  command('sample')
    .description('Write the sample legacy export (a messy estate-agency CRM export) and its manifest of planted defects')
    .requiredOption('--out <dir>', 'the folder to write the files into')
    .addOption(new Option('--rows <n>', 'about how many rows in all').argParser(positiveInteger('--rows', 10_000_000)).default(10_000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(positiveInteger('--seed', 2 ** 31 - 1)).default(1))
    .addOption(new Option('--days-later <n>', 'write the same customer\'s export this many days later (rows new, edited, deleted and moved) and changes.json').argParser(wholeDays).default(0))
    .action(async (o: { out: string; rows: number; seed: number; daysLater: number; json?: boolean }) => {
      const { writeSampleExport } = await import('../sample/index.js');
      const summary = await writeSampleExport({ outDir: resolve(o.out), rows: o.rows, seed: o.seed, daysLater: o.daysLater });
      if (o.json) {
        print(JSON.stringify(summary, null, 2));
        return;
      }
      print(textTable(['file', 'rows', 'bytes'], summary.files.map((f) => [f.name, f.rows.toLocaleString('en-GB'), f.bytes.toLocaleString('en-GB')]), new Set([1, 2])));
      print(`\n${summary.defects.toLocaleString('en-GB')} planted defects are listed in ${resolve(o.out, 'defects.json')}`);
      if (summary.changes !== undefined) print(`${summary.changes.toLocaleString('en-GB')} changes since the first export are listed in ${resolve(o.out, 'changes.json')}`);
    });

  registerInitCommand(program, print);

  command('collect')
    .description('Copy the sources (all, or the named ones) into an immutable, encrypted snapshot')
    .argument('[source...]', 'sources named in cutover.yaml')
    .action(async (names: string[], o: { project: string; json?: boolean }) => {
      const { collect } = await import('../pipeline/collect.js');
      const { snapshot, reused, freezes } = await withSession(o.project, 'cutover collect', (session) => collect(session, {
        sources: names,
        onTable: (table, rows) => { if (!o.json) io.stderr.write(`  ${table}: ${countWords(rows, 'row')}\n`); },
      }));
      if (o.json) {
        print(JSON.stringify({ ...snapshot, reused, freezes }, null, 2));
        return;
      }
      const rows = snapshot.tables.reduce((n, t) => n + t.rows, 0);
      print(`${reused ? 'Already collected, kept' : 'Collected'} snapshot ${snapshot.id}: ${countWords(snapshot.tables.length, 'table')}, ${countWords(rows, 'row')}, hash ${snapshot.hash}`);
      for (const f of freezes) print(freezeWords(f));
    });

  registerSnapshotCommands(command, print);
  registerCheckCommand(command, print, outcome);
  registerContractCommand(command, print);
  registerPeekCommand(command, print);
  registerRejectsCommand(command, print);
  registerReconcileCommand(command, print, outcome);
  registerReportCommand(command, print);
  registerFiguresCommand(command, print);
  registerSignOffCommands(command, print);
  registerProtocolCommand(command, print);
  registerSpecCommand(command, print, outcome);
  registerProfileCommand(command, print);
  registerSuggestCommand(command, print);
  registerLeftoversCommand(command, print);
  registerFreezeCommand(command, print);
  registerStatusCommand(command, print);
  registerUsersCommand(command, printOwn);
  registerServeCommand(command, print, (line) => io.stderr.write(`${line}\n`));
  registerQueriesCommand(command, printOwn);
  registerPlanCommand(command, print);
  registerGcCommand(command, print);
  registerDedupCommand(command, print);
  registerEraseCommand(command, print);
  registerDiffCommand(command, print);
  registerGapCommand(command, print, outcome);

  command('run')
    .description('Run a test migration of a snapshot (the latest by default) through the spec; a run that was interrupted carries on where it stopped')
    .requiredOption('--env <name>', 'the environment to load, e.g. test')
    .option('--snapshot <id>', 'the snapshot to run (default: the latest)')
    .option('--target <url>', 'load this PostgreSQL server instead of the environment\'s own')
    .option('--fresh', 'wipe the environment and start afresh, even when it holds migrated data or an interrupted run')
    .option('--override-gate', 'load a production environment although the quality gate is shut (needs --by and --note; recorded in the audit log)')
    .option('--by <name>', 'with --override-gate: who decided')
    .option('--note <why>', 'with --override-gate: why')
    .action(async (o: { env: string; snapshot?: string; target?: string; fresh?: boolean; overrideGate?: boolean; by?: string; note?: string; project: string; json?: boolean }) => {
      const { migrate } = await import('../pipeline/migrate.js');
      const { json } = o;
      if (o.overrideGate && !(o.by?.trim() && o.note?.trim())) throw new CutoverError('invalid_option', '--override-gate needs --by NAME and --note WHY: who decided to load past the quality gate, and why.');
      const m = await withSession(o.project, `cutover run --env ${o.env}`, (session) => migrate(session, {
        environment: o.env, fresh: o.fresh ?? false, resume: !o.fresh, onProgress: progressPrinter(io.stderr, json ?? false),
        ...(o.snapshot ? { snapshotId: o.snapshot } : {}),
        ...(o.target ? { targetUrl: o.target } : {}),
        ...(o.overrideGate ? { overrideGate: { by: o.by!.trim(), note: o.note!.trim() } } : {}),
      }));
      if (json) print(JSON.stringify({ ...runJson(m.run), snapshot: m.snapshot.id, summary: m.summary }, null, 2));
      else print(`${formatBooks(m.run)}\n\n${runEnding(m.run)}\nSummary: ${m.summary}${freedWords(m.run.keyMapsFreed) === undefined ? '' : `\n${freedWords(m.run.keyMapsFreed)}`}`);
      outcome.exitCode = runExitCode(m.run);
    });

  command('transforms')
    .description('List the named transforms a spec\'s field rules are built from, with examples')
    // the examples are made up, printed as written
    .action(async (o: { json?: boolean }) => {
      const { listTransforms } = await import('../core/transforms/index.js');
      const all = listTransforms();
      if (o.json) {
        printOwn(JSON.stringify(all.map((t) => ({ name: t.name, summary: t.summary, usage: t.usage, examples: t.examples })), null, 2));
        return;
      }
      const show = (v: string | null) => (v === null ? '(blank)' : JSON.stringify(v));
      for (const t of all) {
        printOwn(`${t.name}\n  ${t.summary}\n  write: ${t.usage}`);
        // an example run with other options than the usage's says which, so its output can be followed
        for (const x of t.examples.slice(0, 3)) printOwn(`  ${show(x.input)} -> ${show(x.output)}${x.options === undefined ? '' : `  with ${t.name}: ${flowYaml(x.options)}`}`);
        printOwn('');
      }
    });

  const audit = command('audit')
    .description('Show the project\'s append-only audit log and check that it is intact')
    .action(async (o: { project: string; json?: boolean }) => {
      const { readAuditTrail } = await import('../pipeline/audit-trail.js');
      const { events, broken } = await withSession(o.project, 'cutover audit', readAuditTrail);
      if (broken) outcome.exitCode = 1;
      if (o.json) {
        print(JSON.stringify({ intact: broken === undefined, events }, null, 2));
        return;
      }
      print(textTable(['#', 'when', 'who', 'what', 'subject'], events.map((e) => [String(e.seq), e.at, e.actor, e.action, e.subject]), new Set([0])));
      print(broken ? `\nThe audit log was altered at event ${broken.seq}.` : `\nThe audit log is intact (${events.length} events).`);
    });
  registerAuditVerifyCommand(audit, print, outcome);

  return program;
}

/** Runs the CLI and returns the exit code; users' mistakes print a message, never a stack. */
export async function runCli(argv: readonly string[], cliIo: CliIo): Promise<number> {
  const outcome = { exitCode: 0 };
  const shown = argv.includes('--show-personal-data');
  const program = createProgram(cliIo, outcome, shown);
  // the review app's accounts are the team's own, not people migrated: `users` says them as typed
  const io = guardedIo(cliIo, shown || argv[0] === 'users');
  const debug = argv.includes('--debug');
  try {
    await withPersonalData(shown ? 'shown' : 'masked', () => program.parseAsync([...argv], { from: 'user' }));
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CutoverError) {
      io.stderr.write(`error: ${terminalText(error.message)}\n`);
      if (debug) io.stderr.write(`${error.stack ?? ''}\n`);
      return 1;
    }
    // not every throw is an Error: a library may throw a string, an event or a number
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`internal error: ${terminalText(message)}\n`);
    io.stderr.write(debug ? `${terminalText(error instanceof Error ? error.stack ?? '' : '')}\n` : 'Run again with --debug for the details, and report it.\n');
    return 70;
  }
}
