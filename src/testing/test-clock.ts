import type { Clock } from '../core/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

// A turn of the event loop, taken when this module loads so that fake timers a test installs
// later (which replace setImmediate too) cannot stop it. Browsers have no setImmediate (nor do
// this module's types, which are the DOM's: hence reading it off globalThis).
const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
const nextTurn: (callback: () => void) => void =
  typeof setImmediate === 'function'
    ? setImmediate
    : (callback) => {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => {
          port1.close();
          callback();
        };
        port2.postMessage(null);
      };

/** Lets every pending promise chain run: msw's mock pipeline is promises only, no real timers. */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => nextTurn(resolve));
}

/**
 * A clock whose time moves only when a test says so, for the SDK and the fakes together: give the
 * same one to a client (`clock`) and to a fake (`clock`), and `run(promise)` settles a call by
 * firing each timer (a retry's wait, a timeout, a fake's `delayNext`) only once everything else
 * has settled. A retry test then takes no real time and never depends on it.
 *
 * @example
 * import { createMieltoFake, TestClock } from 'memwire/testing';
 *
 * const clock = new TestClock();
 * const fake = createMieltoFake({ apiKey: 'test-key', clock });
 * const mielto = new Mielto({ apiKey: 'test-key', clock, random: () => 0 });
 * fake.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
 * fake.failNext({ status: 503, retryAfter: 30 });
 * await clock.run(mielto.memories.update('mem_1', { memory: 'Likes coffee' })); // no real wait
 * clock.delays; // [60_000, 30_000, …]: the timeout armed, then the 30 s wait the server asked
 */
export class TestClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, Timer>();
  #waiters: { count: number; resolve: () => void }[] = [];
  /** Every delay ever asked of `setTimeout`, in order: a test reads retry waits here. */
  readonly delays: number[] = [];

  /** @param start the clock's time at first, in epoch milliseconds (default 2025-01-01T00:00:00Z) */
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
    for (let idle = 0; idle < 50;) {
      await flush();
      if (settled) return promise;
      const timer = this.#earliest();
      if (timer) this.#fire(timer);
      else idle++;
    }
    throw new Error('TestClock.run: the promise is waiting on something other than a timer (a request no fake answers?)');
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
