import type { MemwireError } from './errors/memwire-error.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { checkOptionKeys, type OptionKeys } from './option-keys.js';

/** What `beforeRequest` and `afterResponse` are told about the attempt. */
export interface HookContext {
  /** The provider's name: `Mielto`, `MemoryLayer`, `Supermemory` or `OpenSearch`. */
  provider: string;
  /** `memories.update`, or a raw call's method and path template (`PUT /api/v1/memories/{memory_id}`). */
  operation: string;
  /** Which attempt this is, counting from 1. */
  attempt: number;
  /** Whether the call is retried after failures that may have been applied. */
  idempotent: boolean;
  /** The attempt's signal: aborts on the caller's abort or the attempt's timeout. */
  signal: AbortSignal;
}

/** What `beforeRetry` is told: the attempt that failed, why, and the wait before the next. */
export interface RetryContext {
  provider: string;
  operation: string;
  /** The attempt that failed, counting from 1; the next one is `attempt + 1`. */
  attempt: number;
  /** Milliseconds memwire waits before the next attempt. */
  delay: number;
  /** `status`: the server answered `status`; `timeout` or `connection`: no answer, see `error`. */
  reason: 'status' | 'timeout' | 'connection';
  status?: number | undefined;
  error?: MemwireError | undefined;
  /**
   * The failed attempt's signal: the same object its `beforeRequest` and `afterResponse` got as
   * `context.signal`, one per attempt, so a hook can find what it kept for that attempt (a
   * tracing span, say), even with many calls in flight.
   *
   * @example
   * const spans = new WeakMap<AbortSignal, Span>(); // filled by beforeRequest, by context.signal
   * const hooks: Hooks = {
   *   beforeRetry({ signal }) {
   *     spans.get(signal)?.end(); // an attempt that got no response (a timeout, a dropped connection) ends here
   *   },
   * };
   */
  signal: AbortSignal;
}

/** Callbacks on every attempt; each may be async, and is awaited. */
export interface Hooks {
  /**
   * Runs before every attempt and every redirect hop it follows, after memwire has set the headers
   * and auth, inside the attempt's timeout; what it returns (a signed copy, say) is what is sent.
   * It may also change `request.headers` in place. The attempt's signal is `context.signal`:
   * `request.signal` never aborts.
   */
  beforeRequest?: ((request: Request, context: HookContext) => Request | undefined | Promise<Request | undefined>) | undefined;
  /** Runs for every attempt that got a response (a copy, free to read), whether it is retried or not. */
  afterResponse?: ((response: Response, context: HookContext) => unknown) | undefined;
  /** Runs before each retry's wait. */
  beforeRetry?: ((retry: RetryContext) => unknown) | undefined;
}

const HOOK_KEYS = { beforeRequest: 1, afterResponse: 1, beforeRetry: 1 } satisfies OptionKeys<Hooks>;

/** The `hooks` option checked (an object of functions, no unknown key) and copied: read once. */
export function checkHooks(hooks: unknown): Hooks {
  if (hooks === undefined) return {};
  if (typeof hooks !== 'object' || hooks === null) throw new InvalidArgumentError('hooks must be an object of functions');
  checkOptionKeys('hook', hooks, HOOK_KEYS);
  for (const [name, hook] of Object.entries(hooks)) {
    if (hook !== undefined && typeof hook !== 'function') throw new InvalidArgumentError(`hooks.${name} must be a function`);
  }
  return { ...hooks };
}

/**
 * Calls `hook`; what it throws or rejects with fails the call as the error `fail` makes of it. A
 * hook that returns no promise costs no promise: its value comes back as it is.
 */
export function runHook<Args extends unknown[], Result>(
  fail: (error: unknown) => Error,
  hook: (...args: Args) => Result,
  ...args: Args
): Result | Promise<Awaited<Result>> {
  const reject = (error: unknown): never => {
    throw fail(error);
  };
  try {
    const result = hook(...args);
    return isThenable(result) ? Promise.resolve(result).catch(reject) : result;
  } catch (error) {
    return reject(error);
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';
