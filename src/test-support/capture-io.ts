import type { CliIo } from '../cli/program.js';
import { runCli } from '../cli/program.js';

/** Runs the CLI in process and returns its exit code and what it printed. */
export async function cutover(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
