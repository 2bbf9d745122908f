import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, Mielto, SENT_HEADERS } from '../../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

// Made before msw is listening: the global fetch must be looked up at call time, not here.
const madeEarly = new Mielto({ apiKey: API_KEY, workspaceId: 'ws_1' });
const { fake, clock, client } = useMieltoFake();

const created = '2025-01-02T03:04:05.000Z';
const seed = () =>
  fake.seed([
    {
      workspaceId: 'ws_1',
      memory_id: 'mem_1',
      user_id: 'user_1',
      memory: 'Likes tea',
      topics: ['drinks'],
      metadata: { source: 'chat' },
      created_at: created,
      updated_at: created,
    },
  ]);

describe('memories.update', () => {
  it('sends PUT /api/v1/memories/{id} with the patch as JSON', async () => {
    seed();
    await client({ workspaceId: 'ws_1' }).memories.update('mem_1', { memory: 'Likes coffee' });
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'PUT',
      url: 'https://api.mielto.com/api/v1/memories/mem_1',
      body: { memory: 'Likes coffee' },
      workspaceId: 'ws_1',
    });
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('sends only the documented headers', async () => {
    seed();
    await client({ workspaceId: 'ws_1' }).memories.update('mem_1', { memory: 'x' });
    expect([...fake.requests[0]!.headers.keys()].sort()).toEqual(SENT_HEADERS.filter((name) => name !== 'x-tenant-id'));
  });

  it('adds the extra headers a caller configures', async () => {
    seed();
    await client({ workspaceId: 'ws_1', headers: { 'X-Trace-Id': 'trace-1' } }).memories.update('mem_1', { memory: 'x' });
    expect(fake.requests[0]!.headers.get('x-trace-id')).toBe('trace-1');
  });

  it('changes only the fields given and resolves to the updated memory', async () => {
    seed();
    await clock.advance(60_000);
    const result = await client({ workspaceId: 'ws_1' }).memories.update('mem_1', { topics: ['tea', 'mornings'] });
    expect(result).toEqual({
      memory_id: 'mem_1',
      message: 'Memory updated successfully',
      memory: {
        memory_id: 'mem_1',
        user_id: 'user_1',
        memory: 'Likes tea',
        topics: ['tea', 'mornings'],
        metadata: { source: 'chat' },
        created_at: created,
        updated_at: new Date(clock.now()).toISOString(),
      },
    });
    expect(fake.get('mem_1', 'ws_1')).toEqual(result.memory);
  });

  it('is typed so that a user reads the result without casts', async () => {
    seed();
    const { memory } = await client({ workspaceId: 'ws_1' }).memories.update('mem_1', { metadata: { mood: 'calm' } });
    const topics: string[] | null | undefined = memory.topics;
    expect(topics).toEqual(['drinks']);
    expect(memory.metadata).toEqual({ mood: 'calm' });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an array', [{ memory: 'x' }]],
    ['a string', 'memory'],
  ])('refuses a patch that is %s, sending nothing', async (_, patch) => {
    const error = await rejectionOf(client().memories.update('mem_1', patch as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/^Mielto memories.update: patch must be an object/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a patch JSON cannot hold, sending nothing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const error = await rejectionOf(client().memories.update('mem_1', { metadata: cyclic }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/cannot be sent as JSON/);
    expect(error.cause).toBeInstanceOf(TypeError);
    const big = await rejectionOf(client().memories.update('mem_1', { metadata: { n: 1n } }));
    expect(big).toBeInstanceOf(InvalidArgumentError);
    expect(big.cause).toBeInstanceOf(TypeError);
    const thrower = {
      toJSON() {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a caller's toJSON may throw
        throw 'not serialisable';
      },
    };
    const thrown = await rejectionOf(client().memories.update('mem_1', { metadata: thrower }));
    expect(thrown.message).toBe('Mielto memories.update: The request body cannot be sent as JSON: not serialisable');
    expect(thrown.cause).toBe('not serialisable');
    expect(fake.requests).toHaveLength(0);
  });
});

it('uses the global fetch as it is at call time, so mocks installed later apply', async () => {
  seed();
  await madeEarly.memories.update('mem_1', { memory: 'Via msw' });
  expect(fake.get('mem_1', 'ws_1')?.memory).toBe('Via msw');
  // msw patches Headers and Request on listen; a client made before must still send every header.
  expect([...fake.requests[0]!.headers.keys()].sort()).toEqual(SENT_HEADERS.filter((name) => name !== 'x-tenant-id'));
});

describe('memories.replace', () => {
  it('sends POST /api/v1/memories/{id}/replace with the whole memory', async () => {
    seed();
    const memory = { memory: 'Drinks only water', topics: ['health'], metadata: null, user_id: 'user_1' };
    await client({ workspaceId: 'ws_1' }).memories.replace('mem_1', memory);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.mielto.com/api/v1/memories/mem_1/replace',
      body: memory,
    });
  });

  it('replaces every field, keeps the id and created_at, and sets updated_at', async () => {
    seed();
    await clock.advance(3_600_000);
    const result = await client({ workspaceId: 'ws_1' }).memories.replace('mem_1', { memory: 'Drinks only water' });
    expect(result.memory_id).toBe('mem_1');
    expect(result.old_memory.memory).toBe('Likes tea');
    expect(result.new_memory).toEqual({
      memory_id: 'mem_1',
      user_id: 'user_1',
      memory: 'Drinks only water',
      topics: null,
      metadata: null,
      created_at: created,
      updated_at: new Date(clock.now()).toISOString(),
    });
  });
});

describe('options', () => {
  it.each([
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ timeout: 0 }, /timeout/],
    [{ timeout: Number.NaN }, /timeout/],
    [{ baseUrl: 'api.mielto.com' }, /baseUrl/],
    [{ baseUrl: 'ftp://api.mielto.com' }, /baseUrl/],
    [{ baseUrl: 'https://api.mielto.com?region=eu' }, /baseUrl/],
    [
      { baseUrl: 'https://admin:hunter2@api.mielto.com' },
      /^Mielto: baseUrl must be an absolute http\(s\) URL without credentials, query or fragment$/,
    ],
    [{ baseUrl: 'https://admin@api.mielto.com' }, /without credentials/],
    [{ headers: { 'X-Bad': 'a\nb' } }, /X-Bad/],
  ])('refuses %j when the client is made', (options, message) => {
    expect(() => client(options)).toThrow(InvalidArgumentError);
    expect(() => client(options)).toThrow(message);
  });

  it('takes null call options as none', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
    const result = await client().memories.update('mem_1', { memory: 'Likes oat milk' }, null as never);
    expect(result.memory.memory).toBe('Likes oat milk');
  });

  it.each([{ maxRetries: -1 }, { timeout: -5 }, { signal: 'stop' as unknown as AbortSignal }])(
    'refuses the call option %j, sending nothing',
    async (options) => {
      const error = await rejectionOf(client().memories.update('mem_1', { memory: 'x' }, options));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('sends to the baseUrl given, even with a trailing slash', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client({ baseUrl: 'https://api.mielto.com/' }).memories.update('m', { memory: 'x' });
    expect(fake.requests[0]!.url).toBe('https://api.mielto.com/api/v1/memories/m');
  });
});
