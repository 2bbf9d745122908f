import type { Clock } from './clock.js';
import type { Hooks } from './hooks.js';
import type { Logger, LogLevel } from './log.js';
import type { ApiKey } from './credentials.js';
import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import type { OptionKeys } from './option-keys.js';

/** The `apiKey` option of the clients that authenticate with a single key. */
export interface ApiKeyOption {
  /**
   * The provider's API key, or a function that returns one (called again for every attempt, so
   * it can refresh short-lived tokens). Never shown in errors.
   *
   * @example
   * new Mielto({ apiKey: process.env.MIELTO_API_KEY! })
   * @example
   * new Mielto({ apiKey: () => tokenStore.current() })
   */
  apiKey: ApiKey;
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
   * mocks installed later are used.
   *
   * @example
   * new Mielto({ apiKey, fetch: (request) => myInstrumentedFetch(request) })
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Extra headers for every request. Browsers send a CORS preflight for each custom header: the
   * server must allow it.
   *
   * @example
   * new Mielto({ apiKey, headers: { 'X-Trace-Id': traceId } })
   */
  headers?: Record<string, string> | undefined;
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
   * Headers for this call, merged over the client's `headers` and checked like them, sent on every
   * attempt. They cannot set `Authorization`: memwire sets it from the credentials.
   *
   * @default none: the client's headers only
   * @example
   * await mielto.memories.update(id, patch, { headers: { 'x-trace-id': traceId } })
   */
  headers?: Record<string, string> | undefined;
}

/** The keys of {@link ClientOptions}, which each client's own options extend. */
export const CLIENT_OPTION_KEYS = {
  baseUrl: 1,
  maxRetries: 1,
  timeout: 1,
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
export const REQUEST_OPTION_KEYS = { signal: 1, timeout: 1, maxRetries: 1, headers: 1 } satisfies OptionKeys<RequestOptions>;

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** `maxRetries` when it is a whole number of at least 0, else an `InvalidArgumentError`. */
export function checkMaxRetries(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`maxRetries must be a whole number of at least 0, got ${String(value)}`);
  }
  return value;
}

/** `timeout` when it is a number of milliseconds above 0 (`Infinity` for none), else an `InvalidArgumentError`. */
export function checkTimeout(value: unknown): number {
  return aboveZero(value, 'timeout must be a number of milliseconds');
}

/** `maxResponseBytes` when it is a number above 0 (`Infinity` for no limit), else an `InvalidArgumentError`. */
export function checkMaxResponseBytes(value: unknown): number {
  return aboveZero(value, 'maxResponseBytes must be a number of bytes');
}

function aboveZero(value: unknown, rule: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new InvalidArgumentError(`${rule} above 0, got ${String(value)}`);
  }
  return value;
}
