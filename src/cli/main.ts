#!/usr/bin/env node
/** parbench's executable: run the command line (program.ts) on this process's arguments and exit with its code. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
