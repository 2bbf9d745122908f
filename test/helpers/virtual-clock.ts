import type { Clock } from '../../src/core/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets every pending promise chain run: msw's mock pipeline is promises only, no real timers. */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time moves only when a test says so. `run(promise)` fires timers one at a time,
 * each only once everything else has settled, so a test never waits for real time and never
 * depends on it.
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, Timer>();
  #waiters: { count: number; resolve: () => void }[] = [];
  /** Every delay ever asked of `setTimeout`, in order. */
  readonly delays: number[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#nextId++;
    this.delays.push(ms);
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), callback });
    this.#wakeWaiters();
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers scheduled and neither fired nor cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Resolves once at least `count` timers are pending: "the code under test is now waiting". */
  whenPending(count = 1): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ count, resolve });
      this.#wakeWaiters();
    });
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (let timer = this.#earliest(); timer && timer.at <= until; timer = this.#earliest()) {
      this.#fire(timer);
      await flush();
    }
    this.#now = until;
    await flush();
  }

  /** Settles `promise`, jumping to the next timer whenever nothing else is left to run. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let idle = 0; idle < 50; ) {
      await flush();
      if (settled) return promise;
      const timer = this.#earliest();
      if (timer) this.#fire(timer);
      else idle++;
    }
    throw new Error('VirtualClock.run: the promise is waiting on something other than a timer');
  }

  #wakeWaiters(): void {
    const ready = this.#waiters.filter((waiter) => this.#timers.size >= waiter.count);
    this.#waiters = this.#waiters.filter((waiter) => this.#timers.size < waiter.count);
    for (const waiter of ready) waiter.resolve();
  }

  #earliest(): Timer | undefined {
    let earliest: Timer | undefined;
    for (const timer of this.#timers.values()) if (!earliest || timer.at < earliest.at) earliest = timer;
    return earliest;
  }

  #fire(timer: Timer): void {
    this.#timers.delete(timer.id);
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
  }
}
