import { MemwireError } from './memwire-error.js';

/** What a {@link HookError} knows. */
export interface HookErrorInit {
  hook: 'beforeRequest' | 'afterResponse' | 'beforeRetry';
  applied: 'no' | 'yes' | 'unknown';
  status?: number | undefined;
  data?: unknown;
  cause: unknown;
}

/**
 * One of the `hooks` threw, rejected, or did not settle in time. The call is not retried: read
 * `applied` to know whether the write landed before it failed.
 *
 * @example
 * catch (error) {
 *   if (error instanceof HookError && error.applied === 'yes') use(error.data); // the server's answer
 * }
 */
export class HookError extends MemwireError {
  override name = 'HookError';
  declare readonly hook: HookErrorInit['hook'];
  /**
   * What the server did with the write: `'no'` (nothing was sent, or it refused), `'yes'` (it
   * answered 2xx, before `afterResponse` failed) or `'unknown'` (an attempt may have landed).
   */
  declare readonly applied: HookErrorInit['applied'];
  /** The status the server answered with, when the hook failed after an answer. */
  declare readonly status: number | undefined;
  /** The server's answer, decoded, when the write was applied (`applied: 'yes'`): a new version's id, say. */
  declare readonly data: unknown;

  constructor(message: string, init: HookErrorInit) {
    super(message, { cause: init.cause });
    this.hook = init.hook;
    this.applied = init.applied;
    this.status = init.status;
    this.data = init.data;
  }
}
