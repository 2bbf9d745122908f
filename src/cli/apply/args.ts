// `memwire apply`'s arguments, parsed by node:util's parseArgs.
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY } from '../../batch/apply-updates.js';
import { envHelp } from '../env-clients.js';

/** Usage text for `memwire apply --help`. */
export const APPLY_USAGE = `Usage: memwire apply FILE [options]

Applies the updates in FILE (JSON Lines; - reads standard input), one a line, each an operation
of memwire's agent tools with the input its tool takes:

  {"operation":"mielto_update_memory","input":{"memory_id":"mem_1","memory":"Prefers tea"}}

with the clients these environment variables configure:

${envHelp()}

Options:
  --dry-run          check every line against its operation, locally, and send nothing
  --journal FILE     record each line's outcome in FILE; a run with the same journal skips the
                     lines it records as updated or unknown, so a run can be stopped and resumed
                     (one run at a time: FILE.lock refuses a second)
  --retry-unknown    with --journal: send again the lines it records as unknown (check first
                     that they did not land)
  --json             print each line's outcome as JSON on stdout (default: a line per failure)
  --concurrency N    updates in flight at once (default ${DEFAULT_CONCURRENCY})
  --sandbox          apply to an embedded sandbox of fake providers instead (no keys needed; the
                     environment's variables are not read)
  -h, --help         show this help

Progress and a summary go to stderr. Ctrl-C stops starting lines and lets those in flight end; a
second Ctrl-C aborts them (a write that was sent is then recorded as unknown).
Exit status: 0 when every line was updated or skipped; 1 when any failed, is unknown or was not
started; 2 when nothing was run (bad arguments, environment or journal).`;

/** What the command was asked to do. */
export interface ApplyArgs {
  file: string;
  dryRun: boolean;
  journal: string | undefined;
  retryUnknown: boolean;
  json: boolean;
  concurrency: number;
  sandbox: boolean;
}

/** The arguments, `'help'`, or what is wrong with them. */
export function parseApplyArgs(argv: readonly string[]): ApplyArgs | 'help' | { problem: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'dry-run': { type: 'boolean' },
        journal: { type: 'string' },
        'retry-unknown': { type: 'boolean' },
        json: { type: 'boolean' },
        concurrency: { type: 'string' },
        sandbox: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const problem = argsProblem(values, positionals);
  if (problem) return { problem };
  return {
    file: positionals[0]!,
    dryRun: values['dry-run'] ?? false,
    journal: values.journal,
    retryUnknown: values['retry-unknown'] ?? false,
    json: values.json ?? false,
    concurrency: Number(values.concurrency ?? DEFAULT_CONCURRENCY),
    sandbox: values.sandbox ?? false,
  };
}

/** What is wrong with arguments that parsed, if anything. */
function argsProblem(
  values: { concurrency?: string | undefined; journal?: string | undefined; 'retry-unknown'?: boolean; 'dry-run'?: boolean },
  positionals: readonly string[],
): string | undefined {
  if (positionals.length !== 1) return positionals.length === 0 ? 'no FILE given' : `one FILE only, got ${positionals.length}`;
  const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return `--concurrency takes a whole number of at least 1, got ${values.concurrency}`;
  }
  if (values['retry-unknown'] && !values.journal)
    return '--retry-unknown needs --journal: only a journal knows which lines were unknown';
  if (values['dry-run'] && values.journal) return '--dry-run sends nothing, so it writes no journal: leave out --journal';
  return undefined;
}
