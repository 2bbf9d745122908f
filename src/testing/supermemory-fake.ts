import type { ErrorResponse, UpdateMemoryResponse } from '../../generated/supermemory.js';
import { supermemoryUpdateMemory } from '../../generated/supermemory.operations.js';
import { BearerFake, type BearerFakeOptions } from './bearer-fake.js';
import type { RequestContext } from './fake-server.js';
import { randomId } from './ids.js';
import { presentFields } from './json-fields.js';
import { jsonResponse } from './responses.js';
import { requireStrings } from './seed-checks.js';
import { SUPERMEMORY_INVALID_REQUEST, validateSupermemoryUpdate } from './supermemory-validation.js';
import { nextVersion, selectTarget, type SupermemoryMemory } from './supermemory-versions.js';

export type { SupermemoryMemory } from './supermemory-versions.js';

/** Where Supermemory's API lives. */
export const SUPERMEMORY_BASE_URL = 'https://api.supermemory.ai';

/** Options for {@link SupermemoryFake}: `apiKey`, `baseUrl` (default {@link SUPERMEMORY_BASE_URL}), `clock`. */
export type SupermemoryFakeOptions = BearerFakeOptions;

/**
 * A memory to store as version 1 with {@link SupermemoryFake.seed} (`parentMemoryId` and
 * `rootMemoryId` null); seeding an id again in the same container replaces it in place.
 */
export interface SupermemorySeedMemory {
  containerTag: string;
  /** Default: `mem_<random>`. */
  id?: string;
  memory: string;
  /** Default `null` (none given). */
  metadata?: Record<string, unknown> | null;
  /** Default: the clock's now, as an ISO string. */
  createdAt?: string;
  /** When it will be auto-forgotten (an ISO date-time). Default `null`, no expiry. */
  forgetAfter?: string | null;
  /** Why it will be forgotten. Default `null`. */
  forgetReason?: string | null;
}

// The new version's fields the 200 answers with, in the spec's order.
const ANSWERED = Object.keys(supermemoryUpdateMemory.response) as (keyof typeof supermemoryUpdateMemory.response)[];

/** The body of every Supermemory error (its `ErrorResponse`): `{ error, details? }`. */
export type SupermemoryErrorBody = ErrorResponse;

/**
 * An in-memory fake of Supermemory's update API (`PATCH /v4/memories`), as a web-standard
 * `handle(request)`. Use it through `createSupermemoryFake` from `memwire/testing` (msw) or the
 * sandbox; all of `FakeServer`'s fault injection and request log apply.
 *
 * Behaviour, from Supermemory's OpenAPI document (`patchV4Memories`):
 * - Memories live per `containerTag`, which every update must name. An update never changes a
 *   memory: it creates a NEW version with a new id, `version` = the target's + 1,
 *   `parentMemoryId` = the target's id, `rootMemoryId` = the target's root (the target's id when
 *   it is a version 1), `memory` = `newContent`, `createdAt` = now. The target is kept as it was.
 * - `metadata`: the given one (whole), else inherited from the target. `forgetAfter`: the given
 *   date-time, else inherited; `null` clears it, and `forgetReason` with it. `forgetReason`: the
 *   given one (`null` clears it), else inherited. `temporalContext` is merged into the metadata;
 *   when omitted, the target's is kept.
 * - The target is selected by `id`, or by an exact `content` match.
 * - The body is validated against the schema: `containerTag`
 *   required, a string of at most 100 characters matching `^[a-zA-Z0-9_:-]+$`; `newContent`
 *   required, at least 1 character; `metadata` values strings, numbers, booleans or arrays of
 *   strings; `forgetAfter` a date-time or null; `forgetReason` a string or null; `temporalContext`
 *   `{ documentDate: string | null, eventDate: string[] | null }`; either `id` or `content`.
 * - Answers 200 with the new version: `{ id, memory, version, parentMemoryId, rootMemoryId,
 *   createdAt, forgetAfter, forgetReason, metadata }` (`metadata` `null` if none was ever given).
 * - Every error is `{ error, details? }`: 400, 401, 404 `{ error: 'Memory not found' }`, 500 (a
 *   fault's default body too: `{ error: <reason phrase> }`).
 *
 * Where the document is silent, the fake chooses:
 * - The 400 is `{ error: 'Invalid request', details }`, `details` naming the first field (in the
 *   schema's order) and the rule it breaks, e.g. `containerTag must match ^[a-zA-Z0-9_:-]+$`, or
 *   `Either id or content must be provided` (the service's own messages are not public).
 * - 401 `{ error: 'Unauthorized' }` with `WWW-Authenticate: Bearer` unless `Authorization:
 *   Bearer <apiKey>` exactly. Checks run in this order: route (404/405), auth (401), body (400),
 *   target (404).
 * - When both `id` and `content` are sent, both must match: the version with that id is the
 *   target only if its memory is exactly `content`, else 404 "Memory not found".
 * - `id` may name any version in the container, superseded ones too: the new version then forks
 *   the chain (a second `version: 2`), which is how a repeated update shows up.
 * - `content` alone matches only the latest version of each chain (one no other version
 *   updates); should several match, the newest is updated. Another container never matches.
 * - `temporalContext` is stored as `metadata.temporalContext`, its given keys over the target's
 *   (so metadata replaced whole still keeps the old temporalContext). `forgetAfter` is stored and
 *   answered normalised by `toISOString()`; a `forgetReason` sent with `forgetAfter: null` is dropped.
 * - The body is parsed as JSON whatever its `content-type`; an empty body counts as `{}`.
 *   Undocumented fields are ignored. A fault's `errorCode` is added to the error body as `code`.
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
export class SupermemoryFake extends BearerFake<SupermemorySeedMemory, SupermemoryMemory> {
  constructor(options: SupermemoryFakeOptions) {
    super(options, { name: 'SupermemoryFake', defaultBaseUrl: SUPERMEMORY_BASE_URL, unauthorizedMessage: 'Unauthorized' });
    this.routeOperation(supermemoryUpdateMemory, (context) => this.#update(context));
  }

  /**
   * A copy of one version, found by its id in any container; `undefined` if there is none.
   *
   * @example
   * fake.get('mem_abc123')?.memory; // 'John prefers dark mode': old versions are kept
   */
  get(id: string): SupermemoryMemory | undefined {
    return this.store.find(id);
  }

  /**
   * Copies of every version in a container, superseded ones included, in creation order: after
   * one update, exactly one more than before.
   *
   * @example
   * expect(fake.versions('user_123')).toHaveLength(2);
   */
  versions(containerTag: string): SupermemoryMemory[] {
    // Kept per containerTag, in insertion order: creation order, as versions are never rewritten.
    return this.store.list(containerTag);
  }

  protected override errorBody(_status: number, message: string, code?: string): SupermemoryErrorBody & { code?: string } {
    return code === undefined ? { error: message } : { error: message, code };
  }

  protected override seedRecords(seed: SupermemorySeedMemory) {
    requireStrings('SupermemoryFake.seed', seed, ['containerTag', 'memory']);
    const record: SupermemoryMemory = {
      id: seed.id ?? randomId('mem_'),
      containerTag: seed.containerTag,
      memory: seed.memory,
      version: 1,
      parentMemoryId: null,
      rootMemoryId: null,
      createdAt: seed.createdAt ?? this.timestamp(),
      forgetAfter: seed.forgetAfter ?? null,
      forgetReason: seed.forgetReason ?? null,
      metadata: seed.metadata ?? null,
    };
    return [{ scope: record.containerTag, id: record.id, record }];
  }

  #update({ body }: RequestContext): Response {
    const input = validateSupermemoryUpdate(body);
    if (!input.ok)
      return jsonResponse(400, { error: SUPERMEMORY_INVALID_REQUEST, details: input.details } satisfies SupermemoryErrorBody);
    const update = input.value;
    const target = selectTarget(this.store.list(update.containerTag), update);
    if (!target) return this.errorResponse(404, 'Memory not found');
    const created = nextVersion(target, update, randomId('mem_'), this.timestamp());
    this.store.set(created.containerTag, created.id, created);
    const answer: UpdateMemoryResponse = presentFields(created, ANSWERED);
    return jsonResponse(200, answer);
  }
}
