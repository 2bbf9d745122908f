import { MemwireError } from '../errors/memwire-error.js';
import { runHook } from '../hooks.js';
import { redact } from '../redact.js';
import { isFollowed, MAX_REDIRECTS, redirectTarget } from '../redirects.js';
import type { Call } from './call-state.js';
import { hookFailure } from './hook-failure.js';
import type { Outcome } from './outcome.js';
import { readBody } from './read-answer.js';

/** One attempt as it goes, from the wait for a slot to the answer. */
export interface Attempt {
  signal: AbortSignal;
  /** Rejects with the signal's reason when it aborts: raced, it costs no listener. */
  aborted: Promise<never>;
  /** What is sent, `Authorization` included. */
  headers: Headers;
  /** `manual`: memwire follows redirects itself (redirects.ts); `follow` after a browser's opaque one. */
  redirect: RequestRedirect;
}

/**
 * The request, then each redirect memwire follows (the rule is in redirects.ts), until a response
 * that is the answer, its body read whole: the attempt's `answered` outcome.
 */
export async function sendHops(call: Call, attempt: Attempt): Promise<Outcome & { kind: 'answered' }> {
  for (let url = call.request.url, hop = 0; ; hop++) {
    call.url = url;
    const response = await sendHop(call, attempt, url);
    if (response.type === 'opaqueredirect') {
      followInBrowser(call, attempt);
      continue;
    }
    const next = redirectTarget(response, url);
    // (A custom fetch may follow redirects itself.) The hop before may have applied the write,
    // whatever the last one says: a non-idempotent call is not sent again, and says so.
    if (response.redirected || next) {
      call.redirected = true;
      if (!call.request.idempotent) call.applied = 'unknown';
    }
    call.note = next && refusal(call, next, response, url, hop);
    if (next) {
      if (!call.note) {
        response.body?.cancel().catch(() => {});
        if (next.origin !== new URL(url).origin) attempt.headers.delete('authorization');
        url = next.href;
        continue;
      }
    }
    return { kind: 'answered', response, body: await readBody(response, call, attempt.signal) };
  }
}

/**
 * Why a redirect is not followed, or `undefined` when it is. Where it pointed is shown as the
 * server sent it, redacted before anything else is done to it (a URL parser would turn a `\` in
 * a key into `/`), and without its query.
 */
function refusal(call: Call, next: URL, response: Response, from: string, hop: number): string | undefined {
  const sent = shownLocation(redact(response.headers.get('location')!, call.secrets), from);
  if (from.startsWith('https:') && next.protocol === 'http:') {
    return `the server redirected the request from https to plain http (${sent}), which memwire refuses: nothing was sent there`;
  }
  if (!isFollowed(response.status, call.request.method)) {
    return `the server redirected the write to ${sent}, which memwire does not follow for a write: it may have been applied and was not re-sent`;
  }
  return hop === MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : undefined;
}

/**
 * A (redacted) Location as an absolute URL without its query, or as sent when it no longer parses;
 * at most 200 characters, so that the refusal around it is never cut.
 */
function shownLocation(location: string, from: string): string {
  let shown: string;
  try {
    const url = new URL(location, from);
    shown = url.origin + url.pathname;
  } catch {
    shown = location.split(/[?#]/, 1)[0]!;
  }
  return shown.slice(0, 200);
}

/**
 * A browser hides where a redirect goes, so memwire cannot follow it itself. A read (GET, HEAD)
 * is sent once more for the browser to follow. A write is not: a browser turns a 303, or a 301 or
 * 302 of a POST, into a GET without the body, whose answer would pass for the write's.
 */
function followInBrowser(call: Call, attempt: Attempt) {
  call.redirected = true;
  const { method } = call.request;
  if (attempt.redirect === 'follow') {
    throw new MemwireError(
      `${call.prefix}the server redirected the request again, which a browser hides; point baseUrl at the final URL`,
    );
  }
  if (method !== 'GET' && method !== 'HEAD') {
    throw new MemwireError(
      `${call.prefix}the server redirected the write, which a browser hides and would turn into a GET without its body: it was not sent again, and nothing is known to have been written; point baseUrl at the final URL`,
    );
  }
  attempt.redirect = 'follow';
}

/** One hop: `beforeRequest` (on every hop, so that a signature covers the URL sent), then fetch. */
async function sendHop(call: Call, attempt: Attempt, url: string): Promise<Response> {
  const { method, body } = call.request;
  const { signal, redirect } = attempt;
  const { beforeRequest } = call.config.hooks;
  const customFetch = call.config.fetch; // called unbound: some fetches refuse another `this`
  const init: RequestInit = { method, body, headers: attempt.headers, signal, redirect };
  let replaced: Request | undefined;
  if (beforeRequest) {
    if (call.stage !== 'sent') call.stage = 'hook';
    // Without the signal, which would cost it a listener and a finalizer: the hook has it as `context.signal`.
    const built = new Request(url, { method, body, headers: attempt.headers, redirect });
    const applied = call.stage === 'sent' ? 'unknown' : call.applied;
    const fail = (cause: unknown) => hookFailure(call, { hook: 'beforeRequest', applied, cause });
    const returned: unknown = await runHook(fail, beforeRequest, built, call.context!);
    if (returned !== undefined && !(returned instanceof Request)) {
      throw new MemwireError(`${call.prefix}the beforeRequest hook returned ${typeof returned}, not a Request`);
    }
    // A replacement keeps the attempt's signal and memwire's redirect handling, whatever it was
    // built with; otherwise the headers are as the hook left them (only they can change in place).
    if (returned) replaced = new Request(returned, { signal, redirect });
    init.headers = built.headers;
  }
  // A deadline that passed while the key function or the hook ran: nothing is sent after it.
  if (signal.aborted) throw signal.reason;
  call.stage = 'sent';
  if (customFetch) return customFetch(replaced ?? new Request(url, init));
  return replaced ? globalThis.fetch(replaced) : globalThis.fetch(url, init);
}
