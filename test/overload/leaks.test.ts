// Nothing a queued or waiting call leaves behind: no timer, no listener on the caller's signal,
// no entry in the queue or the shared wait, whether the calls finish or are aborted while waiting.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AbortError, Mielto } from '../../src/index.js';
import { rejectionOf } from '../helpers/use-fake.js';
import { type Answer, scriptedServer } from '../helpers/scripted-server.js';

const CALLS = 300;

function setup(script: (n: number) => Answer) {
  const server = scriptedServer(script);
  const mielto = new Mielto({
    apiKey: 'sk-leaks-1',
    clock: server.clock,
    random: () => 0,
    fetch: server.fetch,
    maxConcurrency: 2,
  });
  const burst = (signal: AbortSignal) =>
    Array.from({ length: CALLS }, (_, i) => mielto.memories.update('mem_1', { memory: `m${i}` }, { signal, maxRetries: 10 }));
  return { server, clock: server.clock, mielto, burst };
}

describe('calls that wait for a slot or a shared Retry-After', () => {
  it('leave no timer and no listener once they have all finished', async () => {
    // The 10th request is told to wait: everything behind it waits in the shared line too.
    const { server, clock, burst } = setup((n) =>
      n === 9 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200, delay: 5 },
    );
    const controller = new AbortController();
    await clock.run(Promise.all(burst(controller.signal)));
    expect(server.received).toHaveLength(CALLS + 1);
    expect(server.maxInFlight).toBe(2);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });

  it('leave no timer and no queued entry when aborted while waiting', async () => {
    const { server, clock, mielto, burst } = setup((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 },
    );
    const controller = new AbortController();
    const calls = burst(controller.signal);
    await clock.advance(1_000);
    controller.abort(new Error('user left'));
    const errors = await Promise.all(calls.map((call) => rejectionOf(call)));
    expect(errors.every((error) => error instanceof AbortError)).toBe(true);
    expect(server.received).toHaveLength(2); // the two sent before the first answer
    expect(clock.pending).toBe(0);
    // Nothing of them is left in the slots or the line: once the 30 s are over, a new call goes at once.
    await clock.advance(30_000);
    const sent = clock.now();
    await clock.run(mielto.memories.update('mem_1', { memory: 'after' }));
    expect(server.received.map((request) => request.at).slice(2)).toEqual([sent]);
  });
});
