import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Mielto, type MieltoOptions, ServerError, TimeoutError } from '../../src/index.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { type Answer, scriptedServer } from '../helpers/scripted-server.js';

const KEY = 'sk-total-timeout-1';

function setup(script: (n: number) => Answer, options: Partial<MieltoOptions> = {}) {
  const server = scriptedServer(script);
  const mielto = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, ...options });
  const update = (callOptions = {}) => server.clock.run(mielto.memories.update('mem_1', { memory: 'x' }, callOptions));
  return { server, clock: server.clock, update };
}

describe('totalTimeout', () => {
  it('aborts the attempt in flight at the deadline with a TimeoutError that says totalTimeout was hit', async () => {
    // 503, wait 500 ms, then an answer that takes 10 s: the deadline at 3 s falls inside it.
    const { server, clock, update } = setup((n) => (n === 0 ? { status: 503 } : { status: 200, delay: 10_000 }));
    const start = clock.now();
    const error = await rejectionOf(update({ totalTimeout: 3_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'Mielto memories.update: https://api.mielto.com did not answer within totalTimeout (3000 ms) (after 2 attempts; not retried: the next attempt would start after totalTimeout (3000 ms))',
    );
    expect(clock.now() - start).toBe(3_000);
    expect(server.received).toHaveLength(2);
    expect(server.inFlight).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('does not start a retry whose wait would pass the deadline: the last error, at once', async () => {
    const { server, clock, update } = setup(() => ({ status: 503, headers: { 'retry-after': '5' } }));
    const start = clock.now();
    const error = await rejectionOf(update({ totalTimeout: 4_000 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe(
      'Mielto memories.update: 503 busy (not retried: the next attempt would start after totalTimeout (4000 ms))',
    );
    expect(clock.now()).toBe(start);
    expect(server.received).toHaveLength(1);
  });

  it('bounds every wait together: retries stop when the next would not fit', async () => {
    // Waits of 500 and 1000 ms: the third attempt would start at 1.5 s, past a 1.2 s deadline.
    const { server, clock, update } = setup(() => ({ status: 503, delay: 100 }));
    const start = clock.now();
    const error = await rejectionOf(update({ totalTimeout: 1_200, maxRetries: 5 }));
    expect(error.message).toMatch(
      /\(after 2 attempts; not retried: the next attempt would start after totalTimeout \(1200 ms\)\)$/,
    );
    expect(server.received.map((request) => request.at - start)).toEqual([0, 600]);
    expect(clock.now() - start).toBe(700);
  });

  it('is a client default a call can override', async () => {
    const { server, update } = setup(() => ({ status: 200, delay: 5_000 }), { totalTimeout: 1_000 });
    expect((await rejectionOf(update())).message).toMatch(/did not answer within totalTimeout \(1000 ms\)/);
    await update({ totalTimeout: 6_000 });
    expect(server.received).toHaveLength(2);
  });

  it('leaves the per-attempt timeout named when it ends first', async () => {
    const { update } = setup(() => ({ status: 200, delay: 5_000 }), { timeout: 1_000, maxRetries: 0 });
    const error = await rejectionOf(update({ totalTimeout: 10_000 }));
    expect(error.message).toBe('Mielto memories.update: https://api.mielto.com did not answer within 1000 ms');
  });

  it('covers the wait for a shared Retry-After', async () => {
    const { clock, update } = setup((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 }));
    await rejectionOf(update({ maxRetries: 0 }));
    const start = clock.now();
    const error = await rejectionOf(update({ totalTimeout: 2_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'Mielto memories.update: waited totalTimeout (2000 ms) for the wait a server asked for (Retry-After), and sent nothing',
    );
    expect(clock.now() - start).toBe(2_000);
    expect(clock.pending).toBe(0);
  });

  it.each([0, -1, Number.NaN, '5000'])('refuses totalTimeout %j, on the client and on a call', (totalTimeout) => {
    const fetch = () => Promise.reject(new Error('sent'));
    const options = { totalTimeout } as unknown as Partial<MieltoOptions>;
    expect(() => new Mielto({ apiKey: KEY, fetch, ...options })).toThrow(
      `Mielto: totalTimeout must be a number of milliseconds above 0, got ${String(totalTimeout)}`,
    );
    const mielto = new Mielto({ apiKey: KEY, fetch });
    const call = () => mielto.memories.update('mem_1', { memory: 'x' }, options);
    return expect(call()).rejects.toThrow(InvalidArgumentError);
  });
});
