import { describe, expectTypeOf, it } from 'vitest';
import type { Memory } from '../../generated/memorylayer.js';
import type { LongTermMemoryUpdate, SessionMemoryUpdate, WorkingMemoryUpdate } from '../../generated/opensearch.js';
import {
  MemoryLayer,
  type MemoryLayerMemory,
  OpenSearchMemory,
  type OpenSearchMemoryOptions,
  type OpenSearchRequestOptions,
  type OpenSearchUpdateResult,
  type OpenSearchVersion,
  Supermemory,
  type SupermemoryVersion,
} from '../../src/index.js';

describe('MemoryLayer types', () => {
  const memoryLayer = new MemoryLayer({ apiKey: 'k' });

  it('takes the documented fields and resolves to the memory inside the envelope', () => {
    expectTypeOf(memoryLayer.memories.update('m', { content: 'x' })).resolves.toEqualTypeOf<MemoryLayerMemory>();
    expectTypeOf<MemoryLayerMemory>().toEqualTypeOf<Memory>();
    expectTypeOf<MemoryLayerMemory['embedding']>().toEqualTypeOf<number[] | null>();
    memoryLayer.memories.update('m', { layerId: 'l', metadata: { any: ['thing'] } });
    // @ts-expect-error content is a string
    memoryLayer.memories.update('m', { content: 5 });
    // @ts-expect-error no such field
    memoryLayer.memories.update('m', { embedding: [1] });
  });
});

describe('Supermemory types', () => {
  const supermemory = new Supermemory({ apiKey: 'k' });

  it('needs the container, the new content and id, content or both', () => {
    expectTypeOf(
      supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n' }),
    ).resolves.toEqualTypeOf<SupermemoryVersion>();
    supermemory.memories.update({ containerTag: 'c', content: 'old', newContent: 'n', metadata: { k: 1 } });
    // The page's own example: both selectors.
    supermemory.memories.update({ containerTag: 'c', id: 'm', content: 'old', newContent: 'n', metadata: {} });
    // @ts-expect-error neither id nor content
    supermemory.memories.update({ containerTag: 'c', newContent: 'n' });
    // @ts-expect-error containerTag is required
    supermemory.memories.update({ id: 'm', newContent: 'n' });
    // @ts-expect-error newContent is required
    supermemory.memories.update({ containerTag: 'c', id: 'm' });
    // @ts-expect-error no such field
    supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n', isLatest: true });
  });

  it('takes the metadata values, expiry and temporal context the service documents', () => {
    supermemory.memories.update({
      containerTag: 'c',
      id: 'm',
      newContent: 'n',
      metadata: { s: 'x', n: 1, b: true, list: ['a', 'b'] },
      forgetAfter: '2026-06-01T00:00:00Z',
      forgetReason: 'deadline',
      temporalContext: { documentDate: null, eventDate: ['2025-01-14'] },
    });
    supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n', forgetAfter: null, forgetReason: null });
    // @ts-expect-error metadata values are strings, numbers, booleans or string arrays
    supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n', metadata: { nested: { a: 1 } } });
    // @ts-expect-error metadata arrays hold strings
    supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n', metadata: { list: [1] } });
    // @ts-expect-error eventDate is a list of strings
    supermemory.memories.update({ containerTag: 'c', id: 'm', newContent: 'n', temporalContext: { eventDate: '2025' } });
  });

  it('resolves to the new version and its links', () => {
    expectTypeOf<SupermemoryVersion['version']>().toBeNumber();
    expectTypeOf<SupermemoryVersion['parentMemoryId']>().toEqualTypeOf<string | null>();
    expectTypeOf<SupermemoryVersion['rootMemoryId']>().toEqualTypeOf<string | null>();
    expectTypeOf<SupermemoryVersion['forgetAfter']>().toEqualTypeOf<string | null>();
    expectTypeOf<SupermemoryVersion['forgetReason']>().toEqualTypeOf<string | null>();
    expectTypeOf<SupermemoryVersion['metadata']>().toEqualTypeOf<{ [key: string]: unknown } | null>();
  });
});

describe('OpenSearchMemory types', () => {
  const openSearch = new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { username: 'u', password: 'p' } });
  new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { apiKey: () => 'k' } });
  new OpenSearchMemory({ baseUrl: 'https://localhost:9200', auth: { token: 't' } });
  // The cluster's URL and auth may come from the environment (OPENSEARCH_URL…), so both are optional.
  new OpenSearchMemory({ auth: { token: 't' } });
  new OpenSearchMemory();

  it("types the body by the memory's type", () => {
    expectTypeOf(
      openSearch.memories.update('c', 'sessions', 'i', { additional_info: {} }),
    ).resolves.toEqualTypeOf<OpenSearchUpdateResult>();
    expectTypeOf(openSearch.memories.update<'sessions'>)
      .parameter(3)
      .toEqualTypeOf<SessionMemoryUpdate>();
    expectTypeOf(openSearch.memories.update<'working'>)
      .parameter(3)
      .toEqualTypeOf<WorkingMemoryUpdate>();
    expectTypeOf(openSearch.memories.update<'long-term'>)
      .parameter(3)
      .toEqualTypeOf<LongTermMemoryUpdate>();
    openSearch.memories.update('c', 'sessions', 'i', {
      summary: 's',
      metadata: {},
      agents: {},
      additional_info: {},
      pinned: true,
    });
    openSearch.memories.update('c', 'working', 'i', {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      binary_data: 'aGk=',
      structured_data: {},
      structured_data_blob: {},
      metadata: {},
      tags: { topic: 't' },
    });
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x', tags: {}, pinned: false });
    // @ts-expect-error sessions take no memory text
    openSearch.memories.update('c', 'sessions', 'i', { memory: 'x' });
    // @ts-expect-error long-term memory takes no messages
    openSearch.memories.update('c', 'long-term', 'i', { messages: [] });
    // @ts-expect-error working memory takes no additional_info (the server skips it)
    openSearch.memories.update('c', 'working', 'i', { tags: {}, additional_info: {} });
    // @ts-expect-error long-term memory takes no additional_info (the server skips it)
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x', additional_info: {} });
    // @ts-expect-error working memory cannot be pinned
    openSearch.memories.update('c', 'working', 'i', { pinned: true });
    // @ts-expect-error a message has a role and a list of content objects
    openSearch.memories.update('c', 'working', 'i', { messages: [{ role: 'user' }] });
    // @ts-expect-error a message's content is a list, not a string
    openSearch.memories.update('c', 'working', 'i', { messages: [{ role: 'user', content: 'hi' }] });
    // @ts-expect-error history memory cannot be updated
    openSearch.memories.update('c', 'history', 'i', {});
  });

  it('takes tenantId on the client, per call and in withTenant, and clusterVersion as major.minor', () => {
    const base = { baseUrl: 'https://localhost:9200', auth: { token: 't' } };
    new OpenSearchMemory({ ...base, tenantId: 'tenant_a', clusterVersion: '3.5' });
    new OpenSearchMemory({ ...base, tenantId: null, clusterVersion: '3.10' });
    new OpenSearchMemory({ ...base, tenantId: undefined, clusterVersion: undefined });
    // @ts-expect-error tenantId is a string or null
    new OpenSearchMemory({ ...base, tenantId: 5 });
    // @ts-expect-error clusterVersion is a major.minor string, not a number
    new OpenSearchMemory({ ...base, clusterVersion: 3.5 });
    // @ts-expect-error clusterVersion is major.minor
    new OpenSearchMemory({ ...base, clusterVersion: 'latest' });
    expectTypeOf<OpenSearchMemoryOptions['clusterVersion']>().toEqualTypeOf<OpenSearchVersion | undefined>();
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x' }, { tenantId: 'tenant_b', timeout: 5 });
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x' }, { tenantId: null });
    // @ts-expect-error a call's tenantId is a string or null
    openSearch.memories.update('c', 'long-term', 'i', { memory: 'x' }, { tenantId: 5 });
    expectTypeOf(openSearch.memories.update<'sessions'>)
      .parameter(4)
      .toEqualTypeOf<OpenSearchRequestOptions | undefined>();
    expectTypeOf(openSearch.withTenant('tenant_b')).toEqualTypeOf<OpenSearchMemory>();
    expectTypeOf(openSearch.withTenant).parameter(0).toEqualTypeOf<string | null>();
  });

  it('resolves to the write result', () => {
    expectTypeOf<OpenSearchUpdateResult['_version']>().toBeNumber();
    expectTypeOf<OpenSearchUpdateResult['_shards']['failed']>().toBeNumber();
    expectTypeOf<OpenSearchUpdateResult['_index']>().toBeString();
    expectTypeOf<OpenSearchUpdateResult['_seq_no']>().toBeNumber();
    expectTypeOf<OpenSearchUpdateResult['_primary_term']>().toBeNumber();
    expectTypeOf<OpenSearchUpdateResult['forced_refresh']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<OpenSearchUpdateResult['result']>().toEqualTypeOf<'created' | 'deleted' | 'noop' | 'not_found' | 'updated'>();
  });
});
