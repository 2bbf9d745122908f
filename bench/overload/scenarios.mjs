// The overload scenarios of issue 13. Each has a `run` (in a fresh child process, against its own
// stand-in server and client: see child.mjs), the client options it sets for every variant, and
// its `parts`: the rows it adds to OVERLOAD.md, each with a target and how a result meets it.
// `targeted` names the variants the targets are for; the others are there to compare with.
import { performance } from 'node:perf_hooks';
import { burst, settle } from './calls.mjs';
import { LIMIT } from './fixtures.mjs';

const OUTAGE_CALLS = 300;
const MAX_REQUESTS_PER_CALL = 1.5;
// The recovery part stops looking after this many successes: a budget that never refills fails.
const MAX_SUCCESSES = 200;

const LIMITED_CALLS = 100;
const LIMITED_RETRIES = 10; // enough for every call to get through, for a client that waits as asked
const MAX_WASTED = 1;
// What the limiter allows at best: the burst at once, then `rate` a second (4 s here).
const IDEAL_MS = ((LIMITED_CALLS - LIMIT.burst) / LIMIT.rate) * 1000;
const MAX_CONCURRENCY = 4;

/** Every scenario ends by this, its calls aborted if need be; overload.mjs kills a child that does not. */
export const DEADLINE_MS = 25_000;

/**
 * Before a scenario: as many calls at once as it sends, all answered 200, from another client of
 * the same kind (with its own budget and waits). They open the keep-alive sockets the scenario's
 * client then reuses (both send with the global fetch) and compile its code, so that a busy
 * machine does not spread the measured burst over the time it takes to connect.
 */
export async function warmUp({ server, update, signal }, calls) {
  await server.answer('ok');
  await burst(calls, update, signal);
  await server.takeStats();
}

// 300 calls into a service that answers every request with a 503.
async function outage({ server, update, signal }) {
  await server.answer('down');
  const calls = await burst(OUTAGE_CALLS, update, signal);
  const outage = { ...calls, ...(await server.takeStats()) };
  return { outage, recovery: await recovery({ server, update, signal }) };
}

// Then the service is back, and one 503 comes alone. A budget the outage spent does not pay for
// its retry at first: probe after every success, counting the successes until it is retried.
async function recovery({ server, update, signal }) {
  const started = performance.now();
  const result = { retriedAfter: undefined, retryOk: false, successes: 0, refused: 0, refusal: undefined, error: undefined };
  while (!signal.aborted) {
    await server.answer('lone-503');
    await server.takeStats(); // count the probe's requests alone
    const probe = await settle(update(signal));
    if ((await server.takeStats()).requests > 1) {
      Object.assign(result, { retriedAfter: result.successes, retryOk: probe.ok });
      break;
    }
    result.refused++;
    result.refusal ??= probe.error;
    if (result.successes === MAX_SUCCESSES) break;
    await server.answer('ok');
    const success = await settle(update(signal));
    if (!success.ok) {
      result.error = success.error; // the deadline, or a failure the bench did not expect
      break;
    }
    result.successes++;
  }
  return { ...result, maxInFlight: 1, wallMs: performance.now() - started }; // one call at a time
}

// 100 calls at once behind a limiter of 20 a second that answers 429 with `Retry-After: 1`.
async function rateLimit({ server, update, signal }) {
  await server.answer('rate-limit');
  const calls = await burst(LIMITED_CALLS, update, signal);
  return { ...calls, ...(await server.takeStats()) };
}

const ratio = (count, of) => (of > 0 ? count / of : Infinity);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const wasted = (result) => ratio(result.byStatus[429] ?? 0, result.completed);

/** A row's figures: its metric, whether it meets the target, and what every row shows. */
function figures(result, metric, met) {
  const { wallMs, maxInFlight, completed, failed, errors, rejected = 0 } = result;
  return { metric, met, wallMs, maxInFlight, completed, failed, errors, rejected };
}

const rateLimitPart = (name, title, target, met) => ({
  name,
  title,
  target,
  measure: (result) => figures(result, `${wasted(result).toFixed(2)} wasted 429s per completed`, met(result)),
});

export const SCENARIOS = {
  outage: {
    calls: OUTAGE_CALLS,
    variants: ['defaults', 'today', 'supermemory'],
    targeted: ['defaults'],
    options: {},
    run: outage,
    parts: [
      {
        name: '1. outage',
        title: `total outage: every answer a 503 without Retry-After, ${OUTAGE_CALLS} concurrent calls`,
        target: `≤ ${MAX_REQUESTS_PER_CALL.toFixed(2)} requests per call`,
        measure: ({ outage }) => {
          const perCall = ratio(outage.requests, OUTAGE_CALLS);
          return figures(outage, `${perCall.toFixed(2)} requests per call`, perCall <= MAX_REQUESTS_PER_CALL);
        },
      },
      {
        name: '1. then recovery',
        title: 'the service recovers, then one 503 comes alone: probed before the first success and after each',
        target: `retried again within ${MAX_SUCCESSES} successes`,
        measure: ({ recovery }) => {
          const { retriedAfter, retryOk, successes, refused, refusal, error } = recovery;
          const metric =
            retriedAfter !== undefined
              ? `retried after ${retriedAfter} successes`
              : error
                ? `stopped after ${successes} successes by ${error.name}: ${error.message}`
                : `not retried after ${successes} successes`;
          const errors = refusal && { [refusal.name]: { count: refused, message: refusal.message } };
          const calls = { ...recovery, completed: successes + Number(retryOk), failed: refused, errors };
          return figures(calls, metric, retriedAfter !== undefined && retryOk);
        },
      },
    ],
  },
  'rate-limit': {
    calls: LIMITED_CALLS,
    variants: ['defaults', 'today', 'supermemory'],
    targeted: ['defaults'],
    options: { maxRetries: LIMITED_RETRIES },
    run: rateLimit,
    parts: [
      rateLimitPart(
        '2. rate limit',
        `a limit of ${LIMIT.rate} requests a second (burst ${LIMIT.burst}) answering 429 with \`Retry-After: ${LIMIT.retryAfterSeconds}\` when spent, ${LIMITED_CALLS} concurrent updates, \`maxRetries: ${LIMITED_RETRIES}\`; the limit allows them all in ${seconds(IDEAL_MS)}`,
        `all complete, ≤ ${MAX_WASTED.toFixed(2)} wasted, ≤ ${seconds(2 * IDEAL_MS)}`,
        (result) => result.completed === LIMITED_CALLS && wasted(result) <= MAX_WASTED && result.wallMs <= 2 * IDEAL_MS,
      ),
    ],
  },
  capped: {
    calls: LIMITED_CALLS,
    variants: ['defaults', 'today'],
    targeted: ['defaults', 'today'],
    options: { maxRetries: LIMITED_RETRIES, maxConcurrency: MAX_CONCURRENCY },
    run: rateLimit,
    parts: [
      rateLimitPart(
        `3. rate limit, maxConcurrency ${MAX_CONCURRENCY}`,
        `the same, with \`maxConcurrency: ${MAX_CONCURRENCY}\` (memwire only)`,
        `all complete, ≤ ${MAX_CONCURRENCY} in flight at the server`,
        (result) => result.completed === LIMITED_CALLS && result.maxInFlight <= MAX_CONCURRENCY,
      ),
    ],
  },
};
