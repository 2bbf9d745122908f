import type { ConnectionError } from '../errors/connection-error.js';
import type { HookError } from '../errors/hook-error.js';
import { MemwireError } from '../errors/memwire-error.js';
import { shouldRetryStatus } from '../retry-policy.js';

/**
 * How one attempt ended, decided in one place (attempt.ts):
 * - `not-sent`: nothing reached fetch (a wait, the key function, a hook, the deadline);
 * - `no-answer`: fetch was called and no response came (`delivered` false only when the failure
 *   proves no byte reached a server: a refused connection);
 * - `answered`: a response, its body read whole, and what `afterResponse` threw about it, if anything.
 * Only `answered` has a `response`, and only it has no `error`.
 */
export type Outcome =
  | { kind: 'not-sent'; error: MemwireError; retryable: boolean; response?: undefined }
  | { kind: 'no-answer'; error: ConnectionError; delivered: boolean; response?: undefined }
  | {
      kind: 'answered';
      response: Response;
      body: Uint8Array<ArrayBuffer> | null;
      hookError?: HookError | undefined;
      error?: undefined;
    };

/** What the server may have done with the write: `'no'`, `'yes'`, or `'unknown'` when it may have applied it. */
export type Applied = 'no' | 'yes' | 'unknown';

/**
 * Whether the call tries again after this outcome: a pure function of the outcome and the
 * operation (retries left, the budget and the deadline are the loop's).
 */
export function shouldRetry(outcome: Outcome, idempotent: boolean, redirected: boolean): boolean {
  if (outcome.kind === 'not-sent') return outcome.retryable;
  // Once redirected, a non-idempotent call may have been applied, whatever the last hop answered.
  if (redirected && !idempotent) return false;
  if (outcome.kind === 'no-answer') return idempotent || !outcome.delivered;
  const { response, hookError } = outcome;
  return !response.ok && !hookError && shouldRetryStatus(response.status, response.headers, idempotent);
}

/**
 * Whether a write is not retried only because it may have been applied, which it would be were it
 * idempotent: what the "not retried" warning is logged for.
 */
export const withheldAsApplied = (outcome: Outcome, idempotent: boolean, redirected: boolean) =>
  !idempotent && shouldRetry(outcome, true, false) && !shouldRetry(outcome, false, redirected);

/** What this attempt tells of the write: refused or never sent, applied, or perhaps. */
export function appliedBy(outcome: Outcome): Applied {
  if (outcome.kind === 'not-sent') return 'no';
  if (outcome.kind === 'no-answer') return outcome.delivered ? 'unknown' : 'no';
  const { status, headers } = outcome.response;
  if (status >= 200 && status <= 299) return 'yes';
  // A 4xx is a refusal; so is an answer that says the request was not processed (a 503 with Retry-After).
  return (status >= 400 && status <= 499) || shouldRetryStatus(status, headers, false) ? 'no' : 'unknown';
}

/** The call's knowledge after one more attempt: once a write may have landed, it stays so. */
export const laterApplied = (before: Applied, now: Applied): Applied =>
  before === 'yes' || now === 'yes' ? 'yes' : before === 'unknown' || now === 'unknown' ? 'unknown' : 'no';

/** `error` with what the call knows of its write, unless it says so itself (a HookError). */
export function withApplied<E>(error: E, applied: Applied): E {
  if (error instanceof MemwireError && error.applied === undefined) error.applied = applied;
  return error;
}
