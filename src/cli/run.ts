// `memwire <command>`: reads what comes before the command, then hands the rest to the command's
// own file, which parses its flags and returns the exit code.
import { parseArgs } from 'node:util';
import { applyCommand } from './apply/command.js';
import { envHelp, type Env } from './env-clients.js';
import { mcpCommand } from './mcp.js';
import { version } from './version.js';

type Command = (argv: readonly string[], env: Env) => Promise<number>;

const COMMANDS: Record<string, Command> = { mcp: mcpCommand, apply: applyCommand };

/** Usage text for `memwire --help`. */
export const USAGE = `Usage: memwire <command> [options]

Commands:
  mcp [--sandbox]   serve memwire's memory tools to an MCP client over stdio
  apply FILE        apply the updates in a JSON Lines file, with a journal to resume from

Options:
  -h, --help        show this help (memwire <command> --help for a command's)
  -v, --version     print memwire's version

The providers the commands call, configured by environment variables:
${envHelp()}`;

/**
 * Runs `memwire` with `argv` (the arguments after the program's name) and resolves with the exit
 * code: 0 for help and a command that ended well, 2 for bad usage.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.env);
 */
export async function runCli(argv: readonly string[], env: Env): Promise<number> {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  const [head, command, rest] = at < 0 ? [argv, undefined, []] : [argv.slice(0, at), argv[at], argv.slice(at + 1)];
  const flags = parseTopFlags(head);
  if (typeof flags === 'string') return usageError(flags);
  if (flags.help) return print(USAGE);
  if (flags.version) return print(version());
  if (command === undefined) return usageError('no command given');
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  return run ? run(rest, env) : usageError(`unknown command ${JSON.stringify(command)}`);
}

function parseTopFlags(args: readonly string[]): { help: boolean; version: boolean } | string {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      strict: true,
    });
    return { help: values.help ?? false, version: values.version ?? false };
  } catch (error) {
    return (error as Error).message;
  }
}

function print(text: string): number {
  console.log(text);
  return 0;
}

function usageError(problem: string): number {
  console.error(`memwire: ${problem}\n\n${USAGE}`);
  return 2;
}
