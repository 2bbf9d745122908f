// What `memwire apply` says of each line: on stdout, one JSON object a line (`--json`) or a
// readable line for each that did not go through; the counts for the progress and the summary.
import type { UpdateStatus } from '../../batch/update.js';
import { toolError } from '../../tools/tool-error.js';

/** A line's outcome; `skipped`: the journal says an earlier run applied it (or may have). */
export interface LineOutcome {
  line: number;
  operation: string;
  status: UpdateStatus | 'skipped';
  /** For `skipped`: what the journal says became of it. */
  previous?: UpdateStatus;
  result?: unknown;
  error?: unknown;
}

/** How many lines ended each way so far. */
export class Tally {
  updated = 0;
  failed = 0;
  unknown = 0;
  skipped = 0;

  add({ status }: LineOutcome): void {
    this[status]++;
  }

  get done(): number {
    return this.updated + this.failed + this.unknown + this.skipped;
  }
}

/**
 * The outcome as one JSON line: `line`, `operation`, `status`, and the result, the error (its
 * class, redacted message, 422 fields and whether it may have landed) or the earlier status.
 */
export function jsonLine({ line, operation, status, previous, result, error }: LineOutcome): string {
  // JSON.stringify leaves out what is undefined: a result that is not there, or no error.
  const detail = status === 'skipped' ? { previous } : { result, error: error === undefined ? undefined : toolError(error) };
  return JSON.stringify({ line, operation, status, ...detail });
}

/** The outcome as a sentence, for a line that did not go through; `undefined` for one that did. */
export function readableLine(outcome: LineOutcome): string | undefined {
  if (outcome.status !== 'failed' && outcome.status !== 'unknown') return undefined;
  const { message } = toolError(outcome.error);
  const what = outcome.status === 'failed' ? 'failed' : 'unknown (may have been applied; not sent again)';
  return `line ${outcome.line}${outcome.operation ? ` (${outcome.operation})` : ''}: ${what}: ${message}`;
}
