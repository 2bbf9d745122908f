import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { attemptSignal, onAbort, sleep } from '../../src/core/abortable.js';
import { TestClock } from '../../src/testing/test-clock.js';

describe('onAbort', () => {
  it('serves every waiter on a signal with one listener, and the last to leave removes it', () => {
    const controller = new AbortController();
    const stops = Array.from({ length: 50 }, () => onAbort(controller.signal, () => {}));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stops.slice(1).forEach((stop) => stop());
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stops[0]!();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('calls each waiter still waiting once when the signal aborts, and none that left', () => {
    const controller = new AbortController();
    const called: number[] = [];
    const stops = [0, 1, 2].map((n) => onAbort(controller.signal, () => called.push(n)));
    stops[1]!();
    controller.abort();
    controller.abort();
    expect(called).toEqual([0, 2]);
    stops.forEach((stop) => stop()); // stopping after the abort is harmless
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('starts afresh for waiters that come after an abort fired, and for a second signal', () => {
    const first = new AbortController();
    const second = new AbortController();
    let calls = 0;
    onAbort(first.signal, () => calls++);
    first.abort();
    const stop = onAbort(second.signal, () => calls++);
    expect(getEventListeners(second.signal, 'abort')).toHaveLength(1);
    stop();
    second.abort();
    expect(calls).toBe(1);
  });

  it('leaves the listener of later waiters when a waiter from before the abort stops', () => {
    const controller = new AbortController();
    const early = onAbort(controller.signal, () => {});
    controller.abort();
    const stopLater = onAbort(controller.signal, () => {});
    early();
    const stopLatest = onAbort(controller.signal, () => {});
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stopLater();
    stopLatest();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('attemptSignal', () => {
  it('aborts after the timeout with a TimeoutError that says so, and dispose clears the timer', async () => {
    const clock = new TestClock();
    const attempt = attemptSignal(new AbortController().signal, 1_000, clock);
    expect(clock.delays).toEqual([1_000]);
    await clock.advance(1_000);
    expect(attempt.signal.reason).toBeInstanceOf(DOMException);
    expect(attempt.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'No response within 1000 ms' });
    const next = attemptSignal(new AbortController().signal, 1_000, clock);
    next.dispose();
    expect(clock.pending).toBe(0);
    expect(next.signal.aborted).toBe(false);
  });

  it('sets no timer for a timeout setTimeout cannot hold, and clears none', () => {
    const calls: string[] = [];
    const clock = {
      now: () => 0,
      setTimeout: (_: () => void, ms: number) => (calls.push(`set ${ms}`), 1),
      clearTimeout: (handle: unknown) => calls.push(`clear ${String(handle)}`),
    };
    attemptSignal(new AbortController().signal, 2_147_483_647, clock).dispose();
    attemptSignal(new AbortController().signal, Infinity, clock).dispose();
    expect(calls).toEqual([]);
    attemptSignal(new AbortController().signal, 2_147_483_646, clock).dispose();
    expect(calls).toEqual(['set 2147483646', 'clear 1']);
  });
});

describe('sleep', () => {
  it('resolves true after the wait', async () => {
    const clock = new TestClock();
    await expect(clock.run(sleep(500, new AbortController().signal, clock))).resolves.toBe(true);
    expect(clock.delays).toEqual([500]);
  });

  it('resolves false at once for a signal already aborted, setting no timer', async () => {
    const clock = new TestClock();
    await expect(clock.run(sleep(500, AbortSignal.abort(), clock))).resolves.toBe(false);
    expect(clock.delays).toEqual([]);
  });

  it('resolves false when the signal aborts during the wait, clearing the timer', async () => {
    const clock = new TestClock();
    const controller = new AbortController();
    const slept = sleep(500, controller.signal, clock);
    controller.abort();
    await expect(slept).resolves.toBe(false);
    expect(clock.pending).toBe(0);
  });
});

/** The unhandled rejections while `run` runs and two turns after. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}

describe("attemptSignal's aborted promise", () => {
  it('rejects with the reason when the caller aborts, and a race with it leaves no unhandled rejection behind', async () => {
    const caller = new AbortController();
    const attempt = attemptSignal(caller.signal, Infinity, new TestClock());
    const unhandled = await unhandledDuring(async () => {
      let fail!: (error: Error) => void;
      const late = new Promise<never>((_, reject) => (fail = reject));
      caller.abort('gone');
      await expect(Promise.race([attempt.aborted, late])).rejects.toBe('gone');
      fail(new Error('fetch rejected on the aborted signal'));
    });
    expect(unhandled).toEqual([]);
    attempt.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('is no unhandled rejection when nothing races it', async () => {
    const unhandled = await unhandledDuring(async () => {
      const caller = new AbortController();
      attemptSignal(caller.signal, Infinity, new TestClock());
      caller.abort('gone');
      await Promise.resolve();
    });
    expect(unhandled).toEqual([]);
  });
});
