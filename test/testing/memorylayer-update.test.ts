import { describe, expect, it } from 'vitest';
import type { Memory, MemoryUpdateResponse } from '../../generated/memorylayer.js';
import { fakeEmbedding } from '../../src/testing/fake-embedding.js';
import { MemoryLayerFake, createMemoryLayerFake } from '../../src/testing/index.js';
import { MEMORYLAYER_URL, patchMemoryLayer } from '../helpers/fake-requests.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';

const { fake, clock } = useFake((clock) => createMemoryLayerFake({ apiKey: API_KEY, clock }));

const T0 = '2025-01-01T00:00:00.000Z';
const DARK_MODE: Memory = {
  id: 'mem_1',
  layerId: 'layer_ui',
  content: 'I prefer dark mode',
  metadata: { source: 'preferences', category: 'ui' },
  embedding: [0.123, -0.456, 0.789],
  createdAt: T0,
  updatedAt: T0,
};

/** The fake's clock as the timestamps read: time only moves forward in this file. */
const now = () => new Date(clock.now()).toISOString();

function seedDarkMode() {
  fake.seed([DARK_MODE]);
}

describe('MemoryLayer fake: partial update', () => {
  it('changes only the given content, keeps the embedding, and sets updatedAt to now', async () => {
    seedDarkMode();
    await clock.advance(90_000);
    const response = await patchMemoryLayer('mem_1', { content: 'I prefer dark mode in all my applications' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_1');
    const expected: Memory = { ...DARK_MODE, content: 'I prefer dark mode in all my applications', updatedAt: now() };
    expect(expected.updatedAt).not.toBe(DARK_MODE.createdAt);
    const body: MemoryUpdateResponse = { success: true, data: expected, message: 'Memory updated successfully' };
    expect(await response.json()).toEqual(body);
    expect(fake.get('mem_1')).toEqual(expected);
  });

  it('never regenerates the embedding, even from a seeded default', async () => {
    const [seeded] = fake.seed([{ id: 'mem_2', layerId: 'l', content: 'old text' }]);
    expect(seeded?.embedding).toEqual(fakeEmbedding('old text'));
    await patchMemoryLayer('mem_2', { content: 'new text' });
    expect(fake.get('mem_2')?.embedding).toEqual(fakeEmbedding('old text'));
    expect(fakeEmbedding('new text')).not.toEqual(fakeEmbedding('old text'));
  });

  it('keeps a null embedding null on update, and answers it as null', async () => {
    fake.seed([{ ...DARK_MODE, embedding: null }]);
    const response = await patchMemoryLayer('mem_1', { content: 'Now light mode' });
    expect(((await response.json()) as MemoryUpdateResponse).data).toMatchObject({ content: 'Now light mode', embedding: null });
    expect(fake.get('mem_1')?.embedding).toBeNull();
  });

  it('replaces metadata wholesale instead of merging it', async () => {
    seedDarkMode();
    const response = await patchMemoryLayer('mem_1', { metadata: { priority: 'high' } });
    expect(((await response.json()) as MemoryUpdateResponse).data.metadata).toEqual({ priority: 'high' });
    expect(fake.get('mem_1')).toMatchObject({ content: DARK_MODE.content, metadata: { priority: 'high' } });
    await patchMemoryLayer('mem_1', { metadata: {} });
    expect(fake.get('mem_1')?.metadata).toEqual({});
  });

  it('moves a memory to another layer', async () => {
    seedDarkMode();
    await patchMemoryLayer('mem_1', { layerId: 'layer_archive' });
    expect(fake.get('mem_1')).toMatchObject({
      layerId: 'layer_archive',
      content: DARK_MODE.content,
      metadata: DARK_MODE.metadata,
    });
  });

  it('takes an empty object, or no body at all, as "change nothing but updatedAt"', async () => {
    seedDarkMode();
    await clock.advance(1000);
    expect((await patchMemoryLayer('mem_1', {})).status).toBe(200);
    expect(fake.get('mem_1')).toEqual({ ...DARK_MODE, updatedAt: now() });
    await clock.advance(1000);
    expect((await patchMemoryLayer('mem_1', undefined)).status).toBe(200);
    expect(fake.get('mem_1')?.updatedAt).toBe(now());
  });

  it('ignores fields the page does not list: id, embedding and timestamps cannot be written', async () => {
    seedDarkMode();
    await patchMemoryLayer('mem_1', {
      id: 'mem_other',
      embedding: [1],
      createdAt: 'x',
      updatedAt: 'y',
      extra: true,
      content: 'c',
    });
    expect(fake.get('mem_1')).toEqual({ ...DARK_MODE, content: 'c', updatedAt: now() });
    expect(fake.get('mem_other')).toBeUndefined();
  });

  it('parses the body as JSON whatever the content-type says', async () => {
    seedDarkMode();
    expect((await patchMemoryLayer('mem_1', { content: 'plain' }, { contentType: 'text/plain' })).status).toBe(200);
    expect(fake.get('mem_1')?.content).toBe('plain');
  });

  it('delivers percent-encoded ids decoded', async () => {
    fake.seed([{ ...DARK_MODE, id: 'notes/2025 café?#%' }]);
    expect((await patchMemoryLayer('notes/2025 café?#%', { content: 'x' })).status).toBe(200);
    expect(fake.get('notes/2025 café?#%')?.content).toBe('x');
  });
});

describe('MemoryLayer fake: seed, get, reset and mounting', () => {
  it('fills in a random id, {} metadata, an embedding from the content and now as both timestamps', () => {
    const [stored] = fake.seed([{ layerId: 'layer_ui', content: 'Likes tea' }]);
    expect(stored).toEqual({
      id: expect.stringMatching(/^mem_[0-9a-z]{20}$/) as unknown,
      layerId: 'layer_ui',
      content: 'Likes tea',
      metadata: {},
      embedding: fakeEmbedding('Likes tea'),
      createdAt: now(),
      updatedAt: now(),
    });
    expect(fake.get(stored?.id ?? '')).toEqual(stored);
  });

  it('hands out copies: changing one does not change the store', () => {
    const [stored] = fake.seed([DARK_MODE]);
    stored?.embedding?.push(1);
    fake.get('mem_1')?.embedding?.push(2);
    expect(fake.get('mem_1')?.embedding).toEqual(DARK_MODE.embedding);
  });

  it('refuses seeds without a layerId or content, and a fake without a key', () => {
    expect(() => fake.seed([{ layerId: 'l' } as never])).toThrow(TypeError);
    expect(() => new MemoryLayerFake({ apiKey: '' })).toThrow('MemoryLayerFake: apiKey must be a non-empty string');
  });

  it('forgets every memory on reset()', () => {
    seedDarkMode();
    fake.reset();
    expect(fake.get('mem_1')).toBeUndefined();
  });

  it('mounts at MemoryLayer by default, or under a base URL with a path', async () => {
    expect(fake.baseUrl).toBe(MEMORYLAYER_URL);
    const proxied = new MemoryLayerFake({ apiKey: API_KEY, baseUrl: 'https://gateway.example/memorylayer/' });
    proxied.seed([DARK_MODE]);
    expect(proxied.matches('/memorylayer/v1/memories/mem_1')).toBe(true);
    expect(proxied.matches('/v1/memories/mem_1')).toBe(false);
    const response = await proxied.handle(
      new Request('https://gateway.example/memorylayer/v1/memories/mem_1', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${API_KEY}` },
        body: '{"content":"via the gateway"}',
      }),
    );
    expect(response.status).toBe(200);
    expect(proxied.get('mem_1')?.content).toBe('via the gateway');
  });
});
