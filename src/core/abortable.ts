import type { Clock } from './clock.js';

// setTimeout's limit: a longer delay fires at once instead of never.
const MAX_TIMER = 2_147_483_647;

/**
 * One attempt's signal: aborts when the caller's signal does, or after `timeout` ms on `clock`.
 * `dispose()` removes the listener and the timer, so nothing outlives the attempt.
 */
export function attemptSignal(caller: AbortSignal, timeout: number, clock: Clock) {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(caller.reason);
  caller.addEventListener('abort', onCallerAbort, { once: true });
  const timer =
    timeout < MAX_TIMER
      ? clock.setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`No response within ${timeout} ms`, 'TimeoutError'));
        }, timeout)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      caller.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms` on `clock`; resolves `false` at once when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal, clock: Clock): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or a rejection with the signal's reason as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
