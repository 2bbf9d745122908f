import { fieldNames } from '../log.js';
import { MAX_REQUESTED_DELAY } from '../retry-policy.js';
import { type Call, originOf } from './call-state.js';
import type { Outcome } from './outcome.js';

// The bytes a string body makes, for the debug line's size.
const utf8 = /* @__PURE__ */ new TextEncoder();

/** What an outcome is called in log lines and `beforeRetry`: a status, or an error's name. */
export const outcomeName = (outcome: Outcome) => (outcome.kind === 'answered' ? outcome.response.status : outcome.error.name);

/**
 * `Mielto memories.update: PUT https://api.mielto.com/api/v1/memories/{memory_id} attempt 1: 503 in 2 ms, sent 20 bytes (memory)`:
 * the origin and path template, never the ids, a query or a value. `nothing sent` for an attempt
 * that ended before fetch.
 */
export function attemptLine(call: Call, what: string | number, started: number): string {
  const { method, template, body } = call.request;
  const size =
    call.stage !== 'sent'
      ? ', nothing sent'
      : body === null
        ? ''
        : `, sent ${utf8.encode(body).byteLength} bytes${fieldNames(body)}`;
  const elapsed = call.config.clock.now() - started;
  return `${call.prefix}${method} ${originOf(call.url)}${template} attempt ${call.attempts}: ${what} in ${elapsed} ms${size}`;
}

/** The debug line for an attempt's outcome, with the bytes received when it was answered. */
export function outcomeLine(call: Call, outcome: Outcome, started: number): string {
  const received = outcome.kind === 'answered' ? `, received ${outcome.body?.byteLength ?? 0} bytes` : '';
  return attemptLine(call, outcomeName(outcome), started) + received;
}

export const notRetriedLine = (call: Call, outcome: Outcome) =>
  `${call.prefix}not retried after attempt ${call.attempts} (${outcomeName(outcome)}): the server may have applied the write`;

/** The lines before a retry: the wait it takes, and a Retry-After too long to honour. */
export function logRetry(call: Call, outcome: Outcome, delay: number, requested: number | undefined) {
  const { log } = call.config;
  if (!log) return;
  if (requested !== undefined && requested > MAX_REQUESTED_DELAY) {
    const line = `${call.prefix}the server asked to wait ${requested} ms (Retry-After), beyond the ${MAX_REQUESTED_DELAY} ms memwire waits: backing off instead`;
    log('warn', line, call.secrets);
  }
  log('info', `${call.prefix}retrying in ${delay} ms after attempt ${call.attempts} (${outcomeName(outcome)})`, call.secrets);
}
