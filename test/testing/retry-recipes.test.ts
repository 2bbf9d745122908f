// The two ways the README shows to test a retry without waiting for it: the kit's TestClock, and
// vitest's fake timers (memwire looks the global timers up at every call).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Mielto } from '../../src/index.js';
import { createMieltoFake, TestClock } from '../../src/testing/index.js';

const fake = createMieltoFake({ apiKey: 'test-key' });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  fake.reset();
  vi.useRealTimers();
});
afterAll(() => server.close());

describe('a retry test that takes no real time', () => {
  it('with TestClock, shared by the client and the fake', async () => {
    const clock = new TestClock();
    const clocked = createMieltoFake({ apiKey: 'test-key', clock });
    server.use(...clocked.handlers);
    clocked.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
    clocked.failNext({ status: 503, retryAfter: 30 });
    const mielto = new Mielto({ apiKey: 'test-key', clock, random: () => 0 });
    const started = Date.now();
    await clock.run(mielto.memories.update('mem_1', { memory: 'Likes coffee' }));
    expect(clocked.requests.map((request) => request.outcome)).toEqual([503, 200]);
    expect(clock.delays).toContain(30_000);
    expect(Date.now() - started).toBeLessThan(30_000); // the 30 s wait was the clock's, not real
  });

  it("with vitest's fake timers", async () => {
    vi.useFakeTimers();
    fake.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
    fake.failNext({ status: 503, retryAfter: 30 });
    const mielto = new Mielto({ apiKey: 'test-key' });
    const call = mielto.memories.update('mem_1', { memory: 'Likes coffee' });
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(call).resolves.toMatchObject({ memory: { memory: 'Likes coffee' } });
    expect(fake.requests.map((request) => request.outcome)).toEqual([503, 200]);
  });
});
