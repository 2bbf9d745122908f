import type { Memory, MemoryUpdateRequest, MemoryUpdateResponse } from '../../generated/memorylayer.js';
import { memorylayerUpdateMemory } from '../../generated/memorylayer.operations.js';
import { createClientCore, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { keyAuth } from '../core/credentials.js';
import { withEnv } from '../core/env.js';
import type { BodyRule } from '../core/json-body.js';
import { callOperation } from '../core/operation-call.js';
import type { OwnOptionKeys } from '../core/option-keys.js';
import type { ResponsePromise } from '../core/response-promise.js';
import type { ApiKeyOption, ClientOptions, RequestOptions } from '../core/options.js';

/** A memory as MemoryLayer returns it. */
// An interface that adds nothing, so that hovers and errors show this name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MemoryLayerMemory extends Memory {}

/**
 * The fields of a MemoryLayer update; give at least one. `metadata` **replaces** the stored
 * object whole (it is not merged), and the embedding is kept as it was: it is not regenerated
 * from new `content`.
 */
// An interface that adds nothing, so that hovers and errors show this name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MemoryLayerPatch extends MemoryUpdateRequest {}

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

// The environment variable each unset option is read from (never in a browser build).
const ENV = { apiKey: 'MEMORYLAYER_API_KEY', baseUrl: 'MEMORYLAYER_BASE_URL' };

const memoryLayer: ProviderDefinition = {
  name: 'MemoryLayer',
  defaultBaseUrl: 'https://api.memorylayer.dev',
  options: { apiKey: 1 } satisfies OwnOptionKeys<MemoryLayerOptions, ClientOptions>,
  env: ENV,
};

/**
 * The MemoryLayer memory API, with retries, timeouts and typed errors. Error bodies
 * (`{ success: false, message }`) become the shared error classes with the server's message.
 *
 * @example
 * const memoryLayer = new MemoryLayer({ apiKey: process.env.MEMORYLAYER_API_KEY! });
 * await memoryLayer.memories.update('mem_1', { metadata: { priority: 'high' } });
 */
export class MemoryLayer {
  readonly memories: MemoryLayerMemories;

  constructor(given: MemoryLayerOptions = {}) {
    const options = withEnv(given, ENV);
    const core = createClientCore(memoryLayer, options, ({ apiKey }) => keyAuth(apiKey, ENV.apiKey));
    registerClient(this, core, {});
    this.memories = {
      update: (id, patch, options) =>
        callOperation(core, PATCH.operation.call, () => ({ rule: PATCH, params: { id }, body: patch, options }), unwrapData),
    };
  }
}

// An undocumented field may be dropped, and a patch without any field would change nothing.
const PATCH: BodyRule = { name: 'patch', owner: 'MemoryLayer', operation: memorylayerUpdateMemory };

/** The memory inside MemoryLayer's `{ success, data, message }` envelope; `undefined` when it is not one. */
const unwrapData = (body: MemoryUpdateResponse) => (body.success === true ? body.data : undefined);
