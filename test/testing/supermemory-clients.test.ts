// The Supermemory fake as memwire's clients see it: through the facade and through `raw`.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import {
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  Supermemory,
  type SupermemoryOptions,
} from '../../src/index.js';
import { createSupermemoryFake } from '../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));
const client = (options: Partial<SupermemoryOptions> = {}) =>
  new Supermemory({ apiKey: API_KEY, maxRetries: 0, ...timing, ...options });

function seed() {
  fake.seed([
    {
      containerTag: 'user_123',
      id: 'mem_abc123',
      memory: 'John prefers dark mode',
      metadata: { source: 'chat' },
      forgetAfter: '2026-06-01T00:00:00.000Z',
      forgetReason: 'review',
    },
  ]);
}

describe('Supermemory fake through the facade', () => {
  it('resolves memories.update to the whole new version', async () => {
    seed();
    const version = await client().memories.update({
      containerTag: 'user_123',
      id: 'mem_abc123',
      newContent: 'John now prefers light mode',
    });
    expect(version).toEqual({
      id: expect.stringMatching(/^mem_/) as unknown,
      memory: 'John now prefers light mode',
      version: 2,
      parentMemoryId: 'mem_abc123',
      rootMemoryId: 'mem_abc123',
      createdAt: new Date(clock.now()).toISOString(),
      forgetAfter: '2026-06-01T00:00:00.000Z',
      forgetReason: 'review',
      metadata: { source: 'chat' },
    });
  });

  it('clears the expiry with forgetAfter: null and merges temporalContext into metadata', async () => {
    seed();
    const version = await client().memories.update({
      containerTag: 'user_123',
      content: 'John prefers dark mode',
      newContent: 'v2',
      forgetAfter: null,
      temporalContext: { documentDate: '2025-09-01T00:00:00Z' },
    });
    expect(version).toMatchObject({
      forgetAfter: null,
      forgetReason: null,
      metadata: { source: 'chat', temporalContext: { documentDate: '2025-09-01T00:00:00Z' } },
    });
  });

  it('rejects a schema violation with BadRequestError carrying { error, details }', async () => {
    seed();
    const error = await rejectionOf(client().memories.update({ containerTag: 'user 123', id: 'mem_abc123', newContent: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      body: { error: 'Invalid request', details: 'containerTag must match ^[a-zA-Z0-9_:-]+$' },
    });
    expect(error.message).toContain('Invalid request: containerTag must match');
    expect(fake.versions('user_123')).toHaveLength(1);
  });

  it('rejects with NotFoundError when id and content name different memories', async () => {
    seed();
    const error = await rejectionOf(
      client().memories.update({ containerTag: 'user_123', id: 'mem_abc123', content: 'not this one', newContent: 'x' }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Memory not found' }, requestId: 'req_1' });
  });

  it('rejects a wrong key with AuthenticationError', async () => {
    seed();
    const error = await rejectionOf(
      client({ apiKey: 'nope' }).memories.update({ containerTag: 'user_123', id: 'mem_abc123', newContent: 'x' }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
  });

  it('refuses an update without id or content itself, sending nothing', async () => {
    await expect(client().memories.update({ containerTag: 'user_123', newContent: 'x' } as never)).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('Supermemory fake through raw', () => {
  it('answers an update without id or content 400 with details', async () => {
    seed();
    const { error, response } = await raw(client()).PATCH('/v4/memories', {
      body: { containerTag: 'user_123', newContent: 'x' },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: 'Invalid request', details: 'Either id or content must be provided' });
  });

  it('ignores undocumented fields', async () => {
    seed();
    const { data } = await raw(client()).PATCH('/v4/memories', {
      body: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'x', version: 99, isLatest: false } as never,
    });
    expect(data).toMatchObject({ version: 2, parentMemoryId: 'mem_abc123' });
  });

  it('answers metadata values of the wrong shape 400', async () => {
    seed();
    const { error } = await raw(client()).PATCH('/v4/memories', {
      body: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'x', metadata: { deep: { a: 1 } } } as never,
    });
    expect(error).toEqual({
      error: 'Invalid request',
      details: 'metadata.deep must be a string, a number, a boolean or an array of strings',
    });
  });
});
