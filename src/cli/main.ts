#!/usr/bin/env node
import { runCli } from './program.js';

// a reader that stops early (cutover snapshots show ID | head -1) has all it wanted: end quietly
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
