// The MemoryLayer fake as memwire's clients see it: through the facade and through `raw`.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import { MemoryLayer } from '../../src/index.js';
import { createMemoryLayerFake } from '../../src/testing/index.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';

const { fake, timing } = useFake((clock) => createMemoryLayerFake({ apiKey: API_KEY, clock }));
const client = () => new MemoryLayer({ apiKey: API_KEY, maxRetries: 0, ...timing });

describe('MemoryLayer fake: a memory without an embedding', () => {
  it('resolves memories.update with embedding null, and keeps it null', async () => {
    fake.seed([{ id: 'mem_1', layerId: 'layer_ui', content: 'Dark mode', embedding: null }]);
    const memory = await client().memories.update('mem_1', { content: 'Light mode' });
    expect(memory).toMatchObject({ id: 'mem_1', content: 'Light mode', embedding: null });
    expect(fake.get('mem_1')?.embedding).toBeNull();
  });

  it('answers raw callers the envelope with embedding null, even when they send one', async () => {
    fake.seed([{ id: 'mem_1', layerId: 'layer_ui', content: 'Dark mode', embedding: null }]);
    const { data } = await raw(client()).PATCH('/v1/memories/{id}', {
      params: { path: { id: 'mem_1' } },
      body: { metadata: { a: 'b' }, embedding: [1, 2] } as never,
    });
    expect(data).toMatchObject({ success: true, data: { metadata: { a: 'b' }, embedding: null } });
    expect(fake.get('mem_1')?.embedding).toBeNull();
  });
});

describe('MemoryLayer fake: fault codes', () => {
  it('adds a failNext errorCode to the default body as code', async () => {
    fake.seed([{ id: 'mem_1', layerId: 'l', content: 'x' }]);
    fake.failNext({ status: 503, errorCode: 'upstream_down' });
    const { error, response } = await raw(client()).PATCH('/v1/memories/{id}', {
      params: { path: { id: 'mem_1' } },
      body: { content: 'y' },
    });
    expect(response.status).toBe(503);
    expect(error).toEqual({ success: false, message: 'Service Unavailable', code: 'upstream_down' });
  });
});
