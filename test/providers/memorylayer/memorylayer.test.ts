import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  InvalidArgumentError,
  InvalidResponseError,
  MemoryLayer,
  type MemoryLayerOptions,
  type MemoryLayerPatch,
  NotFoundError,
  ServerError,
} from '../../../src/index.js';
import { createMemoryLayerFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createMemoryLayerFake({ apiKey: API_KEY, clock }));
const client = (options: Partial<MemoryLayerOptions> = {}) => new MemoryLayer({ apiKey: API_KEY, ...timing, ...options });

const created = '2024-01-15T10:30:00.000Z';
function seed() {
  return fake.seed([
    {
      id: 'mem_1',
      layerId: 'layer_prefs',
      content: 'I prefer light mode',
      metadata: { source: 'preferences', category: 'ui' },
      embedding: [0.123, -0.456, 0.789],
      createdAt: created,
      updatedAt: created,
    },
  ])[0]!;
}

describe('MemoryLayer memories.update', () => {
  it('sends PATCH /v1/memories/{id} with the bearer key and the patch as JSON', async () => {
    seed();
    await client().memories.update('mem_1', { content: 'I prefer dark mode' });
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'PATCH',
      url: 'https://api.memorylayer.dev/v1/memories/mem_1',
      body: { content: 'I prefer dark mode' },
    });
    expect(request!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.has('x-workspace-id')).toBe(false);
  });

  it('resolves to the memory inside the envelope', async () => {
    seed();
    await clock.advance(1_000);
    const memory = await client().memories.update('mem_1', { content: 'I prefer dark mode' });
    expect(memory).toEqual({
      id: 'mem_1',
      layerId: 'layer_prefs',
      content: 'I prefer dark mode',
      metadata: { source: 'preferences', category: 'ui' },
      embedding: [0.123, -0.456, 0.789],
      createdAt: created,
      updatedAt: new Date(clock.now()).toISOString(),
    });
  });

  it('replaces metadata whole rather than merging it, and keeps the embedding', async () => {
    seed();
    const memory = await client().memories.update('mem_1', { metadata: { priority: 'high' } });
    expect(memory.metadata).toEqual({ priority: 'high' });
    expect(memory.embedding).toEqual([0.123, -0.456, 0.789]);
    expect(fake.get('mem_1')?.metadata).toEqual({ priority: 'high' });
  });

  it('moves a memory to another layer', async () => {
    seed();
    const memory = await client().memories.update('mem_1', { layerId: 'layer_work' });
    expect(memory.layerId).toBe('layer_work');
    expect(memory.content).toBe('I prefer light mode');
  });

  it.each([{}, { content: undefined }, { content: undefined, metadata: undefined }])(
    'refuses %j, a patch that would change nothing, sending nothing',
    async (patch) => {
      const error = await rejectionOf(client().memories.update('mem_1', patch as MemoryLayerPatch));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toBe(
        'MemoryLayer memories.update: patch sets no field, so it would change nothing: set one of content, layerId, metadata',
      );
      expect(fake.requests).toHaveLength(0);
    },
  );

  it.each([{ layer_id: 'layer_2' }, { content: 'x', tags: ['x'] }])(
    'refuses %j, a patch with a field MemoryLayer does not document, sending nothing',
    async (patch) => {
      const error = await rejectionOf(client().memories.update('mem_1', patch));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(
        /^MemoryLayer memories.update: patch field "(layer_id|tags)" is not one MemoryLayer stores \(it takes content, layerId, metadata\)/,
      );
      expect(fake.requests).toHaveLength(0);
    },
  );

  it.each(['', '.', '..', '%2e%2e'])('refuses the id %j, sending nothing', async (id) => {
    expect(await rejectionOf(client().memories.update(id, { content: 'x' }))).toBeInstanceOf(InvalidArgumentError);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends an id with / and spaces as one segment', async () => {
    fake.seed([{ id: 'team a/b', layerId: 'l', content: 'x' }]);
    await client().memories.update('team a/b', { content: 'y' });
    expect(fake.requests[0]!.path).toEqual(['v1', 'memories', 'team a/b']);
  });
});

describe('MemoryLayer errors', () => {
  it("is a NotFoundError with the server's message for an unknown id", async () => {
    const error = await rejectionOf(client().memories.update('mem_missing', { content: 'x' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'MemoryLayer memories.update: 404 Memory not found (PATCH https://api.memorylayer.dev/v1/memories/{id})',
    );
    expect((error as NotFoundError).body).toEqual({ success: false, message: 'Memory not found' });
  });

  it("is a BadRequestError with the server's message for invalid data", async () => {
    seed();
    const error = await rejectionOf(client().memories.update('mem_1', { content: 42 } as never));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe('MemoryLayer memories.update: 400 Invalid request data: content must be a string');
  });

  it("is a ServerError with the server's message after the retries", async () => {
    seed();
    fake.failNext({ status: 500, times: 3 });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { content: 'x' })));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('MemoryLayer memories.update: 500 Failed to update memory (after 3 attempts)');
  });

  it('retries a 503 and a dropped connection: the update is idempotent', async () => {
    seed();
    fake.failNext({ status: 503 });
    fake.dropNext({ applied: true });
    const memory = await clock.run(client().memories.update('mem_1', { content: 'Retried' }));
    expect(memory.content).toBe('Retried');
    expect(fake.requests.map((r) => r.outcome)).toEqual([503, 'dropped', 200]);
  });

  it('does not retry a 400', async () => {
    seed();
    fake.failNext({ status: 400, body: { success: false, message: 'Invalid request data' } });
    await rejectionOf(clock.run(client().memories.update('mem_1', { content: 'x' })));
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['without success', { success: false, message: 'odd' }],
    ['with data but success false', { success: false, data: { id: 'mem_1', content: 'x' } }],
    ['with data but success "true"', { success: 'true', data: { id: 'mem_1', content: 'x' } }],
  ])('is an InvalidResponseError when a 200 is not the documented envelope: %s', async (_, body) => {
    seed();
    fake.failNext({ status: 200, body, applied: true });
    const error = await rejectionOf(client().memories.update('mem_1', { content: 'x' }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(
      /the body is not the documented answer \(.*\), so the write may have been applied or not; it came as \{/,
    );
  });
});
