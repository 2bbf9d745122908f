import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../../src/core/abortable.js';

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
});
