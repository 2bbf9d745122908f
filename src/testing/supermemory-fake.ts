import type { UpdateMemoryResponse } from '../../generated/supermemory.js';
import { BearerFake, type BearerFakeOptions } from './bearer-fake.js';
import type { RequestContext } from './fake-server.js';
import { randomId } from './ids.js';
import { jsonResponse } from './responses.js';
import { ScopedStore } from './scoped-store.js';
import { requireStrings } from './seed-checks.js';
import { validateSupermemoryUpdate } from './supermemory-validation.js';
import { nextVersion, selectTarget, type SupermemoryMemory } from './supermemory-versions.js';

export type { SupermemoryMemory } from './supermemory-versions.js';

/** Where Supermemory's API lives. */
export const SUPERMEMORY_BASE_URL = 'https://api.supermemory.ai';

/** Options for {@link SupermemoryFake}: `apiKey`, `baseUrl` (default {@link SUPERMEMORY_BASE_URL}), `clock`. */
export type SupermemoryFakeOptions = BearerFakeOptions;

/** A memory to store as version 1 with {@link SupermemoryFake.seed}. */
export interface SupermemorySeedMemory {
  containerTag: string;
  /** Default: `mem_<random>`. */
  id?: string;
  memory: string;
  /** Default `{}`. */
  metadata?: Record<string, unknown>;
  /** Default: the clock's now, as an ISO string. */
  createdAt?: string;
}

/** The body of every Supermemory error the fake sends: the page documents none. */
export interface SupermemoryErrorBody {
  error: string;
}

/**
 * An in-memory fake of Supermemory's update API (`PATCH /v4/memories`), as a web-standard
 * `handle(request)`. Use it through `createSupermemoryFake` from `memwire/testing` (msw) or the
 * sandbox; all of `FakeServer`'s fault injection and request log apply.
 *
 * Behaviour, from Supermemory's "Update a memory (creates new version)" page:
 * - Memories live per `containerTag`, which every update must name. An update never changes a
 *   memory: it creates a NEW version with a new id, `version` = the target's + 1,
 *   `parentMemoryId` = the target's id, `rootMemoryId` = the target's root (the target's id when
 *   it is a version 1), `memory` = `newContent`, `metadata` = the given one (whole), else the
 *   target's; `createdAt` = now. The target is kept as it was.
 * - The target is selected by `id`, or by an exact `content` match when there is no id.
 * - Answers 200 `{ id, memory, version, parentMemoryId, rootMemoryId, createdAt }` (the new version).
 *
 * Where the page is silent, the fake chooses:
 * - Errors are `{ error: string }` (the page documents no error body): 400 when the body is not
 *   a JSON object, `containerTag` or `newContent` is missing, empty or not a string, another
 *   documented field has the wrong JSON type, or neither `id` nor `content` is sent; 404
 *   `Memory not found` when nothing in that container matches; 401 `Unauthorized` with
 *   `WWW-Authenticate: Bearer` unless `Authorization: Bearer <apiKey>` exactly.
 * - Checks run in this order: route (404/405), auth (401), body (400), target (404).
 * - When both `id` and `content` are sent, `id` wins and `content` is ignored (the page offers
 *   `content` for when "you don't have the ID").
 * - `id` may name any version in the container, superseded ones too: the new version then forks
 *   the chain (a second `version: 2`), which is how a repeated update shows up.
 * - `content` matches only the latest version of each chain (one no other version updates);
 *   should several match, the newest is updated. A version in another container never matches.
 * - The body is parsed as JSON whatever its `content-type`; an empty body counts as `{}`.
 * - Every response carries `x-request-id: req_<n>`, which memwire reads into its errors.
 *
 * @example
 * const fake = new SupermemoryFake({ apiKey: 'test-key' });
 * fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
 * await fake.handle(
 *   new Request('https://api.supermemory.ai/v4/memories', {
 *     method: 'PATCH',
 *     headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
 *     body: JSON.stringify({ containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' }),
 *   }),
 * );
 * fake.versions('user_123').map((v) => v.version); // [1, 2]
 */
export class SupermemoryFake extends BearerFake {
  // Scoped by containerTag; a Map keeps insertion order, which is creation order here because
  // versions are never rewritten.
  readonly #store = new ScopedStore<SupermemoryMemory>();

  constructor(options: SupermemoryFakeOptions) {
    super(options, { name: 'SupermemoryFake', defaultBaseUrl: SUPERMEMORY_BASE_URL, unauthorizedMessage: 'Unauthorized' });
    this.route('PATCH', '/v4/memories', (context) => this.#update(context));
  }

  /**
   * Stores memories as version 1 (`parentMemoryId` and `rootMemoryId` null) and returns them as
   * stored. Seeding an id again in the same container replaces it in place.
   *
   * @example
   * fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
   */
  seed(memories: readonly SupermemorySeedMemory[]): SupermemoryMemory[] {
    return memories.map((seed) => {
      requireStrings('SupermemoryFake.seed', seed, ['containerTag', 'memory']);
      const stored: SupermemoryMemory = {
        id: seed.id ?? randomId('mem_'),
        containerTag: seed.containerTag,
        memory: seed.memory,
        version: 1,
        parentMemoryId: null,
        rootMemoryId: null,
        createdAt: seed.createdAt ?? this.timestamp(),
        metadata: seed.metadata ?? {},
      };
      this.#store.set(stored.containerTag, stored.id, stored);
      return structuredClone(stored);
    });
  }

  /**
   * A copy of one version, found by its id in any container; `undefined` if there is none.
   *
   * @example
   * fake.get('mem_abc123')?.memory; // 'John prefers dark mode': old versions are kept
   */
  get(id: string): SupermemoryMemory | undefined {
    return this.#store.find(id);
  }

  /**
   * Copies of every version in a container, superseded ones included, in creation order: after
   * one update, exactly one more than before.
   *
   * @example
   * expect(fake.versions('user_123')).toHaveLength(2);
   */
  versions(containerTag: string): SupermemoryMemory[] {
    return this.#store.list(containerTag);
  }

  protected override errorBody(_status: number, message: string): SupermemoryErrorBody {
    return { error: message };
  }

  protected override resetState(): void {
    this.#store.clear();
  }

  #update({ body }: RequestContext): Response {
    const input = validateSupermemoryUpdate(body);
    if (!input.ok) return this.errorResponse(400, input.message);
    const update = input.value;
    const target = selectTarget(this.#store.list(update.containerTag), update);
    if (!target) return this.errorResponse(404, 'Memory not found');
    const created = nextVersion(target, update, randomId('mem_'), this.timestamp());
    this.#store.set(created.containerTag, created.id, created);
    const { id, memory, version, parentMemoryId, rootMemoryId, createdAt } = created;
    const answer: UpdateMemoryResponse = { id, memory, version, parentMemoryId, rootMemoryId, createdAt };
    return jsonResponse(200, answer);
  }
}
