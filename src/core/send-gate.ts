import { onAbort } from './abortable.js';
import type { Clock } from './clock.js';

/**
 * The wait a server asked one call for (429 or 503 with `Retry-After`), kept by every call of a
 * client to that origin, and the paced resumption after it.
 *
 * When the wait ends, the attempts that queued up go out one at a time, at most `rate` a second.
 * The rate the server accepted is estimated from the successes in the window before it pushed
 * back (the wait it asked, or the time since the last push-back if longer): `rate` starts at 0.7
 * × that (AWS's adaptive mode cuts by the same 0.7), so a server that admits 20 a second gets 14,
 * and each success raises it, doubling it each second back up to the accepted rate (slow start),
 * then by 1 a second per second beyond (additive increase), probing for more. After a window with
 * no success at all (an outage) it starts from 1 a second, doubling up to 0.7 × the rate before.
 * Pacing stops a minute after the last push-back. Answers to attempts sent before the last cut
 * extend the wait but do not cut again: a burst's 80 refusals are one signal, not 80.
 */
export interface SendGate {
  /**
   * `true` at once when an attempt to `origin` may be sent now (no promise to wait on: the usual
   * case), else a promise of `true` when it may, `false` when `signal` aborts first.
   */
  pass(origin: string, signal: AbortSignal): true | Promise<boolean>;
  /** Tells the gate how an attempt sent at `sentAt` was answered; `wait` is the wait it asked for. */
  answered(origin: string, sentAt: number, ok: boolean, wait: number | undefined): void;
}

interface OriginState {
  /** No attempt is sent before this. */
  until: number;
  /** When the last push-back cut the rate. */
  cutAt: number;
  /** Attempts a second once pushed back; `undefined`: not paced. */
  rate?: number | undefined;
  /** Below it, the rate doubles each second (slow start); above, it grows by 1 a second per second. */
  threshold: number;
  /** The earliest time the next attempt may go, by the rate. */
  next: number;
  /** Successes since `since`. */
  ok: number;
  since: number;
  /** The rate is re-estimated when the wait ends. */
  reopen?: boolean;
  /** The attempts waiting, in call order; each is let go by calling it. */
  queue: Set<() => void>;
  /** The timer that lets the queue's first go, while one waits. */
  timer?: unknown;
}

const CUT = 0.7;
const MIN_RATE = 1;
const FORGET_AFTER = 60_000;
// Attempts the pace must have had room for in a window before its successes (or none) say anything.
const MIN_SAMPLE = 5;

export function createSendGate(clock: Clock): SendGate {
  const origins = new Map<string, OriginState>();

  /** Whether an attempt may go now; if so, it takes its turn. */
  const take = (state: OriginState, now: number) => {
    if (now < state.until || now < state.next) return false;
    if (state.reopen) reopen(state, now);
    if (state.rate !== undefined && now - state.cutAt > FORGET_AFTER) state.rate = undefined;
    if (state.rate === undefined) state.next = now;
    else {
      // Each turn follows the one before by 1/rate, not the moment it went: a timer that fires a
      // little late (they count whole milliseconds) would otherwise lose that time at every turn.
      const interval = 1000 / state.rate;
      state.next = (now - state.next < interval ? state.next : now) + interval;
    }
    return true;
  };

  /** Lets the queue's first go when its time comes (with the rate as it is then), and so on. */
  const schedule = (state: OriginState) => {
    if (state.timer !== undefined || state.queue.size === 0) return;
    const wait = Math.max(state.until, state.next) - clock.now();
    state.timer = clock.setTimeout(() => {
      state.timer = undefined;
      const [first] = state.queue;
      if (first && take(state, clock.now())) first();
      schedule(state);
    }, wait);
  };

  return {
    pass(origin, signal) {
      const now = clock.now();
      let state = origins.get(origin);
      if (!state) {
        state = {
          until: now,
          cutAt: -Infinity,
          threshold: 0,
          next: now,
          ok: 0,
          since: now,
          queue: new Set(),
        };
        origins.set(origin, state);
      }
      if (state.queue.size === 0 && take(state, now)) return true;
      const { queue } = state;
      return new Promise((resolve) => {
        const go = () => {
          queue.delete(go);
          stop();
          resolve(true);
        };
        const stop = onAbort(signal, () => {
          queue.delete(go);
          if (queue.size === 0) {
            clock.clearTimeout(state.timer);
            state.timer = undefined;
          }
          resolve(false);
        });
        queue.add(go);
        schedule(state);
      });
    },
    answered(origin, sentAt, ok, wait) {
      const state = origins.get(origin);
      if (!state) return;
      if (ok) {
        state.ok++;
        if (state.rate !== undefined) state.rate += state.rate < state.threshold ? 1 : 1 / state.rate;
      } else if (wait !== undefined) {
        const now = clock.now();
        state.until = Math.max(state.until, now + wait);
        if (sentAt >= state.cutAt) {
          state.cutAt = now;
          state.reopen = true;
          state.next = 0;
        }
      }
    },
  };
}

/** The rate to resume at, from the successes the server allowed before it pushed back. */
function reopen(state: OriginState, now: number) {
  const window = Math.max(state.until - state.cutAt, state.cutAt - state.since, 1);
  const allowed = (state.ok * 1000) / window;
  if (state.rate !== undefined && (state.rate * window) / 1000 < MIN_SAMPLE) {
    // Pushed back again before the pace could send a handful: too few attempts to estimate from,
    // and no sign of an outage either (a server at its limit refusing the first one after a wait).
    state.rate = Math.max(MIN_RATE, CUT * state.rate);
  } else if (allowed > 0) {
    state.threshold = allowed;
    state.rate = Math.max(MIN_RATE, CUT * allowed);
  } else {
    state.threshold = CUT * (state.rate ?? Infinity);
    state.rate = MIN_RATE;
  }
  state.reopen = false;
  state.ok = 0;
  state.since = now;
}
