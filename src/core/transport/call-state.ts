import type { Clock } from '../clock.js';
import type { CredentialSource } from '../credentials.js';
import { AbortError } from '../errors/abort-error.js';
import type { HookError } from '../errors/hook-error.js';
import type { HookContext, Hooks } from '../hooks.js';
import { redact } from '../redact.js';
import type { Log } from '../log.js';
import type { RequestSlots } from '../request-slots.js';
import type { RetryBudget } from '../retry-budget.js';
import type { SendGate } from '../send-gate.js';
import { type Applied, withApplied } from './outcome.js';

/** What every call of a client needs, fixed when the client is created. */
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

/** One request, as an operation (or `raw`) hands it to the transport. */
export interface CallRequest {
  /** What the call is, for messages and hooks: `memories.update`, or a raw call's `PUT /v1/memories/{id}`. */
  operation: string;
  /** The path template, for log lines: never the ids. */
  template: string;
  /** Whether sending it twice has the effect, and the answer, of once. */
  idempotent: boolean;
  method: string;
  url: string;
  /** Every header but `Authorization`, which each attempt sets from the credentials. */
  headers: Headers;
  /** The JSON sent, the same string on every attempt. */
  body: string | null;
  maxRetries: number;
  timeout: number;
  /** Milliseconds for the whole call; `Infinity` for none. */
  totalTimeout: number;
  /** The caller's signal, or one that never aborts. */
  signal: AbortSignal;
}

/** One call as it goes: what it asked for and what it has done so far, handed to every step. */
export interface Call {
  readonly config: TransportConfig;
  readonly request: CallRequest;
  /** `Mielto memories.update: `, before every message. */
  readonly prefix: string;
  /** Where the call goes first: what a shared `Retry-After` is kept for. */
  readonly origin: string;
  /** When `totalTimeout` ends the call, in the clock's time. */
  readonly deadline: number;
  /** Every secret the call's attempts used: redacted from everything it reports. */
  readonly secrets: Set<string>;
  attempts: number;
  /** The URL the last attempt went to (its last hop), for the origin errors name. */
  url: string;
  /** Set once an attempt was redirected: the server may have applied it. */
  redirected: boolean;
  /** What the attempts so far tell of the write. */
  applied: Applied;
  /** Why the last response, a redirect, was not followed, for the error's message. */
  note?: string | undefined;
  /** Why a failure that would have been retried was not (the budget, the deadline). */
  unretried?: string | undefined;
  /** What the current attempt is waiting for; `sent` once fetch has been called, which it stays. */
  stage: 'slot' | 'gate' | 'key' | 'hook' | 'sent';
  /** When the last attempt was sent, after its waits: what the shared wait counts from. */
  sentAt: number;
  /** What the last attempt's `beforeRequest` and `afterResponse` are told; its signal is also `beforeRetry`'s. */
  context?: HookContext | undefined;
}

/** What a call resolves to: the last response, whatever its status, with its body read. */
export interface Answer {
  /** Its status line and headers; its body is `body`. */
  response: Response;
  body: Uint8Array<ArrayBuffer> | null;
  /** What `afterResponse` threw about it: the call fails, saying whether the write was applied. */
  hookError?: HookError | undefined;
  call: Call;
}

/**
 * `new URL(url).origin`, without parsing a URL as fetch serializes it (`http(s)://host[:port]/…`,
 * lowercase, with no credentials and no default port): the origin is what comes before the path.
 */
export function originOf(url: string): string {
  return /^https?:\/\//.test(url) ? url.slice(0, url.indexOf('/', 8)) : new URL(url).origin;
}

/** The origin the call last tried, for errors: redacted, as a host name can be built from a key. */
export const triedOrigin = (call: Call) => redact(originOf(call.url), call.secrets);

/**
 * `" (after 3 attempts)"` when a call made more than one, and why it stopped retrying when that
 * was not the server's answer (`" (after 2 attempts; not retried: …)"`), for every error's message.
 */
export function afterAttempts(attempts: number, unretried?: string): string {
  const notes = [attempts > 1 && `after ${attempts} attempts`, unretried && `not retried: ${unretried}`].filter(Boolean);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/** The error for the caller's abort, its signal's reason as the cause, saying what the attempts so far did with the write. */
export const abortError = (call: Call, applied = call.applied) =>
  withApplied(new AbortError(`${call.prefix}the request was aborted`, { cause: call.request.signal.reason }), applied);
