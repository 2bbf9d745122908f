/** Statuses worth another attempt for an idempotent operation. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Statuses that say the server did not apply the request, so even an operation that is not
 * idempotent (one that creates a new record each time) can be sent again. A 503 says so only with
 * a `Retry-After` (or `retry-after-ms`): proxies answer a bare 503 after the backend received the
 * request (Heroku's router timeouts, Envoy's "upstream connect error or disconnect/reset").
 */
export const NOT_APPLIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 503]);

/** The longest `Retry-After` honoured; past it, memwire backs off as if none was sent. */
export const MAX_REQUESTED_DELAY = 60_000;
const INITIAL_DELAY = 500;
const MAX_DELAY = 8_000;

/** Whether a failed response should be retried. `x-should-retry` from the server overrides. */
export function shouldRetryStatus(status: number, headers: Headers, idempotent: boolean): boolean {
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  if (idempotent) return RETRIED_STATUSES.has(status);
  return NOT_APPLIED_STATUSES.has(status) && (status !== 503 || headers.has('retry-after') || headers.has('retry-after-ms'));
}

/**
 * How long to wait before retry number `retry` (0 for the first): what the server asked
 * (`requested`, never negative), when at most 60 s, else 0.5 s x 2^retry capped at 8 s, less up to
 * 25% jitter.
 */
export function retryDelay(retry: number, requested: number | undefined, random: () => number): number {
  if (requested !== undefined && requested <= MAX_REQUESTED_DELAY) return requested;
  const backoff = Math.min(INITIAL_DELAY * 2 ** retry, MAX_DELAY);
  return backoff * (1 - random() * 0.25);
}
