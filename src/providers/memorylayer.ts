import type { Memory, MemoryUpdateRequest, MemoryUpdateResponse, paths } from '../../generated/memorylayer.js';
import {
  callOperation,
  createClientCore,
  createRawClient,
  type Operation,
  type ProviderDefinition,
  type RawClient,
} from '../core/client.js';
import { MemoryUpdateRequestFields } from '../../generated/memorylayer.fields.js';
import { bearerAuth } from '../core/credentials.js';
import { type BodyRule, sentBody } from '../core/json-body.js';
import type { OwnOptionKeys } from '../core/option-keys.js';
import type { ResponsePromise } from '../core/response-promise.js';
import type { ApiKeyOption, ClientOptions, RequestOptions } from '../core/options.js';

/** A memory as MemoryLayer returns it. */
export type MemoryLayerMemory = Memory;

/**
 * The fields of a MemoryLayer update; give at least one. `metadata` **replaces** the stored
 * object whole (it is not merged), and the embedding is kept as it was: it is not regenerated
 * from new `content`.
 */
export type MemoryLayerPatch = MemoryUpdateRequest;

export interface MemoryLayerOptions extends ClientOptions, ApiKeyOption {
  /**
   * The MemoryLayer API's origin.
   *
   * @default 'https://api.memorylayer.dev'
   */
  baseUrl?: string | undefined;
}

/** MemoryLayer's memory operations. */
export interface MemoryLayerMemories {
  /**
   * Partial update (`PATCH /v1/memories/{id}`): only the fields given change. `metadata` replaces
   * the stored object whole, not merged; the embedding is not regenerated; `updatedAt` is set.
   * Resolves to the memory inside MemoryLayer's `{ success, data, message }` envelope.
   *
   * @example
   * const memory = await memoryLayer.memories.update('mem_1', { content: 'Prefers dark mode' });
   */
  update(id: string, patch: MemoryLayerPatch, options?: RequestOptions): ResponsePromise<MemoryLayerMemory>;
}

const memoryLayer: ProviderDefinition = {
  name: 'MemoryLayer',
  defaultBaseUrl: 'https://api.memorylayer.dev',
  options: { apiKey: 1 } satisfies OwnOptionKeys<MemoryLayerOptions, ClientOptions>,
};

// Sending the same patch twice leaves the same memory: safe to retry.
const UPDATE: Operation = { name: 'memories.update', idempotent: true };

/**
 * The MemoryLayer memory API, with retries, timeouts and typed errors. Error bodies
 * (`{ success: false, message }`) become the shared error classes with the server's message.
 *
 * @example
 * const memoryLayer = new MemoryLayer({ apiKey: process.env.MEMORYLAYER_API_KEY! });
 * await memoryLayer.memories.update('mem_1', { metadata: { priority: 'high' } });
 */
export class MemoryLayer {
  /** The typed openapi-fetch client, with the same auth and retries, for anything else. */
  readonly raw: RawClient<paths>;
  readonly memories: MemoryLayerMemories;

  constructor(options: MemoryLayerOptions) {
    const core = createClientCore(memoryLayer, options, ({ apiKey }) => bearerAuth(apiKey));
    const raw = (this.raw = createRawClient<paths>(core, {}));
    this.memories = {
      update: (id, patch, options) =>
        callOperation(
          core,
          UPDATE,
          options,
          (init) => raw.PATCH('/v1/memories/{id}', { params: { path: { id } }, body: sentBody(PATCH_BODY, patch), ...init }),
          (body: MemoryUpdateResponse) => (body.success === true ? body.data : undefined),
        ),
    };
  }
}

// An undocumented field may be dropped, and a patch without any field would change nothing.
const PATCH_BODY: BodyRule = { name: 'patch', owner: 'MemoryLayer', fields: MemoryUpdateRequestFields, partial: true };
