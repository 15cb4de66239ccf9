import type { Command } from 'commander';

/** Adds the options every command takes: --project, --json, --debug and --show-personal-data. */
export function withCommonOptions(cmd: Command, project = '.'): Command {
  return cmd
    .option('--project <dir>', 'the migration project folder', project)
    .option('--json', 'print machine-readable JSON')
    .option('--debug', 'show stack traces of errors')
    .option('--show-personal-data', 'show personal values (names, e-mails, phones...) unmasked; recorded in the audit log');
}

/** Adds a subcommand with the options every command takes. */
export type CommandMaker = (name: string, project?: string) => Command;
