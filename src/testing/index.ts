/**
 * `memwire/testing`: in-memory fakes of the memory providers' APIs for tests, served through msw
 * (`setupServer` in Node, `setupWorker` in browsers). Runtime code here uses web-standard APIs only.
 */
import { MemoryLayerFake, type MemoryLayerFakeOptions } from './memorylayer-fake.js';
import { MieltoFake, type MieltoFakeOptions } from './mielto-fake.js';
import { withMswHandlers, type MswFake } from './msw.js';
import { OpenSearchFake, type OpenSearchFakeOptions } from './opensearch-fake.js';
import { SupermemoryFake, type SupermemoryFakeOptions } from './supermemory-fake.js';

export { MIELTO_BASE_URL, MieltoFake } from './mielto-fake.js';
export type { MieltoFakeOptions, MieltoSeedMemory } from './mielto-fake.js';
export { MEMORYLAYER_BASE_URL, MemoryLayerFake } from './memorylayer-fake.js';
export type { MemoryLayerFakeOptions, MemoryLayerSeedMemory } from './memorylayer-fake.js';
export { SUPERMEMORY_BASE_URL, SupermemoryFake } from './supermemory-fake.js';
export type {
  SupermemoryErrorBody,
  SupermemoryFakeOptions,
  SupermemoryMemory,
  SupermemorySeedMemory,
} from './supermemory-fake.js';
export { OpenSearchFake } from './opensearch-fake.js';
export type {
  OpenSearchFakeOptions,
  OpenSearchMemoryDocument,
  OpenSearchMemoryType,
  OpenSearchSeedContainer,
  OpenSearchSeedMemory,
} from './opensearch-fake.js';
export type { DelayNextOptions, DropNextOptions, FailNextOptions } from './faults.js';
export type { MswFake } from './msw.js';
export type { FakeServer, RouteHandler, RequestContext } from './fake-server.js';
export type { BearerFakeOptions } from './bearer-fake.js';
export type { RecordedRequest } from './request-log.js';
export type { PydanticError } from './pydantic.js';

/** A {@link MieltoFake} plus the msw handlers that route its `baseUrl` to it. */
export type MieltoTestFake = MswFake<MieltoFake>;
/** A {@link MemoryLayerFake} plus the msw handlers that route its `baseUrl` to it. */
export type MemoryLayerTestFake = MswFake<MemoryLayerFake>;
/** A {@link SupermemoryFake} plus the msw handlers that route its `baseUrl` to it. */
export type SupermemoryTestFake = MswFake<SupermemoryFake>;
/** An {@link OpenSearchFake} plus the msw handlers that route its `baseUrl` to it. */
export type OpenSearchTestFake = MswFake<OpenSearchFake>;

/**
 * Creates an in-memory fake of Mielto's memory API and the msw handlers that serve it. See
 * {@link MieltoFake} for what it does; `reset()` between tests clears memories, log and faults.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMieltoFake } from 'memwire/testing';
 *
 * const mielto = createMieltoFake({ apiKey: 'test-key' });
 * const server = setupServer(...mielto.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => mielto.reset());
 * afterAll(() => server.close());
 *
 * it('retries a 503', async () => {
 *   mielto.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
 *   mielto.failNext({ status: 503, retryAfter: 0 });
 *   // … call the SDK, then assert on mielto.get('mem_1') and mielto.requests
 * });
 */
export function createMieltoFake(options: MieltoFakeOptions): MieltoTestFake {
  return withMswHandlers(new MieltoFake(options));
}

/**
 * Creates an in-memory fake of MemoryLayer's update API (`PATCH /v1/memories/{id}`) and the msw
 * handlers that serve it. See {@link MemoryLayerFake} for what it does.
 *
 * @example
 * const memoryLayer = createMemoryLayerFake({ apiKey: 'test-key' });
 * const server = setupServer(...memoryLayer.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => memoryLayer.reset());
 *
 * it('keeps the embedding', async () => {
 *   const [before] = memoryLayer.seed([{ id: 'mem_1', layerId: 'layer_ui', content: 'Dark mode' }]);
 *   // … update 'mem_1' through the SDK, then:
 *   expect(memoryLayer.get('mem_1')?.embedding).toEqual(before.embedding);
 * });
 */
export function createMemoryLayerFake(options: MemoryLayerFakeOptions): MemoryLayerTestFake {
  return withMswHandlers(new MemoryLayerFake(options));
}

/**
 * Creates an in-memory fake of Supermemory's versioned update API (`PATCH /v4/memories`) and the
 * msw handlers that serve it. See {@link SupermemoryFake} for what it does.
 *
 * @example
 * const supermemory = createSupermemoryFake({ apiKey: 'test-key' });
 * const server = setupServer(...supermemory.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => supermemory.reset());
 *
 * it('creates exactly one version, even when the answer is lost', async () => {
 *   supermemory.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
 *   supermemory.dropNext({ applied: true });
 *   // … update through the SDK and expect it to fail without retrying, then:
 *   expect(supermemory.versions('user_123')).toHaveLength(2);
 * });
 */
export function createSupermemoryFake(options: SupermemoryFakeOptions): SupermemoryTestFake {
  return withMswHandlers(new SupermemoryFake(options));
}

/**
 * Creates an in-memory fake of OpenSearch's agentic memory update API
 * (`PUT /_plugins/_ml/memory_containers/{id}/memories/{type}/{id}`) on the cluster at `baseUrl`,
 * and the msw handlers that serve it. See {@link OpenSearchFake} for what it does.
 *
 * @example
 * const openSearch = createOpenSearchFake({ baseUrl: 'https://localhost:9200', username: 'admin', password: 'admin' });
 * const server = setupServer(...openSearch.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => openSearch.reset());
 *
 * it('updates working memory tags', async () => {
 *   openSearch.seed([{ containerId: 'c1', memories: { working: [{ id: 'w1', source: { tags: { topic: 'a' } } }] } }]);
 *   // … update through the SDK, then:
 *   expect(openSearch.get('c1', 'working', 'w1')?._version).toBe(2);
 * });
 */
export function createOpenSearchFake(options: OpenSearchFakeOptions): OpenSearchTestFake {
  return withMswHandlers(new OpenSearchFake(options));
}

export { TestClock } from './test-clock.js';
