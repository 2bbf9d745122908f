import { describe, expectTypeOf, it } from 'vitest';
import type { Memory } from '../../generated/memorylayer.js';
import type { LongTermMemoryUpdate, SessionMemoryUpdate, WorkingMemoryUpdate } from '../../generated/opensearch.js';
import {
  MemoryLayer,
  type MemoryLayerMemory,
  OpenSearchMemory,
  type OpenSearchUpdateResult,
  Supermemory,
  type SupermemoryVersion,
} from '../../src/index.js';

describe('MemoryLayer types', () => {
  const memoryLayer = new MemoryLayer({ apiKey: 'k' });

  it('takes the documented fields and resolves to the memory inside the envelope', () => {
    expectTypeOf(memoryLayer.memories.update('m', { content: 'x' })).resolves.toEqualTypeOf<MemoryLayerMemory>();
    expectTypeOf<MemoryLayerMemory>().toEqualTypeOf<Memory>();
    expectTypeOf<MemoryLayerMemory['embedding']>().toEqualTypeOf<number[]>();
    memoryLayer.memories.update('m', { layerId: 'l', metadata: { any: ['thing'] } });
    // @ts-expect-error content is a string
    memoryLayer.memories.update('m', { content: 5 });
    // @ts-expect-error no such field
    memoryLayer.memories.update('m', { embedding: [1] });
  });
});

describe('Supermemory types', () => {
  const supermemory = new Supermemory({ apiKey: 'k' });

  it('needs the container, the new content and exactly one of id and content', () => {
    expectTypeOf(supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n' })).resolves.toEqualTypeOf<SupermemoryVersion>();
    supermemory.memories.update({ containerTag: 'c', content: 'old', newContent: 'n', metadata: { k: 1 } });
    // @ts-expect-error neither id nor content
    supermemory.memories.update({ containerTag: 'c', newContent: 'n' });
    // @ts-expect-error both id and content
    supermemory.memories.update({ containerTag: 'c', id: 'm', content: 'old', newContent: 'n' });
    // @ts-expect-error containerTag is required
    supermemory.memories.update({ id: 'm', newContent: 'n' });
    // @ts-expect-error newContent is required
    supermemory.memories.update({ containerTag: 'c', id: 'm' });
  });

  it('resolves to the new version and its links', () => {
    expectTypeOf<SupermemoryVersion['version']>().toBeNumber();
    expectTypeOf<SupermemoryVersion['parentMemoryId']>().toEqualTypeOf<string | null>();
    expectTypeOf<SupermemoryVersion['rootMemoryId']>().toEqualTypeOf<string | null>();
  });
});

describe('OpenSearchMemory types', () => {
  const openSearch = new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { username: 'u', password: 'p' } });
  new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { apiKey: () => 'k' } });
  new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { token: 't' } });
  // @ts-expect-error the cluster's URL is required
  new OpenSearchMemory({ auth: { token: 't' } });

  it("types the body by the memory's type", () => {
    expectTypeOf(openSearch.memories.update('c', 'sessions', 'i', { additional_info: {} })).resolves.toEqualTypeOf<OpenSearchUpdateResult>();
    expectTypeOf(openSearch.memories.update<'sessions'>).parameter(3).toEqualTypeOf<SessionMemoryUpdate>();
    expectTypeOf(openSearch.memories.update<'working'>).parameter(3).toEqualTypeOf<WorkingMemoryUpdate>();
    expectTypeOf(openSearch.memories.update<'long-term'>).parameter(3).toEqualTypeOf<LongTermMemoryUpdate>();
    openSearch.memories.update('c', 'working', 'i', { messages: [{ role: 'user' }], tags: { topic: 't' } });
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x' });
    // @ts-expect-error sessions take no memory text
    openSearch.memories.update('c', 'sessions', 'i', { memory: 'x' });
    // @ts-expect-error long-term memory takes no messages
    openSearch.memories.update('c', 'long-term', 'i', { messages: [] });
    // @ts-expect-error history memory cannot be updated
    openSearch.memories.update('c', 'history', 'i', {});
  });

  it('resolves to the write result', () => {
    expectTypeOf<OpenSearchUpdateResult['_version']>().toBeNumber();
    expectTypeOf<OpenSearchUpdateResult['_shards']['failed']>().toBeNumber();
  });
});
