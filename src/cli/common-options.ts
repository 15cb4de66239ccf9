import type { Command } from 'commander';

/** Adds the options every command takes: --project, --json and --debug. */
export function withCommonOptions(cmd: Command, project = '.'): Command {
  return cmd
    .option('--project <dir>', 'the migration project folder', project)
    .option('--json', 'print machine-readable JSON')
    .option('--debug', 'show stack traces of errors');
}

/** Adds a subcommand with the options every command takes. */
export type CommandMaker = (name: string, project?: string) => Command;
