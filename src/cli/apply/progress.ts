// `memwire apply`'s progress on stderr: a bar redrawn in place on a terminal, a plain line now and
// then otherwise (a log file or CI would fill with redrawn bars).
import type { Tally } from './line-outcome.js';

/** What the progress line is made of; `total` is unknown when the input is standard input. */
export interface ProgressState {
  done: number;
  total: number | undefined;
  elapsedMs: number;
}

const BAR_WIDTH = 24;

/** Lines a second so far, and the seconds left at that rate (`undefined` while unknown). */
export function rateAndEta({ done, total, elapsedMs }: ProgressState): { rate: number; eta: number | undefined } {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = total !== undefined && rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  return { rate, eta };
}

/**
 * The terminal's line: `[███████████░░░░░░░░░░░░░] 150/300  50%  24/s  ETA 7 s`.
 *
 * @example
 * barLine({ done: 150, total: 300, elapsedMs: 6250 }); // '[████████████░░░░░░░░░░░░] 150/300  50%  24/s  ETA 7 s'
 */
export function barLine(state: ProgressState): string {
  const { rate, eta } = rateAndEta(state);
  const { done, total } = state;
  const speed = `${Math.round(rate)}/s`;
  if (total === undefined) return `${done} lines  ${speed}`;
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${done}/${total}  ${Math.floor(share * 100)}%  ${speed}${eta === undefined ? '' : `  ETA ${eta} s`}`;
}

/**
 * The line for a log: `memwire apply: 150 of 300 lines (50%), 24/s, about 7 s left`.
 *
 * @example
 * plainLine({ done: 150, total: undefined, elapsedMs: 6250 }); // 'memwire apply: 150 lines, 24/s'
 */
export function plainLine(state: ProgressState): string {
  const { rate, eta } = rateAndEta(state);
  const { done, total } = state;
  const of =
    total === undefined ? `${done} lines` : `${done} of ${total} lines (${Math.floor((done / Math.max(total, 1)) * 100)}%)`;
  return `memwire apply: ${of}, ${Math.round(rate)}/s${eta === undefined ? '' : `, about ${eta} s left`}`;
}

/** Where progress goes and when: stderr, whether it is a terminal, and the clock. */
export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  now(): number;
}

/** Draws the tally's progress until stopped: every 200 ms in place on a terminal, else a line every 10 s. */
export class Progress {
  readonly #out: ProgressOutput;
  readonly #tally: Tally;
  readonly #total: number | undefined;
  readonly #start: number;
  readonly #timer: ReturnType<typeof setInterval>;
  #drawn = false;

  constructor(out: ProgressOutput, tally: Tally, total: number | undefined) {
    [this.#out, this.#tally, this.#total, this.#start] = [out, tally, total, out.now()];
    this.#timer = setInterval(() => this.draw(), out.isTTY ? 200 : 10_000);
    this.#timer.unref?.();
  }

  get elapsedMs(): number {
    return this.#out.now() - this.#start;
  }

  draw(): void {
    const state = { done: this.#tally.done, total: this.#total, elapsedMs: this.elapsedMs };
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[K${barLine(state)}`);
      this.#drawn = true;
    } else this.#out.write(`${plainLine(state)}\n`);
  }

  /** Takes the bar off the terminal's line, so that a message can be written there; the next draw puts it back. */
  clear(): void {
    if (this.#drawn) this.#out.write('\r\x1b[K');
    this.#drawn = false;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.clear();
  }
}
