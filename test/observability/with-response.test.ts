import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import {
  type CallMetadata,
  InvalidArgumentError,
  MemoryLayer,
  MemwireError,
  Mielto,
  OpenSearchMemory,
  type ResponsePromise,
  type RetryContext,
  ServerError,
  Supermemory,
} from '../../src/index.js';
import { fourFakes } from '../helpers/four-fakes.js';
import { API_KEY, rejectionOf } from '../helpers/use-fake.js';

const { clock, osBase, fakes, seedAll, options } = fourFakes();
const mielto = new Mielto({ apiKey: API_KEY, ...options });

describe('withResponse()', () => {
  it('gives the data, the final response, its request id and the attempts, on every provider', async () => {
    seedAll();
    for (const fake of Object.values(fakes)) fake.failNext({ status: 503, retryAfter: 0 });
    const calls: Record<keyof typeof fakes, ResponsePromise<object>> = {
      mielto: mielto.memories.update('mem_1', { memory: 'Likes coffee' }),
      memoryLayer: new MemoryLayer({ apiKey: API_KEY, ...options }).memories.update('mem_1', { content: 'Likes coffee' }),
      supermemory: new Supermemory({ apiKey: API_KEY, ...options }).memories.update({
        containerTag: 'user_1',
        id: 'mem_1',
        newContent: 'Likes coffee',
      }),
      openSearch: new OpenSearchMemory({ baseUrl: osBase, auth: { apiKey: API_KEY }, ...options }).memories.update(
        'c1',
        'long-term',
        'l1',
        { memory: 'Likes coffee' },
      ),
    };
    for (const [name, call] of Object.entries(calls)) {
      const { data, response, requestId, attempts } = await clock.run(call.withResponse());
      const fake = fakes[name as keyof typeof fakes];
      expect(attempts, name).toBe(2);
      expect(response.status, name).toBe(200);
      expect(requestId, name).toBe(response.headers.get('x-request-id') ?? undefined);
      // Awaiting the same call again gives the same data, without sending it again.
      expect(await call, name).toEqual(data);
      expect(fake.requests, name).toHaveLength(2);
    }
    expect((await calls.mielto.withResponse()).requestId).toMatch(/^req_\d+$/);
  });

  it('awaited as before, an operation still resolves to its data', async () => {
    seedAll();
    const call = mielto.memories.update('mem_1', { memory: 'Likes coffee' });
    const result = await clock.run(call);
    expect(result.memory.memory).toBe('Likes coffee');
    expect((await call.withResponse()).data).toBe(result);
    expect(result).not.toHaveProperty('response');
  });

  it('rejects with the MemwireError, and the call reports no unhandled rejection', async () => {
    seedAll();
    fakes.mielto.failNext({ status: 500, times: 5 });
    const error = await rejectionOf(clock.run(mielto.memories.update('mem_1', { memory: 'x' }).withResponse()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ attempts: 3 });
  });

  it('on raw calls: openapi-fetch’s result with requestId and attempts', async () => {
    seedAll();
    fakes.mielto.failNext({ status: 502 });
    const call = raw(mielto).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'mem_1' } },
      body: { memory: 'Likes coffee' },
    });
    const { data, error, response, requestId, attempts } = await clock.run(call.withResponse());
    expect(error).toBeUndefined();
    expect(data?.memory.memory).toBe('Likes coffee');
    expect(response.status).toBe(200);
    expect(requestId).toBe(response.headers.get('x-request-id'));
    expect(attempts).toBe(2);
    const plain = await call;
    expect(Object.keys(plain).sort()).toEqual(['data', 'error', 'response']);
  });

  it('on raw.request(method, path, init) too, on every provider, named by method and path template', async () => {
    seedAll();
    const retried: string[] = [];
    const hooked = { ...options, hooks: { beforeRetry: ({ operation }: RetryContext) => void retried.push(operation) } };
    for (const fake of Object.values(fakes)) fake.failNext({ status: 503, retryAfter: 0 });
    type RawResult = { data?: unknown; error?: unknown; response: Response };
    const raws: Record<keyof typeof fakes, ResponsePromise<RawResult, RawResult & CallMetadata>> = {
      mielto: raw(new Mielto({ apiKey: API_KEY, ...hooked })).request('put', '/api/v1/memories/{memory_id}', {
        params: { path: { memory_id: 'mem_1' } },
        body: { memory: 'Likes coffee' },
      }),
      memoryLayer: raw(new MemoryLayer({ apiKey: API_KEY, ...hooked })).request('patch', '/v1/memories/{id}', {
        params: { path: { id: 'mem_1' } },
        body: { content: 'Likes coffee' },
      }),
      supermemory: raw(new Supermemory({ apiKey: API_KEY, ...hooked })).request('patch', '/v4/memories', {
        body: { containerTag: 'user_1', id: 'mem_1', newContent: 'Likes coffee' },
      }),
      openSearch: raw(new OpenSearchMemory({ baseUrl: osBase, auth: { apiKey: API_KEY }, ...hooked })).request(
        'put',
        '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
        { params: { path: { memory_container_id: 'c1', type: 'long-term', id: 'l1' } }, body: { memory: 'Likes coffee' } },
      ),
    };
    for (const [name, call] of Object.entries(raws)) {
      const { data, error, response, requestId, attempts } = await clock.run(call.withResponse());
      expect(error, name).toBeUndefined();
      expect(data, name).toBeDefined();
      expect(response.status, name).toBe(200);
      expect(requestId, name).toBe(response.headers.get('x-request-id') ?? undefined);
      expect(attempts, name).toBe(2);
      // Awaited, the same call: openapi-fetch's result as it is, not sent again.
      const plain = await call;
      expect(Object.keys(plain).sort(), name).toEqual(['data', 'error', 'response']);
      expect(plain.response, name).toBe(response);
      expect(fakes[name as keyof typeof fakes].requests, name).toHaveLength(2);
    }
    expect(retried.sort()).toEqual([
      'PATCH /v1/memories/{id}',
      'PATCH /v4/memories',
      'PUT /_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
      'PUT /api/v1/memories/{memory_id}',
    ]);
    expect((await raws.mielto).data).toMatchObject({ memory: { memory: 'Likes coffee' } });
    expect(fakes.mielto.get('mem_1')?.memory).toBe('Likes coffee');
  });

  it('raw.request with a method openapi-fetch does not type is a TypeError, and sends nothing', () => {
    seedAll();
    expect(() => raw(mielto).request('connect' as never, '/api/v1/memories/{memory_id}' as never)).toThrow(TypeError);
    expect(fakes.mielto.requests).toHaveLength(0);
  });
});

describe('per-call headers', () => {
  it('merge over the client’s and are sent on every attempt', async () => {
    seedAll();
    fakes.mielto.failNext({ status: 503, times: 2 });
    const client = new Mielto({ apiKey: API_KEY, ...options, headers: { 'x-team': 'a', 'x-trace-id': 'client' } });
    await clock.run(client.memories.update('mem_1', { memory: 'x' }, { headers: { 'x-trace-id': 'call-1' } }));
    const sent = fakes.mielto.requests.map((request) => [request.headers.get('x-team'), request.headers.get('x-trace-id')]);
    expect(sent).toEqual([
      ['a', 'call-1'],
      ['a', 'call-1'],
      ['a', 'call-1'],
    ]);
    expect(fakes.mielto.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('are checked like the client’s, before anything is sent', async () => {
    seedAll();
    for (const [headers, message] of [
      [{ 'x-bad': 'line\nbreak' }, 'Header x-bad must be non-empty visible ASCII'],
      [{ 'content-length': '3' }, 'The headers option cannot set content-length'],
      [{ Authorization: 'Bearer other' }, 'The headers option cannot set Authorization: memwire sets it from the credentials'],
    ] as const) {
      const error = await rejectionOf(mielto.memories.update('mem_1', { memory: 'x' }, { headers }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(new RegExp(`^Mielto memories\\.update: ${message}`));
    }
    expect(fakes.mielto.requests).toHaveLength(0);
  });

  it('the client’s headers cannot set Authorization either', () => {
    expect(() => new Mielto({ apiKey: API_KEY, headers: { authorization: 'Bearer x' } })).toThrow(MemwireError);
  });
});
