import type { paths, UpdateMemoryRequest, UpdateMemoryResponse } from '../../generated/supermemory.js';
import { UpdateMemoryRequestFields } from '../../generated/supermemory.fields.js';
import {
  callOperation,
  createClientCore,
  createRawClient,
  type Operation,
  type ProviderDefinition,
  type RawClient,
} from '../core/client.js';
import { bearerAuth } from '../core/credentials.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import { type BodyRule, sentBody } from '../core/json-body.js';
import { stringField } from '../core/json-field.js';
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

// Every call creates a new version: sending it twice would create two.
const UPDATE: Operation = { name: 'memories.update', idempotent: false };

/**
 * The Supermemory memory API, with retries that never create a version twice, timeouts and
 * typed errors.
 *
 * @example
 * const supermemory = new Supermemory({ apiKey: process.env.SUPERMEMORY_API_KEY! });
 */
export class Supermemory {
  /** The typed openapi-fetch client, with the same auth and retries, for anything else. */
  readonly raw: RawClient<paths>;
  readonly memories: SupermemoryMemories;

  constructor(options: SupermemoryOptions) {
    const core = createClientCore(supermemory, options, ({ apiKey }) => bearerAuth(apiKey));
    const raw = (this.raw = createRawClient<paths>(core, {}));
    this.memories = {
      update: (update, options) =>
        callOperation<SupermemoryVersion>(core, UPDATE, options, (init) =>
          raw.PATCH('/v4/memories', { body: checkedUpdate(update), ...init }),
        ),
    };
  }
}

// Undocumented fields are not sent; the values are the service's to validate (its 400 says why).
const UPDATE_BODY: BodyRule = { name: 'update', owner: 'Supermemory', fields: UpdateMemoryRequestFields, partial: false };

function checkedUpdate(update: SupermemoryUpdate): UpdateMemoryRequest {
  const body = sentBody(UPDATE_BODY, update);
  if (body.id === undefined && body.content === undefined) {
    throw new InvalidArgumentError('update needs id or content (or both) to find the memory');
  }
  return body as UpdateMemoryRequest;
}

/** Supermemory's `{ error, details? }`: the error, then its details. */
function errorWithDetails(body: unknown): string | undefined {
  const error = stringField(body, 'error');
  const details = stringField(body, 'details');
  return error && details ? `${error}: ${details}` : (error ?? details);
}
