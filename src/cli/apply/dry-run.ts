// `memwire apply --dry-run`: every line checked against its operation, locally; nothing is sent.
import type { Readable } from 'node:stream';
import { checkUpdate, toolOperation } from '../../batch/resolve-update.js';
import { inputLines } from './lines.js';
import { parseLine } from './parse-line.js';

/** Where a dry run writes: its findings (stdout) and its summary and notes (stderr). */
export interface DryRunOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Checks each line of `input`: JSON, an operation memwire has, an input its tool takes. Prints
 * each problem with its line number (one JSON object a line with `json`), notes the providers the
 * lines use that `configured` lacks (the run would fail those lines), and resolves with the exit
 * code: 1 when any line has a problem.
 */
export async function dryRun(
  input: Readable,
  json: boolean,
  configured: readonly string[],
  output: DryRunOutput,
): Promise<number> {
  let checked = 0;
  let refused = 0;
  const unconfigured = new Map<string, number>();
  for await (const { line, text } of inputLines(input)) {
    checked++;
    const parsed = parseLine(text);
    const problems = 'problem' in parsed ? [`the line is ${parsed.problem}`] : checkUpdate(parsed.update);
    if (problems.length > 0) {
      refused++;
      if (json) output.out(JSON.stringify({ line, problems }));
      else for (const problem of problems) output.out(`line ${line}: ${problem}`);
      continue;
    }
    const { provider } = toolOperation((parsed as { update: { operation: string } }).update.operation)!;
    if (!configured.includes(provider)) unconfigured.set(provider, (unconfigured.get(provider) ?? 0) + 1);
  }
  if (unconfigured.size > 0) {
    const uses = [...unconfigured].map(([provider, lines]) => `${provider} (${lines} line${lines === 1 ? '' : 's'})`);
    output.err(
      `memwire apply --dry-run: note: a run would fail the lines of providers the environment does not configure: ${uses.join(', ')}`,
    );
  }
  const ready = checked - refused;
  output.err(`memwire apply --dry-run: ${checked} lines checked: ${ready} ready, ${refused} with problems; nothing was sent`);
  return refused > 0 ? 1 : 0;
}
