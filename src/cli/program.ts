/** parbench's command line: the commander program, and turning its errors into one line on stderr and an exit code. */
import { Command, CommanderError } from 'commander';
import { describeError, isParbenchError, oneLine } from '../errors.js';
import { packageVersion } from '../version.js';
import { listCommand } from './list-command.js';
import { reportCommand } from './report-command.js';
import { compareCommand } from './compare-command.js';
import { gateCommand } from './gate-command.js';
import { baselineCommand } from './baseline-command.js';
import { monitorCommand } from './monitor-command.js';
import { profileCommand } from './profile-command.js';
import { runCommand } from './run-command.js';
import { setupCommand } from './setup-command.js';

/** Commander's error text as one line: its "(Did you mean …?)" joined on, anything else escaped (oneLine). */
function commanderLine(text: string): string {
  return `parbench: ${oneLine(text.trimEnd().replace(/^error: /, '').replace(/\n\(Did you mean/, ' (did you mean'))}\n`;
}

/** The program: every command, errors as one line, exits turned into CommanderErrors (exitOverride). */
export function program(): Command {
  const root = new Command('parbench')
    .description('How fine-grained can parallel work get before the runtime\'s own overhead wins?')
    .version(packageVersion())
    .showSuggestionAfterError()
    .configureOutput({ outputError: (text, write) => write(commanderLine(text)) })
    .exitOverride();
  for (const command of [runCommand(), profileCommand(), monitorCommand(), listCommand(), reportCommand(), compareCommand(), gateCommand(), baselineCommand(), setupCommand()]) root.addCommand(inherit(command, root));
  return root;
}

/** `command` and every subcommand below it (`baseline save`) take `root`'s settings: one-line errors, no process.exit. */
function inherit(command: Command, root: Command): Command {
  command.copyInheritedSettings(root);
  for (const sub of command.commands) inherit(sub, root);
  return command;
}

/**
 * Run the command line on `argv` (without node and the script) with `root` (default a fresh program)
 * and resolve with the exit code: 0 ok, 1 a measurement or gate failure (or an internal error), 2 a
 * usage or configuration error, 130 interrupted. Never throws: every error becomes one line on stderr.
 */
export async function runCli(argv: string[], root: Command = program()): Promise<number> {
  try {
    await root.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage mistake, already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isParbenchError(error)) {
      process.stderr.write(`parbench: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`parbench: internal error: ${describeError(error)}\n`);
    if (process.env.PARBENCH_DEBUG) console.error(error);
    return 1;
  }
}
