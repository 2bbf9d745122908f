import type { Clock } from '../core/clock.js';

/** A wait on a clock that can be called off. */
export interface Sleep {
  /** Resolves `true` once the time has passed, or `false` if cancelled first. */
  readonly done: Promise<boolean>;
  /** Clears the timer and resolves `done` with `false`; does nothing once it has resolved. */
  cancel(): void;
}

/**
 * Waits `ms` milliseconds of the given clock, so tests can drive delays with a manual clock
 * instead of waiting for real, and a fake can abandon its waits when it is reset.
 *
 * @example
 * const wait = sleep(systemClock, 250);
 * if (await wait.done) console.log('250 ms later');
 */
export function sleep(clock: Clock, ms: number): Sleep {
  let settle: (elapsed: boolean) => void = () => {};
  const done = new Promise<boolean>((resolve) => (settle = resolve));
  let settled = false;
  const finish = (elapsed: boolean) => {
    if (settled) return;
    settled = true;
    settle(elapsed);
  };
  const handle = clock.setTimeout(() => finish(true), ms);
  return {
    done,
    cancel() {
      if (settled) return;
      clock.clearTimeout(handle);
      finish(false);
    },
  };
}
