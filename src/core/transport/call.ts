import { attemptSignal, sleep } from '../abortable.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { type RetryContext, runHook } from '../hooks.js';
import { requestedDelay } from '../retry-after.js';
import { MAX_REQUESTED_DELAY, retryDelay } from '../retry-policy.js';
import {
  abortError,
  afterAttempts,
  type Answer,
  type Call,
  type CallRequest,
  originOf,
  triedOrigin,
  type TransportConfig,
} from './call-state.js';
import { runAttempt } from './attempt.js';
import { hookFailure } from './hook-failure.js';
import { attemptLine, logRetry, notRetriedLine, outcomeLine, outcomeName } from './log-lines.js';
import { appliedBy, laterApplied, type Outcome, shouldRetry, withApplied, withheldAsApplied } from './outcome.js';

/**
 * Sends a request until it is answered, fails in a way not worth retrying, or runs out of
 * retries, the budget or time. Resolves to the last answer, whatever its status, its body read;
 * rejects with a `MemwireError`.
 */
export async function sendCall(config: TransportConfig, request: CallRequest): Promise<Answer> {
  const { clock, budget } = config;
  const call: Call = {
    config,
    request,
    prefix: `${config.provider} ${request.operation}: `,
    origin: originOf(request.url),
    deadline: clock.now() + request.totalTimeout,
    secrets: new Set(),
    attempts: 0,
    url: request.url,
    redirected: false,
    applied: 'no',
    stage: 'slot',
    sentAt: 0,
  };
  // What the call's last retry spent of the budget, given back if the call succeeds.
  let spent: number | undefined;
  for (let retry = 0; ; retry++) {
    if (request.signal.aborted) throw abortError(call);
    call.attempts = retry + 1;
    const started = clock.now();
    const outcome = await runAttempt(call).catch((error: Error) => {
      config.log?.('debug', attemptLine(call, error.name, started), call.secrets);
      throw error;
    });
    config.log?.('debug', outcomeLine(call, outcome, started), call.secrets);
    // The wait the server asked for (Retry-After), read once for the shared wait, the delay and the
    // log; a 2xx is never retried, so its headers are not read.
    const requested = outcome.response?.ok === false ? requestedDelay(outcome.response.headers, clock.now()) : undefined;
    settle(call, outcome, spent, requested);
    const retriesLeft = retry < request.maxRetries;
    if (!retriesLeft || !shouldRetry(outcome, request.idempotent, call.redirected)) return finish(call, outcome, retriesLeft);
    const delay = retryDelay(retry, requested, config.random);
    let stop = pastDeadline(call, delay);
    if (!stop && budget && (spent = budget.spend(outcome.error instanceof TimeoutError)) === undefined) {
      stop = "the client's retry budget is exhausted";
    }
    if (stop) return finish(call, outcome, false, stop);
    logRetry(call, outcome, delay, requested);
    await beforeRetry(call, outcome, delay);
    // The hook may have used what was left of totalTimeout.
    stop = pastDeadline(call, delay);
    if (stop) return finish(call, outcome, false, stop);
    if (!(await sleep(delay, request.signal, clock))) throw abortError(call);
  }
}

/** What an attempt tells the call and the client's shared pieces: the budget, the shared wait. */
function settle(call: Call, outcome: Outcome, spent: number | undefined, requested: number | undefined) {
  call.applied = laterApplied(call.applied, appliedBy(outcome));
  if (outcome.kind !== 'answered') return;
  const { ok, status } = outcome.response;
  if (ok) call.config.budget?.succeed(spent);
  // The wait a 429 or 503 asked for (within what memwire honours), which the client's other calls keep too.
  const asked =
    (status === 429 || status === 503) && requested !== undefined && requested <= MAX_REQUESTED_DELAY ? requested : undefined;
  call.config.gate?.answered(call.origin, call.sentAt, ok, asked);
}

const pastDeadline = (call: Call, delay: number) =>
  call.config.clock.now() + delay >= call.deadline
    ? `the next attempt would start after totalTimeout (${call.request.totalTimeout} ms)`
    : undefined;

/** The call's end: the answer, or the outcome's error, saying why it was not retried when that was not the server's doing. */
function finish(call: Call, outcome: Outcome, retriesLeft: boolean, stop?: string): Answer {
  const { log } = call.config;
  if (log && retriesLeft && withheldAsApplied(outcome, call.request.idempotent, call.redirected)) {
    log('warn', notRetriedLine(call, outcome), call.secrets);
  }
  call.unretried = stop;
  if (outcome.kind === 'answered') return { ...outcome, call };
  const error = withApplied(outcome.error, call.applied);
  if (stop) {
    error.message =
      error.message.slice(0, error.message.length - afterAttempts(call.attempts).length) + afterAttempts(call.attempts, stop);
  }
  throw error;
}

/** `beforeRetry`, bounded by the caller's signal and totalTimeout: a hook that never settles cannot hold the call. */
async function beforeRetry(call: Call, outcome: Outcome, delay: number) {
  const hook = call.config.hooks.beforeRetry;
  if (!hook) return;
  const { config, request } = call;
  const context: RetryContext = {
    provider: config.provider,
    operation: request.operation,
    attempt: call.attempts,
    delay,
    reason: outcome.kind === 'answered' ? 'status' : outcome.error instanceof TimeoutError ? 'timeout' : 'connection',
    status: outcome.response?.status,
    error: outcome.error,
    signal: call.context!.signal,
  };
  const ran = runHook((cause) => hookFailure(call, { hook: 'beforeRetry', applied: call.applied, cause }), hook, context);
  if (!(ran instanceof Promise)) return;
  const bound = attemptSignal(request.signal, call.deadline - config.clock.now(), config.clock);
  try {
    await Promise.race([bound.aborted, ran]);
  } catch (error) {
    if (request.signal.aborted) throw abortError(call);
    if (!bound.signal.aborted) throw error;
    const message = `${call.prefix}totalTimeout (${request.totalTimeout} ms) passed while the beforeRetry hook ran after attempt ${call.attempts} (${outcomeName(outcome)})`;
    throw withApplied(
      new TimeoutError(message, { cause: error, attempts: call.attempts, origin: triedOrigin(call) }),
      call.applied,
    );
  } finally {
    bound.dispose();
  }
}
