/** Options for `failNext`: answer with an HTTP error instead of (or after) handling the request. */
export interface FailNextOptions {
  /** The status to answer with, 200 to 599. */
  status: number;
  /** How many consecutive requests get this fault. Default 1; `Infinity` for every request. */
  times?: number;
  /** Sent as `Retry-After`: seconds, or a raw header value such as an HTTP date. */
  retryAfter?: number | string;
  /** Sent as `retry-after-ms`. */
  retryAfterMs?: number;
  /** More response headers; they win over the fake's own (`x-request-id` included). */
  headers?: Record<string, string>;
  /**
   * The response body. A string is sent as is, as `text/html` when it starts with `<` (think of a
   * proxy's error page) and `text/plain` otherwise; anything else is sent as JSON. Default: the
   * provider's error body for the status's reason phrase, e.g. `{"detail":"Service Unavailable"}`.
   */
  body?: unknown;
  /**
   * A machine-readable error code that the provider's default error body carries (when `body` is
   * not given): Mielto's `error_code` (`{ detail, error_code }`, e.g. `CREDIT_LIMIT_EXCEEDED` with
   * status 402), OpenSearch's `error.type` (and its root cause's) in place of the default type;
   * MemoryLayer and Supermemory, whose documented error bodies have no code, add it as `code`.
   */
  errorCode?: string;
  /**
   * `false` (default): answer without touching the store, like a gateway rejecting the request.
   * `true`: handle the request normally (a write is applied), then answer with the fault anyway,
   * like a server that commits and then fails to report it.
   */
  applied?: boolean;
}

/** Options for `dropNext`: drop the connection instead of answering. */
export interface DropNextOptions {
  /** How many consecutive requests get this fault. Default 1; `Infinity` for every request. */
  times?: number;
  /** `false` (default): drop before handling. `true`: apply the write, then drop. */
  applied?: boolean;
}

/** Options for `delayNext`: wait on the fake's clock, then handle the request normally. */
export interface DelayNextOptions {
  /** Milliseconds of the fake's clock to wait before handling. */
  ms: number;
  /** How many consecutive requests get this fault. Default 1; `Infinity` for every request. */
  times?: number;
}

/** An HTTP-error fault, with defaults filled in. */
export interface FailFault {
  readonly kind: 'fail';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** `undefined` means the provider's default error body. */
  readonly body: unknown;
  /** The code the default error body carries, if any. */
  readonly errorCode: string | undefined;
  readonly applied: boolean;
}

/** A dropped-connection fault. */
export interface DropFault {
  readonly kind: 'drop';
  readonly applied: boolean;
}

/** A delay before normal handling. */
export interface DelayFault {
  readonly kind: 'delay';
  readonly ms: number;
}

/** A fault as the fake keeps it. */
export type Fault = FailFault | DropFault | DelayFault;

/**
 * Checks `failNext` options and turns them into a {@link Fault}; throws a `RangeError` for a
 * status the Response constructor would reject.
 *
 * @example
 * failFault({ status: 429, retryAfter: 2 });
 * // { kind: 'fail', status: 429, headers: { 'retry-after': '2' }, body: undefined, errorCode: undefined, applied: false }
 */
export function failFault(options: FailNextOptions): FailFault {
  const { status } = options;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new RangeError(`failNext: status must be an integer from 200 to 599, got ${status}`);
  }
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const { errorCode } = options;
  if (errorCode !== undefined && (typeof errorCode !== 'string' || errorCode === '')) {
    throw new TypeError(`failNext: errorCode must be a non-empty string, got ${JSON.stringify(errorCode)}`);
  }
  return { kind: 'fail', status, headers, body: options.body, errorCode, applied: options.applied ?? false };
}

/**
 * Turns `dropNext` options into a {@link Fault}.
 *
 * @example
 * dropFault({ applied: true }); // { kind: 'drop', applied: true }
 */
export function dropFault(options: DropNextOptions = {}): DropFault {
  return { kind: 'drop', applied: options.applied ?? false };
}

/**
 * Checks `delayNext` options and turns them into a {@link Fault}.
 *
 * @example
 * delayFault({ ms: 500 }); // { kind: 'delay', ms: 500 }
 */
export function delayFault(options: DelayNextOptions): DelayFault {
  if (!Number.isFinite(options.ms) || options.ms < 0) {
    throw new RangeError(`delayNext: ms must be a finite number >= 0, got ${options.ms}`);
  }
  return { kind: 'delay', ms: options.ms };
}

/**
 * Checks a fault's `times`: a positive integer, or `Infinity`. Default 1.
 *
 * @example
 * faultTimes(undefined); // 1
 */
export function faultTimes(times: number | undefined): number {
  const value = times ?? 1;
  if (value !== Infinity && (!Number.isInteger(value) || value < 1)) {
    throw new RangeError(`times must be a positive integer or Infinity, got ${value}`);
  }
  return value;
}
