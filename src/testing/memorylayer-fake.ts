import type { ErrorResponse, Memory, MemoryUpdateResponse } from '../../generated/memorylayer.js';
import { memorylayerUpdateMemory } from '../../generated/memorylayer.operations.js';
import { BearerFake, type BearerFakeOptions } from './bearer-fake.js';
import { fakeEmbedding } from './fake-embedding.js';
import type { OperationContext } from './fake-server.js';
import { randomId } from './ids.js';
import { validateMemoryLayerUpdate } from './memorylayer-validation.js';
import { jsonResponse } from './responses.js';
import { requireStrings } from './seed-checks.js';

/** Where MemoryLayer's API lives. */
export const MEMORYLAYER_BASE_URL = 'https://api.memorylayer.dev';

/** Options for {@link MemoryLayerFake}: `apiKey`, `baseUrl` (default {@link MEMORYLAYER_BASE_URL}), `clock`. */
export type MemoryLayerFakeOptions = BearerFakeOptions;

/**
 * A memory to put in the fake's store with {@link MemoryLayerFake.seed}, which replaces any with
 * the same id and returns it as stored, its id, embedding and timestamps filled in.
 */
export interface MemoryLayerSeedMemory {
  /** Default: `mem_<random>`. */
  id?: string;
  layerId: string;
  content: string;
  /** Default `{}`. */
  metadata?: Record<string, unknown>;
  /**
   * Default: a deterministic 8-number vector derived from `content` (see `fakeEmbedding`). `null`
   * is a memory without an embedding: it stays `null` on update and is answered as `null`.
   */
  embedding?: number[] | null;
  /** Default: the clock's now, as an ISO string. */
  createdAt?: string;
  /** Default: `createdAt`. */
  updatedAt?: string;
}

// The documented 500 body: every 500 (a fault's default body, a handler that threw) says this.
const SERVER_ERROR_MESSAGE = 'Failed to update memory';

/**
 * An in-memory fake of MemoryLayer's update API (`PATCH /v1/memories/{id}`), as a web-standard
 * `handle(request)`. Use it through `createMemoryLayerFake` from `memwire/testing` (msw) or the
 * sandbox; all of `FakeServer`'s fault injection and request log apply.
 *
 * Behaviour, as MemoryLayer documents its "Update memory" operation:
 * - Every error is `{ success: false, message }`: 400 `Invalid request data: <field> must be a
 *   string` (or `an object` for `metadata`), 404 `Memory not found`, 500 `Failed to update memory`
 *   (also the default body of `failNext({ status: 500 })`).
 * - The update is partial: only `content`, `layerId` and `metadata` that are given change.
 *   `metadata` is replaced whole, never merged. The `embedding` is kept exactly as it was, even
 *   when `content` changes (never regenerated), `null` included (a memory without one).
 *   `updatedAt` is set to the clock's now.
 * - Answers 200 `{ success: true, data: <the memory>, message: 'Memory updated successfully' }`.
 *
 * Where MemoryLayer's documentation is silent, the fake chooses:
 * - Auth: `Authorization: Bearer <apiKey>` exactly, else 401 `{ success: false, message:
 *   'Unauthorized' }` with `WWW-Authenticate: Bearer`.
 * - Checks run in this order: route (404/405 in the same shape), auth (401), body (400), id (404).
 * - The body is parsed as JSON whatever its `content-type`. An empty body counts as `{}`; `{}`
 *   changes nothing but `updatedAt`. `null` is a wrong type (400). Fields MemoryLayer does not document
 *   (`id`, `embedding`, `createdAt`…) are ignored. An empty string is a valid `content`.
 * - Every response carries `x-request-id: req_<n>`, which memwire reads into its errors.
 *
 * @example
 * const fake = new MemoryLayerFake({ apiKey: 'test-key' });
 * fake.seed([{ id: 'mem_1', layerId: 'layer_ui', content: 'Prefers dark mode' }]);
 * await fake.handle(
 *   new Request('https://api.memorylayer.dev/v1/memories/mem_1', {
 *     method: 'PATCH',
 *     headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
 *     body: JSON.stringify({ metadata: { source: 'settings' } }),
 *   }),
 * );
 * fake.get('mem_1')?.metadata; // { source: 'settings' }
 */
export class MemoryLayerFake extends BearerFake<MemoryLayerSeedMemory, Memory> {
  constructor(options: MemoryLayerFakeOptions) {
    super(options, { name: 'MemoryLayerFake', defaultBaseUrl: MEMORYLAYER_BASE_URL, unauthorizedMessage: 'Unauthorized' });
    this.routeOperation(memorylayerUpdateMemory, (context) => this.#update(context));
  }

  /**
   * A copy of a stored memory, for assertions; `undefined` if there is none with this id.
   *
   * @example
   * fake.get('mem_1')?.embedding;
   */
  get(id: string): Memory | undefined {
    // MemoryLayer has no scope above the memory id: everything lives in the default scope.
    return this.store.get(null, id);
  }

  /** `{ success: false, message }`; a fault's `errorCode` is added as `code` (MemoryLayer documents no code). */
  protected override errorBody(status: number, message: string, code?: string): ErrorResponse & { code?: string } {
    const body = { success: false as const, message: status === 500 ? SERVER_ERROR_MESSAGE : message };
    return code === undefined ? body : { ...body, code };
  }

  protected override seedRecords(seed: MemoryLayerSeedMemory) {
    requireStrings('MemoryLayerFake.seed', seed, ['layerId', 'content']);
    const createdAt = seed.createdAt ?? this.timestamp();
    const record = memoryRecord({
      id: seed.id ?? randomId('mem_'),
      layerId: seed.layerId,
      content: seed.content,
      metadata: seed.metadata ?? {},
      embedding: seed.embedding === undefined ? fakeEmbedding(seed.content) : seed.embedding,
      createdAt,
      updatedAt: seed.updatedAt ?? createdAt,
    });
    return [{ scope: null, id: record.id, record }];
  }

  #update({ params, body }: OperationContext<typeof memorylayerUpdateMemory>): Response {
    const input = validateMemoryLayerUpdate(body);
    if (!input.ok) return this.errorResponse(400, input.message);
    const stored = this.store.get(null, params.id);
    if (!stored) return this.errorResponse(404, 'Memory not found');
    // Spread order is the documented rule: given fields win (metadata whole), the rest is kept.
    const updated = memoryRecord({ ...stored, ...input.value, updatedAt: this.timestamp() });
    this.store.set(null, params.id, updated);
    const answer: MemoryUpdateResponse = { success: true, data: updated, message: 'Memory updated successfully' };
    return jsonResponse(200, answer);
  }
}

/** A Memory with its fields in MemoryLayer's documented order (how the server sends it). */
function memoryRecord(memory: Memory): Memory {
  const { id, layerId, content, metadata, embedding, createdAt, updatedAt } = memory;
  return { id, layerId, content, metadata, embedding, createdAt, updatedAt };
}
