#!/usr/bin/env node
/** parbench's executable: run the command line (program.ts) on this process's arguments and exit with its code. */
import { runCli } from './program.js';

// A reader that stops early (`parbench list | head`) ends the output, not the program: the rest of the
// output is dropped and the command finishes (a run still writes its record) instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
