import type { Fault } from './faults.js';

/**
 * A first-in, first-out queue of faults. Each request takes one fault from the head (a fault with
 * `times: n` stays at the head for n requests), so faults never combine: `failNext()` then
 * `dropNext()` means the first request fails and the second is dropped.
 *
 * @example
 * const queue = new FaultQueue();
 * queue.push(dropFault(), 2);
 * queue.take(); // drop
 * queue.take(); // drop
 * queue.take(); // undefined
 */
export class FaultQueue {
  #entries: { fault: Fault; remaining: number }[] = [];

  /** Queues `fault` for the next `times` requests after those already queued. */
  push(fault: Fault, times: number): void {
    this.#entries.push({ fault, remaining: times });
  }

  /** The fault for the request arriving now, if any. */
  take(): Fault | undefined {
    const head = this.#entries[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.#entries.shift();
    return head.fault;
  }

  /** How many requests still have a fault waiting for them. */
  get size(): number {
    return this.#entries.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.#entries = [];
  }
}
