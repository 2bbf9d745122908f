import type {
  LongTermMemoryUpdate,
  SessionMemoryUpdate,
  UpdateMemoryResponse,
  WorkingMemoryUpdate,
} from '../../generated/opensearch.js';
import {
  opensearchUpdateLongTermMemory,
  opensearchUpdateSession,
  opensearchUpdateWorkingMemory,
} from '../../generated/opensearch.operations.js';
import { createClientCore, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { type ApiKey, basicAuth, bearerAuth, type CredentialSource, schemeAuth } from '../core/credentials.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import type { BodyRule } from '../core/json-body.js';
import { jsonField, stringField } from '../core/json-field.js';
import { callOperation } from '../core/operation-call.js';
import { checkOptionKeys, type OptionKeys, type OwnOptionKeys } from '../core/option-keys.js';
import type { ClientOptions, RequestOptions } from '../core/options.js';
import type { ResponsePromise } from '../core/response-promise.js';

/** The memory types that can be updated. History memory cannot be. */
export type OpenSearchMemoryType = 'sessions' | 'working' | 'long-term';

/**
 * The fields each memory type takes: exactly those the server stores for it (it skips any other
 * without an error). All optional; give at least one.
 *
 * - `sessions`: `summary`, `metadata`, `agents`, `additional_info`, and `pinned` (OpenSearch 3.8+).
 * - `working`: `messages`, `binary_data` (base64), `structured_data`, `metadata`, `tags`, and
 *   `structured_data_blob` (3.5+). Working memory cannot be pinned: pin its session instead.
 * - `long-term`: `memory`, `tags`, and `pinned` (3.8+).
 */
export interface OpenSearchMemoryUpdates {
  sessions: SessionMemoryUpdate;
  working: WorkingMemoryUpdate;
  'long-term': LongTermMemoryUpdate;
}

/** What OpenSearch answers: the index response (`_index`, `_id`, `_version`, `result`, `_shards`, `_seq_no`, `_primary_term`, `forced_refresh`). */
export type OpenSearchUpdateResult = UpdateMemoryResponse;

/**
 * How to authenticate to the cluster: HTTP basic, an API key (`Authorization: ApiKey <key>`) or a
 * bearer token. Keys and tokens may be functions, asked again for every attempt.
 */
export type OpenSearchAuth = { username: string; password: string } | { apiKey: ApiKey } | { token: ApiKey };

export interface OpenSearchMemoryOptions extends ClientOptions {
  /**
   * The cluster's URL. Required: there is no default cluster.
   *
   * @example
   * new OpenSearchMemory({ baseUrl: 'https://search.internal:9200', auth: { apiKey } })
   */
  baseUrl: string;
  /**
   * The cluster's credentials.
   *
   * @example
   * { username: 'admin', password: process.env.OPENSEARCH_PASSWORD! }
   */
  auth: OpenSearchAuth;
}

/** OpenSearch agentic memory operations. */
export interface OpenSearchMemories {
  /**
   * Updates a session, working or long-term memory
   * (`PUT /_plugins/_ml/memory_containers/{containerId}/memories/{type}/{id}`); the body's fields
   * follow `type`. History memory cannot be updated.
   *
   * @example
   * await openSearch.memories.update('HudqiJkB1SltqOcZusVU', 'long-term', 'DcxjTpkBvwXRq366C1Zz', {
   *   memory: "User's name is Bob Smith",
   *   tags: { topic: 'personal info' },
   * });
   */
  update<Type extends OpenSearchMemoryType>(
    containerId: string,
    type: Type,
    id: string,
    body: OpenSearchMemoryUpdates[Type],
    options?: RequestOptions,
  ): ResponsePromise<OpenSearchUpdateResult>;
}

const openSearch: ProviderDefinition = {
  name: 'OpenSearch',
  errorMessage: openSearchErrorMessage,
  errorCode: (body) => openSearchError(body).type,
  options: { auth: 1 } satisfies OwnOptionKeys<OpenSearchMemoryOptions, ClientOptions>,
};

// Every key of every form `auth` takes.
const AUTH_KEYS = { username: 1, password: 1, apiKey: 1, token: 1 } satisfies OptionKeys<OpenSearchAuth>;

// One operation per memory type (the spec's x-memwire-variants): the server copies only its
// fields and skips any other key without an error.
const BODIES: Record<OpenSearchMemoryType, BodyRule> = {
  sessions: { name: 'body', owner: 'OpenSearch session memory', operation: opensearchUpdateSession },
  working: { name: 'body', owner: 'OpenSearch working memory', operation: opensearchUpdateWorkingMemory },
  'long-term': { name: 'body', owner: 'OpenSearch long-term memory', operation: opensearchUpdateLongTermMemory },
};

/**
 * OpenSearch ML Commons agentic memory (3.3+) on your cluster, with retries, timeouts and typed
 * errors. OpenSearch error bodies (`{ error: { type, reason }, status }`) become the shared error
 * classes with the `reason` in the message.
 *
 * @example
 * const openSearch = new OpenSearchMemory({
 *   baseUrl: 'https://localhost:9200',
 *   auth: { username: 'admin', password: process.env.OPENSEARCH_PASSWORD! },
 * });
 */
export class OpenSearchMemory {
  readonly memories: OpenSearchMemories;

  constructor(options: OpenSearchMemoryOptions) {
    const core = createClientCore(openSearch, options, ({ auth }) => credentials(auth));
    registerClient(this, core, {});
    this.memories = {
      update: (memory_container_id, type, id, body, options) =>
        callOperation(core, opensearchUpdateSession.call, () => ({
          rule: BODIES[memoryType(type)],
          params: { memory_container_id, id },
          body,
          options,
          clientHeaders: {},
        })),
    };
  }
}

function credentials(auth: OpenSearchAuth): CredentialSource {
  if (typeof auth === 'object' && auth !== null) {
    checkOptionKeys('auth option', auth, AUTH_KEYS);
    const { username, password, apiKey, token } = auth as Partial<Record<keyof typeof AUTH_KEYS, unknown>>;
    // A key set to undefined is not given, as with every option.
    const given = {
      'username/password': username !== undefined || password !== undefined,
      apiKey: apiKey !== undefined,
      token: token !== undefined,
    };
    const kinds = Object.keys(given).filter((kind) => given[kind as keyof typeof given]);
    if (kinds.length > 1) {
      // Named by kind, never by value: each of them is a secret.
      throw new InvalidArgumentError(
        `auth has more than one kind of credentials (${kinds.join(', ')}): pass exactly one of { username, password }, { apiKey } or { token }`,
      );
    }
    if (given['username/password']) return basicAuth(username, password);
    if (given.apiKey) return schemeAuth('ApiKey', apiKey as ApiKey);
    if (given.token) return bearerAuth(token as ApiKey);
  }
  throw new InvalidArgumentError('auth must be { username, password }, { apiKey } or { token }');
}

function memoryType(type: unknown): OpenSearchMemoryType {
  // Listed here, not at the top of the file: a call there would keep BODIES in every app's bundle.
  const types: unknown[] = Object.keys(BODIES);
  if (types.includes(type)) return type as OpenSearchMemoryType;
  const why = type === 'history' ? 'history memory cannot be updated' : `it is not one of ${types.join(', ')}`;
  throw new InvalidArgumentError(`type ${JSON.stringify(type)} cannot be updated: ${why}`);
}

/** The strings of the `error` object of OpenSearch's `{ error: { type, reason }, status }`. */
function openSearchError(body: unknown): { reason: string | undefined; type: string | undefined } {
  const error = jsonField(body, 'error');
  return { reason: stringField(error, 'reason'), type: stringField(error, 'type') };
}

/** OpenSearch's error `reason`, with its `type` when there is one. */
function openSearchErrorMessage(body: unknown): string | undefined {
  const { reason, type } = openSearchError(body);
  if (reason === undefined) return undefined;
  return type === undefined ? reason : `${reason} (${type})`;
}
