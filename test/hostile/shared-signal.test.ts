// Rule 7: many calls, one signal. Hundreds of concurrent calls of all four clients share one
// AbortSignal against a server on 127.0.0.1 that holds every request until all have arrived: no
// MaxListenersExceededWarning, and no listener left on the signal afterwards.
import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortError } from '../../src/index.js';
import { rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

const server = useServer();

const CALLS = 300; // 60 per write operation: far past the 10 listeners Node warns at
let warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

/** Lets process warnings, which Node emits on a later tick, arrive. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Holds every request until `count` have arrived, then lets `answer` reply to each. */
function holdUntil(count: number, answer: (response: ServerResponse, index: number) => void): Promise<void> {
  const held: ServerResponse[] = [];
  return new Promise((resolve) => {
    server.handle = (_seen, response) => {
      held.push(response);
      if (held.length < count) return;
      resolve();
      held.splice(0).forEach(answer);
    };
  });
}

/** CALLS concurrent writes, spread over every operation of the four clients, all with `signal`. */
function start(signal: AbortSignal) {
  return Array.from({ length: CALLS }, (_, i) => {
    const write = WRITES[i % WRITES.length]!;
    return { write, result: write.call(server.url, {}, { signal }) };
  });
}

describe('hundreds of concurrent calls sharing one AbortSignal', () => {
  it('all succeed, with no MaxListenersExceededWarning and no listener left', async () => {
    const controller = new AbortController();
    const answered = holdUntil(CALLS, (response, i) => reply(response, 200, WRITES[i % WRITES.length]!.success));
    const calls = start(controller.signal);
    await answered;
    const results = await Promise.all(calls.map(({ result }) => result));
    results.forEach((result, i) => expect(result).toEqual(calls[i]!.write.resolved));
    await settle();
    expect(warnings.map((warning) => warning.name)).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(server.requests).toHaveLength(CALLS);
  });

  it('all wait out a 503 and retry on it, with no warning and no listener left', async () => {
    const controller = new AbortController();
    const firstRound = holdUntil(CALLS, (response) => reply(response, 503, { detail: 'busy' }, { 'retry-after': '0' }));
    const calls = start(controller.signal);
    await firstRound;
    await holdUntil(CALLS, (response, i) => reply(response, 200, WRITES[i % WRITES.length]!.success));
    await Promise.all(calls.map(({ result }) => result));
    await settle();
    expect(warnings.map((warning) => warning.name)).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(server.requests).toHaveLength(2 * CALLS);
  });

  it('all stop with an AbortError when it aborts mid-flight, leaving no listener', async () => {
    const controller = new AbortController();
    const arrived = holdUntil(CALLS, () => {}); // never answered
    const calls = start(controller.signal);
    await arrived;
    controller.abort(new Error('user left'));
    const errors = await Promise.all(calls.map(({ result }) => rejectionOf(result)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(AbortError);
      expect(error.cause).toEqual(new Error('user left'));
    }
    await settle();
    expect(warnings.map((warning) => warning.name)).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
