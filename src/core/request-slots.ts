import { onAbort } from './abortable.js';

/**
 * `maxConcurrency`: at most `max` attempts of a client (and the clients derived from it) in
 * flight. The others wait in the order they asked; one whose signal aborts (the caller's, or its
 * timeout) leaves the queue at once.
 */
export interface RequestSlots {
  /** A slot, as the function that frees it (once, whatever the number of calls); `undefined` when `signal` aborted first. */
  take(signal: AbortSignal): Promise<(() => void) | undefined>;
}

export function createRequestSlots(max: number): RequestSlots {
  let free = max;
  // A Set keeps insertion order and deletes in O(1): the queue, in call order.
  const queue = new Set<() => void>();
  const freeOne = () => {
    const [next] = queue;
    if (next) {
      queue.delete(next);
      next();
    } else {
      free++;
    }
  };
  const slot = () => {
    let held = true;
    return () => {
      if (held) freeOne();
      held = false;
    };
  };
  return {
    take(signal) {
      if (signal.aborted) return Promise.resolve(undefined);
      if (free > 0) {
        free--;
        return Promise.resolve(slot());
      }
      return new Promise((resolve) => {
        const grant = () => {
          stop();
          resolve(slot());
        };
        const stop = onAbort(signal, () => {
          queue.delete(grant);
          resolve(undefined);
        });
        queue.add(grant);
      });
    },
  };
}
