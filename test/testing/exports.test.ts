import { describe, expect, it } from 'vitest';
import * as testing from '../../src/testing/index.js';

describe('memwire/testing', () => {
  it('creates each fake with the msw handlers that serve it', () => {
    const fakes = [
      [testing.createMieltoFake({ apiKey: 'k' }), testing.MieltoFake, testing.MIELTO_BASE_URL],
      [testing.createMemoryLayerFake({ apiKey: 'k' }), testing.MemoryLayerFake, testing.MEMORYLAYER_BASE_URL],
      [testing.createSupermemoryFake({ apiKey: 'k' }), testing.SupermemoryFake, testing.SUPERMEMORY_BASE_URL],
      [
        testing.createOpenSearchFake({ baseUrl: 'https://localhost:9200', apiKey: 'k' }),
        testing.OpenSearchFake,
        'https://localhost:9200',
      ],
    ] as const;
    for (const [fake, Class, baseUrl] of fakes) {
      expect(fake).toBeInstanceOf(Class);
      expect(fake.baseUrl).toBe(baseUrl);
      expect(fake.handlers).toHaveLength(1);
    }
    expect([testing.MEMORYLAYER_BASE_URL, testing.SUPERMEMORY_BASE_URL]).toEqual([
      'https://api.memorylayer.dev',
      'https://api.supermemory.ai',
    ]);
  });
});
