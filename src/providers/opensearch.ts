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
import { type ClientCore, createClientCore, inContext, type ProviderDefinition, registerClient } from '../core/client-core.js';
import { withEnv } from '../core/env.js';
import { type ApiKey, basicAuth, type CredentialSource, schemeAuth } from '../core/credentials.js';
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js';
import { scopeHeader } from '../core/headers.js';
import type { BodyRule } from '../core/json-body.js';
import { jsonField, stringField } from '../core/json-field.js';
import { callOperation } from '../core/operation-call.js';
import { checkOptionKeys, type OptionKeys, type OwnOptionKeys } from '../core/option-keys.js';
import type { ClientOptions, RequestOptions } from '../core/options.js';
import type { ResponsePromise } from '../core/response-promise.js';
import { typeName } from '../core/type-name.js';

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
// An interface that adds nothing, so that hovers and errors show this name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OpenSearchUpdateResult extends UpdateMemoryResponse {}

/**
 * How to authenticate to the cluster: HTTP basic, an API key (`Authorization: ApiKey <key>`) or a
 * bearer token. Keys and tokens may be functions, asked again for every attempt.
 */
export type OpenSearchAuth = { username: string; password: string } | { apiKey: ApiKey } | { token: ApiKey };

/** An OpenSearch release as `major.minor`: `'3.3'`, `'3.5'`, `'3.8'`, `'3.10'`. */
export type OpenSearchVersion = `${number}.${number}`;

export interface OpenSearchMemoryOptions extends ClientOptions {
  /**
   * The cluster's URL: there is no default cluster.
   *
   * @default `OPENSEARCH_URL` where `process.env` can be read (never in a browser build)
   * @example
   * new OpenSearchMemory({ baseUrl: 'https://search.internal:9200', auth: { apiKey } })
   */
  baseUrl?: string | undefined;
  /**
   * The cluster's credentials.
   *
   * @default from the environment where `process.env` can be read: `OPENSEARCH_USERNAME` and
   * `OPENSEARCH_PASSWORD`, or `OPENSEARCH_API_KEY`, or `OPENSEARCH_TOKEN`
   * @example
   * { username: 'admin', password: process.env.OPENSEARCH_PASSWORD! }
   */
  auth?: OpenSearchAuth | undefined;
  /**
   * The tenant every call acts in unless it names its own, sent as `x-tenant-id`. A cluster
   * (3.5 and later) with `plugins.ml_commons.multi_tenancy_enabled` answers 403 "Tenant ID header
   * is missing or has no value" without it; a cluster without multi-tenancy ignores it.
   *
   * @default none: no `x-tenant-id` header is sent
   * @example
   * new OpenSearchMemory({ baseUrl, auth, tenantId: 'tenant_a' })
   */
  tenantId?: string | null | undefined;
  /**
   * The cluster's OpenSearch release, `major.minor`. When set, a body field newer than it
   * (`pinned` needs 3.8, `structured_data_blob` 3.5) is refused with an `InvalidArgumentError`
   * and nothing is sent: the cluster would skip that field without an error.
   *
   * @default none: every field is sent, whatever the cluster's release
   * @example
   * new OpenSearchMemory({ baseUrl, auth, clusterVersion: '3.5' })
   */
  clusterVersion?: OpenSearchVersion | undefined;
}

export interface OpenSearchRequestOptions extends RequestOptions {
  /**
   * This call's tenant, instead of the client's; `null` sends no `x-tenant-id` header at all.
   *
   * @default the client's `tenantId`
   * @example
   * await openSearch.memories.update(containerId, 'long-term', id, { memory }, { tenantId: 'tenant_b' })
   */
  tenantId?: string | null | undefined;
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
    options?: OpenSearchRequestOptions,
  ): ResponsePromise<OpenSearchUpdateResult>;
}

const TENANT_HEADER = 'x-tenant-id';

const openSearch: ProviderDefinition = {
  env: { baseUrl: 'OPENSEARCH_URL' },
  name: 'OpenSearch',
  errorMessage: openSearchErrorMessage,
  errorCode: (body) => openSearchError(body).type,
  options: { auth: 1, tenantId: 1, clusterVersion: 1 } satisfies OwnOptionKeys<OpenSearchMemoryOptions, ClientOptions>,
  callOptions: { tenantId: 1 } satisfies OwnOptionKeys<OpenSearchRequestOptions, RequestOptions>,
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
  readonly #options: OpenSearchMemoryOptions;
  readonly #core: ClientCore;

  constructor(options?: OpenSearchMemoryOptions);
  /** @internal shares `core` (the transport) with the client it was derived from */
  constructor(options: OpenSearchMemoryOptions, core: ClientCore);
  constructor(given: OpenSearchMemoryOptions = {}, core?: ClientCore) {
    const options = (this.#options = withEnvAuth(given));
    const shared = (this.#core = core ?? createClientCore(openSearch, options, ({ auth }) => credentials(auth)));
    let clientHeaders: Record<string, string>;
    let cluster: Version | undefined;
    try {
      clientHeaders =
        options.tenantId === null ? {} : (scopeHeader(TENANT_HEADER, 'tenantId', options.tenantId) as Record<string, string>);
      cluster = clusterVersion(options.clusterVersion);
    } catch (error) {
      throw inContext(error, `${openSearch.name}: `);
    }
    registerClient(this, shared, clientHeaders);
    this.memories = {
      update: (memory_container_id, type, id, body, options) =>
        callOperation(shared, opensearchUpdateSession.call, () => {
          const rule = BODIES[memoryType(type)];
          return {
            rule,
            params: { memory_container_id, id },
            body,
            options,
            clientHeaders,
            callHeaders: scopeHeader(TENANT_HEADER, 'tenantId', options?.tenantId),
            check: cluster && ((fields) => checkSince(rule, fields, cluster)),
          };
        }),
    };
  }

  /**
   * A client for another tenant, sharing this one's credentials, options and transport; this
   * client keeps its own tenant. `null` gives a client that sends no `x-tenant-id` header.
   *
   * @example
   * const tenantB = openSearch.withTenant('tenant_b');
   */
  withTenant(tenantId: string | null): OpenSearchMemory {
    return new OpenSearchMemory({ ...this.#options, tenantId }, this.#core);
  }
}

/** A release as `[major, minor]`, and as given. */
interface Version {
  parts: number[];
  text: string;
}

/** The `clusterVersion` option, checked: `undefined` when not given. */
function clusterVersion(version: unknown): Version | undefined {
  if (version === undefined) return undefined;
  if (typeof version !== 'string' || !/^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.test(version)) {
    const got = typeof version === 'string' ? JSON.stringify(version) : typeName(version);
    throw new InvalidArgumentError(`clusterVersion must be an OpenSearch release as major.minor, such as "3.5", got ${got}`);
  }
  return { parts: version.split('.').map(Number), text: version };
}

/**
 * Refuses a body field that arrived in a release newer than the cluster's (the spec's
 * `x-version-added`): the cluster would skip it without an error. Releases compare numerically,
 * so 3.10 is newer than 3.8.
 */
function checkSince(rule: BodyRule, body: Record<string, unknown>, cluster: Version): void {
  const since = rule.operation.since ?? {};
  for (const field of Object.keys(body)) {
    const needs = since[field]?.split('.').map(Number);
    if (needs && (needs[0]! - cluster.parts[0]! || needs[1]! - cluster.parts[1]!) > 0) {
      throw new InvalidArgumentError(
        `${field} needs OpenSearch ${since[field]} or later, and clusterVersion is ${cluster.text}: the cluster would skip it without an error, so nothing was sent`,
      );
    }
  }
}

// The keys of `auth` that a caller may put at the top level by mistake (as other clients take `apiKey`).
const MISPLACED = {
  apiKey: '{ apiKey }',
  token: '{ token }',
  username: '{ username, password }',
  password: '{ username, password }',
};

/**
 * `options` with `baseUrl` from `OPENSEARCH_URL` and `auth` from `OPENSEARCH_USERNAME` and
 * `OPENSEARCH_PASSWORD`, `OPENSEARCH_API_KEY` or `OPENSEARCH_TOKEN` where they are unset (more
 * than one kind set is refused by `credentials`, as it is in `auth`).
 */
function withEnvAuth(given: OpenSearchMemoryOptions): OpenSearchMemoryOptions {
  const misplaced = Object.keys(MISPLACED).find((key) => typeof given === 'object' && given !== null && key in given);
  if (misplaced) {
    const inside = MISPLACED[misplaced as keyof typeof MISPLACED];
    throw new InvalidArgumentError(
      `OpenSearch: ${misplaced} goes inside auth: new OpenSearchMemory({ baseUrl, auth: ${inside} })`,
    );
  }
  const options = withEnv(given, { baseUrl: 'OPENSEARCH_URL' });
  if (typeof options !== 'object' || options === null || options.auth !== undefined) return options;
  // Only the variables that are set: an empty object when none is.
  const fromEnv = withEnv<Partial<Record<keyof typeof AUTH_KEYS, string>>>(
    {},
    {
      username: 'OPENSEARCH_USERNAME',
      password: 'OPENSEARCH_PASSWORD',
      apiKey: 'OPENSEARCH_API_KEY',
      token: 'OPENSEARCH_TOKEN',
    },
  );
  return Object.keys(fromEnv).length ? { ...options, auth: fromEnv as OpenSearchAuth } : options;
}

function credentials(auth: OpenSearchAuth | undefined): CredentialSource {
  if (auth === undefined) {
    throw new InvalidArgumentError(
      'needs auth: pass auth: { username, password }, { apiKey } or { token }, or set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, OPENSEARCH_API_KEY or OPENSEARCH_TOKEN',
    );
  }
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
    if (given.token) return schemeAuth('Bearer', token as ApiKey);
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
