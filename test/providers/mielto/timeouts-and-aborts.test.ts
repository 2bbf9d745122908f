import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortError, TimeoutError } from '../../../src/index.js';
import { rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, clock, client } = useMieltoFake();

function seedMemory() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
}

describe('timeouts', () => {
  it('gives up on an attempt after `timeout` ms and retries it', async () => {
    seedMemory();
    fake.delayNext({ ms: 61_000 });
    const result = await clock.run(client().memories.update('mem_1', { memory: 'Later' }));
    expect(result.memory.memory).toBe('Later');
    expect(fake.requests).toHaveLength(2);
    expect(clock.delays.slice(0, 2).sort((a, b) => a - b)).toEqual([60_000, 61_000]); // the attempt's timeout, the fake's delay
  });

  it('throws TimeoutError when every attempt times out', async () => {
    seedMemory();
    fake.delayNext({ ms: 61_000, times: 3 });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(error.message).toBe(
      'Mielto memories.update: https://api.mielto.com did not answer within 60000 ms (after 3 attempts)',
    );
    expect(error).toMatchObject({ origin: 'https://api.mielto.com', attempts: 3 });
    expect(error.cause).toMatchObject({ name: 'TimeoutError', message: 'No response within 60000 ms' });
  });

  it('covers a key function that never answers', async () => {
    const apiKey = () => new Promise<string>(() => {});
    const error = await rejectionOf(
      clock.run(client({ apiKey, timeout: 1_000 }).memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 })),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fake.requests).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });

  it('takes the timeout from the client and the call', async () => {
    seedMemory();
    fake.delayNext({ ms: 1_500 });
    await clock.run(client({ timeout: 1_000 }).memories.update('mem_1', { memory: 'x' }, { maxRetries: 1 }));
    expect(fake.requests).toHaveLength(2);

    fake.reset();
    seedMemory();
    fake.delayNext({ ms: 1_500 });
    await clock.run(client({ timeout: 1_000 }).memories.update('mem_1', { memory: 'x' }, { timeout: 2_000 }));
    expect(fake.requests).toHaveLength(1);
  });
});

describe('a fetch that ignores the signal', () => {
  // Some fetches (instrumentation wrappers, mocks) never look at `init.signal`: the timeout and the
  // caller's abort must stop the call anyway.
  const hangingFetch = () => new Promise<Response>(() => {});
  const endlessBody = () =>
    Promise.resolve(new Response(new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([123])) })));

  it.each([
    ['never answers', hangingFetch],
    ['never finishes the body', endlessBody],
  ])('times out when it %s', async (_, fetch) => {
    const error = await rejectionOf(
      clock.run(client({ fetch, timeout: 1_000, maxRetries: 1 }).memories.update('mem_1', { memory: 'x' })),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 2 });
    expect(clock.pending).toBe(0);
  });

  it("stops at once when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const settled = rejectionOf(
      client({ fetch: hangingFetch }).memories.update('mem_1', { memory: 'x' }, { signal: controller.signal }),
    );
    await clock.advance(100);
    controller.abort();
    expect(await settled).toBeInstanceOf(AbortError);
    expect(clock.pending).toBe(0);
  });
});

describe('aborts', () => {
  it('sends nothing when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' }, { signal: controller.signal })));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toEqual(new Error('user left'));
    expect(fake.requests).toHaveLength(0);
  });

  it('stops an attempt in flight at once, without retrying', async () => {
    seedMemory();
    fake.delayNext({ ms: 10_000 });
    const controller = new AbortController();
    const call = client().memories.update('mem_1', { memory: 'x' }, { signal: controller.signal });
    const settled = rejectionOf(call);
    await clock.advance(100);
    expect(fake.requests).toHaveLength(1);
    controller.abort();
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect(fake.requests).toHaveLength(1);
    await clock.advance(100_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('cancels the wait before a retry', async () => {
    seedMemory();
    fake.failNext({ status: 503, retryAfter: 30 });
    const controller = new AbortController();
    const settled = rejectionOf(client().memories.update('mem_1', { memory: 'x' }, { signal: controller.signal }));
    await clock.advance(1_000);
    expect(fake.requests).toHaveLength(1);
    expect(clock.pending).toBe(1); // the 30 s wait
    controller.abort(new Error('user left'));
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toEqual(new Error('user left'));
    expect(clock.pending).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it("says the write may have landed when the abort comes in the wait after a 500, and 'no' before anything was sent", async () => {
    seedMemory();
    fake.failNext({ status: 500, applied: true });
    const controller = new AbortController();
    const settled = rejectionOf(client().memories.update('mem_1', { memory: 'Later' }, { signal: controller.signal }));
    await clock.advance(100);
    expect(fake.requests).toHaveLength(1);
    controller.abort();
    // The 500 came after the write was applied: the abort must not read as "not applied".
    expect(await settled).toMatchObject({ name: 'AbortError', applied: 'unknown' });
    expect(fake.get('mem_1')?.memory).toBe('Later');

    const early = rejectionOf(client().memories.update('mem_1', { memory: 'x' }, { signal: controller.signal }));
    expect(await early).toMatchObject({ name: 'AbortError', applied: 'no' });
    expect(fake.requests).toHaveLength(1);
  });

  it('leaves no timer or abort listener behind, over thousands of calls', async () => {
    seedMemory();
    const controller = new AbortController();
    const mielto = client({ timeout: 30_000 });
    for (let i = 0; i < 2_000; i++) {
      if (i % 4 === 0) fake.failNext({ status: 503, retryAfterMs: 10 });
      if (i % 7 === 0) fake.delayNext({ ms: 40_000 });
      const call = mielto.memories.update('mem_1', { memory: `v${i}` }, { signal: controller.signal });
      if (i % 50 === 0) {
        const aborter = new AbortController();
        const aborted = mielto.memories.update('mem_1', { memory: 'x' }, { signal: aborter.signal });
        aborter.abort();
        await rejectionOf(aborted);
      }
      await clock.run(call);
      await clock.advance(60_000); // lets the fake finish writes whose attempt timed out
      expect(clock.pending).toBe(0);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(fake.get('mem_1')?.memory).toBe('v1999');
  });
});
