import { describe, expect, it } from 'vitest';
import { TestClock } from '../../src/testing/test-clock.js';

describe('TestClock', () => {
  it('runs due timers in order as it advances, and only then', async () => {
    const clock = new TestClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20);
    clock.setTimeout(() => fired.push('a'), 10);
    const cancelled = clock.setTimeout(() => fired.push('never'), 15);
    clock.clearTimeout(cancelled);
    await clock.advance(9);
    expect(fired).toEqual([]);
    await clock.advance(11);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1020);
  });

  it('runs timers scheduled by timers within the window, at their own time', async () => {
    const clock = new TestClock(0);
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 5);
    }, 5);
    await clock.advance(10);
    expect(at).toEqual([5, 10]);
  });

  it('tells when code is waiting on it', async () => {
    const clock = new TestClock(0);
    const waiting = clock.whenPending(2);
    clock.setTimeout(() => {}, 1);
    expect(clock.pending).toBe(1);
    clock.setTimeout(() => {}, 1);
    await waiting;
    expect(clock.pending).toBe(2);
  });
});
