import { describe, expect, it } from 'vitest';
import { createSendGate } from '../../src/core/send-gate.js';
import { TestClock } from '../../src/testing/test-clock.js';

// The gate's rules at their edges, on its own: when an attempt may go (`pass`), given what the
// attempts before were answered (`answered`). test/overload/shared-wait.test.ts has them through
// the clients.

const ORIGIN = 'https://api.mielto.com';
const never = new AbortController().signal;

function setup() {
  const clock = new TestClock();
  const gate = createSendGate(clock);
  const t0 = clock.now();
  const at = (ms: number) => clock.advance(t0 + ms - clock.now());
  /** When each of `count` attempts queued now is let go, in ms from t0. */
  const released = async (count: number, until: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const passed = gate.pass(ORIGIN, never);
      if (passed === true) times.push(clock.now() - t0);
      else void passed.then(() => times.push(clock.now() - t0));
    }
    await at(until);
    return times;
  };
  /** Ten successes at t0, then a push-back at `ms` asking for `wait`. */
  const allowedTenThenPushedBack = async (ms: number, wait: number) => {
    expect(gate.pass(ORIGIN, never)).toBe(true);
    for (let i = 0; i < 10; i++) gate.answered(ORIGIN, t0, true, undefined);
    await at(ms);
    gate.answered(ORIGIN, t0, false, wait);
  };
  return { clock, gate, t0, at, released, allowedTenThenPushedBack };
}

describe('the send gate', () => {
  it('keeps pacing until a minute after the last push-back, and no longer', async () => {
    const { at, released, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000);
    // Resumed at 0.7 x 10 a second.
    expect(await released(2, 1_000)).toEqual([1_000]);
    await at(60_000);
    // Exactly a minute after the cut: still 7 a second, so the second of two waits 1/7 s.
    expect((await released(2, 60_000 + 1_000 / 7)).map(Math.round)).toEqual([60_000, 60_143]);
    await at(60_001 + 1_000 / 7);
    // Past it: not paced.
    const now = 60_001 + 1_000 / 7;
    expect((await released(3, now)).map(Math.round)).toEqual([now, now, now].map(Math.round));
  });

  it('counts a refusal as a new push-back only for an attempt sent at or after the last one', async () => {
    // A and B sent at t0; A refused at 100 ms (the cut), B at 500 ms: B's refusal only extends the
    // wait, so the window the rate is estimated from runs from the cut at 100 to 1,500.
    const { gate, t0, at, released, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(100, 1_000);
    await at(500);
    gate.answered(ORIGIN, t0, false, 1_000);
    // 10 allowed over 1.4 s: 7.14 a second, resumed at 0.7 x that, 5 a second.
    expect((await released(2, 2_000)).map(Math.round)).toEqual([1_500, 1_700]);
  });

  it('counts a refusal of an attempt sent at the very time of the cut as a new one (after a Retry-After of 0)', async () => {
    const { gate, t0, at, released, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(100, 0);
    expect(await released(1, 100)).toEqual([100]); // sent at once: the wait asked was 0
    await at(500);
    gate.answered(ORIGIN, t0 + 100, false, 1_000); // that attempt refused: a second cut, at 500
    // Nothing allowed since the first cut: an outage, so 1 a second.
    expect(await released(2, 2_600)).toEqual([1_500, 2_500]);
  });

  it('cuts the rate by 0.7 at a push-back that comes before the pace had room for five attempts, rather than reading an outage', async () => {
    const { gate, t0, at, released, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000); // 7 a second from 1 s
    expect(await released(1, 1_000)).toEqual([1_000]);
    await at(1_100);
    gate.answered(ORIGIN, t0 + 1_000, false, 100); // refused right after the wait: a second cut
    // 0.1 s at 7 a second had room for 0.7 attempts: 0.7 x 7 = 4.9 a second, not 1.
    expect((await released(2, 1_500)).map(Math.round)).toEqual([1_200, 1_404]);
  });

  it('spaces the turns from the one before, not from when it went: a turn a little late does not push the rest back', async () => {
    const { gate, clock, t0, at, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000); // 7 a second from 1 s: a turn every 142.86 ms
    await at(1_000);
    expect(gate.pass(ORIGIN, never)).toBe(true); // the turn at 1,000
    await at(1_144); // 1 ms after the next turn was due (1,142.86): a timer that fired late
    expect(gate.pass(ORIGIN, never)).toBe(true);
    const third = gate.pass(ORIGIN, never) as Promise<boolean>;
    let wentAt = 0;
    void third.then(() => (wentAt = clock.now() - t0));
    await at(1_400);
    // 1,000 + 2 x 142.86, not 1,144 + 142.86.
    expect(wentAt).toBeCloseTo(1_285.71, 1);
  });

  it('keeps call order: an attempt that comes just as the first one waiting is due goes after it', async () => {
    const { gate, clock, at, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000);
    const order: string[] = [];
    // A timer set before the gate's, for the same time: it runs first, as the wait ends.
    clock.setTimeout(() => {
      const late = gate.pass(ORIGIN, never);
      if (late === true) order.push('late');
      else void late.then(() => order.push('late'));
    }, 1_000);
    void (gate.pass(ORIGIN, never) as Promise<boolean>).then(() => order.push('waiting'));
    await at(2_000);
    expect(order).toEqual(['waiting', 'late']);
  });

  it('lets the next waiting attempt go when the first one waiting is aborted', async () => {
    const { gate, clock, at, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000);
    const controller = new AbortController();
    const first = gate.pass(ORIGIN, controller.signal);
    const second = gate.pass(ORIGIN, never);
    controller.abort();
    expect(await first).toBe(false);
    await at(1_000);
    expect(await second).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('leaves no timer behind when every waiting attempt is aborted', async () => {
    const { gate, clock, allowedTenThenPushedBack } = setup();
    await allowedTenThenPushedBack(0, 1_000);
    const controllers = [new AbortController(), new AbortController()];
    const waiting = controllers.map((controller) => gate.pass(ORIGIN, controller.signal) as Promise<boolean>);
    for (const controller of controllers) controller.abort();
    expect(await Promise.all(waiting)).toEqual([false, false]);
    expect(clock.pending).toBe(0);
  });
});
