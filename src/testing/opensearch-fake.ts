import type { OpenSearchErrorResponse, UpdateMemoryResponse } from '../../generated/opensearch.js';
import { systemClock, type Clock } from '../core/clock.js';
import { apiKeyAuthorization, basic, bearer, isAuthorized, requireSecret } from './auth.js';
import { FakeServer, type RequestContext } from './fake-server.js';
import { randomId } from './ids.js';
import { openSearchErrorBody, openSearchErrorResponse } from './opensearch-errors.js';
import { checkMemoryType, checkMemoryUpdate, OPENSEARCH_MEMORY_TYPES, type OpenSearchMemoryType } from './opensearch-validation.js';
import { jsonResponse } from './responses.js';
import { ScopedStore } from './scoped-store.js';

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
  /** Time for `delayNext`. Default: the system clock. */
  clock?: Clock;
}

/** A stored memory document, as {@link OpenSearchFake.get} returns it. */
export interface OpenSearchMemoryDocument {
  readonly containerId: string;
  readonly type: OpenSearchMemoryType;
  readonly _id: string;
  /** 1 when seeded (unless given), plus one per update. */
  readonly _version: number;
  /** The document's fields (`memory`, `tags`, `additional_info`, `messages`…). */
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

/** A container to seed, with the memories it holds by type (any of them may be left out). */
export interface OpenSearchSeedContainer {
  containerId: string;
  memories?: { readonly [Type in OpenSearchMemoryType]?: readonly OpenSearchSeedMemory[] };
}

// What an update answers; the page's example, always this shard count.
const SHARDS = { total: 2, successful: 1, failed: 0 } as const;

/**
 * An in-memory fake of OpenSearch ML Commons agentic memory's "Update memory by type and ID"
 * (`PUT /_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}`, 3.2+), as
 * a web-standard `handle(request)`. Use it through `createOpenSearchFake` from `memwire/testing`
 * (msw) or the sandbox; all of {@link FakeServer}'s fault injection and request log apply.
 *
 * Behaviour, from the page:
 * - Containers hold memories by type: `sessions`, `working`, `long-term` (and `history`, which
 *   cannot be updated). Each type takes only its documented fields: sessions `additional_info`;
 *   working `messages`, `structured_data`, `tags`, `additional_info`; long-term `memory`, `tags`,
 *   `additional_info`.
 * - An update replaces each given top-level field of the stored document (a given `tags` replaces
 *   the old `tags` whole; fields not given are kept), increments `_version` and answers 200
 *   `{ result: 'updated', _id, _version, _shards: { total: 2, successful: 1, failed: 0 } }`.
 *
 * Where the page is silent, the fake chooses (errors in OpenSearch's standard body
 * `{ error: { root_cause: [{ type, reason }], type, reason }, status }`):
 * - Auth: `Basic base64(username:password)`, `ApiKey <apiKey>` and `Bearer <token>`, each exactly
 *   and only when configured; anything else is 401 `security_exception` "Unauthorized" with
 *   `WWW-Authenticate: Basic realm="OpenSearch Security"`.
 * - Checks run in this order: route (404/405, `status_exception`), auth (401), the type (400
 *   `illegal_argument_exception`: "History memory cannot be updated", or an unknown type), the
 *   body (400 `illegal_argument_exception` "Update memory request has empty body" when missing,
 *   `parse_exception` when not a JSON object; 400
 *   `illegal_argument_exception` for a field the type does not take, then for a field of the wrong
 *   JSON type, `null` included), the container (404 `status_exception` "Memory container not
 *   found"), the id (404 `status_exception` "Memory not found").
 * - `messages` must be an array of objects; the objects' fields are not checked.
 * - There is no `noop`: every accepted update, `{}` included, answers `updated` and bumps `_version`.
 * - The body is parsed as JSON whatever its `content-type`. No request id header (OpenSearch
 *   sends none). A fault's default body is a `status_exception` (`security_exception` for 401
 *   and 403) with the status's reason phrase.
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
export class OpenSearchFake extends FakeServer {
  readonly #credentials: readonly string[];
  // Container id -> its memories, scoped by memory type. A container with no memories is still known.
  readonly #containers = new Map<string, ScopedStore<OpenSearchMemoryDocument>>();

  constructor(options: OpenSearchFakeOptions) {
    if (typeof options.baseUrl !== 'string') throw new TypeError('OpenSearchFake: baseUrl is required');
    super({ baseUrl: options.baseUrl, clock: options.clock ?? systemClock });
    this.#credentials = acceptedCredentials(options);
    this.route('PUT', '/_plugins/_ml/memory_containers/:memory_container_id/memories/:type/:id', (context) => this.#update(context));
  }

  /**
   * Creates containers (or adds to existing ones) with their memories, replacing any memory with
   * the same container, type and id, and returns the memories as stored.
   *
   * @example
   * fake.seed([
   *   { containerId: 'HudqiJkB1SltqOcZusVU', memories: { sessions: [{ id: 'N2CDipkB2Mtr6INFFcX8', source: { additional_info: {} } }] } },
   *   { containerId: 'empty_container' },
   * ]);
   */
  seed(containers: readonly OpenSearchSeedContainer[]): OpenSearchMemoryDocument[] {
    return containers.flatMap(({ containerId, memories = {} }) => {
      if (typeof containerId !== 'string' || containerId === '') throw new TypeError('OpenSearchFake.seed: containerId must be a non-empty string');
      const store = this.#container(containerId);
      return OPENSEARCH_MEMORY_TYPES.flatMap((type) =>
        (memories[type] ?? []).map((seed) => {
          const stored: OpenSearchMemoryDocument = {
            containerId,
            type,
            _id: seed.id ?? randomId(),
            _version: seed.version ?? 1,
            _source: seed.source ?? {},
          };
          store.set(type, stored._id, stored);
          return structuredClone(stored);
        }),
      );
    });
  }

  /**
   * A copy of a stored memory, for assertions; `undefined` if the container or memory is unknown.
   *
   * @example
   * fake.get('HudqiJkB1SltqOcZusVU', 'working', 'XyEuiJkBeh2gPPwzjYWM')?._source.tags;
   */
  get(containerId: string, type: OpenSearchMemoryType, id: string): OpenSearchMemoryDocument | undefined {
    return this.#containers.get(containerId)?.get(type, id);
  }

  protected override errorBody(status: number, message: string): OpenSearchErrorResponse {
    return openSearchErrorBody(status, status === 401 || status === 403 ? 'security_exception' : 'status_exception', message);
  }

  protected override authorize(request: Request): Response | undefined {
    if (isAuthorized(request, this.#credentials)) return undefined;
    return this.errorResponse(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="OpenSearch Security"' });
  }

  protected override resetState(): void {
    this.#containers.clear();
  }

  #container(containerId: string): ScopedStore<OpenSearchMemoryDocument> {
    let store = this.#containers.get(containerId);
    if (!store) this.#containers.set(containerId, (store = new ScopedStore()));
    return store;
  }

  #update({ params, body }: RequestContext): Response {
    const { memory_container_id: containerId = '', type: typeParam = '', id = '' } = params;
    const type = checkMemoryType(typeParam);
    if (!type.ok) return openSearchErrorResponse(type.failure);
    const update = checkMemoryUpdate(type.value, body);
    if (!update.ok) return openSearchErrorResponse(update.failure);
    const container = this.#containers.get(containerId);
    if (!container) return openSearchErrorResponse({ status: 404, type: 'status_exception', reason: 'Memory container not found' });
    const stored = container.get(type.value, id);
    if (!stored) return openSearchErrorResponse({ status: 404, type: 'status_exception', reason: 'Memory not found' });
    const updated = { ...stored, _version: stored._version + 1, _source: { ...stored._source, ...update.value } };
    container.set(type.value, id, updated);
    const answer: UpdateMemoryResponse = { result: 'updated', _id: id, _version: updated._version, _shards: { ...SHARDS } };
    return jsonResponse(200, answer);
  }
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
