import type { OpenSearchErrorResponse, UpdateMemoryResponse } from '../../generated/opensearch.js';
import { systemClock, type Clock } from '../core/clock.js';
import { apiKeyAuthorization, basic, bearer, isAuthorized, requireSecret } from './auth.js';
import { FakeServer, type OperationContext } from './fake-server.js';
import { randomId } from './ids.js';
import { openSearchErrorBody, openSearchErrorResponse } from './opensearch-errors.js';
import {
  bumpsLastUpdatedTime,
  checkMemoryType,
  checkMemoryUpdate,
  copiedFields,
  OPENSEARCH_MEMORY_TYPES,
  OPENSEARCH_UPDATE_ROUTE,
  type OpenSearchMemoryType,
} from './opensearch-validation.js';
import { jsonResponse, textResponse } from './responses.js';

export type { OpenSearchMemoryType } from './opensearch-validation.js';

/** Options for {@link OpenSearchFake}. Configure at least one way to authenticate. */
export interface OpenSearchFakeOptions {
  /** The cluster's URL (required: there is no default cluster), e.g. `https://localhost:9200`. */
  baseUrl: string;
  /** With `password`: accepts `Authorization: Basic base64(username:password)`. */
  username?: string;
  password?: string;
  /** Accepts `Authorization: ApiKey <apiKey>`. */
  apiKey?: string;
  /** Accepts `Authorization: Bearer <token>`. */
  token?: string;
  /** Time for `delayNext` and `last_updated_time`. Default: the system clock. */
  clock?: Clock;
  /**
   * The cluster setting `plugins.ml_commons.memory.retention_enabled`. Default `false`, the
   * setting's default: every update that sends `pinned` is then a 403.
   */
  memoryRetention?: boolean;
  /**
   * The cluster setting `plugins.ml_commons.agentic_memory_enabled`. Default `true`, the
   * setting's default; `false` makes every update a 403.
   */
  agenticMemory?: boolean;
  /**
   * The cluster setting `plugins.ml_commons.multi_tenancy_enabled` (OpenSearch 3.5+). Default
   * `false`, the setting's default. `true` makes every update without a non-empty `x-tenant-id`
   * header a 403 "Tenant ID header is missing or has no value", and hides a container seeded
   * with a `tenantId` from every other tenant (404 "Memory container not found").
   */
  multiTenancy?: boolean;
}

/** A stored memory document, as {@link OpenSearchFake.get} returns it. */
export interface OpenSearchMemoryDocument {
  readonly containerId: string;
  readonly type: OpenSearchMemoryType;
  readonly _id: string;
  /** 1 when seeded (unless given), plus one per update. */
  readonly _version: number;
  /** The document's fields (`memory`, `tags`, `messages`, `last_updated_time`…). */
  readonly _source: Record<string, unknown>;
}

/** A memory to seed into a container. */
export interface OpenSearchSeedMemory {
  /** Default: a random id. */
  id?: string;
  /** The document's fields. Default `{}`. */
  source?: Record<string, unknown>;
  /** Default 1. */
  version?: number;
}

/**
 * A container to seed, with the memories it holds by type (any of them may be left out).
 * {@link OpenSearchFake.seed} creates it (or adds to an existing one), replacing any memory with
 * the same container, type and id.
 */
export interface OpenSearchSeedContainer {
  containerId: string;
  /**
   * The tenant the container belongs to, when the fake has `multiTenancy`: only requests with this
   * `x-tenant-id` find it. Default: none, and every tenant finds it.
   */
  tenantId?: string;
  memories?: { readonly [Type in OpenSearchMemoryType]?: readonly OpenSearchSeedMemory[] };
}

// The shard counts every update answers: a primary and one replica, the replica unassigned (as
// on a one-node cluster), which is also what OpenSearch's documentation example shows.
const SHARDS = { total: 2, successful: 1, failed: 0 } as const;

/** The index a container's memories of a type live in (the default container's system indices). */
export function openSearchMemoryIndex(type: OpenSearchMemoryType): string {
  return `.plugins-ml-am-default-memory-${type}`;
}

/**
 * An in-memory fake of OpenSearch ML Commons agentic memory's "Update memory by type and ID"
 * (`PUT /_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}`) on a 3.8
 * cluster with the security plugin, as a web-standard `handle(request)`. Use it through
 * `createOpenSearchFake` from `memwire/testing` (msw) or the sandbox; all of {@link FakeServer}'s
 * fault injection and request log apply.
 *
 * Behaviour, as ml-commons 3.8 answers it (errors in OpenSearch's body
 * `{ error: { root_cause: [{ type, reason }], type, reason }, status }`), checked in this order:
 * 1. Auth (the security plugin, before ml-commons): `Basic base64(username:password)`,
 *    `ApiKey <apiKey>` and `Bearer <token>`, each exactly and only when configured; anything else
 *    is 401 with the PLAIN TEXT body `Unauthorized` (`text/plain; charset=UTF-8`) and
 *    `WWW-Authenticate: Basic realm="OpenSearch Security"`. Then a request no route takes gets
 *    OpenSearch's flat body: another method on the update's path is 405 `{ error: "Incorrect HTTP
 *    method for uri [...] and method [...], allowed: [PUT]", status: 405 }` with `Allow: PUT`, and
 *    any other path 400 `{ error: "no handler found for uri [...] and method [...]" }`.
 * 2. Agentic memory disabled (`agenticMemory: false`): 403 `status_exception` "The Agentic Memory
 *    APIs are not enabled. To enable, please update the setting plugins.ml_commons.agentic_memory_enabled".
 * 3. No body: 400 `illegal_argument_exception` "Update memory request has empty body" (before the type).
 * 4. The type, matched case-insensitively (`SESSIONS`, `Long-Term`; stored and answered as the
 *    lower-case type): else 400 `illegal_argument_exception` "Invalid memory type: X. Must be one
 *    of: sessions, working, long-term, history" (X as sent).
 * 5. The body: not a JSON object is a 400 `parsing_exception` ("Failed to parse object: expecting
 *    token of type [START_OBJECT] but found [START_ARRAY]"…); `{}` is a 400
 *    `illegal_argument_exception` "Text cannot be null or empty".
 * 6. The tenant (`multiTenancy: true` only): no `x-tenant-id` header, or an empty one, is a 403
 *    `status_exception` "Tenant ID header is missing or has no value" (ml-commons
 *    TenantAwareHelper.getTenantID, from 3.5).
 * 7. The container: unknown, or (with `multiTenancy`) seeded with another `tenantId`, is 404
 *    `status_exception` "Memory container not found".
 * 8. `history`: 404 `status_exception` "Can't update memory history".
 * 9. The memory: unknown (in that container and type) is 404 `status_exception` "Memory not found".
 * 10. `pinned` (3.8): while memory retention is disabled (`memoryRetention: false`, the cluster
 *    setting's default) any type is 403 `status_exception` "Cannot set pinned: the memory
 *    retention feature is not enabled. To enable it, please update the cluster setting
 *    plugins.ml_commons.memory.retention_enabled"; with it enabled, working memory is 400
 *    `status_exception` "pinned field is not supported for working memory type. To preserve a
 *    conversation, pin the session instead."
 *
 * Then only the fields the server copies for the type, those of the type's update in the spec
 * (long-term: `memory`, `tags`, `pinned`), replace the stored ones, whole (a given `tags` replaces
 * the old `tags`; fields not given are kept). Every other key is skipped without an error, and
 * values are not type-checked. A content field (sessions
 * `summary`; working `messages`, `binary_data`, `structured_data`, `structured_data_blob`;
 * long-term `memory`) sets `last_updated_time` to the clock's now in epoch milliseconds. The
 * memory is re-indexed whole, so even an update whose keys are all skipped answers 200 with a new
 * `_version` (there is no `noop`): `{ _index, _id, _version, result: 'updated', forced_refresh:
 * true, _shards: { total: 2, successful: 1, failed: 0 }, _seq_no, _primary_term: 1 }`.
 *
 * Where the sources are silent, the fake chooses:
 * - `_index` is `.plugins-ml-am-default-memory-<type>` (the default container's system index)
 *   for every container; `_seq_no` counts per index from 0, seeded memories taking numbers too;
 *   `_primary_term` is always 1; `_shards` is always the one-replica-unassigned count above.
 * - A body that is not valid JSON is a 400 `parsing_exception` (the real one comes from the JSON
 *   parser). Index mapping failures (e.g. a string where a flat object is mapped) are not modelled.
 * - The body is parsed as JSON whatever its `content-type` (OpenSearch itself refuses a missing or
 *   non-JSON content-type).
 * - Multi-tenancy is modelled by container: a container seeded without a `tenantId` is found by
 *   every tenant, and an empty `x-tenant-id` counts as none (ml-commons would look the container
 *   up for the tenant "" and not find it).
 * - Not modelled: ownership and container permissions (403s), and containers without an index
 *   for a type (404 "Memory index not found").
 * - No request id header (OpenSearch sends none). A fault's default body is a `status_exception`
 *   (`security_exception` for 403) with the status's reason phrase, its `errorCode` in place of
 *   the type; a 401 fault without a code answers as the security plugin does (plain text).
 *
 * @example
 * const fake = new OpenSearchFake({ baseUrl: 'https://localhost:9200', username: 'admin', password: 'admin' });
 * fake.seed([{ containerId: 'HudqiJkB1SltqOcZusVU', memories: { 'long-term': [{ id: 'DcxjTpkBvwXRq366C1Zz', source: { memory: 'User is Bob' } }] } }]);
 * await fake.handle(
 *   new Request('https://localhost:9200/_plugins/_ml/memory_containers/HudqiJkB1SltqOcZusVU/memories/long-term/DcxjTpkBvwXRq366C1Zz', {
 *     method: 'PUT',
 *     headers: { authorization: 'Basic YWRtaW46YWRtaW4=', 'content-type': 'application/json' },
 *     body: JSON.stringify({ memory: "User's name is Bob Smith" }),
 *   }),
 * );
 * fake.get('HudqiJkB1SltqOcZusVU', 'long-term', 'DcxjTpkBvwXRq366C1Zz')?._version; // 2
 */
export class OpenSearchFake extends FakeServer<OpenSearchSeedContainer, OpenSearchMemoryDocument> {
  readonly #credentials: readonly string[];
  readonly #memoryRetention: boolean;
  readonly #agenticMemory: boolean;
  readonly #multiTenancy: boolean;
  // Container id -> the tenant it was seeded for (those seeded with one).
  readonly #tenants = new Map<string, string>();
  // The containers seeded, memories or not; the store keeps their memories scoped by container.
  readonly #containers = new Set<string>();
  // Index name -> the last sequence number it handed out.
  readonly #seqNos = new Map<string, number>();

  constructor(options: OpenSearchFakeOptions) {
    if (typeof options.baseUrl !== 'string') throw new TypeError('OpenSearchFake: baseUrl is required');
    super({ baseUrl: options.baseUrl, clock: options.clock ?? systemClock });
    this.#credentials = acceptedCredentials(options);
    this.#memoryRetention = options.memoryRetention ?? false;
    this.#agenticMemory = options.agenticMemory ?? true;
    this.#multiTenancy = options.multiTenancy ?? false;
    this.routeOperation(OPENSEARCH_UPDATE_ROUTE, (context) => this.#update(context));
  }

  /**
   * A copy of a stored memory, for assertions; `undefined` if the container or memory is unknown.
   *
   * @example
   * fake.get('HudqiJkB1SltqOcZusVU', 'working', 'XyEuiJkBeh2gPPwzjYWM')?._source.tags;
   */
  get(containerId: string, type: OpenSearchMemoryType, id: string): OpenSearchMemoryDocument | undefined {
    return this.store.get(containerId, memoryKey(type, id));
  }

  /** OpenSearch's error body: a `status_exception` (`security_exception` for 401 and 403), or `code` as the type. */
  protected override errorBody(status: number, message: string, code?: string): OpenSearchErrorResponse {
    return openSearchErrorBody(
      status,
      code ?? (status === 401 || status === 403 ? 'security_exception' : 'status_exception'),
      message,
    );
  }

  /** As {@link FakeServer}'s, but a 401 without a code is the security plugin's plain-text challenge. */
  protected override errorResponse(status: number, message: string, headers?: HeadersInit, code?: string): Response {
    if (status !== 401 || code !== undefined) return super.errorResponse(status, message, headers, code);
    const all = new Headers({ 'www-authenticate': 'Basic realm="OpenSearch Security"' });
    for (const [name, value] of new Headers(headers)) all.set(name, value);
    return textResponse(401, 'Unauthorized', 'text/plain; charset=UTF-8', all);
  }

  /**
   * A request no route takes, as OpenSearch answers it: authenticated first (the security plugin
   * does so in the HTTP pipeline, before routing), then RestController's flat body: 405
   * "Incorrect HTTP method" with `Allow`, or 400 "no handler found".
   */
  protected override unroutedResponse(request: Request, allow: readonly string[]): Response {
    const denied = this.authorize(request);
    if (denied) return denied;
    const { pathname, search } = new URL(request.url);
    if (allow.length === 0) {
      // Percent-decoded, as URI.getPath() gives it (a malformed escape was answered 400 before routing).
      const uri = decodeURIComponent(pathname);
      return jsonResponse(400, { error: `no handler found for uri [${uri}] and method [${request.method}]` });
    }
    const error = `Incorrect HTTP method for uri [${pathname}${search}] and method [${request.method}], allowed: [${allow.join(', ')}]`;
    return jsonResponse(405, { error, status: 405 }, { allow: allow.join(',') });
  }

  protected override authorize(request: Request): Response | undefined {
    if (isAuthorized(request, this.#credentials)) return undefined;
    return this.errorResponse(401, 'Unauthorized');
  }

  protected override seedRecords({ containerId, tenantId, memories = {} }: OpenSearchSeedContainer) {
    if (typeof containerId !== 'string' || containerId === '')
      throw new TypeError('OpenSearchFake.seed: containerId must be a non-empty string');
    if (tenantId !== undefined && (typeof tenantId !== 'string' || tenantId === ''))
      throw new TypeError('OpenSearchFake.seed: tenantId must be a non-empty string when given');
    this.#containers.add(containerId);
    if (tenantId !== undefined) this.#tenants.set(containerId, tenantId);
    return OPENSEARCH_MEMORY_TYPES.flatMap((type) =>
      (memories[type] ?? []).map((seed) => {
        const record: OpenSearchMemoryDocument = {
          containerId,
          type,
          _id: seed.id ?? randomId(),
          _version: seed.version ?? 1,
          _source: seed.source ?? {},
        };
        this.#nextSeqNo(type);
        return { scope: containerId, id: memoryKey(type, record._id), record };
      }),
    );
  }

  protected override resetState(): void {
    this.#containers.clear();
    this.#tenants.clear();
    this.#seqNos.clear();
  }

  /**
   * Why the request cannot reach the container, if it cannot: with multi-tenancy on, no tenant is
   * a 403 (ml-commons reads the header before the lookup); a container unknown, or another
   * tenant's, is a 404.
   */
  #containerFailure(containerId: string, request: Request): Response | undefined {
    const tenant = request.headers.get('x-tenant-id');
    if (this.#multiTenancy && !tenant) return failure(403, NO_TENANT_MESSAGE);
    const owner = this.#tenants.get(containerId);
    const found = this.#containers.has(containerId) && (!this.#multiTenancy || owner === undefined || owner === tenant);
    return found ? undefined : failure(404, 'Memory container not found');
  }

  #nextSeqNo(type: OpenSearchMemoryType): number {
    const index = openSearchMemoryIndex(type);
    const next = (this.#seqNos.get(index) ?? -1) + 1;
    this.#seqNos.set(index, next);
    return next;
  }

  #update({ request, params, body }: OperationContext<typeof OPENSEARCH_UPDATE_ROUTE>): Response {
    const { memory_container_id: containerId, type: typeParam, id } = params;
    if (!this.#agenticMemory) return failure(403, DISABLED_MESSAGE);
    if (body === '')
      return openSearchErrorResponse({
        status: 400,
        type: 'illegal_argument_exception',
        reason: 'Update memory request has empty body',
      });
    const type = checkMemoryType(typeParam);
    if (!type.ok) return openSearchErrorResponse(type.failure);
    const update = checkMemoryUpdate(body);
    if (!update.ok) return openSearchErrorResponse(update.failure);
    const unreachable = this.#containerFailure(containerId, request);
    if (unreachable) return unreachable;
    if (type.value === 'history') return failure(404, "Can't update memory history");
    const stored = this.store.get(containerId, memoryKey(type.value, id));
    if (!stored) return failure(404, 'Memory not found');
    if (Object.hasOwn(update.value, 'pinned')) {
      if (!this.#memoryRetention) return failure(403, PINNED_DISABLED_MESSAGE);
      if (type.value === 'working') return failure(400, PINNED_WORKING_MESSAGE);
    }
    const source = { ...stored._source, ...copiedFields(type.value, update.value) };
    if (bumpsLastUpdatedTime(type.value, update.value)) source.last_updated_time = this.clock.now();
    const updated: OpenSearchMemoryDocument = { ...stored, _version: stored._version + 1, _source: source };
    this.store.set(containerId, memoryKey(type.value, id), updated);
    const answer: UpdateMemoryResponse = {
      _index: openSearchMemoryIndex(type.value),
      _id: id,
      _version: updated._version,
      result: 'updated',
      forced_refresh: true,
      _shards: { ...SHARDS },
      _seq_no: this.#nextSeqNo(type.value),
      _primary_term: 1,
    };
    return jsonResponse(200, answer);
  }
}

const DISABLED_MESSAGE =
  'The Agentic Memory APIs are not enabled. To enable, please update the setting plugins.ml_commons.agentic_memory_enabled';
const PINNED_DISABLED_MESSAGE =
  'Cannot set pinned: the memory retention feature is not enabled. To enable it, please update the cluster setting plugins.ml_commons.memory.retention_enabled';
const NO_TENANT_MESSAGE = 'Tenant ID header is missing or has no value';
const PINNED_WORKING_MESSAGE =
  'pinned field is not supported for working memory type. To preserve a conversation, pin the session instead.';

/** A memory's id within its container's scope: no type holds a `/`, so no two memories share one. */
function memoryKey(type: OpenSearchMemoryType, id: string): string {
  return `${type}/${id}`;
}

/** An OpenSearchStatusException, as ml-commons throws it (rendered as `status_exception`). */
function failure(status: number, reason: string): Response {
  return openSearchErrorResponse({ status, type: 'status_exception', reason });
}

/** Every `Authorization` value the options allow; throws when they allow none or are half-given. */
function acceptedCredentials(options: OpenSearchFakeOptions): string[] {
  const accepted: string[] = [];
  if (options.username !== undefined || options.password !== undefined) {
    const username = requireSecret('OpenSearchFake', 'username', options.username);
    accepted.push(basic(username, requireSecret('OpenSearchFake', 'password', options.password)));
  }
  if (options.apiKey !== undefined) accepted.push(apiKeyAuthorization(requireSecret('OpenSearchFake', 'apiKey', options.apiKey)));
  if (options.token !== undefined) accepted.push(bearer(requireSecret('OpenSearchFake', 'token', options.token)));
  if (accepted.length === 0) throw new TypeError('OpenSearchFake: configure username and password, apiKey or token');
  return accepted;
}
