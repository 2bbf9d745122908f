import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  ConnectionError,
  InvalidResponseError,
  Mielto,
  type MieltoOptions,
  MemwireError,
  Supermemory,
} from '../../src/index.js';
import { raw } from '../../src/raw.js';
import { TestClock } from '../../src/testing/test-clock.js';
import { rejectionOf } from '../helpers/use-fake.js';

// What the transport does with what a fetch hands back, or throws, without a socket: each test
// gives the client a `fetch` that answers from a script and records the requests it got.

const KEY = 'sk-transport-network-1';
const UPDATED = JSON.stringify({
  memory_id: 'mem_1',
  message: 'Memory updated',
  memory: { memory_id: 'mem_1', memory: 'x' },
});
const PREFIX = 'Mielto memories.update: ';

type Answer = Response | Error;

function mielto(answers: (n: number, request: Request) => Answer, options: Partial<MieltoOptions> = {}) {
  const clock = new TestClock();
  const requests: Request[] = [];
  const fetch = (request: Request) => {
    const answer = answers(requests.push(request) - 1, request);
    return answer instanceof Response ? Promise.resolve(answer) : Promise.reject(answer);
  };
  const client = new Mielto({ apiKey: KEY, clock, random: () => 0, fetch, ...options });
  const update = () => clock.run(client.memories.update('mem_1', { memory: 'x' }));
  return { requests, update, clock, client };
}

const ok = () => new Response(UPDATED, { status: 200, headers: { 'content-type': 'application/json' } });
/** A Response whose read-only fields say what no `new Response` can: fetch hands such ones back. */
const forged = (response: Response, fields: Record<string, unknown>) =>
  Object.defineProperties(response, Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { value }])));
const coded = (message: string, code: string, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('what a failed fetch says', () => {
  it.each([
    [
      "the reason down the cause chain, not only fetch's first message",
      new TypeError('fetch failed', { cause: coded('connect ECONNREFUSED 127.0.0.1:4010', 'ECONNREFUSED') }),
      'fetch failed: connect ECONNREFUSED 127.0.0.1:4010',
    ],
    [
      'the code, when no message says it',
      new TypeError('fetch failed', { cause: coded('other side closed', 'UND_ERR_SOCKET') }),
      'fetch failed: other side closed (UND_ERR_SOCKET)',
    ],
    [
      'a message repeated down the chain once',
      new TypeError('fetch failed', { cause: new Error('fetch failed', { cause: new Error('socket hang up') }) }),
      'fetch failed: socket hang up',
    ],
    [
      'no more than four messages deep',
      ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].reduceRight<Error | undefined>(
        (cause, message) => new Error(message, { cause }),
        undefined,
      )!,
      'e1: e2: e3: e4',
    ],
    ['a message found below an empty one', new TypeError('', { cause: new Error('bad port') }), 'bad port'],
    ['what was thrown, when nothing says more', new TypeError(''), 'fetch threw TypeError'],
  ])('%s', async (_, thrown, reason) => {
    const { update, requests } = mielto(() => thrown, { maxRetries: 0 });
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`${PREFIX}could not reach https://api.mielto.com: ${reason}`);
    expect(requests).toHaveLength(1);
  });

  it("reads a Response.error() (a browser's network error) as a failed connection, and retries it", async () => {
    const { update, requests } = mielto((n) => (n === 0 ? Response.error() : ok()));
    await update();
    expect(requests).toHaveLength(2);
    const once = mielto(() => Response.error(), { maxRetries: 0 });
    const error = await rejectionOf(once.update());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`${PREFIX}could not reach https://api.mielto.com: Network error`);
  });

  it('says the request was aborted, by the caller', async () => {
    const { client, clock } = mielto(() => ok());
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(clock.run(client.memories.update('mem_1', { memory: 'x' }, { signal: controller.signal })));
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe(`${PREFIX}the request was aborted`);
  });
});

describe('a body past maxResponseBytes', () => {
  const limit = UPDATED.length;
  const overLimit = `${PREFIX}https://api.mielto.com sent a body over maxResponseBytes (${limit} bytes), abandoned; raise that option to accept it`;

  it('takes a body of exactly the limit, declared or not', async () => {
    const declared = () =>
      new Response(UPDATED, { status: 200, headers: { 'content-length': String(limit), 'content-type': 'application/json' } });
    await mielto(declared, { maxResponseBytes: limit }).update();
    const streamed = () => new Response(new Blob([UPDATED]).stream(), { status: 200 });
    await mielto(streamed, { maxResponseBytes: limit }).update();
  });

  it('refuses a declared length over it before reading a byte', async () => {
    let pulled = false;
    // A body that would fit: only the declared length is over. No read before one is asked for.
    const body = new ReadableStream(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode(UPDATED));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const declared = () =>
      new Response(body, { status: 200, headers: { 'content-length': String(limit + 1), 'content-type': 'application/json' } });
    const error = await rejectionOf(mielto(declared, { maxResponseBytes: limit }).update());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe(overLimit);
    expect(pulled).toBe(false);
  });

  it('abandons an undeclared body as soon as it passes it, not retried', async () => {
    const streamed = () => new Response(new Blob([`${UPDATED} `]).stream(), { status: 200 });
    const { update, requests } = mielto(streamed, { maxResponseBytes: limit });
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe(overLimit);
    expect(requests).toHaveLength(1);
  });
});

describe('a status line no `new Response` takes', () => {
  it('keeps a status outside 200-599 as the server sent it', async () => {
    for (const status of [150, 600]) {
      const answer = () => forged(new Response('{"detail":"odd"}', { status: 500 }), { status, ok: false });
      const error = await rejectionOf(mielto(answer, { maxRetries: 0 }).update());
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
    }
  });

  it('keeps a reason phrase beyond Latin-1, and reads a 2xx as a success with it', async () => {
    const answer = () => forged(ok(), { status: 299, statusText: 'Très bien ✓' });
    const { update } = mielto(answer);
    expect((await update()).memory.memory_id).toBe('mem_1');
    const failed = () => forged(new Response('', { status: 500 }), { statusText: 'Kaputt ✗' });
    const error = await rejectionOf(mielto(failed, { maxRetries: 0 }).update());
    expect(error.message).toBe(`${PREFIX}500 Kaputt ✗`);
  });

  // The afterResponse hook and withResponse() get a copy of the answer: it must say what the server sent.
  const statusLine = (response: Response) => [response.status, response.statusText, response.ok];
  it.each([
    ['a 200 as it came', 200, 'OK', true],
    ['a 2xx whose reason phrase is beyond Latin-1', 200, 'Très bien ✓', true],
    ['the last 2xx, with such a phrase', 299, 'Très bien ✓', true],
    ['a status under 200', 150, 'Odd', false],
    ['a status over 599', 600, 'Odd', false],
  ])('gives afterResponse %s: the same status, reason phrase and ok', async (_, status, statusText, ok) => {
    const seen: unknown[] = [];
    // A genuine Response where `new Response` takes the status line, a forged one where it cannot.
    const answer = () => {
      const real = new Response(ok ? UPDATED : '{"detail":"odd"}', { status: ok ? 200 : 500, statusText: 'OK' });
      return real.status === status && real.statusText === statusText ? real : forged(real, { status, statusText, ok });
    };
    const afterResponse = (response: Response) => void seen.push(statusLine(response));
    await mielto(answer, { maxRetries: 0, hooks: { afterResponse } })
      .update()
      .catch(() => {});
    expect(seen).toEqual([[status, statusText, ok]]);
  });

  it("gives withResponse() the answer's own status line", async () => {
    const { client, clock } = mielto(() => forged(ok(), { status: 299, statusText: 'Très bien ✓' }));
    const { response } = await clock.run(client.memories.update('mem_1', { memory: 'x' }).withResponse());
    expect(statusLine(response)).toEqual([299, 'Très bien ✓', true]);
  });
});

describe('redirects the browser hides (opaqueredirect)', () => {
  const opaque = () => forged(new Response(null, { status: 200 }), { type: 'opaqueredirect', status: 0, ok: false });

  it('refuses an idempotent write too, sent once: a browser would follow it as a GET without the body', async () => {
    const { update, requests } = mielto(() => opaque());
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe(
      `${PREFIX}the server redirected the write, which a browser hides and would turn into a GET without its body: it was not sent again, and nothing is known to have been written; point baseUrl at the final URL`,
    );
    expect(requests.map((request) => request.redirect)).toEqual(['manual']);
  });

  it('never sends a write twice', async () => {
    const clock = new TestClock();
    let sent = 0;
    const supermemory = new Supermemory({
      apiKey: KEY,
      clock,
      fetch: () => (sent++, Promise.resolve(opaque())),
    });
    const error = await rejectionOf(
      clock.run(supermemory.memories.update({ containerTag: 'user_1', id: 'm1', newContent: 'x' })),
    );
    expect(error.message).toMatch(/^Supermemory memories.update: the server redirected the write, which a browser hides/);
    expect(sent).toBe(1);
  });

  // A read the browser may follow itself: sent once more with `redirect: 'follow'`, and only once.
  const read = (answers: (n: number) => Response) => {
    const { client, clock, requests } = mielto(answers);
    type Send = (path: string, init: object) => Promise<{ response: Response }>;
    const sender = raw(client) as unknown as Record<'GET' | 'HEAD', Send>;
    const method = (name: 'GET' | 'HEAD') => clock.run(sender[name]('/api/v1/memories/mem_1', { parseAs: 'text' }));
    return { method, requests };
  };

  it.each(['GET', 'HEAD'] as const)('sends a %s once more for the browser to follow, and takes that answer', async (name) => {
    const { method, requests } = read((n) => (n === 0 ? opaque() : new Response(name === 'GET' ? 'found' : null)));
    const { response } = await method(name);
    expect(response.status).toBe(200);
    expect(requests.map((request) => [request.method, request.redirect])).toEqual([
      [name, 'manual'],
      [name, 'follow'],
    ]);
  });

  it('refuses a read redirected again, sent twice', async () => {
    const { method, requests } = read(() => opaque());
    const error = await rejectionOf(method('GET'));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe(
      'Mielto GET /api/v1/memories/mem_1: the server redirected the request again, which a browser hides; point baseUrl at the final URL',
    );
    expect(requests).toHaveLength(2);
  });
});

describe('redirects memwire follows', () => {
  const to = (location: string, status = 307) => new Response(null, { status, headers: { location } });

  it('follows up to 20, then answers with the last redirect', async () => {
    const { update, requests } = mielto(() => to('https://api.mielto.com/api/v1/memories/mem_1'), { maxRetries: 0 });
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(`${PREFIX}307 more than 20 redirects`);
    expect(requests).toHaveLength(21);
  });

  it('does not send a write again once a custom fetch says it followed a redirect', async () => {
    const clock = new TestClock();
    let sent = 0;
    const busy = () => new Response('{"error":"busy"}', { status: 503, headers: { 'retry-after': '1' } });
    const supermemory = (redirected: boolean) =>
      new Supermemory({
        apiKey: KEY,
        clock,
        maxRetries: 2,
        fetch: () => (sent++, Promise.resolve(redirected ? forged(busy(), { redirected: true }) : busy())),
      });
    await rejectionOf(clock.run(supermemory(false).memories.update({ containerTag: 'user_1', id: 'm1', newContent: 'x' })));
    expect(sent).toBe(3); // a 503 says it was not applied: retried
    sent = 0;
    await rejectionOf(clock.run(supermemory(true).memories.update({ containerTag: 'user_1', id: 'm1', newContent: 'x' })));
    expect(sent).toBe(1);
  });

  it('does not send a write again once memwire followed a redirect for it', async () => {
    const clock = new TestClock();
    const urls: string[] = [];
    const supermemory = new Supermemory({
      apiKey: KEY,
      clock,
      maxRetries: 2,
      fetch: (request) => {
        urls.push(new URL(request.url).pathname);
        return Promise.resolve(
          urls.length === 1
            ? to('https://api.supermemory.ai/v4/elsewhere', 308)
            : new Response('{"error":"busy"}', { status: 503, headers: { 'retry-after': '1' } }),
        );
      },
    });
    await rejectionOf(clock.run(supermemory.memories.update({ containerTag: 'user_1', id: 'm1', newContent: 'x' })));
    expect(urls).toEqual(['/v4/memories', '/v4/elsewhere']);
  });
});

describe("the server's own explanation in a failure's message", () => {
  it('is cut to 300 characters: a server may put kilobytes in it', async () => {
    const detail = `${'d'.repeat(300)}${'e'.repeat(100)}`;
    const answer = () => new Response(JSON.stringify({ detail }), { status: 500 });
    const error = await rejectionOf(mielto(answer, { maxRetries: 0 }).update());
    expect(error.message).toBe(`${PREFIX}500 ${'d'.repeat(300)}`);
    expect(error).toMatchObject({ body: { detail } });
  });
});

describe('a 2xx that is not the documented answer', () => {
  const answered =
    (body: BodyInit | null, headers: Record<string, string> = {}) =>
    () =>
      new Response(body, { status: 200, headers });
  const invalid = async (answer: () => Response) => {
    const error = await rejectionOf(mielto(answer).update());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ applied: 'unknown', status: 200 });
    return error.message;
  };

  it.each([
    ['a JSON array', '[1]', 'not a JSON object'],
    ['JSON null', 'null', 'not a JSON object'],
    ['an object without the fields', '{"ok":true}', 'no memory_id; no message; no memory'],
    [
      'fields of other types',
      '{"memory_id":5,"message":null,"memory":[]}',
      'memory_id is number, not string; message is null, not string; memory is array, not object',
    ],
  ])('refuses %s, saying what is missing or wrong and what came', async (_, body, why) => {
    expect(await invalid(answered(body))).toBe(
      `${PREFIX}200: the body is not the documented answer (${why}), so the write may have been applied or not; it came as ${body}`,
    );
  });

  it('shows what came redacted, then cut to 200 characters', async () => {
    const body = JSON.stringify({ echo: KEY, padding: 'p'.repeat(300) });
    const shown = body.replace(KEY, '[redacted]').slice(0, 200);
    expect(await invalid(answered(body))).toMatch(new RegExp(`it came as ${shown.replace(/[[\]{}]/g, '\\$&')}$`));
  });

  it.each([
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), {}, ': the body is not valid UTF-8'],
    [
      'an HTML page, with its content type',
      '<html>',
      { 'content-type': 'text/html' },
      'with an HTML page: the body is not JSON (text/html)',
    ],
    [
      'text without a content type',
      new TextEncoder().encode('plain words'),
      {},
      'plain words: the body is not JSON (no content type)',
    ],
    ['an empty body', '', {}, ': the body is empty'],
  ])('refuses %s', async (_, body, headers, said) => {
    // After the status, what the body says (a text's first line) when it says anything.
    expect(await invalid(answered(body, headers))).toBe(`${PREFIX}200${said.startsWith(':') ? '' : ' '}${said}`);
  });
});

describe('beforeRequest on a redirect hop, after the write was sent', () => {
  const redirected = (n: number) =>
    n === 0
      ? new Response(null, { status: 307, headers: { location: 'https://api.mielto.com/api/v1/memories/mem_1?hop=2' } })
      : ok();

  it('a hook that throws says the write may have been applied', async () => {
    let calls = 0;
    const beforeRequest = () => {
      if (calls++ > 0) throw new Error('signer broke');
      return undefined;
    };
    const { update, requests } = mielto(redirected, { hooks: { beforeRequest } });
    const error = await rejectionOf(update());
    expect(error.message).toBe(`${PREFIX}the beforeRequest hook threw: the write may have been applied, and was not sent again`);
    expect(error).toMatchObject({ name: 'HookError', applied: 'unknown' });
    expect(requests).toHaveLength(1);
  });

  it('a hook that never settles ends as a request sent and not answered, not as one never sent', async () => {
    let calls = 0;
    const beforeRequest = () => (calls++ > 0 ? new Promise<undefined>(() => {}) : undefined);
    const { update, requests } = mielto(redirected, { hooks: { beforeRequest }, timeout: 1_000, maxRetries: 0 });
    const error = await rejectionOf(update());
    expect(error.message).toBe(`${PREFIX}https://api.mielto.com did not answer within 1000 ms`);
    expect(error).toMatchObject({ name: 'TimeoutError', applied: 'unknown' });
    expect(requests).toHaveLength(1);
  });
});

describe('a beforeRequest hook that returns a Request no fetch can send', () => {
  it('fails the call as one that sent nothing, not retried: a signer that read the body and returned it', async () => {
    let calls = 0;
    const beforeRequest = async (request: Request) => {
      calls++;
      await request.text(); // to hash it, say; the Request's body is used up
      return request;
    };
    const { update, requests } = mielto(() => ok(), { hooks: { beforeRequest } });
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toMatch(new RegExp(`^${PREFIX}the request could not be made, and nothing was sent: \\S`));
    expect(error).toMatchObject({ applied: 'no', cause: { name: 'TypeError' } });
    expect([calls, requests.length]).toEqual([1, 0]);
  });
});

describe('a beforeRequest hook that aborts the call', () => {
  it('sends nothing', async () => {
    const controller = new AbortController();
    const { client, clock, requests } = mielto(() => ok(), { hooks: { beforeRequest: () => void controller.abort() } });
    const error = await rejectionOf(clock.run(client.memories.update('mem_1', { memory: 'x' }, { signal: controller.signal })));
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});
