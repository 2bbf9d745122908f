import type { UpdateMemoryRequest, UpdateMemoryResponse } from '../../generated/supermemory.js';
import { supermemoryUpdateMemory } from '../../generated/supermemory.operations.js';
import { createClientCore, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { bearerAuth } from '../core/credentials.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import type { BodyRule } from '../core/json-body.js';
import { stringField } from '../core/json-field.js';
import { callOperation } from '../core/operation-call.js';
import type { OwnOptionKeys } from '../core/option-keys.js';
import type { ResponsePromise } from '../core/response-promise.js';
import type { ApiKeyOption, ClientOptions, RequestOptions } from '../core/options.js';

/** The new version an update creates. */
export type SupermemoryVersion = UpdateMemoryResponse;

/**
 * A Supermemory update: the container, the new content, and at least one way to find the memory:
 * its `id`, its exact current `content`, or both. `metadata` (inherited from the previous version
 * when left out), `forgetAfter` (`null` clears the expiry, leaving it out inherits it),
 * `forgetReason` and `temporalContext` are optional.
 */
export type SupermemoryUpdate = Omit<UpdateMemoryRequest, 'id' | 'content'> &
  ({ id: string; content?: string } | { content: string; id?: string });

export interface SupermemoryOptions extends ClientOptions, ApiKeyOption {
  /**
   * The Supermemory API's origin.
   *
   * @default 'https://api.supermemory.ai'
   */
  baseUrl?: string | undefined;
}

/** Supermemory's memory operations. */
export interface SupermemoryMemories {
  /**
   * Versioned update (`PATCH /v4/memories`): creates a new version with a new id, linked to the
   * memory it updates (`parentMemoryId`) and to the first of its chain (`rootMemoryId`); the old
   * version is kept. Not idempotent: it is retried only when the server cannot have applied it.
   *
   * @example
   * const version = await supermemory.memories.update({
   *   containerTag: 'user_123',
   *   id: 'mem_abc123',
   *   newContent: 'John now prefers light mode',
   * });
   */
  update(update: SupermemoryUpdate, options?: RequestOptions): ResponsePromise<SupermemoryVersion>;
}

const supermemory: ProviderDefinition = {
  name: 'Supermemory',
  defaultBaseUrl: 'https://api.supermemory.ai',
  errorMessage: errorWithDetails,
  options: { apiKey: 1 } satisfies OwnOptionKeys<SupermemoryOptions, ClientOptions>,
};

/**
 * The Supermemory memory API, with retries that never create a version twice, timeouts and
 * typed errors.
 *
 * @example
 * const supermemory = new Supermemory({ apiKey: process.env.SUPERMEMORY_API_KEY! });
 */
export class Supermemory {
  readonly memories: SupermemoryMemories;

  constructor(options: SupermemoryOptions) {
    const core = createClientCore(supermemory, options, ({ apiKey }) => bearerAuth(apiKey));
    registerClient(this, core, {});
    this.memories = {
      update: (update, options) =>
        callOperation(core, UPDATE.operation.call, () => ({
          rule: UPDATE,
          params: {},
          body: update,
          options,
          clientHeaders: {},
          check: findsTheMemory,
        })),
    };
  }
}

// Undocumented fields are not sent; the values are the service's to validate (its 400 says why).
// Every call creates a new version: the spec marks it not idempotent, so it is never sent twice.
const UPDATE: BodyRule = { name: 'update', owner: 'Supermemory', operation: supermemoryUpdateMemory };

function findsTheMemory(body: Record<string, unknown>): void {
  if (body.id === undefined && body.content === undefined) {
    throw new InvalidArgumentError('update needs id or content (or both) to find the memory');
  }
}

/** Supermemory's `{ error, details? }`: the error, then its details. */
function errorWithDetails(body: unknown): string | undefined {
  const error = stringField(body, 'error');
  const details = stringField(body, 'details');
  return error && details ? `${error}: ${details}` : (error ?? details);
}
