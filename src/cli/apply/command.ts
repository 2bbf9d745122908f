// `memwire apply FILE`: bulk updates from JSON Lines through memwire/batch, with a journal to
// resume from. Results go to stdout; progress, notes and the summary to stderr.
import { existsSync } from 'node:fs';
import { applyUpdates } from '../../batch/apply-updates.js';
import { notSent } from '../../batch/not-sent.js';
import { operationName } from '../../batch/resolve-update.js';
import type { Update } from '../../batch/update.js';
import { startSandbox } from '../../sandbox/serve.js';
import type { MemoryClients } from '../../tools/memory-tool.js';
import { clientsFromEnv, PROVIDER_ENV, refusalMessage, type Env } from '../env-clients.js';
import { sandboxEnv } from '../sandbox-env.js';
import { APPLY_USAGE, parseApplyArgs, type ApplyArgs } from './args.js';
import { dryRun } from './dry-run.js';
import { JournalWriter, lineHash, readJournal, type JournalIndex } from './journal.js';
import { lockJournal } from './journal-lock.js';
import { jsonLine, readableLine, Tally, type LineOutcome } from './line-outcome.js';
import { inputLines, openInput, scanInput } from './lines.js';
import { parseLine } from './parse-line.js';
import { Progress } from './progress.js';
import { unconfigured } from './unconfigured.js';
import { summary } from './summary.js';

/** Runs `memwire apply` and resolves with its exit code. */
export async function applyCommand(argv: readonly string[], env: Env): Promise<number> {
  const args = parseApplyArgs(argv);
  if (args === 'help') {
    console.log(APPLY_USAGE);
    return 0;
  }
  if ('problem' in args) return refuse(`${args.problem}\n\n${APPLY_USAGE}`);
  if (args.file !== '-' && !existsSync(args.file)) return refuse(`cannot read ${args.file}: no such file`);
  return args.dryRun ? checkOnly(args, env) : applyFile(args, env);
}

/** The run, its journal taken for it alone (a lock beside it) while it reads and writes it. */
async function applyFile(args: ApplyArgs, env: Env): Promise<number> {
  const release = args.journal ? lockJournal(args.journal) : undefined;
  if (typeof release === 'string') return refuse(release);
  try {
    return await applyLocked(args, env);
  } finally {
    release?.();
  }
}

/** The run: the journal read and checked against the file, then the clients, then the lines. */
async function applyLocked(args: ApplyArgs, env: Env): Promise<number> {
  const journal = args.journal ? await readJournal(args.journal).catch((error: Error) => error) : undefined;
  if (journal instanceof Error) return refuse(journal.message);
  const total = args.file === '-' ? undefined : await scanInput(args.file, (line) => journal?.get(line)?.hash, lineHash);
  if (total?.changed !== undefined) return refuse(changedLine(args, total.changed));

  const sandbox = args.sandbox ? await startSandbox({ port: 0 }) : undefined;
  try {
    const found = clientsFromEnv(sandbox ? sandboxEnv(sandbox) : env);
    const refusal = refusalMessage('memwire apply', found);
    if (refusal) return refuse(refusal.replace(/^memwire apply: /, ''));
    return await run(args, found.clients, journal, total?.total);
  } finally {
    await sandbox?.close();
  }
}

/** `--dry-run`: the sandbox configures every provider; otherwise the environment says which are. */
function checkOnly(args: ApplyArgs, env: Env): Promise<number> {
  const configured = args.sandbox ? PROVIDER_ENV.map(({ name }) => name) : clientsFromEnv(env).configured;
  const print = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  return dryRun(openInput(args.file, process.stdin), args.json, configured, print);
}

function refuse(problem: string): number {
  console.error(`memwire apply: ${problem}`);
  return 2;
}

function changedLine(args: ApplyArgs, line: number): string {
  const file = args.file === '-' ? 'standard input' : args.file;
  return `${file} line ${line} is not the line ${args.journal} recorded: the file changed since, so the journal cannot say what became of it. Use a new journal, or restore the file.`;
}

/** Thrown from the lines read from standard input when one differs from what the journal recorded. */
class ChangedLine extends Error {}

async function run(args: ApplyArgs, clients: MemoryClients, journal: JournalIndex | undefined, total: number | undefined) {
  const stop = new AbortController();
  const abortInFlight = new AbortController();
  const stopping = onInterrupt(stop, abortInFlight);
  const writer = args.journal ? new JournalWriter(args.journal) : undefined;
  const tally = new Tally();
  const progress = new Progress(
    { write: (text) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY), now: () => performance.now() },
    tally,
    total,
  );
  const report = (outcome: LineOutcome) => {
    tally.add(outcome);
    const text = args.json ? jsonLine(outcome) : readableLine(outcome);
    if (text === undefined) return;
    progress.clear();
    process.stdout.write(`${text}\n`);
  };
  // Each update handed to applyUpdates, by its index there: its line, and the line's hash.
  const sent = new Map<number, { line: number; hash: string }>();
  const updates = lineUpdates({ args, clients, journal, writer, stop: stop.signal, report, sent });

  let failure: string | undefined;
  try {
    const options = { concurrency: args.concurrency, signal: stop.signal, inFlightSignal: abortInFlight.signal };
    for await (const outcome of applyUpdates(clients, updates, options)) {
      const { line, hash } = sent.get(outcome.index)!;
      sent.delete(outcome.index);
      writer?.record(line, hash, outcome.status);
      report({ line, ...outcome });
    }
  } catch (error) {
    if (!(error instanceof ChangedLine)) throw error;
    failure = error.message;
  } finally {
    stopping.end();
    progress.stop();
    writer?.close();
  }
  const end = { tally, total, elapsedMs: progress.elapsedMs, interrupted: stop.signal.aborted, journal: args.journal };
  for (const line of summary(end)) console.error(line);
  if (failure) return refuse(`stopped: ${failure}`);
  const clean = tally.failed === 0 && tally.unknown === 0 && !stop.signal.aborted;
  return clean ? 0 : 1;
}

/** What the lines of a run are read with, and where what they say goes. */
interface Reading {
  args: ApplyArgs;
  /** The clients the environment configures: a line for another provider fails, naming its variables. */
  clients: MemoryClients;
  journal: JournalIndex | undefined;
  writer: JournalWriter | undefined;
  /** Aborted: read no further. */
  stop: AbortSignal;
  report: (outcome: LineOutcome) => void;
  sent: Map<number, { line: number; hash: string }>;
}

/**
 * The updates to send, line by line: a line the journal says was applied (or may have been) is
 * reported `skipped`, one that is not JSON (or is for a provider not configured) `failed`; the
 * others are recorded `started` and handed on.
 */
async function* lineUpdates({ args, clients, journal, writer, stop, report, sent }: Reading): AsyncGenerator<Update> {
  let index = 0;
  for await (const { line, text } of inputLines(openInput(args.file, process.stdin))) {
    if (stop.aborted) return;
    const hash = lineHash(text);
    const known = journal?.get(line);
    if (known && known.hash !== hash) throw new ChangedLine(changedLine(args, line));
    const parsed = parseLine(text);
    const update = 'update' in parsed ? parsed.update : undefined;
    const operation = operationName(update);
    const problem = 'problem' in parsed ? `The line is ${parsed.problem}.` : unconfigured(update, clients);
    if (known && (known.status === 'updated' || (known.status === 'unknown' && !args.retryUnknown))) {
      report({ line, operation, status: 'skipped', previous: known.status });
    } else if (problem) {
      writer?.record(line, hash, 'failed');
      report({ line, operation, status: 'failed', error: notSent(problem) });
    } else {
      // On disk before the update can be sent: a run killed from here on leaves it `unknown`.
      writer?.record(line, hash, 'started');
      sent.set(index++, { line, hash });
      yield update as Update;
    }
  }
}

/**
 * Ctrl-C (or SIGTERM) once stops starting lines; twice aborts those in flight; a third is Node's
 * own (the process ends at once, and the journal's `started` records make those lines `unknown`).
 */
function onInterrupt(stop: AbortController, abortInFlight: AbortController): { end(): void } {
  const handler = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      console.error(
        '\nmemwire apply: stopping: no new lines are started; those in flight are let end (Ctrl-C again to abort them)',
      );
    } else {
      abortInFlight.abort();
      console.error('\nmemwire apply: aborting the updates in flight (a write that was sent is recorded as unknown)');
      end();
    }
  };
  const end = () => {
    process.off('SIGINT', handler).off('SIGTERM', handler);
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
  return { end };
}
