import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, Mielto, type MieltoOptions, TimeoutError } from '../../src/index.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { type Answer, scriptedServer } from '../helpers/scripted-server.js';

const KEY = 'sk-concurrency-1';

function setup(script: (n: number) => Answer, options: Partial<MieltoOptions> = {}) {
  const server = scriptedServer(script);
  const mielto = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, ...options });
  const update = (memory: string, callOptions = {}) => mielto.memories.update('mem_1', { memory }, callOptions);
  return { server, clock: server.clock, mielto, update };
}

describe('maxConcurrency', () => {
  it('keeps at most that many requests in flight; the others go in call order', async () => {
    const { server, clock, update } = setup(() => ({ status: 200, delay: 100 }), { maxConcurrency: 2 });
    const start = clock.now();
    await clock.run(Promise.all(['a', 'b', 'c', 'd', 'e'].map((memory) => update(memory))));
    expect(server.maxInFlight).toBe(2);
    expect(server.received.map((request) => request.at - start)).toEqual([0, 0, 100, 100, 200]);
  });

  it('counts the requests of clients withWorkspace derived', async () => {
    const { server, clock, mielto } = setup(() => ({ status: 200, delay: 100 }), { maxConcurrency: 1 });
    const calls = ['ws_a', 'ws_b', 'ws_c'].map((ws) => mielto.withWorkspace(ws).memories.update('mem_1', { memory: ws }));
    await clock.run(Promise.all(calls));
    expect(server.maxInFlight).toBe(1);
    expect(server.received).toHaveLength(3);
  });

  it('frees the slot during the wait before a retry', async () => {
    const { server, clock, update } = setup((n) => (n === 0 ? { status: 503 } : { status: 200, delay: 100 }), {
      maxConcurrency: 1,
    });
    const start = clock.now();
    await clock.run(Promise.all([update('a'), update('b')]));
    // a: 503 at 0, waits 500 ms; b goes at 0 (after a's answer), done at 100; a's retry at 500.
    expect(server.received.map((request) => request.at - start)).toEqual([0, 0, 500]);
  });

  it('lets a queued call that is aborted leave the queue at once, and the rest go on', async () => {
    const { server, clock, update } = setup(() => ({ status: 200, delay: 1_000 }), { maxConcurrency: 1 });
    const controller = new AbortController();
    const first = update('a');
    const queued = update('b', { signal: controller.signal });
    const third = update('c');
    await clock.advance(10);
    controller.abort(new Error('user left'));
    const error = await rejectionOf(queued);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.inFlight).toBe(1); // at once, while the first call is still in flight
    await clock.run(Promise.all([first, third]));
    expect(server.received).toHaveLength(2);
  });

  it('lets a queued call time out by totalTimeout without sending, leaving nothing behind', async () => {
    const { server, clock, update } = setup(() => ({ status: 200, delay: 5_000 }), { maxConcurrency: 1 });
    const controller = new AbortController();
    const first = update('a');
    const queued = clock.run(update('b', { totalTimeout: 1_000, signal: controller.signal }));
    const error = await rejectionOf(queued);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      'Mielto memories.update: waited totalTimeout (1000 ms) for a request slot (maxConcurrency), and sent nothing',
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await clock.run(first);
    expect(server.received).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('gives a slot back when a request fails', async () => {
    let n = 0;
    const server = scriptedServer(() => ({ status: 200 }));
    const fetch = (request: Request) => (n++ === 0 ? Promise.reject(new TypeError('fetch failed')) : server.fetch(request));
    const mielto = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch, maxConcurrency: 1, maxRetries: 0 });
    await rejectionOf(server.clock.run(mielto.memories.update('mem_1', { memory: 'a' })));
    await server.clock.run(mielto.memories.update('mem_1', { memory: 'b' }));
    expect(server.received).toHaveLength(1);
  });

  it.each([0, 1.5, -2, '4', Number.NaN])('refuses maxConcurrency %j', (maxConcurrency) => {
    const make = () => new Mielto({ apiKey: KEY, maxConcurrency: maxConcurrency as number });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(`Mielto: maxConcurrency must be a whole number of at least 1, got ${String(maxConcurrency)}`);
  });
});
