import { describe, expect, it } from 'vitest';
import { createRequestSlots } from '../../src/core/request-slots.js';

// `maxConcurrency`'s slots on their own, at their edges. test/overload/max-concurrency.test.ts has
// them through the clients.

const never = new AbortController().signal;

/** What a pending `take` has come to so far: its release function, `undefined`, or still waiting. */
function watch(taken: Promise<(() => void) | undefined>) {
  const state: { settled: boolean; release?: (() => void) | undefined } = { settled: false };
  void taken.then((release) => Object.assign(state, { settled: true, release }));
  return state;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('request slots', () => {
  it('grants max slots at once, then hands each freed one to the longest waiter', async () => {
    const slots = createRequestSlots(2);
    const first = await slots.take(never);
    const second = await slots.take(never);
    const third = watch(slots.take(never));
    const fourth = watch(slots.take(never));
    await flush();
    expect([third.settled, fourth.settled]).toEqual([false, false]);
    second!();
    await flush();
    expect([third.settled, fourth.settled]).toEqual([true, false]);
    first!();
    await flush();
    expect(fourth.settled).toBe(true);
  });

  it('frees a slot once, however many times its release is called', async () => {
    const slots = createRequestSlots(1);
    const release = (await slots.take(never))!;
    release();
    release();
    expect(typeof (await slots.take(never))).toBe('function');
    const waiting = watch(slots.take(never));
    await flush();
    expect(waiting.settled).toBe(false);
  });

  it('takes no slot for a signal already aborted, even when none is free: it does not wait for an abort that came before', async () => {
    const slots = createRequestSlots(1);
    const aborted = AbortSignal.abort();
    expect(await slots.take(aborted)).toBeUndefined();
    const held = (await slots.take(never))!;
    expect(await slots.take(aborted)).toBeUndefined();
    held();
    expect(typeof (await slots.take(never))).toBe('function');
  });

  it('lets a waiter whose signal aborts leave the line at once, and passes the freed slot to the next', async () => {
    const slots = createRequestSlots(1);
    const held = (await slots.take(never))!;
    const controller = new AbortController();
    const leaving = watch(slots.take(controller.signal));
    const staying = watch(slots.take(never));
    controller.abort();
    await flush();
    expect(leaving).toEqual({ settled: true, release: undefined });
    held();
    await flush();
    expect(staying.settled).toBe(true);
    expect(typeof staying.release).toBe('function');
  });
});
