
import { withCommonOptions, type CommandMaker } from './common-options.js';
import { withSession } from './who.js';

/** `cutover spec test`: runs the examples written in the spec, like unit tests for its rules. */
export function registerSpecCommand(command: CommandMaker, print: (text: string) => void, outcome: { exitCode: number }): void {
  const spec = command('spec').description('Work with the mapping spec: `spec test` checks the examples written in it').enablePositionalOptions();
  withCommonOptions(spec.command('test'))
    .description('Run every example in the spec (a source row and the target row it must give) and report those that fail')
    .action(async (o: { project: string; json?: boolean }) => {
      const { testSpecExamples } = await import('../pipeline/spec-examples.js');
      const results = await withSession(o.project, 'cutover spec test', testSpecExamples);
      const failed = results.filter((r) => !r.passed);
      if (failed.length > 0) outcome.exitCode = 1;
      if (o.json) {
        print(JSON.stringify({ passed: results.length - failed.length, failed: failed.length, results }, null, 2));
        return;
      }
      for (const r of failed) print(`${r.where.file} line ${r.where.line}: ${r.message}`);
      print(`${results.length - failed.length} passed, ${failed.length} failed`);
    });
}
