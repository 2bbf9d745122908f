import type { UpdateMemoryRequest, UpdateMemoryResponse } from '../../generated/supermemory.js';
import { supermemoryUpdateMemory } from '../../generated/supermemory.operations.js';
import { createClientCore, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { keyAuth } from '../core/credentials.js';
import { withEnv } from '../core/env.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import type { BodyRule } from '../core/json-body.js';
import { stringField } from '../core/json-field.js';
import { callOperation } from '../core/operation-call.js';
import type { OwnOptionKeys } from '../core/option-keys.js';
import type { ResponsePromise } from '../core/response-promise.js';
import type { ApiKeyOption, ClientOptions, RequestOptions } from '../core/options.js';

/** The new version an update creates. */
// An interface that adds nothing, so that hovers and errors show this name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SupermemoryVersion extends UpdateMemoryResponse {}

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

// The environment variable each unset option is read from (never in a browser build).
const ENV = { apiKey: 'SUPERMEMORY_API_KEY', baseUrl: 'SUPERMEMORY_BASE_URL' };

const supermemory: ProviderDefinition = {
  name: 'Supermemory',
  defaultBaseUrl: 'https://api.supermemory.ai',
  errorMessage: errorWithDetails,
  options: { apiKey: 1 } satisfies OwnOptionKeys<SupermemoryOptions, ClientOptions>,
  env: ENV,
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

  constructor(given: SupermemoryOptions = {}) {
    const options = withEnv(given, ENV);
    const core = createClientCore(supermemory, options, ({ apiKey }) => keyAuth(apiKey, ENV.apiKey));
    registerClient(this, core, {});
    this.memories = {
      update: (update, options) =>
        callOperation(core, UPDATE.operation.call, () => ({
          rule: UPDATE,
          params: {},
          body: oneBody(update),
          options,
          check: findsTheMemory,
        })),
    };
  }
}

// Undocumented fields are not sent; the values are the service's to validate (its 400 says why).
// Every call creates a new version: the spec marks it not idempotent, so it is never sent twice.
const UPDATE: BodyRule = { name: 'update', owner: 'Supermemory', operation: supermemoryUpdateMemory };

/** `update('mem_1', { … })`, as other SDKs take it, is refused by what it should be. */
function oneBody(update: unknown): unknown {
  if (typeof update === 'string') {
    throw new InvalidArgumentError(
      "update takes one object, with the memory's id inside: update({ containerTag, id, newContent })",
    );
  }
  return update;
}

/** The memory is found by `id` or `content` (the spec's `x-memwire-find-by`): an update with neither finds none. */
function findsTheMemory(body: Record<string, unknown>): void {
  const { findBy } = supermemoryUpdateMemory;
  if (findBy.every((field) => body[field] === undefined)) {
    throw new InvalidArgumentError(`update needs ${findBy.join(' or ')} (or both) to find the memory`);
  }
}

/** Supermemory's `{ error, details? }`: the error, then its details. */
function errorWithDetails(body: unknown): string | undefined {
  const error = stringField(body, 'error');
  const details = stringField(body, 'details');
  return error && details ? `${error}: ${details}` : (error ?? details);
}
