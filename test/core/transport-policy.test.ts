import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import {
  ConnectionError,
  InvalidArgumentError,
  type HookContext,
  type LogLevel,
  Mielto,
  type MieltoOptions,
  NotFoundError,
  RateLimitError,
  ServerError,
  Supermemory,
  type SupermemoryOptions,
  TimeoutError,
} from '../../src/index.js';
import { TestClock } from '../../src/testing/test-clock.js';
import { recordingLogger } from '../helpers/recording-logger.js';
import { rejectionOf } from '../helpers/use-fake.js';

const KEY = 'sk-transport-policy-1';
const MEM_1 = 'https://api.mielto.com/api/v1/memories/mem_1';
const UPDATED = JSON.stringify({ memory_id: 'mem_1', message: 'Memory updated', memory: { memory_id: 'mem_1', memory: 'x' } });
const BUSY = '{"detail":"busy"}'; // 17 bytes

/** How the scripted fetch answers one request: a Response, or a failure (a throw). */
type Step = (request: Request, clock: TestClock) => Response | Promise<Response>;

const answer =
  (status: number, headers: Record<string, string> = {}, body: string | null = status < 300 ? UPDATED : BUSY): Step =>
  () =>
    new Response(body, { status, headers });
/** The connection dropped after the request went out: it may have been applied. */
const dropped: Step = () => {
  throw new TypeError('fetch failed');
};
/** No answer until the request's signal aborts, as a real fetch does. */
const silent: Step = (request) =>
  new Promise((_, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as a real fetch does: the reason may be anything
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
const redirect = (status: number, location: string): Step => answer(status, { location }, '');

/** A fetch on a TestClock that answers request `n` by `steps[n]` (a 200 past the end), and what it saw. */
function scripted(steps: Step[], clock = new TestClock()) {
  const seen: { method: string; url: string; at: number; redirect: RequestRedirect; signal: AbortSignal }[] = [];
  const fetch = async (request: Request) => {
    const n =
      seen.push({
        method: request.method,
        url: request.url,
        at: clock.now(),
        redirect: request.redirect,
        signal: request.signal,
      }) - 1;
    return (steps[n] ?? answer(200))(request, clock);
  };
  return { clock, fetch, seen };
}

function mielto(steps: Step[], options: Partial<MieltoOptions> = {}, logLevel?: LogLevel) {
  const server = scripted(steps);
  const { lines, logger: log } = recordingLogger();
  const logging = logLevel ? { logger: log, logLevel } : {};
  const client = new Mielto({ apiKey: KEY, clock: server.clock, random: () => 0, fetch: server.fetch, ...logging, ...options });
  const update = (callOptions = {}) => server.clock.run(client.memories.update('mem_1', { memory: 'x' }, callOptions));
  return { ...server, client, lines, update };
}

/** Supermemory's update, which is not idempotent: every call makes a new version. */
function supermemory(steps: Step[], options: Partial<SupermemoryOptions> = {}, logLevel: LogLevel = 'warn') {
  const server = scripted(steps);
  const { lines, logger: log } = recordingLogger();
  const client = new Supermemory({
    apiKey: KEY,
    clock: server.clock,
    random: () => 0,
    fetch: server.fetch,
    logger: log,
    logLevel,
    ...options,
  });
  const update = (callOptions = {}) =>
    server.clock.run(client.memories.update({ containerTag: 'c', id: 'v1', newContent: 'x' }, callOptions));
  return { ...server, client, lines, update };
}

const ATTEMPT = 'debug memwire: Mielto memories.update: PUT https://api.mielto.com/api/v1/memories/{memory_id} attempt';
const NOT_RETRIED = (attempt: number, what: string) =>
  `warn memwire: Supermemory memories.update: not retried after attempt ${attempt} (${what}): the server may have applied the write`;

describe('the debug line of each attempt', () => {
  it('names what was sent and received, and how long the attempt took on the clock', async () => {
    const { lines, update } = mielto(
      [(_, clock) => new Promise((resolve) => clock.setTimeout(() => resolve(new Response(BUSY, { status: 503 })), 250))],
      {},
      'debug',
    );
    await update();
    expect(lines).toEqual([
      `${ATTEMPT} 1: 503 in 250 ms, sent 14 bytes (memory), received 17 bytes`,
      'info memwire: Mielto memories.update: retrying in 500 ms after attempt 1 (503)',
      `${ATTEMPT} 2: 200 in 0 ms, sent 14 bytes (memory), received ${UPDATED.length} bytes`,
    ]);
  });

  it('says nothing was received when no response came (a timeout, a dropped connection)', async () => {
    const { lines, update } = mielto([silent, dropped], { timeout: 1_000 }, 'debug');
    await update();
    expect(lines.filter((line) => line.startsWith('debug'))).toEqual([
      `${ATTEMPT} 1: TimeoutError in 1000 ms, sent 14 bytes (memory)`,
      `${ATTEMPT} 2: ConnectionError in 0 ms, sent 14 bytes (memory)`,
      `${ATTEMPT} 3: 200 in 0 ms, sent 14 bytes (memory), received ${UPDATED.length} bytes`,
    ]);
  });

  it('says 0 bytes were received for a response without a body', async () => {
    const { lines, update } = mielto([answer(503, {}, null), answer(503, {}, '')], {}, 'debug');
    await update();
    expect(lines.filter((line) => line.startsWith('debug')).slice(0, 2)).toEqual([
      `${ATTEMPT} 1: 503 in 0 ms, sent 14 bytes (memory), received 0 bytes`,
      `${ATTEMPT} 2: 503 in 0 ms, sent 14 bytes (memory), received 0 bytes`,
    ]);
  });

  it('leaves out what was sent for a request without a body, whether logging is on or off', async () => {
    for (const logLevel of ['debug', undefined] as const) {
      const { client, clock, lines, seen } = mielto([], {}, logLevel);
      const rawClient = raw(client) as unknown as { GET(path: string): Promise<{ data?: unknown; response: Response }> };
      const { data } = await clock.run(rawClient.GET('/api/v1/memories/mem_1'));
      expect(data).toEqual(JSON.parse(UPDATED));
      expect(seen.map((request) => request.method)).toEqual(['GET']);
      expect(lines).toEqual(
        logLevel
          ? [
              `debug memwire: Mielto GET /api/v1/memories/mem_1: GET https://api.mielto.com/api/v1/memories/mem_1 attempt 1: 200 in 0 ms, received ${UPDATED.length} bytes`,
            ]
          : [],
      );
    }
  });
});

describe('the warning for a write not retried because it may have been applied', () => {
  it('is logged when a 500 ends a non-idempotent call that had retries left', async () => {
    const { lines, seen, update } = supermemory([answer(500)]);
    expect(await rejectionOf(update())).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
    expect(lines).toEqual([NOT_RETRIED(1, '500')]);
  });

  it('is logged for a dropped connection and a timeout, which may have been applied too', async () => {
    const dropping = supermemory([dropped]);
    expect(await rejectionOf(dropping.update())).toBeInstanceOf(ConnectionError);
    expect(dropping.lines).toEqual([NOT_RETRIED(1, 'ConnectionError')]);
    const timing = supermemory([silent]);
    expect(await rejectionOf(timing.update({ timeout: 1_000 }))).toBeInstanceOf(TimeoutError);
    expect(timing.lines).toEqual([NOT_RETRIED(1, 'TimeoutError')]);
  });

  it('is not logged when the call had no retries left: maxRetries 0, or the last retry', async () => {
    for (const step of [answer(500), dropped]) {
      const { lines, seen, update } = supermemory([step]);
      await rejectionOf(update({ maxRetries: 0 }));
      expect(seen).toHaveLength(1);
      expect(lines).toEqual([]);
    }
    // A 503 with Retry-After and a 429 say the write was not applied: retried, and the last one is not warned about.
    const { lines, seen, update } = supermemory([answer(503, { 'retry-after-ms': '500' }), answer(429)], {}, 'info');
    expect(await rejectionOf(update({ maxRetries: 1 }))).toBeInstanceOf(RateLimitError);
    expect(seen).toHaveLength(2);
    expect(lines).toEqual(['info memwire: Supermemory memories.update: retrying in 500 ms after attempt 1 (503)']);
  });

  it('is not logged for a status that would not be retried anyway, nor one the server says not to retry', async () => {
    for (const step of [answer(404), answer(500, { 'x-should-retry': 'false' })]) {
      const { lines, update } = supermemory([step]);
      await rejectionOf(update());
      expect(lines).toEqual([]);
    }
  });

  it('is not logged for an idempotent call, even one that ran out of retries', async () => {
    const { lines, seen, update } = mielto([answer(500), answer(500), answer(500)], {}, 'warn');
    expect(await rejectionOf(update())).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(3);
    expect(lines).toEqual([]);
    const refused = mielto([answer(404)], {}, 'warn');
    expect(await rejectionOf(refused.update())).toBeInstanceOf(NotFoundError);
    expect(refused.lines).toEqual([]);
  });

  it('is logged when a redirected write fails with a 503: once redirected, it is not retried', async () => {
    const { lines, seen, update } = supermemory([redirect(307, 'https://eu.supermemory.example/v4/memories'), answer(503)]);
    expect(await rejectionOf(update())).toBeInstanceOf(ServerError);
    expect(seen.map((request) => request.url)).toEqual([
      'https://api.supermemory.ai/v4/memories',
      'https://eu.supermemory.example/v4/memories',
    ]);
    expect(lines).toEqual([NOT_RETRIED(1, '503')]);
  });
});

describe('when a retry is not started', () => {
  it('when its wait would end exactly at the totalTimeout deadline', async () => {
    const { seen, update } = mielto([answer(503, { 'retry-after': '2' })]);
    const error = await rejectionOf(update({ totalTimeout: 2_000 }));
    expect(error.message).toBe(
      'Mielto memories.update: 503 busy (not retried: the next attempt would start after totalTimeout (2000 ms))',
    );
    expect(seen).toHaveLength(1);
  });

  it('costs a retry after a connection failure or a 503 retryCost, and only one after a timeout timeoutCost', async () => {
    const budget = { retryBudget: { capacity: 5, retryCost: 5, timeoutCost: 6, refund: 0 } };
    const afterDrop = mielto([dropped], budget);
    await afterDrop.update();
    expect(afterDrop.seen).toHaveLength(2);
    const after503 = mielto([answer(503)], budget);
    await after503.update();
    expect(after503.seen).toHaveLength(2);
    const afterTimeout = mielto([silent], budget);
    const error = await rejectionOf(afterTimeout.update({ timeout: 1_000 }));
    expect(error.message).toBe(
      "Mielto memories.update: https://api.mielto.com did not answer within 1000 ms (not retried: the client's retry budget is exhausted)",
    );
    expect(afterTimeout.seen).toHaveLength(1);
  });
});

describe('a Retry-After past the 60 s memwire waits', () => {
  it.each([
    ['60000', []],
    [
      '60001',
      [
        'warn memwire: Mielto memories.update: the server asked to wait 60001 ms (Retry-After), beyond the 60000 ms memwire waits: backing off instead',
      ],
    ],
  ])('retry-after-ms %s: warned only when beyond it', async (ms, warned) => {
    const { lines, seen, update } = mielto([answer(503, { 'retry-after-ms': ms })], {}, 'warn');
    await update();
    expect(seen).toHaveLength(2);
    expect(lines).toEqual(warned);
  });

  it('no warning for a retry the server asked no wait for', async () => {
    const { lines, update } = mielto([answer(503), dropped], {}, 'warn');
    await update();
    expect(lines).toEqual([]);
  });
});

describe("the wait a server asked one call for, kept by the client's other calls", () => {
  it('is kept up to 60 s: exactly 60 s is, a second more is not', async () => {
    for (const [seconds, kept] of [
      [60, 60_000],
      [61, 0],
    ]) {
      const { clock, seen, update } = mielto([answer(429, { 'retry-after': String(seconds) })]);
      await rejectionOf(update({ maxRetries: 0 }));
      const t0 = clock.now();
      await update({ timeout: 120_000 });
      expect(seen[1]!.at - t0).toBe(kept);
    }
  });

  it('is kept for a 429 or 503 only, not for another status with a Retry-After', async () => {
    const { clock, seen, update } = mielto([answer(500, { 'retry-after': '3' }), answer(502, { 'retry-after': '3' })]);
    await rejectionOf(update({ maxRetries: 0 }));
    await rejectionOf(update({ maxRetries: 0 }));
    const t0 = clock.now();
    await update();
    expect(seen.map((request) => request.at - t0)).toEqual([0, 0, 0]);
  });
});

describe('errors after a redirect', () => {
  it('name the origin the failed attempt went to, not the one the call began at', async () => {
    const { update } = mielto([redirect(307, 'https://eu.mielto.example/api/v1/memories/mem_1'), dropped]);
    const error = await rejectionOf(update({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('Mielto memories.update: could not reach https://eu.mielto.example: fetch failed');
    const timedOut = mielto([redirect(308, 'https://eu.mielto.example/api/v1/memories/mem_1'), silent]);
    const timeout = await rejectionOf(timedOut.update({ maxRetries: 0, timeout: 1_000 }));
    expect(timeout.message).toBe('Mielto memories.update: https://eu.mielto.example did not answer within 1000 ms');
  });

  it('stop following a redirect loop after 20 redirects', async () => {
    const loop: Step[] = Array.from({ length: 40 }, (_, n) => redirect(307, `${MEM_1}?hop=${n + 1}`));
    const { seen, update } = mielto([...loop, dropped], { maxRetries: 0 });
    const error = await rejectionOf(update());
    expect(error.message).toMatch(/more than 20 redirects/);
    expect(seen).toHaveLength(21);
  });
});

describe('a replacement Request from beforeRequest', () => {
  it('keeps memwire following redirects itself, with beforeRequest run again for each hop', async () => {
    const hooked: string[] = [];
    const beforeRequest = (request: Request) => {
      hooked.push(request.url);
      return new Request(request, { redirect: 'follow', headers: { 'x-signed': request.url } });
    };
    const { seen, update } = mielto([redirect(307, `${MEM_1}?v=2`)], { hooks: { beforeRequest } });
    await update();
    expect(hooked).toEqual([MEM_1, `${MEM_1}?v=2`]);
    expect(seen.map((request) => [request.url, request.redirect])).toEqual([
      [MEM_1, 'manual'],
      [`${MEM_1}?v=2`, 'manual'],
    ]);
  });

  it("keeps the attempt's signal: the fetch sees the request aborted at the timeout", async () => {
    const beforeRequest = (request: Request) => new Request(request, { headers: { 'x-signed': '1' } });
    const { seen, update } = mielto([silent], { hooks: { beforeRequest }, maxRetries: 0 });
    const error = await rejectionOf(update({ timeout: 1_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen[0]!.signal.aborted).toBe(true);
  });
});

describe('afterResponse', () => {
  const context = (operation: string, idempotent = true): HookContext => ({
    provider: 'Mielto',
    operation,
    attempt: 1,
    idempotent,
    signal: expect.any(AbortSignal) as AbortSignal,
  });

  it('alone, without beforeRequest, is given the context', async () => {
    const contexts: HookContext[] = [];
    const { update } = mielto([], { hooks: { afterResponse: (_, hookContext) => void contexts.push(hookContext) } });
    await update();
    expect(contexts).toEqual([context('memories.update')]);
  });

  it("reads an operation's success, and the result still decodes", async () => {
    const bodies: string[] = [];
    const afterResponse = async (response: Response) => void bodies.push(await response.text());
    const { update } = mielto([], { hooks: { afterResponse } });
    expect(await update()).toEqual(JSON.parse(UPDATED));
    expect(bodies).toEqual([UPDATED]);
  });

  it("reads an operation's failure, and the error still says what the server said", async () => {
    const bodies: string[] = [];
    const afterResponse = async (response: Response) => void bodies.push(await response.text());
    const { update } = mielto([answer(404, {}, '{"detail":"no such memory"}')], { hooks: { afterResponse } });
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(
      /^Mielto memories\.update: 404 no such memory \(PUT https:\/\/api\.mielto\.com\/api\/v1\/memories\/\{memory_id\}/,
    );
    expect(bodies).toEqual(['{"detail":"no such memory"}']);
  });

  it("reads a raw call's success and failure, and the raw result still has the data and the error", async () => {
    const bodies: string[] = [];
    const afterResponse = async (response: Response) => void bodies.push(await response.text());
    const { client, clock } = mielto([answer(200), answer(422, {}, '{"detail":"bad"}')], { hooks: { afterResponse } });
    const put = () =>
      clock.run(
        raw(client).PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'x' } }),
      );
    expect((await put()).data).toEqual(JSON.parse(UPDATED));
    expect((await put()).error).toEqual({ detail: 'bad' });
    expect(bodies).toEqual([UPDATED, '{"detail":"bad"}']);
  });
});

describe("an operation's withResponse()", () => {
  it('hands back the response without its body, already read into data', async () => {
    const { client, clock } = mielto([]);
    const { data, response } = await clock.run(client.memories.update('mem_1', { memory: 'x' }).withResponse());
    expect(data).toEqual(JSON.parse(UPDATED));
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });
});

describe("the client's options and messages", () => {
  it('refuses options it cannot use, naming the option', async () => {
    expect(() => new Mielto({ apiKey: KEY, maxRetries: -1 })).toThrow(
      'Mielto: maxRetries must be a whole number of at least 0, got -1',
    );
    expect(() => new Mielto({ apiKey: KEY, maxResponseBytes: 0 })).toThrow(
      'Mielto: maxResponseBytes must be a number of bytes above 0, got 0',
    );
    expect(() => new Mielto({ apiKey: KEY, shareRetryAfter: 'yes' as never })).toThrow(
      'Mielto: shareRetryAfter must be true or false, got string',
    );
    const { seen, update } = mielto([]);
    const refused = [
      [{ totalTimeout: -5 }, 'totalTimeout must be a number of milliseconds above 0, got -5'],
      [{ maxRetries: 1.5 }, 'maxRetries must be a whole number of at least 0, got 1.5'],
      [{ signal: null }, 'signal must be an AbortSignal (controller.signal, not the controller)'],
    ] as const;
    for (const [options, message] of refused) {
      const error = await rejectionOf(update(options));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toBe(`Mielto memories.update: ${message}`);
    }
    expect(seen).toEqual([]);
  });

  it("quotes a text body's first line, up to 200 characters, and names an HTML page as such", async () => {
    const bodies = ['\n  upstream timed out  \nsecond line', '  \n <html><body>bad gateway</body></html>', 'y'.repeat(300)];
    const { update } = mielto(bodies.map((body) => answer(500, {}, body)));
    const messages: string[] = [];
    while (messages.length < bodies.length) messages.push((await rejectionOf(update({ maxRetries: 0 }))).message);
    expect(messages).toEqual([
      'Mielto memories.update: 500 upstream timed out',
      'Mielto memories.update: 500 with an HTML page',
      `Mielto memories.update: 500 ${'y'.repeat(200)}`,
    ]);
  });

  it('names the content type of a success that is not JSON, up to 100 characters', async () => {
    const type = `text/${'x'.repeat(150)}`;
    const { update } = mielto([answer(200, { 'content-type': type }, 'not json')]);
    const error = await rejectionOf(update());
    expect(error.message).toBe(`Mielto memories.update: 200 not json: the body is not JSON (${type.slice(0, 100)})`);
  });
});
