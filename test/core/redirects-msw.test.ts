// msw returns a mocked 3xx as it is for `redirect: 'manual'` (as undici does for a real one), so
// memwire's own redirect rule applies under msw too; test/hostile/redirects.test.ts covers real sockets.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Mielto, Supermemory } from '../../src/index.js';
import { API_KEY, rejectionOf } from '../helpers/use-fake.js';

const seen: { url: string; method: string; body: string; authorization: string | null }[] = [];
const record = async ({ request }: { request: Request }) => {
  seen.push({
    url: request.url,
    method: request.method,
    body: await request.text(),
    authorization: request.headers.get('authorization'),
  });
};
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const UPDATED = { memory_id: 'mem_1', message: 'Memory updated', memory: { memory_id: 'mem_1', memory: 'Likes tea' } };
const timing = { clock: { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} }, timeout: Infinity };
const MIELTO_URL = 'https://api.mielto.com/api/v1/memories/mem_1';
const SUPERMEMORY_URL = 'https://api.supermemory.ai/v4/memories';

/** A handler that records the request and redirects it, with `status`, to `location`. */
const redirecting = (method: 'put' | 'patch', url: string, status: number, location: string) =>
  http[method](url, async (info) => {
    await record(info);
    return new HttpResponse(null, { status, headers: { location } });
  });
/** A handler that records the request and answers it as Mielto does. */
const answering = (url: string) => http.put(url, async (info) => (await record(info), HttpResponse.json(UPDATED)));

const mieltoUpdate = (options: { baseUrl?: string } = {}) =>
  new Mielto({ apiKey: API_KEY, ...timing, ...options }).memories.update('mem_1', { memory: 'Likes tea' });
const supermemoryUpdate = () =>
  new Supermemory({ apiKey: API_KEY, ...timing }).memories.update({ containerTag: 'u', id: 'mem_1', newContent: 'x' });

describe('redirects under msw', () => {
  it('follows a 308 to another origin with the same body and without the key', async () => {
    server.use(
      redirecting('put', MIELTO_URL, 308, 'https://eu.mielto.test/api/v1/memories/mem_1'),
      answering('https://eu.mielto.test/api/v1/memories/mem_1'),
    );
    await expect(mieltoUpdate()).resolves.toEqual(UPDATED);
    expect(seen.map(({ method, body, authorization }) => [method, body, authorization])).toEqual([
      ['PUT', '{"memory":"Likes tea"}', `Bearer ${API_KEY}`],
      ['PUT', '{"memory":"Likes tea"}', null],
    ]);
  });

  it("does not follow a 303 of Supermemory's write, nor send it again", async () => {
    server.use(redirecting('patch', SUPERMEMORY_URL, 303, '/v4/memories/mem_2'));
    const error = await rejectionOf(supermemoryUpdate());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain('redirected the write to https://api.supermemory.ai/v4/memories/mem_2');
    expect(seen).toHaveLength(1);
  });

  // Where a refused redirect pointed is shown redacted, then as an absolute URL without its query.
  it.each([303, 307])('refuses a %i from https to plain http before any other rule, showing where it pointed', async (status) => {
    server.use(redirecting('put', MIELTO_URL, status, `http://api.mielto.com/v2/${API_KEY}?token=${API_KEY}`));
    const error = await rejectionOf(mieltoUpdate());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      `Mielto memories.update: ${status} the server redirected the request from https to plain http (http://api.mielto.com/v2/[redacted]), which memwire refuses: nothing was sent there`,
    );
    expect(seen).toHaveLength(1);
  });

  it('follows a 307 from plain http to plain http: only leaving https is refused', async () => {
    server.use(
      redirecting('put', 'http://mielto.internal/api/v1/memories/mem_1', 307, 'http://mielto.internal/v2/memories/mem_1'),
      answering('http://mielto.internal/v2/memories/mem_1'),
    );
    await expect(mieltoUpdate({ baseUrl: 'http://mielto.internal' })).resolves.toEqual(UPDATED);
    expect(seen.map(({ url }) => url)).toEqual([
      'http://mielto.internal/api/v1/memories/mem_1',
      'http://mielto.internal/v2/memories/mem_1',
    ]);
  });

  // The Location is cut to 200 characters so that the refusal, which says what became of the write, is whole.
  it.each([
    [
      'that parses, without its query',
      `https://api.supermemory.ai/v4/${'p'.repeat(2_000)}?x=1`,
      `https://api.supermemory.ai/v4/${'p'.repeat(2_000)}`,
    ],
    [
      'that no longer parses once redacted, as it was sent up to its query',
      `https://${API_KEY}.example/v4/${'m'.repeat(300)}?x=1`,
      `https://[redacted].example/v4/${'m'.repeat(300)}`,
    ],
  ])('shows a long Location %s, and keeps the whole refusal', async (_, location, shown) => {
    server.use(redirecting('patch', SUPERMEMORY_URL, 303, location));
    const error = await rejectionOf(supermemoryUpdate());
    expect(error.message).toBe(
      `Supermemory memories.update: 303 the server redirected the write to ${shown.slice(0, 200)}, which memwire does not follow for a write: it may have been applied and was not re-sent`,
    );
    expect(error.message).not.toContain(API_KEY);
    expect(seen).toHaveLength(1);
  });
});
