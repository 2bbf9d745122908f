import type {
  MemoryReplace,
  MemoryReplaceResponse,
  MemoryResponse,
  MemoryUpdate,
  MemoryUpdateResponse,
} from '../../generated/mielto.js';
import { mieltoReplaceMemory, mieltoUpdateMemory } from '../../generated/mielto.operations.js';
import { type ClientCore, createClientCore, inContext, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { keyAuth } from '../core/credentials.js';
import { withEnv } from '../core/env.js';
import { fieldPath, readValidationIssues } from '../core/errors/validation-error.js';
import { scopeHeader } from '../core/headers.js';
import { stringField } from '../core/json-field.js';
import type { BodyRule } from '../core/json-body.js';
import { callOperation } from '../core/operation-call.js';
import type { OwnOptionKeys } from '../core/option-keys.js';
import type { ResponsePromise } from '../core/response-promise.js';
import type { ApiKeyOption, ClientOptions, RequestOptions } from '../core/options.js';

// Mielto's schemas under names that say whose they are: interfaces, so that hovers and errors show
// these names rather than the spec's (`MemoryUpdate`) or an expanded object type.
/* eslint-disable @typescript-eslint/no-empty-object-type */
/** A partial update's fields (`MemoryUpdate` in Mielto's spec): only those given change. */
export interface MieltoMemoryUpdate extends MemoryUpdate {}
/** A full replace's fields (`MemoryReplace` in Mielto's spec): `memory` is required. */
export interface MieltoMemoryReplace extends MemoryReplace {}
/** What an update resolves to: `memory_id`, `message` and the updated `memory`. */
export interface MieltoMemoryUpdateResponse extends MemoryUpdateResponse {}
/** What a replace resolves to: `memory_id`, `message`, `old_memory` and `new_memory`. */
export interface MieltoMemoryReplaceResponse extends MemoryReplaceResponse {}
/** A memory as Mielto returns it. */
export interface MieltoMemoryResponse extends MemoryResponse {}
/* eslint-enable @typescript-eslint/no-empty-object-type */

export interface MieltoOptions extends ClientOptions, ApiKeyOption {
  /**
   * The Mielto API's origin.
   *
   * @default 'https://api.mielto.com'
   */
  baseUrl?: string | undefined;
  /**
   * The workspace every call uses unless it names its own, sent as `X-Workspace-Id`.
   *
   * @default none: no header is sent, and Mielto uses the key's default workspace
   * @example
   * new Mielto({ apiKey, workspaceId: 'ws_team' })
   */
  workspaceId?: string | null | undefined;
}

export interface MieltoRequestOptions extends RequestOptions {
  /**
   * This call's workspace, instead of the client's; `null` sends no workspace header at all.
   *
   * @default the client's `workspaceId`
   * @example
   * await mielto.memories.update(id, patch, { workspaceId: 'ws_other' })
   */
  workspaceId?: string | null | undefined;
}

/** Mielto's memory operations. */
export interface MieltoMemories {
  /**
   * Partial update (`PUT /api/v1/memories/{memory_id}`): only the fields given change.
   *
   * @example
   * const { memory } = await mielto.memories.update('mem_1', { topics: ['coffee'] });
   */
  update(
    memoryId: string,
    patch: MieltoMemoryUpdate,
    options?: MieltoRequestOptions,
  ): ResponsePromise<MieltoMemoryUpdateResponse>;
  /**
   * Full replace (`POST /api/v1/memories/{memory_id}/replace`): every field is replaced, the id
   * and `created_at` are kept and `updated_at` is set to now. Resolves to the old and new memory.
   *
   * @example
   * const { new_memory } = await mielto.memories.replace('mem_1', { memory: 'Prefers tea' });
   */
  replace(
    memoryId: string,
    memory: MieltoMemoryReplace,
    options?: MieltoRequestOptions,
  ): ResponsePromise<MieltoMemoryReplaceResponse>;
}

const WORKSPACE_HEADER = 'X-Workspace-Id';

// The environment variable each unset option is read from (never in a browser build).
const ENV = { apiKey: 'MIELTO_API_KEY', baseUrl: 'MIELTO_BASE_URL', workspaceId: 'MIELTO_WORKSPACE_ID' };

const mielto: ProviderDefinition = {
  name: 'Mielto',
  defaultBaseUrl: 'https://api.mielto.com',
  errorMessage: validationMessage,
  errorCode: (body) => stringField(body, 'error_code'),
  options: { apiKey: 1, workspaceId: 1 } satisfies OwnOptionKeys<MieltoOptions, ClientOptions>,
  env: ENV,
  notFoundHint: (headers) =>
    headers.has(WORKSPACE_HEADER)
      ? undefined
      : `no ${WORKSPACE_HEADER} was sent, so Mielto looked in the key's default workspace: pass workspaceId, or set ${ENV.workspaceId}`,
  callOptions: { workspaceId: 1 } satisfies OwnOptionKeys<MieltoRequestOptions, RequestOptions>,
};

// FastAPI drops fields its models do not declare, so a body holds only those. A replace without
// `memory` goes to the server, whose 422 says so.
const UPDATE: BodyRule = { name: 'patch', owner: 'Mielto', operation: mieltoUpdateMemory };
const REPLACE: BodyRule = { name: 'memory', owner: 'Mielto', operation: mieltoReplaceMemory };

/**
 * The Mielto memory API: update and replace memories, with retries, timeouts, a workspace header
 * and typed errors.
 *
 * @example
 * const mielto = new Mielto({ apiKey: process.env.MIELTO_API_KEY!, workspaceId: 'ws_1' });
 * await mielto.memories.update('mem_1', { memory: 'Prefers oat milk' });
 */
export class Mielto {
  readonly memories: MieltoMemories;
  readonly #options: MieltoOptions;
  readonly #core: ClientCore;

  constructor(options?: MieltoOptions);
  /** @internal shares `core` (the transport) with the client it was derived from */
  constructor(options: MieltoOptions, core: ClientCore);
  constructor(given: MieltoOptions = {}, core?: ClientCore) {
    const options = (this.#options = withEnv(given, ENV));
    const shared = (this.#core = core ?? createClientCore(mielto, options, ({ apiKey }) => keyAuth(apiKey, ENV.apiKey)));
    const clientHeaders = clientWorkspace(options.workspaceId);
    registerClient(this, shared, clientHeaders);
    // Each method calls callOperation itself, so that no frame stands between it and the pipeline
    // (docs/architecture.md counts them); callOperation builds the request when it is ready for it.
    const request = (rule: BodyRule, memoryId: string, body: unknown, options: MieltoRequestOptions | undefined) => ({
      rule,
      params: { memory_id: memoryId },
      body,
      options,
      clientHeaders,
      callHeaders: callWorkspace(options),
    });
    this.memories = {
      update: (memoryId, patch, options) =>
        callOperation<never>(shared, UPDATE.operation.call, () => request(UPDATE, memoryId, patch, options)),
      replace: (memoryId, memory, options) =>
        callOperation<never>(shared, REPLACE.operation.call, () => request(REPLACE, memoryId, memory, options)),
    };
  }

  /**
   * A client for another workspace, sharing this one's key, options and transport; this client
   * keeps its own workspace. `null` gives a client that sends no workspace header.
   *
   * @example
   * const work = mielto.withWorkspace('ws_work');
   */
  withWorkspace(workspaceId: string | null): Mielto {
    return new Mielto({ ...this.#options, workspaceId }, this.#core);
  }
}

/** The client's workspace header, sent on every request unless a call overrides it. */
function clientWorkspace(workspaceId: string | null | undefined): Record<string, string> {
  try {
    return workspaceId === null ? {} : (scopeHeader(WORKSPACE_HEADER, 'workspaceId', workspaceId) as Record<string, string>);
  } catch (error) {
    throw inContext(error, 'Mielto: ');
  }
}

/** A call's workspace header: absent keeps the client's, `null` removes it. */
const callWorkspace = (options: MieltoRequestOptions | undefined) =>
  scopeHeader(WORKSPACE_HEADER, 'workspaceId', options?.workspaceId);

/** FastAPI's validation `detail` as `field: message; …` (a plain `detail` string is the core's). */
function validationMessage(body: unknown): string | undefined {
  return readValidationIssues(body)
    ?.map((issue) => (fieldPath(issue) ? `${fieldPath(issue)}: ${issue.msg}` : issue.msg))
    .join('; ');
}
