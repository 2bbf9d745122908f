import type { Clock } from './clock.js';

// setTimeout's limit: a longer delay fires at once instead of never.
const MAX_TIMER = 2_147_483_647;

interface Waiters {
  listener: () => void;
  callbacks: Set<() => void>;
}

// One 'abort' listener per signal, shared by every call waiting on it: hundreds of concurrent
// calls on one caller's signal would otherwise add hundreds of listeners, and Node warns past 10
// (MaxListenersExceededWarning). Raising that limit (events.setMaxListeners) exists in Node only.
const waiting = new WeakMap<AbortSignal, Waiters>();

/** A signal nothing can abort (its controller is dropped): waiting on it costs nothing. */
export const NEVER_ABORTED: AbortSignal = /* @__PURE__ */ new AbortController().signal;
const keepWaiting = () => {};

/**
 * Calls `callback` once when `signal` aborts; returns the function that stops waiting. The last
 * waiter to stop removes the shared listener, so nothing is left on the signal.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal === NEVER_ABORTED) return keepWaiting;
  let waiters = waiting.get(signal);
  if (!waiters) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      waiting.delete(signal);
      for (const waiter of callbacks) waiter();
    };
    waiting.set(signal, (waiters = { listener, callbacks }));
    signal.addEventListener('abort', listener, { once: true });
  }
  const { listener, callbacks } = waiters;
  callbacks.add(callback);
  return () => {
    if (callbacks.delete(callback) && callbacks.size === 0 && waiting.get(signal) === waiters) {
      waiting.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}

/**
 * One attempt's signal: aborts when the caller's signal does, or after `timeout` ms on `clock`
 * (so it aborted while the caller's has not: the attempt timed out). `aborted` rejects with its
 * reason then, from the same callbacks: racing it costs no listener on the signal.
 * `dispose()` stops waiting on the caller's signal and clears the timer, so nothing outlives the
 * attempt. fetch gets this signal, never the caller's: fetch adds listeners of its own to it.
 */
export function attemptSignal(caller: AbortSignal, timeout: number, clock: Clock) {
  const controller = new AbortController();
  let reject: (reason: unknown) => void;
  const aborted = new Promise<never>((_, rejectAborted) => (reject = rejectAborted));
  aborted.catch(keepWaiting); // raced, or never waited for
  const abort = (reason: unknown) => {
    controller.abort(reason);
    reject(controller.signal.reason);
  };
  const stop = onAbort(caller, () => abort(caller.reason));
  const timer =
    timeout < MAX_TIMER
      ? clock.setTimeout(() => abort(new DOMException(`No response within ${timeout} ms`, 'TimeoutError')), timeout)
      : undefined;
  return {
    signal: controller.signal,
    aborted,
    dispose: () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      stop();
    },
  };
}

/** Waits `ms` on `clock`; resolves `false` at once when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal, clock: Clock): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const stop = onAbort(signal, () => {
      clock.clearTimeout(timer);
      resolve(false);
    });
    const timer = clock.setTimeout(() => {
      stop();
      resolve(true);
    }, ms);
  });
}
