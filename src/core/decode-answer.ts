import { jsonType, shapeProblems } from './answer-shape.js';
import type { ClientCore } from './client-core.js';
import type { ApiErrorInit } from './errors/api-error.js';
import { errorFromResponse } from './errors/from-response.js';
import { HookError } from './errors/hook-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { MemwireError } from './errors/memwire-error.js';
import { stringField } from './json-field.js';
import type { OperationDescription } from './operation.js';
import { mayHold, redact } from './redact.js';
import { callMetadata, type WithResponse } from './response-promise.js';
import { requestedDelay } from './retry-after.js';
import { safeCause } from './safe-cause.js';
import { afterAttempts, type Answer, triedOrigin } from './transport/call-state.js';
import { withApplied } from './transport/outcome.js';
import { copyOf } from './transport/read-answer.js';

// One for every call: without `stream`, each decode() starts afresh.
const strictUtf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** How an operation reads its answer: what the spec documents, and what to take from it. */
interface Reading {
  operation: OperationDescription;
  /**
   * What the caller gets of the documented body (an envelope's `data`), when not the body itself;
   * `undefined` from it means it is not one.
   */
  unwrap: ((body: unknown) => unknown) | undefined;
}

/**
 * What an operation's answer comes to: its 2xx body, decoded strictly and holding the required
 * fields of the documented response with their JSON types (what `unwrap` takes from it), or the
 * error that says what came instead.
 */
export function decodeAnswer(core: ClientCore, answer: Answer, reading: Reading): WithResponse<unknown> {
  const { response, call } = answer;
  if (answer.hookError) throw withData(answer.hookError, response.ok ? appliedAnswer(core, answer, reading) : undefined);
  if (!response.ok) throw withApplied(errorFromResponse(errorInit(core, answer, readError(answer.body))), call.applied);
  return { data: documented(core, answer, reading), ...callMetadata(copyOf(response, null), call.attempts) };
}

/**
 * The body of a 2xx as the operation documents it, redacted (a server may echo the key, and this is
 * what a tool result and a bulk update's `result` show), or an `InvalidResponseError` that says the
 * write may have been applied and shows what came.
 */
function documented(core: ClientCore, answer: Answer, { operation, unwrap }: Reading): unknown {
  const { text, body } = parsed(core, answer);
  // Every operation's documented response is a JSON object, and so is what an unwrap takes from it.
  const problems = jsonType(body) === 'object' ? shapeProblems(body as object, operation.response) : ['not a JSON object'];
  const value = problems.length ? undefined : unwrap ? unwrap(body) : body;
  const { secrets } = answer.call;
  if (jsonType(value) === 'object') return mayHold(text, secrets) ? redact(value, secrets) : value;
  const why = problems.length ? problems.join('; ') : 'not the documented shape';
  const came = redact(text, secrets).slice(0, 200);
  const problem = `the body is not the documented answer (${why}), so the write may have been applied or not; it came as ${came}`;
  throw withApplied(new InvalidResponseError(errorInit(core, answer, body, problem)), 'unknown');
}

/** The body's text, decoded strictly (invalid UTF-8 is not turned into U+FFFD), and its JSON. */
function parsed(core: ClientCore, answer: Answer): { text: string; body: unknown } {
  const { call } = answer;
  let text: string;
  try {
    text = strictUtf8.decode(answer.body ?? undefined);
  } catch (error) {
    // Not a decoding error (a TypeError): a body longer than a string can be (RangeError).
    if (!(error instanceof TypeError)) throw unreadable(call.prefix, error, call.secrets);
    throw withApplied(new InvalidResponseError(errorInit(core, answer, undefined, 'the body is not valid UTF-8')), 'unknown');
  }
  try {
    return { text, body: JSON.parse(text) };
  } catch {
    // Cut short (after redaction, so no secret is cut in half): a header can be kilobytes long.
    const type = redact(answer.response.headers.get('content-type') ?? 'no content type', call.secrets).slice(0, 100);
    const problem = text ? `the body is not JSON (${type})` : 'the body is empty';
    throw withApplied(new InvalidResponseError(errorInit(core, answer, text, problem)), 'unknown');
  }
}

/** The documented answer of a write whose `afterResponse` hook failed, redacted; `undefined` when it is not one. */
function appliedAnswer(core: ClientCore, answer: Answer, reading: Reading): unknown {
  try {
    return documented(core, answer, reading);
  } catch {
    return undefined;
  }
}

/** A HookError with the server's answer, for a write that was applied. */
const withData = (error: HookError, data: unknown) =>
  data === undefined ? error : new HookError(error.message, { ...error, cause: error.cause, data });

/** A failed response's body: its JSON, else its text (an HTML page, say). */
function readError(body: Uint8Array<ArrayBuffer> | null): unknown {
  const text = new TextDecoder().decode(body ?? undefined);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The error for a response that could not be read: decoding a body longer than a string can be, say. */
function unreadable(prefix: string, error: unknown, secrets: Set<string>): MemwireError {
  const cause = safeCause(error, secrets);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new MemwireError(redact(`${prefix}the response could not be read (${reason})`, secrets), { cause });
}

/** What an error tells of a response, with every secret the call used redacted. */
function errorInit(
  core: ClientCore,
  { response, call }: Answer,
  body: unknown,
  // May quote the server (its content type), so it joins the message before redaction.
  problem?: string,
): ApiErrorInit {
  const { secrets } = call;
  const { status, headers } = response;
  const { provider } = core;
  const safeBody = redact(body, secrets);
  // The server's words, cut (after redaction, so no secret is cut in half): a server may put
  // kilobytes in a message. memwire's own note (a refused redirect, its Location cut already) is
  // kept whole: it says what became of the write.
  const said = provider.errorMessage?.(safeBody) ?? commonErrorMessage(safeBody) ?? textMessage(safeBody) ?? response.statusText;
  const explanation = call.note ?? said.slice(0, 300);
  const message =
    `${call.prefix}${status} ${explanation}`.trim() + notFound(core, call, status) + afterAttempts(call.attempts, call.unretried);
  return {
    // Redacted last: every piece of the message, the server's or not, is in it by now.
    message: redact(problem ? `${message}: ${problem}` : message, secrets),
    status,
    headers: redact(headers, secrets),
    body: safeBody,
    attempts: call.attempts,
    retryAfter: requestedDelay(headers, core.transport.clock.now()),
    code: provider.errorCode?.(safeBody),
    origin: triedOrigin(call),
  };
}

/**
 * For a 404, what was asked for: the method and URL with the ids as their template names (a
 * doubled path prefix in `baseUrl` is plain to see, and no id is shown), and the provider's hint.
 */
function notFound(core: ClientCore, call: Answer['call'], status: number): string {
  if (status !== 404) return '';
  const { method, template, headers } = call.request;
  const hint = core.provider.notFoundHint?.(headers);
  return ` (${method} ${core.baseUrl}${template}${hint ? `; ${hint}` : ''})`;
}

/** The `message`, `error` or `detail` string most JSON error bodies carry. */
function commonErrorMessage(body: unknown): string | undefined {
  return stringField(body, 'message') ?? stringField(body, 'error') ?? stringField(body, 'detail');
}

/** What a text body says: its first line (cut; none when blank), or that it is an HTML page (a proxy's, most likely). */
function textMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  if (body.trimStart().startsWith('<')) return 'with an HTML page';
  return body.trim().split('\n', 1)[0]!.slice(0, 200) || undefined;
}
