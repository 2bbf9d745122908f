import type { Client } from 'openapi-fetch';
import type {
  LongTermMemoryUpdate,
  paths,
  SessionMemoryUpdate,
  UpdateMemoryResponse,
  WorkingMemoryUpdate,
} from '../../generated/opensearch.js';
import { callOperation, createClientCore, createRawClient, type Operation, type ProviderDefinition } from '../core/client.js';
import { type ApiKey, basicAuth, bearerAuth, type CredentialSource, schemeAuth } from '../core/credentials.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import { requireObject } from '../core/json-body.js';
import type { ClientOptions, RequestOptions } from '../core/options.js';

/** The memory types that can be updated. History memory cannot be. */
export type OpenSearchMemoryType = 'sessions' | 'working' | 'long-term';

/** The fields each memory type takes, as seed 004 lists them; all optional. */
export interface OpenSearchMemoryUpdates {
  sessions: SessionMemoryUpdate;
  working: WorkingMemoryUpdate;
  'long-term': LongTermMemoryUpdate;
}

/** What OpenSearch answers: `{ result, _id, _version, _shards }`. */
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
  ): Promise<OpenSearchUpdateResult>;
}

const openSearch: ProviderDefinition = { name: 'OpenSearch', errorMessage: openSearchErrorMessage };

// Setting the same fields twice leaves the same document: safe to retry.
const UPDATE: Operation = { name: 'memories.update', idempotent: true };

const MEMORY_TYPES: readonly string[] = ['sessions', 'working', 'long-term'] satisfies OpenSearchMemoryType[];

/**
 * OpenSearch ML Commons agentic memory (3.2+) on your cluster, with retries, timeouts and typed
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
  /** The typed openapi-fetch client, with the same auth and retries, for anything else. */
  readonly raw: Client<paths>;
  readonly memories: OpenSearchMemories;

  constructor(options: OpenSearchMemoryOptions) {
    const core = createClientCore(openSearch, options, ({ auth }) => credentials(auth));
    const raw = (this.raw = createRawClient<paths>(core, {}));
    this.memories = {
      update: (containerId, type, id, body, options) =>
        callOperation<OpenSearchUpdateResult>(core, UPDATE, options, (init) =>
          raw.PUT('/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}', {
            params: { path: { memory_container_id: containerId, type: memoryType(type), id } },
            body: requireObject('body', body),
            ...init,
          }),
        ),
    };
  }
}

function credentials(auth: OpenSearchAuth): CredentialSource {
  if (typeof auth === 'object' && auth !== null) {
    if ('username' in auth) return basicAuth(auth.username, auth.password);
    if ('apiKey' in auth) return schemeAuth('ApiKey', auth.apiKey);
    if ('token' in auth) return bearerAuth(auth.token);
  }
  throw new InvalidArgumentError('auth must be { username, password }, { apiKey } or { token }');
}

function memoryType(type: unknown): OpenSearchMemoryType {
  if (typeof type === 'string' && MEMORY_TYPES.includes(type)) return type as OpenSearchMemoryType;
  const why = type === 'history' ? 'history memory cannot be updated' : `it is not one of ${MEMORY_TYPES.join(', ')}`;
  throw new InvalidArgumentError(`type ${JSON.stringify(type)} cannot be updated: ${why}`);
}

/** OpenSearch's `{ error: { type, reason } }`: the reason, with the type when there is one. */
function openSearchErrorMessage(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const { reason, type } = error as { reason?: unknown; type?: unknown };
  if (typeof reason !== 'string') return undefined;
  return typeof type === 'string' ? `${reason} (${type})` : reason;
}
