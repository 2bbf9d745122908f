// What the stand-in service answers, by the name a scenario sets it with (server-control.mjs).
// Each is made afresh when set, so a rate limiter starts with a full bucket and `lone-503`
// answers the very next request.
import { LIMIT, NEW_VERSION, RATE_LIMITED, UNAVAILABLE } from './fixtures.mjs';
import { TokenBucket } from './token-bucket.mjs';

/** @typedef {{ status: number, headers?: Record<string, string>, body: string }} Answer */

const OK = { status: 200, body: NEW_VERSION };
const DOWN = { status: 503, body: UNAVAILABLE }; // no Retry-After: each client backs off its own way
const THROTTLED = { status: 429, headers: { 'retry-after': String(LIMIT.retryAfterSeconds) }, body: RATE_LIMITED };

/** @type {Record<string, () => () => Answer>} */
export const ANSWERS = {
  ok: () => () => OK,
  down: () => () => DOWN,
  'lone-503': () => {
    let sent = false;
    return () => (sent ? OK : ((sent = true), DOWN));
  },
  'rate-limit': () => {
    const bucket = new TokenBucket(LIMIT);
    return () => (bucket.take() ? OK : THROTTLED);
  },
};
