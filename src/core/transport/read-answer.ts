import { readBounded } from '../bounded-body.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { redact } from '../redact.js';
import { type Call, triedOrigin } from './call-state.js';

// Statuses whose responses cannot have a body (`new Response` refuses one).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
// The reason phrases `new Response` accepts: tabs, spaces and bytes 0x21–0xFF.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The response's body, read under the attempt's signal, so the timeout covers the whole response
 * and a connection dropped mid-body is a failed attempt, not a broken result. A body longer than
 * `maxResponseBytes` is abandoned as soon as it passes it: an `InvalidResponseError`.
 */
export async function readBody(response: Response, call: Call, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer> | null> {
  if (response.type === 'error') throw new TypeError('Network error');
  const { status, headers } = response;
  if (!response.body || NULL_BODY_STATUSES.has(status)) return null;
  const limit = call.config.maxResponseBytes;
  // A declared length over the limit is refused before a byte is read.
  const body = Number(headers.get('content-length')) > limit ? undefined : await readBounded(response.body, limit, signal);
  if (body) return body;
  response.body.cancel().catch(() => {}); // a no-op when readBounded has cancelled it already
  const origin = triedOrigin(call);
  throw new InvalidResponseError({
    message: `${call.prefix}${origin} sent a body over maxResponseBytes (${limit} bytes), abandoned; raise that option to accept it`,
    origin,
    status,
    headers: redact(headers, call.secrets),
    body: undefined,
    attempts: call.attempts,
  });
}

/**
 * A Response of `body` with `response`'s status line and headers. fetch hands back what the server
 * sent, but `new Response` refuses a status outside 200–599 and a reason phrase beyond Latin-1 (a
 * UTF-8 one, say): the copy is made with values it takes and then given the real ones, since a
 * response received must never pass for a failed attempt.
 */
export function copyOf(response: Response, body: Uint8Array<ArrayBuffer> | null): Response {
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
