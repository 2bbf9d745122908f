import type { Tally } from './line-outcome.js';

/** How a run ended, for its summary. */
export interface RunEnd {
  tally: Tally;
  /** Lines that hold something in the input; `undefined` for standard input. */
  total: number | undefined;
  elapsedMs: number;
  /** Ctrl-C (or SIGTERM) stopped it before every line was started. */
  interrupted: boolean;
  journal: string | undefined;
}

/**
 * The run's closing words: the counts, then what to do about what did not go through.
 *
 * @example
 * summary({ tally, total: 300, elapsedMs: 2100, interrupted: false, journal: 'run.journal' });
 * // ['memwire apply: 300 lines in 2.1 s: 298 updated, 1 failed, 1 unknown, 0 skipped', '  1 failed: …', '  1 unknown: …']
 */
export function summary({ tally, total, elapsedMs, interrupted, journal }: RunEnd): string[] {
  const notStarted = total === undefined ? undefined : Math.max(0, total - tally.done);
  const counts = [
    `${tally.updated} updated`,
    `${tally.failed} failed`,
    `${tally.unknown} unknown`,
    `${tally.skipped} skipped`,
    ...(interrupted && notStarted !== undefined ? [`${notStarted} not started`] : []),
  ];
  const lines = [`memwire apply: ${total ?? tally.done} lines in ${(elapsedMs / 1000).toFixed(1)} s: ${counts.join(', ')}`];
  const again = `run again with --journal ${journal}`; // said only where there is a journal
  if (tally.failed > 0) {
    const resend = journal ? `${again} (the lines already updated are skipped)` : 'send them again';
    lines.push(`  ${tally.failed} failed: not applied; fix them and ${resend}`);
  }
  if (tally.unknown > 0) {
    const retry = journal ? `, then ${again} --retry-unknown to send them again` : '';
    lines.push(`  ${tally.unknown} unknown: may have been applied and were not sent again; check those memories${retry}`);
  }
  if (interrupted) lines.push(`  interrupted: ${journal ? `${again} to go on with the rest` : 'the rest was not started'}`);
  return lines;
}
