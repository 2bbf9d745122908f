// Rule 1: redirects never duplicate a write. Servers on 127.0.0.1 answer each client's write with
// redirects of every kind; the servers count what arrives.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import { ApiError, ConnectionError, InvalidResponseError, Mielto, MemwireError, ServerError } from '../../src/index.js';
import { CLOSED_PORT_URL, type HostileServer, INSTANT, KEY, rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

const origin = useServer();
const other = useServer();

/** Answers `path` with `status` and a Location, and every other path with the write's success. */
function redirect(server: HostileServer, from: string, status: number, location: string | undefined, success: unknown) {
  server.handle = (seen, response) => {
    if (seen.url !== from) return reply(response, 200, success);
    reply(response, status, { detail: 'moved' }, location === undefined ? {} : { location });
  };
}

const supermemory = WRITES.find((write) => write.name.startsWith('Supermemory'))!;

describe.each(WRITES)('$name', (write) => {
  it.each([307, 308])('follows a relative %i with the same method, body and key, sent once to each URL', async (status) => {
    redirect(origin, write.path, status, '/moved/here', write.success);
    await expect(write.call(origin.url)).resolves.toEqual(write.resolved);
    const [first, second] = origin.requests;
    expect(origin.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
      `${write.method} ${write.path}`,
      `${write.method} /moved/here`,
    ]);
    expect(second!.body).toBe(first!.body);
    expect(JSON.parse(second!.body)).toBeTypeOf('object');
    expect(second!.authorization).toBe(write.authorization);
  });

  it.each([307, 308])('follows an absolute %i to another origin without the Authorization header', async (status) => {
    redirect(origin, write.path, status, `${other.url}/elsewhere`, write.success);
    other.handle = (_seen, response) => reply(response, 200, write.success);
    await expect(write.call(origin.url)).resolves.toEqual(write.resolved);
    expect(origin.requests).toHaveLength(1);
    expect(origin.requests[0]!.authorization).toBe(write.authorization);
    expect(other.requests).toMatchObject([
      { method: write.method, url: '/elsewhere', authorization: undefined, body: origin.requests[0]!.body },
    ]);
  });

  it.each([301, 302, 303])(
    'does not follow a %i: the error says the write may have landed, and nothing is re-sent',
    async (status) => {
      redirect(origin, write.path, status, `${other.url}/moved?token=${KEY}`, write.success);
      const error = await rejectionOf(write.call(origin.url));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status, attempts: 1 });
      expect(error.message).toBe(
        `${write.name}: ${status} the server redirected the write to ${other.url}/moved, which memwire does not follow for a write: it may have been applied and was not re-sent`,
      );
      expect(origin.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    },
  );

  it('follows a chain of 307 and 308, relative and absolute, across origins and back', async () => {
    origin.handle = (seen, response) => {
      if (seen.url === write.path) return reply(response, 307, '', { location: '/hop/1' });
      if (seen.url === '/hop/1') return reply(response, 308, '', { location: `${other.url}/hop/2` });
      reply(response, 200, write.success);
    };
    other.handle = (_seen, response) => reply(response, 307, '', { location: `${origin.url}/hop/3` });
    await expect(write.call(origin.url)).resolves.toEqual(write.resolved);
    expect(origin.requests.map((seen) => seen.url)).toEqual([write.path, '/hop/1', '/hop/3']);
    // Once the chain left the origin, the key stays dropped, as fetch does.
    expect(origin.requests.map((seen) => seen.authorization)).toEqual([write.authorization, write.authorization, undefined]);
    expect(new Set([...origin.requests, ...other.requests].map((seen) => seen.body)).size).toBe(1);
  });

  it('stops a redirect loop after 20 hops with an ApiError, not retried', async () => {
    origin.handle = (_seen, response) => reply(response, 307, '', { location: write.path });
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 307, attempts: 1 });
    expect(error.message).toBe(`${write.name}: 307 more than 20 redirects`);
    expect(origin.requests).toHaveLength(21);
  });

  it.each([
    ['no Location', undefined],
    ['a Location that is not a URL', 'http://[::1'],
    ['a Location that is not http(s)', 'ftp://127.0.0.1/x'],
  ])('gives a 307 with %s as the ApiError it is', async (_case, location) => {
    redirect(origin, write.path, 307, location, write.success);
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 307, attempts: 1 });
    expect(error.message).toBe(`${write.name}: 307 moved`);
    expect(origin.requests).toHaveLength(1);
  });

  it('never sends a write redirected to a closed port again unless it is idempotent', async () => {
    redirect(origin, write.path, 307, `${CLOSED_PORT_URL}/gone`, write.success);
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
    // Refused on the second hop proves nothing about the first, which may have applied the write.
    expect(error).toMatchObject({ attempts: write.idempotent ? 3 : 1 });
    expect(origin.requests).toHaveLength(write.idempotent ? 3 : 1);
  });

  it('never sends a redirected write again unless it is idempotent, whatever the last hop says', async () => {
    redirect(origin, write.path, 308, `${other.url}/busy`, write.success);
    other.handle = (_seen, response) =>
      reply(response, 503, { detail: 'busy' }, { 'retry-after': '0', 'x-should-retry': 'true' });
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: write.idempotent ? 3 : 1 });
    expect(origin.requests).toHaveLength(write.idempotent ? 3 : 1);
    expect(other.requests).toHaveLength(write.idempotent ? 3 : 1);
  });

  it('drops the key on a cross-origin hop even when the server echoes it in the URL', async () => {
    redirect(origin, write.path, 307, `${other.url}/x`, write.success);
    other.handle = (_seen, response) => reply(response, 401, { detail: 'who are you?' });
    const error = await rejectionOf(write.call(origin.url));
    expect(error).toMatchObject({ status: 401 });
    expect(other.requests[0]!.authorization).toBeUndefined();
    expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain(KEY);
  });
});

describe('the issue: a Supermemory update answered 303, whose follow-up would fail', () => {
  it.each([
    ['a 503', () => (other.handle = (_seen, response) => reply(response, 503, {}))],
    ['a closed port', () => undefined],
  ])('creates one version, not three, when the follow-up would get %s', async (_case, setUp) => {
    setUp();
    const target = _case === 'a closed port' ? `${CLOSED_PORT_URL}/v4/memories` : `${other.url}/v4/memories`;
    redirect(origin, supermemory.path, 303, target, supermemory.success);
    const error = await rejectionOf(supermemory.call(origin.url));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 303, attempts: 1 });
    expect(error.message).toContain('may have been applied and was not re-sent');
    expect(origin.requests.filter((seen) => seen.method === 'PATCH')).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });
});

describe('reads (raw GET)', () => {
  it.each([301, 302, 303, 307, 308])('follows a %i as a GET, with the key on the same origin', async (status) => {
    origin.handle = (seen, response) =>
      seen.url === '/api/v1/memories/mem_1'
        ? reply(response, status, '', { location: '/v2/mem_1' })
        : reply(response, 200, { memory_id: 'mem_1' });
    const mielto = new Mielto({ apiKey: KEY, baseUrl: origin.url, ...INSTANT });
    const rawClient = raw(mielto) as unknown as { GET(path: string): Promise<{ data?: unknown; response: Response }> };
    const { data, response } = await rawClient.GET('/api/v1/memories/mem_1');
    expect(response.status).toBe(200);
    expect(data).toEqual({ memory_id: 'mem_1' });
    expect(origin.requests.map((seen) => [seen.method, seen.url, seen.authorization])).toEqual([
      ['GET', '/api/v1/memories/mem_1', `Bearer ${KEY}`],
      ['GET', '/v2/mem_1', `Bearer ${KEY}`],
    ]);
  });
});

describe('in a browser, where a manual redirect is opaque', () => {
  /** What a browser's fetch gives for `redirect: 'manual'`: status 0, type opaqueredirect, no Location. */
  function opaqueRedirect(): Response {
    return Object.defineProperties(new Response(null, { status: 200 }), {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      ok: { value: false },
    });
  }

  it.each(WRITES)('refuses $name redirected in a browser, sent once: nothing is known to have been written', async (write) => {
    const sent: RequestRedirect[] = [];
    const fetch = (request: Request) => {
      sent.push(request.redirect);
      return Promise.resolve(opaqueRedirect());
    };
    const error = await rejectionOf(write.call('https://proxy.test', { fetch }));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe(
      `${write.name}: the server redirected the write, which a browser hides and would turn into a GET without its body: it was not sent again, and nothing is known to have been written; point baseUrl at the final URL`,
    );
    expect(sent).toEqual(['manual']);
  });

  it('sends a read (a raw GET) once more for the browser to follow, and no third time', async () => {
    const sent: RequestRedirect[] = [];
    const fetch = (request: Request) => {
      sent.push(request.redirect);
      return Promise.resolve(request.redirect === 'manual' ? opaqueRedirect() : Response.json({ memory_id: 'mem_1' }));
    };
    const mielto = new Mielto({ apiKey: KEY, baseUrl: 'https://proxy.test', fetch, ...INSTANT });
    const reader = raw(mielto) as unknown as { GET(path: string): Promise<{ data?: unknown }> };
    await expect(reader.GET('/api/v1/memories/mem_1')).resolves.toMatchObject({ data: { memory_id: 'mem_1' } });
    expect(sent).toEqual(['manual', 'follow']);
  });

  it('fails a read redirected again after the browser followed it, sending it no third time', async () => {
    const sent: RequestRedirect[] = [];
    const fetch = (request: Request) => (sent.push(request.redirect), Promise.resolve(opaqueRedirect()));
    const mielto = new Mielto({ apiKey: KEY, baseUrl: 'https://proxy.test', fetch, ...INSTANT });
    const reader = raw(mielto) as unknown as { GET(path: string): Promise<unknown> };
    const error = await rejectionOf(reader.GET('/api/v1/memories/mem_1'));
    expect(error.message).toBe(
      'Mielto GET /api/v1/memories/mem_1: the server redirected the request again, which a browser hides; point baseUrl at the final URL',
    );
    expect(sent).toEqual(['manual', 'follow']);
  });

  it.each(WRITES)(
    'does not resolve $name when a fetch that follows redirects itself answers with a GET of the memory',
    async (write) => {
      // What a browser's `follow` does with a 303: the write becomes a GET, whose JSON is the memory.
      const fetch = () =>
        Promise.resolve(
          Object.defineProperty(Response.json({ memory_id: 'mem_1', user_id: 'u', memory: 'Likes tea' }), 'redirected', {
            value: true,
          }),
        );
      const error = await rejectionOf(write.call('https://proxy.test', { fetch }));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error.message).toContain('the body is not the documented answer');
    },
  );

  it('counts a redirect a custom fetch followed itself: a write is not sent again', async () => {
    let calls = 0;
    const fetch = () => {
      calls++;
      // A 503 alone says "not applied", retried even for a write; after a redirect it proves nothing.
      return Promise.resolve(Object.defineProperty(Response.json({}, { status: 503 }), 'redirected', { value: true }));
    };
    const error = await rejectionOf(supermemory.call('https://proxy.test', { fetch }));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(calls).toBe(1);
  });
});
