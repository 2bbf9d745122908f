import { attemptSignal, sleep } from './abortable.js';
import { readBounded } from './bounded-body.js';
import type { Clock } from './clock.js';
import { failureCode, isNeverSent } from './connection-failure.js';
import type { CredentialSource } from './credentials.js';
import { AbortError } from './errors/abort-error.js';
import { ConnectionError } from './errors/connection-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { type HookContext, type Hooks, runHook } from './hooks.js';
import { fieldNames, type Log } from './log.js';
import { redact } from './redact.js';
import { isFollowed, MAX_REDIRECTS, redirectTarget } from './redirects.js';
import type { RequestSlots } from './request-slots.js';
import { requestedDelay } from './retry-after.js';
import type { RetryBudget } from './retry-budget.js';
import { MAX_REQUESTED_DELAY, retryDelay, shouldRetryFailure, shouldRetryStatus } from './retry-policy.js';
import { safeCause } from './safe-cause.js';
import type { SendGate } from './send-gate.js';

/** What the retrying fetch needs, fixed when a client is created. */
export interface TransportConfig {
  /** The provider's name, for error messages. */
  provider: string;
  credentials: CredentialSource;
  /** The caller's fetch; `undefined` means the global one, looked up at every attempt. */
  fetch: ((request: Request) => Promise<Response>) | undefined;
  clock: Clock;
  random: () => number;
  /** The longest response body read; past it the call fails (see `maxResponseBytes`). */
  maxResponseBytes: number;
  /** The caller's hooks, checked and copied once. */
  hooks: Hooks;
  /** `undefined` when logging is off. */
  log: Log | undefined;
  /** Shared by the client and the clients derived from it; `undefined` when turned off. */
  budget: RetryBudget | undefined;
  /** The shared `Retry-After` (`shareRetryAfter`); `undefined` when turned off. */
  gate: SendGate | undefined;
  /** `maxConcurrency`; `undefined` for no limit. */
  slots: RequestSlots | undefined;
}

/** What one call asks for. */
export interface CallPolicy {
  /** What the call is, for messages and hooks: `memories.update`, or a raw call's method and path template. */
  operation: string;
  /** The path template sent to (`/api/v1/memories/{memory_id}`), for log lines; else the URL's path. */
  template?: string;
  /** Whether sending the request twice has the same effect as once. */
  idempotent: boolean;
  maxRetries: number;
  timeout: number;
  /** Milliseconds for the whole call; `Infinity` for none. */
  totalTimeout: number;
  /** The caller's signal; without one, the request's own signal. */
  signal: AbortSignal | undefined;
  /**
   * Set by an operation, which decodes a success's body from `CallRecord.body`: the Response
   * handed back for a success then carries none, sparing it a stream that nothing reads.
   */
  decodes?: boolean;
  /** The JSON openapi-fetch's Request holds, when the caller has it: sent without reading it back from the Request. */
  json?: string | undefined;
}

/** What one call reports back: how many attempts it took and which secrets it used. */
export interface CallRecord {
  attempts: number;
  /** The last attempt's signal, for `beforeRetry`. */
  signal?: AbortSignal;
  secrets: Set<string>;
  /** Set once an attempt was redirected: the server may have applied it (see redirects.ts). */
  redirected?: boolean;
  /** Why the last response, a redirect, was not followed, for the error's message. */
  note?: string | undefined;
  /** The last response's body as received, so a success can be decoded strictly. */
  body?: Uint8Array<ArrayBuffer> | null;
  /** The URL the last attempt went to (the last hop, after redirects), for the origin errors name. */
  url?: string;
  /** When the last attempt was sent, after any wait for a slot or a shared `Retry-After`. */
  sentAt?: number;
  /** Why a failure that would have been retried was not (the budget, the deadline), for the error's message. */
  unretried?: string;
}

/**
 * `" (after 3 attempts)"` when a call made more than one, and why it stopped retrying when that
 * was not the server's answer (`" (after 2 attempts; not retried: …)"`), for every error's message.
 */
export function afterAttempts(attempts: number, unretried?: string): string {
  const notes = [attempts > 1 && `after ${attempts} attempts`, unretried && `not retried: ${unretried}`].filter(Boolean);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/**
 * `new URL(url).origin`, without parsing a URL as fetch serializes it (`http(s)://host[:port]/…`,
 * lowercase, with no credentials and no default port): the origin is what comes before the path.
 */
function originOf(url: string): string {
  return /^https?:\/\//.test(url) ? url.slice(0, url.indexOf('/', 8)) : new URL(url).origin;
}

/** The origin of the URL the call last tried: never a path (ids) or a query (tokens). */
export const triedOrigin = (record: CallRecord) => (record.url ? originOf(record.url) : undefined);

// The bytes a Request makes of a string body.
const utf8 = /* @__PURE__ */ new TextEncoder();

interface Failure {
  error: ConnectionError;
  neverSent: boolean;
}

/** What every attempt of one call shares. */
interface CallState {
  config: TransportConfig;
  request: Request;
  /** Read once, sent by every attempt: cheaper than teeing the body stream with clone() each time. */
  body: ArrayBuffer | null;
  policy: CallPolicy;
  /** The caller's signal. */
  signal: AbortSignal;
  record: CallRecord;
  prefix: string;
  /** Where the call goes first: what a shared `Retry-After` is kept for. */
  origin: string;
  /** When `totalTimeout` ends the call, in the clock's time. */
  deadline: number;
}

/**
 * Sends `request` until it succeeds, fails in a way not worth retrying, or runs out of retries.
 * Each attempt is a fresh copy of it, with the identical body, fresh credentials and its own timeout. Resolves to the last
 * response, whatever its status, with its body already read; rejects with a `MemwireError`.
 */
export async function sendWithRetries(
  config: TransportConfig,
  request: Request,
  policy: CallPolicy,
  record: CallRecord = { attempts: 0, secrets: new Set() },
): Promise<Response> {
  const signal = policy.signal ?? request.signal;
  const prefix = `${config.provider} ${policy.operation}: `;
  const { log, clock, budget, gate } = config;
  const body =
    policy.json !== undefined ? utf8.encode(policy.json).buffer : request.body === null ? null : await request.arrayBuffer();
  const call: CallState = {
    config,
    request,
    body,
    policy,
    signal,
    record,
    prefix,
    origin: originOf(request.url),
    deadline: clock.now() + policy.totalTimeout,
  };
  const sent = log && `${request.method} ${policy.template ?? new URL(request.url).pathname}`;
  const sentSize = log && body ? `, sent ${body.byteLength} bytes${fieldNames(body)}` : '';
  // What the call's last retry spent of the budget, given back if the call succeeds.
  let spent: number | undefined;
  for (let retry = 0; ; retry++) {
    if (signal.aborted) throw abortError(prefix, signal);
    record.attempts = retry + 1;
    const started = clock.now();
    let outcome: Response | Failure;
    try {
      outcome = await attempt(call);
    } catch (error) {
      log?.('debug', attemptLine(prefix, sent, record, (error as Error).name, started, clock) + sentSize, record.secrets);
      throw error;
    }
    const status = outcome instanceof Response ? outcome.status : undefined;
    const what = outcome instanceof Response ? outcome.status : outcome.error.name;
    if (log) {
      const size = status === undefined ? '' : `, received ${record.body?.byteLength ?? 0} bytes`;
      log('debug', attemptLine(prefix, sent, record, what, started, clock) + sentSize + size, record.secrets);
    }
    const headers = outcome instanceof Response ? outcome.headers : undefined;
    if (outcome instanceof Response) {
      if (outcome.ok) budget?.succeed(spent);
      gate?.answered(call.origin, record.sentAt!, outcome.ok, askedWait(outcome, clock));
    }
    // Once redirected, a non-idempotent call may have been applied, whatever the last hop answered.
    const retriesLeft = retry < policy.maxRetries && (policy.idempotent || !record.redirected);
    if (outcome instanceof Response) {
      if (outcome.ok || !retriesLeft || !shouldRetryStatus(outcome.status, outcome.headers, policy.idempotent)) {
        if (log && !outcome.ok && mayHaveApplied(policy, retry, outcome.headers, status)) {
          log('warn', notRetried(prefix, what, record), record.secrets);
        }
        return outcome;
      }
    } else if (!retriesLeft || !shouldRetryFailure(policy.idempotent, outcome.neverSent)) {
      if (log && mayHaveApplied(policy, retry, headers, status)) log('warn', notRetried(prefix, what, record), record.secrets);
      throw outcome.error;
    }
    const delay = retryDelay(retry, headers, clock, config.random);
    const stop =
      clock.now() + delay >= call.deadline
        ? `the next attempt would start after totalTimeout (${policy.totalTimeout} ms)`
        : budget && (spent = budget.spend(!(outcome instanceof Response) && outcome.error instanceof TimeoutError)) === undefined
          ? "the client's retry budget is exhausted"
          : undefined;
    if (stop) {
      record.unretried = stop;
      if (outcome instanceof Response) return outcome;
      const { error } = outcome;
      error.message =
        error.message.slice(0, error.message.length - afterAttempts(record.attempts).length) +
        afterAttempts(record.attempts, stop);
      throw error;
    }
    if (log) {
      const requested = headers && requestedDelay(headers, clock.now());
      if (requested !== undefined && requested > MAX_REQUESTED_DELAY) {
        const line = `${prefix}the server asked to wait ${requested} ms (Retry-After), beyond the ${MAX_REQUESTED_DELAY} ms memwire waits: backing off instead`;
        log('warn', line, record.secrets);
      }
      log('info', `${prefix}retrying in ${delay} ms after attempt ${retry + 1} (${what})`, record.secrets);
    }
    const { beforeRetry } = config.hooks;
    if (beforeRetry) {
      await runHook(prefix, 'beforeRetry', beforeRetry, {
        provider: config.provider,
        operation: policy.operation,
        attempt: retry + 1,
        delay,
        reason: outcome instanceof Response ? 'status' : outcome.error instanceof TimeoutError ? 'timeout' : 'connection',
        status,
        error: outcome instanceof Response ? undefined : outcome.error,
        signal: record.signal!,
      });
    }
    if (!(await sleep(delay, signal, clock))) throw abortError(prefix, signal);
  }
}

/** The wait a 429 or 503 asked for (within what memwire honours), which the client's other calls keep too. */
function askedWait(response: Response, clock: Clock): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const asked = requestedDelay(response.headers, clock.now());
  return asked !== undefined && asked <= MAX_REQUESTED_DELAY ? asked : undefined;
}

/**
 * `Mielto memories.update: PUT https://api.mielto.com/api/v1/memories/{memory_id} attempt 1: 503 in 2 ms`:
 * the origin and path template, never the ids or a query.
 */
function attemptLine(prefix: string, sent: unknown, record: CallRecord, what: unknown, started: unknown, clock: Clock) {
  const url = triedOrigin(record) ?? '';
  return `${prefix}${String(sent).replace(' ', ` ${url}`)} attempt ${record.attempts}: ${String(what)} in ${clock.now() - Number(started)} ms`;
}

/** Whether a non-idempotent call that is not retried would have been, were it idempotent: it may have been applied. */
function mayHaveApplied(policy: CallPolicy, retry: number, headers: Headers | undefined, status: number | undefined) {
  return !policy.idempotent && retry < policy.maxRetries && (!headers || shouldRetryStatus(status!, headers, true));
}

const notRetried = (prefix: string, what: unknown, record: CallRecord) =>
  `${prefix}not retried after attempt ${record.attempts} (${String(what)}): the server may have applied the write`;

async function attempt(call: CallState): Promise<Response | Failure> {
  const { config, request, policy, record, prefix } = call;
  const { clock, slots, gate } = config;
  const remaining = call.deadline - clock.now();
  const timeout = Math.min(policy.timeout, remaining);
  const { signal, aborted, dispose } = attemptSignal(call.signal, timeout, clock);
  // What the attempt waits for before it is sent, if anything: named by a timeout while it waits.
  let waitingFor: string | undefined;
  let release: (() => void) | undefined;
  record.signal = signal; // for beforeRetry: the signal this attempt's hooks were given
  try {
    if (slots) {
      waitingFor = 'a request slot (maxConcurrency)';
      if (!(release = await slots.take(signal))) throw signal.reason;
    }
    if (gate) {
      waitingFor = 'the wait a server asked for (Retry-After)';
      const passed = gate.pass(call.origin, signal);
      if (passed !== true && !(await passed)) throw signal.reason;
    }
    waitingFor = undefined;
    record.sentAt = clock.now();
    const pending = config.credentials();
    // `aborted` first: once the signal has aborted, it wins even over a promise already settled.
    const credentials = pending instanceof Promise ? await Promise.race([aborted, pending]) : pending;
    for (const secret of credentials.secrets) record.secrets.add(secret);
    // Copied from entries, not from the Headers object: msw's Node interceptor patches Headers and
    // keeps only what it saw set when one Headers is copied from another.
    const headers = new Headers([...request.headers]);
    headers.set('authorization', credentials.authorization);
    const init: HopInit = { method: request.method, body: call.body, headers, signal, redirect: 'manual' };
    const { beforeRequest, afterResponse } = config.hooks;
    const context: HookContext | undefined = (beforeRequest || afterResponse) && {
      provider: config.provider,
      operation: policy.operation,
      attempt: record.attempts,
      idempotent: policy.idempotent,
      signal,
    };
    // Raced with the signal as well: a fetch, or a body, that ignores it must not outlast the timeout.
    return await Promise.race([aborted, follow(config, request, init, policy, record, prefix, context)]);
  } catch (error) {
    if (call.signal.aborted) throw abortError(prefix, call.signal);
    // A redacted copy: what fetch threw may hold the server's text in any property, or throw when read.
    const cause = safeCause(error, record.secrets);
    if (cause instanceof MemwireError) throw cause;
    const origin = triedOrigin(record) ?? call.origin;
    const options = { cause, attempts: record.attempts, origin };
    const after = afterAttempts(record.attempts);
    if (signal.aborted) {
      // Not by the caller's signal: by the timeout, or by totalTimeout when less was left of it.
      const limit = timeout < policy.timeout ? `totalTimeout (${policy.totalTimeout} ms)` : `${policy.timeout} ms`;
      // Never sent, so nothing to retry: a new attempt would only wait in the same line.
      if (waitingFor) throw new TimeoutError(`${prefix}waited ${limit} for ${waitingFor}, and sent nothing${after}`, options);
      return { error: new TimeoutError(`${prefix}${origin} did not answer within ${limit}${after}`, options), neverSent: false };
    }
    const message = redact(`${prefix}could not reach ${origin}: ${describe(cause)}${after}`, record.secrets);
    return { error: new ConnectionError(message, options), neverSent: isNeverSent(cause) };
  } finally {
    release?.();
    dispose();
  }
}

interface HopInit {
  method: string;
  body: ArrayBuffer | null;
  headers: Headers;
  signal: AbortSignal;
  redirect: RequestRedirect;
}

/**
 * One attempt: the request, then each redirect memwire follows (the rule is in redirects.ts),
 * until a response that is the answer, read whole.
 */
async function follow(
  config: TransportConfig,
  request: Request,
  init: HopInit,
  policy: CallPolicy,
  record: CallRecord,
  prefix: string,
  context: HookContext | undefined,
): Promise<Response> {
  const { beforeRequest, afterResponse } = config.hooks;
  record.note = undefined;
  for (let url = request.url, hop = 0; ; hop++) {
    const customFetch = config.fetch; // called unbound: some fetches refuse another `this`
    // The first hop hands the global fetch (request, init) as they are: building a Request here too
    // would cost a second Request and a body copy on every attempt.
    let target: Request | string = hop ? url : request;
    let sendInit = init;
    let replaced: Request | undefined;
    record.url = url;
    if (beforeRequest) {
      // On every hop, so that a signature covers the URL actually sent. From the URL, not from
      // `request` (copying a Request costs a good deal more), and without the signal, which would
      // cost it a listener and a finalizer: the hook has that as `context.signal`.
      const { method, body, headers, redirect } = init;
      const built = new Request(url, { method, body, headers, redirect });
      const returned: unknown = await runHook(prefix, 'beforeRequest', beforeRequest, built, context!);
      if (returned !== undefined && !(returned instanceof Request)) {
        throw new MemwireError(`${prefix}the beforeRequest hook returned ${typeof returned}, not a Request`);
      }
      // A replacement keeps the attempt's signal and memwire's redirect handling, whatever it was
      // built with. Otherwise what is sent is the URL and init with the headers as the hook left
      // them (only headers can change on a Request; the body is the same bytes).
      if (returned) replaced = new Request(returned, { signal: init.signal, redirect });
      target = url;
      sendInit = { ...init, headers: built.headers };
    }
    const response = await (customFetch
      ? customFetch(replaced ?? new Request(target, sendInit))
      : replaced
        ? globalThis.fetch(replaced)
        : globalThis.fetch(target, sendInit));
    if (response.type === 'opaqueredirect') {
      // A browser, which hides where a redirect goes: memwire cannot follow it itself. An idempotent
      // call is sent once more for the browser to follow; a write is not sent twice.
      record.redirected = true;
      if (!policy.idempotent || init.redirect === 'follow') {
        throw new MemwireError(
          `${prefix}the server redirected the request, which a browser hides: it may have been applied and was not re-sent; point baseUrl at the final URL`,
        );
      }
      init.redirect = 'follow';
      continue;
    }
    // A custom fetch may follow redirects itself.
    if (response.redirected) record.redirected = true;
    const next = redirectTarget(response, url);
    if (next) {
      record.redirected = true;
      if (!isFollowed(response.status, init.method)) {
        record.note = `the server redirected the write to ${next.origin}${next.pathname}, which memwire does not follow for a write: it may have been applied and was not re-sent`;
      } else if (hop === MAX_REDIRECTS) {
        record.note = `more than ${MAX_REDIRECTS} redirects`;
      } else {
        response.body?.cancel().catch(() => {});
        if (next.origin !== new URL(url).origin) init.headers.delete('authorization');
        url = next.href;
        continue;
      }
    }
    // An operation's success keeps its body for afterResponse alone: nothing after it reads that body.
    const answer = await readWhole(response, config, record, init.signal, prefix, policy.decodes && !afterResponse);
    if (afterResponse) {
      // A copy over the bytes already read, free to read: cheaper than clone(), which tees the stream.
      const copy = policy.decodes && answer.ok ? answer : copyOf(answer, record.body);
      await runHook(prefix, 'afterResponse', afterResponse, copy, context!);
    }
    return answer;
  }
}

// Statuses whose responses cannot have a body (`new Response` refuses one).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
// The reason phrases `new Response` accepts: tabs, spaces and bytes 0x21–0xFF.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The response with its body read under the attempt's signal, so the timeout covers the whole
 * response and a connection dropped mid-body is a failed attempt, not a broken result. A body
 * longer than `maxResponseBytes` is abandoned as soon as it passes it: an `InvalidResponseError`.
 */
async function readWhole(
  response: Response,
  config: TransportConfig,
  record: CallRecord,
  signal: AbortSignal,
  prefix: string,
  decodes: boolean | undefined,
): Promise<Response> {
  if (response.type === 'error') throw new TypeError('Network error');
  const { status, headers } = response;
  const limit = config.maxResponseBytes;
  let body: Uint8Array<ArrayBuffer> | null | undefined = null;
  if (response.body && !NULL_BODY_STATUSES.has(status)) {
    // A declared length over the limit is refused before a byte is read.
    body = Number(headers.get('content-length')) > limit ? undefined : await readBounded(response.body, limit, signal);
    if (!body) {
      response.body.cancel().catch(() => {}); // a no-op when readBounded has cancelled it already
      throw new InvalidResponseError({
        message: `${prefix}${triedOrigin(record)} sent a body over maxResponseBytes (${limit} bytes), abandoned; raise that option to accept it`,
        origin: triedOrigin(record),
        status,
        headers: redact(headers, record.secrets),
        body: undefined,
        attempts: record.attempts,
      });
    }
  }
  record.body = body;
  return copyOf(response, decodes && response.ok ? null : body);
}

/**
 * A Response of `body` with `response`'s status line and headers. fetch hands back what the server
 * sent, but `new Response` refuses a status outside 200–599 and a reason phrase beyond Latin-1 (a
 * UTF-8 one, say): the copy is made with values it takes and then given the real ones, since a
 * response received must never pass for a failed attempt.
 */
function copyOf(response: Response, body: Uint8Array<ArrayBuffer> | null | undefined): Response {
  const { status, statusText, headers } = response;
  const copy = new Response(body, {
    status: Math.min(Math.max(status, 200), 599),
    statusText: REASON_PHRASE.test(statusText) ? statusText : '',
    headers,
  });
  if (copy.status === status && copy.statusText === statusText) return copy;
  return Object.defineProperties(copy, {
    status: { value: status },
    statusText: { value: statusText },
    ok: { value: status >= 200 && status <= 299 },
  });
}

function abortError(prefix: string, signal: AbortSignal): AbortError {
  return new AbortError(`${prefix}the request was aborted`, { cause: signal.reason });
}

/**
 * "fetch failed: connect ECONNREFUSED 127.0.0.1:4010": the messages down the cause chain (the
 * reason is rarely in the first), then the code when none of them says it.
 */
function describe(error: unknown): string {
  const messages: string[] = [];
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    if (cause.message && !messages.includes(cause.message)) messages.push(cause.message);
  }
  const text = messages.join(': ') || `fetch threw ${String(error)}`;
  const code = failureCode(error);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}
