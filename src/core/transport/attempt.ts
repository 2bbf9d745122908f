import { attemptSignal } from '../abortable.js';
import { isNeverSent } from '../connection-failure.js';
import { ConnectionError } from '../errors/connection-error.js';
import { MemwireError } from '../errors/memwire-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { HookContext } from '../hooks.js';
import { redact } from '../redact.js';
import { safeCause } from '../safe-cause.js';
import { abortError, afterAttempts, type Call, triedOrigin } from './call-state.js';
import { describeFailure } from './describe-failure.js';
import { hookFailure } from './hook-failure.js';
import { type Attempt, sendHops } from './hops.js';
import { appliedBy, laterApplied, type Outcome, withApplied } from './outcome.js';
import { copyOf } from './read-answer.js';

// What an attempt waits for before it is sent, named by a timeout while it waits.
const WAITING = {
  slot: 'a request slot (maxConcurrency)',
  gate: 'the wait a server asked for (Retry-After)',
  key: 'the apiKey function',
  hook: 'the beforeRequest hook',
} as const;

/**
 * One attempt: a slot, the shared wait, the credentials, then the request and its redirects, and
 * `afterResponse`. Always ends as one {@link Outcome}, except for the caller's abort and memwire's
 * own refusals (a redirect it will not follow, a body over maxResponseBytes), which end the call.
 */
export async function runAttempt(call: Call): Promise<Outcome> {
  const { config, request } = call;
  const { clock, slots, gate } = config;
  const timeout = Math.min(request.timeout, call.deadline - clock.now());
  const { signal, aborted, dispose } = attemptSignal(request.signal, timeout, clock);
  const attempt: Attempt = { signal, aborted, headers: new Headers(request.headers), redirect: 'manual' };
  let release: (() => void) | undefined;
  call.stage = 'slot';
  // Until it is sent, the attempt is bound for the request's own URL, not where the last one was redirected.
  call.url = request.url;
  call.context = hookContext(call, signal);
  try {
    if (slots && !(release = await slots.take(signal))) throw signal.reason;
    call.stage = 'gate';
    const passed = gate?.pass(call.origin, signal);
    if (passed instanceof Promise && !(await passed)) throw signal.reason;
    // A wait that ends as the deadline passes must not send: the deadline wins.
    if (signal.aborted) throw signal.reason;
    call.stage = 'key';
    call.sentAt = clock.now();
    const pending = config.credentials();
    // `aborted` first: once the signal has aborted, it wins even over a promise already settled.
    const credentials = pending instanceof Promise ? await Promise.race([aborted, pending]) : pending;
    for (const secret of credentials.secrets) call.secrets.add(secret);
    attempt.headers.set('authorization', credentials.authorization);
    // Raced with the signal as well: a fetch, or a body, that ignores it must not outlast the timeout.
    const outcome = await Promise.race([aborted, sendHops(call, attempt)]);
    if (config.hooks.afterResponse) outcome.hookError = await afterResponse(call, attempt, outcome);
    return outcome;
  } catch (error) {
    return failed(call, attempt, error, timeout);
  } finally {
    release?.();
    dispose();
  }
}

/** What `beforeRequest` and `afterResponse` are told; built even when neither is set, which costs less code than checking. */
function hookContext(call: Call, signal: AbortSignal): HookContext {
  const { operation, idempotent } = call.request;
  return { provider: call.config.provider, operation, attempt: call.attempts, idempotent, signal };
}

/**
 * Runs `afterResponse` on a copy of the answer, under the attempt's signal; what it throws, or a
 * timeout or abort while it runs, is kept with the answer: a write answered 2xx is never hidden.
 */
async function afterResponse(call: Call, attempt: Attempt, outcome: Outcome & { kind: 'answered' }) {
  const { response, body } = outcome;
  try {
    const ran = call.config.hooks.afterResponse!(copyOf(response, body), call.context!);
    await Promise.race([attempt.aborted, ran]);
  } catch (error) {
    const failed = attempt.signal.aborted ? 'did not settle before the attempt ended' : 'threw';
    const applied = laterApplied(call.applied, appliedBy(outcome));
    return hookFailure(call, { hook: 'afterResponse', applied, status: response.status, cause: error }, failed);
  }
}

/** What an attempt that threw comes to: the caller's abort, a refusal that ends the call, or an outcome. */
function failed(call: Call, attempt: Attempt, error: unknown, timeout: number): Outcome {
  const { request, prefix } = call;
  const sent = call.stage === 'sent';
  // Thrown, these end the call: the write may have landed once the request was sent.
  const applied = laterApplied(call.applied, sent ? 'unknown' : 'no');
  if (request.signal.aborted) {
    throw abortError(call, applied);
  }
  // A redacted copy: what fetch threw may hold the server's text in any property, or throw when read.
  const cause = safeCause(error, call.secrets);
  if (cause instanceof MemwireError) {
    if (sent) throw withApplied(cause, applied);
    return { kind: 'not-sent', error: cause, retryable: false };
  }
  const origin = triedOrigin(call);
  const options = { cause, attempts: call.attempts, origin };
  const after = afterAttempts(call.attempts);
  if (attempt.signal.aborted) {
    // Not by the caller's signal: by the timeout, or by totalTimeout when less was left of it.
    const limit = timeout < request.timeout ? `totalTimeout (${request.totalTimeout} ms)` : `${request.timeout} ms`;
    if (sent)
      return {
        kind: 'no-answer',
        error: new TimeoutError(`${prefix}${origin} did not answer within ${limit}${after}`, options),
        delivered: true,
      };
    const stage = call.stage as keyof typeof WAITING;
    const message = `${prefix}waited ${limit} for ${WAITING[stage]}, and sent nothing${after}`;
    // A wait in line is not retried (a new attempt would wait in the same line); a slow key or hook may be.
    return { kind: 'not-sent', error: new TimeoutError(message, options), retryable: stage === 'key' || stage === 'hook' };
  }
  if (!sent) {
    const message = redact(
      `${prefix}the request could not be made, and nothing was sent: ${describeFailure(cause)}`,
      call.secrets,
    );
    return { kind: 'not-sent', error: new MemwireError(message, { cause }), retryable: false };
  }
  const message = redact(`${prefix}could not reach ${origin}: ${describeFailure(cause)}${after}`, call.secrets);
  return { kind: 'no-answer', error: new ConnectionError(message, options), delivered: !isNeverSent(cause) };
}
