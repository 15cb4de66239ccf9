import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { CommandMaker } from './common-options.js';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0 picks a free port).');
  return n;
};

/** `cutover serve [--port N] [--host H]`: the review app, until stopped with Ctrl-C. */
export function registerServeCommand(command: CommandMaker, print: (text: string) => void, log: (line: string) => void): void {
  command('serve')
    .description('Serve the review app (checklist, money, records, not imported, queries, sign-off, live run) on this project until stopped; other commands on the project wait until it stops')
    .option('--port <n>', 'the port to listen on', port, 8080)
    .option('--host <host>', 'the address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network, put TLS in front)', '127.0.0.1')
    .action(async (o: { project: string; port: number; host: string; json?: boolean }) => {
      const { serveReviewApp } = await import('../web/index.js');
      const app = await serveReviewApp({ project: resolve(o.project), host: o.host, port: o.port, env: process.env, log });
      print(o.json ? JSON.stringify({ url: app.url }) : `The review app is at ${app.url} (stop it with Ctrl-C). Add users with "cutover users add EMAIL --role team|reviewer|approver" before starting it.`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void app.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
