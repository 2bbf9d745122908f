import { MemwireError } from '../errors/memwire-error.js';
import type { HookContext } from '../hooks.js';
import { runHook } from '../hooks.js';
import { isFollowed, MAX_REDIRECTS, redirectTarget } from '../redirects.js';
import type { Call } from './call-state.js';
import { hookFailure } from './hook-failure.js';
import { readBody } from './read-answer.js';

/** One attempt as it goes, from the wait for a slot to the answer. */
export interface Attempt {
  signal: AbortSignal;
  /** Rejects with the signal's reason when it aborts: raced, it costs no listener. */
  aborted: Promise<never>;
  /** What it is waiting for; `sent` once fetch has been called, which it stays. */
  stage: 'slot' | 'gate' | 'key' | 'hook' | 'sent';
  /** What is sent, `Authorization` included. */
  headers: Headers;
  /** `manual`: memwire follows redirects itself (redirects.ts); `follow` after a browser's opaque one. */
  redirect: RequestRedirect;
  context?: HookContext | undefined;
}

/**
 * The request, then each redirect memwire follows (the rule is in redirects.ts), until a response
 * that is the answer, its body read whole.
 */
export async function sendHops(call: Call, attempt: Attempt) {
  call.note = undefined;
  for (let url = call.request.url, hop = 0; ; hop++) {
    call.url = url;
    const response = await sendHop(call, attempt, url);
    if (response.type === 'opaqueredirect') {
      followInBrowser(call, attempt);
      continue;
    }
    // A custom fetch may follow redirects itself.
    if (response.redirected) call.redirected = true;
    const next = redirectTarget(response, url);
    if (next) {
      call.redirected = true;
      call.note = refusal(next, response.status, call.request.method, hop);
      if (!call.note) {
        response.body?.cancel().catch(() => {});
        if (next.origin !== new URL(url).origin) attempt.headers.delete('authorization');
        url = next.href;
        continue;
      }
    }
    return { response, body: await readBody(response, call, attempt.signal) };
  }
}

/** Why a redirect is not followed, or `undefined` when it is. */
function refusal(next: URL, status: number, method: string, hop: number): string | undefined {
  if (!isFollowed(status, method)) {
    return `the server redirected the write to ${next.origin}${next.pathname}, which memwire does not follow for a write: it may have been applied and was not re-sent`;
  }
  return hop === MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : undefined;
}

/**
 * A browser hides where a redirect goes, so memwire cannot follow it itself: an idempotent call is
 * sent once more for the browser to follow; a write is not sent twice.
 */
function followInBrowser(call: Call, attempt: Attempt) {
  call.redirected = true;
  if (!call.request.idempotent || attempt.redirect === 'follow') {
    throw new MemwireError(
      `${call.prefix}the server redirected the request, which a browser hides: it may have been applied and was not re-sent; point baseUrl at the final URL`,
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
  let init: RequestInit = { method, body, headers: attempt.headers, signal, redirect };
  let replaced: Request | undefined;
  if (beforeRequest) {
    if (attempt.stage !== 'sent') attempt.stage = 'hook';
    // Without the signal, which would cost it a listener and a finalizer: the hook has it as `context.signal`.
    const built = new Request(url, { method, body, headers: attempt.headers, redirect });
    const applied = attempt.stage === 'sent' ? 'unknown' : call.applied;
    const fail = (cause: unknown) => hookFailure(call, { hook: 'beforeRequest', applied, cause });
    const returned: unknown = await runHook(fail, beforeRequest, built, attempt.context!);
    if (returned !== undefined && !(returned instanceof Request)) {
      throw new MemwireError(`${call.prefix}the beforeRequest hook returned ${typeof returned}, not a Request`);
    }
    // A replacement keeps the attempt's signal and memwire's redirect handling, whatever it was
    // built with; otherwise the headers are as the hook left them (only they can change in place).
    if (returned) replaced = new Request(returned, { signal, redirect });
    init = { ...init, headers: built.headers };
  }
  // A deadline that passed while the key function or the hook ran: nothing is sent after it.
  if (signal.aborted) throw signal.reason;
  attempt.stage = 'sent';
  if (customFetch) return customFetch(replaced ?? new Request(url, init));
  return replaced ? globalThis.fetch(replaced) : globalThis.fetch(url, init);
}
