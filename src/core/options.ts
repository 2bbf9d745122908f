import type { Clock } from './clock.js';
import type { Hooks } from './hooks.js';
import type { Logger, LogLevel } from './log.js';
import type { ApiKey } from './credentials.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import type { OptionKeys } from './option-keys.js';
import type { RetryBudgetOptions } from './retry-budget.js';

/** The `apiKey` option of the clients that authenticate with a single key. */
export interface ApiKeyOption {
  /**
   * The provider's API key, or a function that returns one (called again for every attempt, so
   * it can refresh short-lived tokens). Never shown in errors.
   *
   * @default the provider's environment variable where `process.env` can be read:
   * `MIELTO_API_KEY`, `MEMORYLAYER_API_KEY` or `SUPERMEMORY_API_KEY` (never in a browser build)
   * @example
   * new Mielto() // reads MIELTO_API_KEY
   * @example
   * new Mielto({ apiKey: () => tokenStore.current() })
   */
  apiKey?: ApiKey | undefined;
}

/** Options every memwire client takes. */
export interface ClientOptions {
  /** The API's origin, to reach a proxy or a local sandbox. Each client documents its default. */
  baseUrl?: string | undefined;
  /**
   * Retries after the first attempt (see "Retries" in the README for what is retried).
   *
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds each attempt may take, until the whole response has arrived.
   *
   * @default 60_000
   */
  timeout?: number | undefined;
  /**
   * Milliseconds the whole call may take: every attempt, every wait before a retry, and every wait
   * for a request slot or a server's `Retry-After`. An attempt in flight at the deadline is aborted
   * with a `TimeoutError`; a retry that would start after it is not made, and the call throws the
   * last attempt's error at once. Each call can set its own.
   *
   * @default Infinity (none: each attempt has its `timeout`)
   * @example
   * new Mielto({ apiKey, totalTimeout: 15_000 })
   */
  totalTimeout?: number | undefined;
  /**
   * The client's retry tokens, shared with the clients derived from it (`withWorkspace`): each
   * retry spends some, each success gives some back, and a failure the budget cannot pay a retry
   * for is thrown as it is. A service that is down then sees about one extra request for every
   * three calls, not two. The first attempt of a call never needs tokens. `false` turns it off.
   *
   * @default true: { capacity: 500, retryCost: 5, timeoutCost: 10, refund: 1 }
   * @example
   * new Mielto({ apiKey, retryBudget: { capacity: 100 } })
   * @example
   * new Mielto({ apiKey, retryBudget: false })
   */
  retryBudget?: boolean | RetryBudgetOptions | undefined;
  /**
   * When a server answers 429 or 503 with `Retry-After` (or `retry-after-ms`), the client's other
   * calls to that origin wait as well, and then resume at a paced rate that grows as requests
   * succeed, so the next burst does not hit the limit again. `false`: each call waits only for
   * the answers it got itself.
   *
   * @default true
   * @example
   * new Mielto({ apiKey, shareRetryAfter: false })
   */
  shareRetryAfter?: boolean | undefined;
  /**
   * Requests of this client (and the clients derived from it) in flight at once; the others wait
   * in call order, each still under its signal and `totalTimeout`.
   *
   * @default Infinity (no limit)
   * @example
   * new Mielto({ apiKey, maxConcurrency: 4 })
   */
  maxConcurrency?: number | undefined;
  /**
   * The largest response body, in bytes, that is read. A longer one is abandoned as soon as it
   * passes this (the connection is closed) and the call throws `InvalidResponseError`, not
   * retried: no memory response comes near the default. `Infinity` turns it off.
   *
   * @default 8_388_608 (8 MiB)
   * @example
   * new Mielto({ apiKey, maxResponseBytes: 32 * 1024 * 1024 })
   */
  maxResponseBytes?: number | undefined;
  /**
   * The `fetch` to send with. By default the global `fetch`, looked up at every call so that
   * mocks installed later are used. Anything else than a function is refused when the client is made.
   *
   * @example
   * new Mielto({ apiKey, fetch: (request) => myInstrumentedFetch(request) })
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Extra headers for every request, in any form `fetch` takes (its `HeadersInit`): a record of
   * names to values, a `Headers`, or `[name, value]` pairs in an array, a `Map` or any iterable.
   * Each name and value is checked when the client is made; `Authorization` cannot be set (memwire
   * sets it from the credentials), nor a framing or hop-by-hop header (`Host`, `Content-Length`,
   * `Connection`…). Browsers send a CORS preflight for each custom header: the server must allow it.
   *
   * @example
   * new Mielto({ apiKey, headers: { 'X-Trace-Id': traceId } })
   * @example
   * new Mielto({ apiKey, headers: new Headers({ 'X-Team': 'search' }) })
   * @example
   * new Mielto({ apiKey, headers: new Map([['X-Team', 'search']]) })
   * @example
   * new Mielto({ apiKey, headers: [['X-Team', 'search'], ['X-Trace-Id', traceId]] })
   */
  headers?: Record<string, string> | Headers | Iterable<readonly [string, string]> | undefined;
  /**
   * Where timers and the current time come from: inject one to control time in tests.
   *
   * @default the global `setTimeout`, `clearTimeout` and `Date.now`, looked up at every call
   */
  clock?: Clock | undefined;
  /**
   * Randomness for retry jitter, a number in [0, 1).
   *
   * @default Math.random
   */
  random?: (() => number) | undefined;
  /**
   * Callbacks on every attempt: `beforeRequest` sees (and may replace, to sign it) each request as
   * it is sent, `afterResponse` each response, `beforeRetry` each retry and why. A hook that throws
   * fails the call with a `MemwireError` whose `cause` is what it threw; it is not retried.
   *
   * @default none
   * @example
   * new Mielto({ apiKey, hooks: { beforeRetry: ({ attempt, delay, reason }) => metrics.retry(attempt, delay, reason) } })
   */
  hooks?: Hooks | undefined;
  /**
   * Where log lines go. Every line is redacted of the call's secrets and holds no body content:
   * sizes and field names only.
   *
   * @default console
   * @example
   * new Mielto({ apiKey, logLevel: 'debug', logger: pino() })
   */
  logger?: Logger | undefined;
  /**
   * How much to log: `debug` one line per attempt, `info` each retry, `warn` a write not retried
   * because it may have been applied and a `Retry-After` over the 60 s memwire waits, `error`
   * nothing (every failure is a thrown error).
   *
   * @default 'off', or the `MEMWIRE_LOG` environment variable where `process.env` exists
   * @example
   * new Mielto({ apiKey, logLevel: 'info' })
   */
  logLevel?: LogLevel | undefined;
}

/** Options for one call; each overrides the client's. */
export interface RequestOptions {
  /**
   * Cancels the call: stops the attempt in flight or the wait before a retry, and throws `AbortError`.
   *
   * @example
   * await mielto.memories.update(id, patch, { signal: AbortSignal.timeout(5_000) })
   */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds each attempt of this call may take.
   *
   * @default the client's `timeout`
   */
  timeout?: number | undefined;
  /**
   * Retries for this call.
   *
   * @default the client's `maxRetries`
   */
  maxRetries?: number | undefined;
  /**
   * Milliseconds this whole call may take: attempts and waits (see the client's `totalTimeout`).
   *
   * @default the client's `totalTimeout`
   * @example
   * await mielto.memories.update(id, patch, { totalTimeout: 10_000 })
   */
  totalTimeout?: number | undefined;
  /**
   * Headers for this call, in any form the client's `headers` takes (a record, a `Headers`, or
   * `[name, value]` pairs in an array, a `Map` or any iterable), checked like them and merged over
   * them by name, whatever the case of each: sent on every attempt. They cannot set
   * `Authorization`: memwire sets it from the credentials.
   *
   * @default none: the client's headers only
   * @example
   * await mielto.memories.update(id, patch, { headers: { 'x-trace-id': traceId } })
   * @example
   * await mielto.memories.update(id, patch, { headers: new Headers({ 'x-trace-id': traceId }) })
   * @example
   * await mielto.memories.update(id, patch, { headers: [['x-trace-id', traceId]] })
   */
  headers?: Record<string, string> | Headers | Iterable<readonly [string, string]> | undefined;
}

/** The keys of {@link ClientOptions}, which each client's own options extend. */
export const CLIENT_OPTION_KEYS = {
  baseUrl: 1,
  maxRetries: 1,
  timeout: 1,
  totalTimeout: 1,
  retryBudget: 1,
  shareRetryAfter: 1,
  maxConcurrency: 1,
  maxResponseBytes: 1,
  fetch: 1,
  headers: 1,
  clock: 1,
  random: 1,
  hooks: 1,
  logger: 1,
  logLevel: 1,
} satisfies OptionKeys<ClientOptions>;

/** The keys of {@link RequestOptions}. */
export const REQUEST_OPTION_KEYS = {
  signal: 1,
  timeout: 1,
  totalTimeout: 1,
  maxRetries: 1,
  headers: 1,
} satisfies OptionKeys<RequestOptions>;

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** `maxRetries` when it is a whole number of at least 0, else an `InvalidArgumentError`. */
export function checkMaxRetries(value: unknown): number {
  return wholeNumber(value, 'maxRetries', 0);
}

/** `maxConcurrency` when it is a whole number of at least 1 (`Infinity` for no limit), else an `InvalidArgumentError`. */
export function checkMaxConcurrency(value: unknown): number {
  return value === Infinity ? value : wholeNumber(value, 'maxConcurrency', 1);
}

function wholeNumber(value: unknown, name: string, least: number): number {
  if (!Number.isInteger(value) || (value as number) < least) {
    throw new InvalidArgumentError(`${name} must be a whole number of at least ${least}, got ${String(value)}`);
  }
  return value as number;
}

/** `timeout` when it is a number of milliseconds above 0 (`Infinity` for none), else an `InvalidArgumentError`. */
export function checkTimeout(value: unknown, name = 'timeout'): number {
  return aboveZero(value, `${name} must be a number of milliseconds`);
}

/** `maxResponseBytes` when it is a number above 0 (`Infinity` for no limit), else an `InvalidArgumentError`. */
export function checkMaxResponseBytes(value: unknown): number {
  return aboveZero(value, 'maxResponseBytes must be a number of bytes');
}

function aboveZero(value: unknown, rule: string): number {
  // NaN is not above 0 either.
  if (typeof value !== 'number' || !(value > 0)) {
    throw new InvalidArgumentError(`${rule} above 0, got ${String(value)}`);
  }
  return value;
}
