import type { MemoryReplaceResponse, MemoryResponse, MemoryUpdateResponse } from '../../generated/mielto.js';
import { mieltoReplaceMemory, mieltoUpdateMemory } from '../../generated/mielto.operations.js';
import { BearerFake, type BearerFakeOptions } from './bearer-fake.js';
import type { OperationContext } from './fake-server.js';
import { validateMemoryReplace, validateMemoryUpdate, type Validated } from './mielto-validation.js';
import { jsonResponse } from './responses.js';
import { requireStrings } from './seed-checks.js';

/** Where Mielto's API lives. */
export const MIELTO_BASE_URL = 'https://api.mielto.com';

/** Options for {@link MieltoFake}: `apiKey`, `baseUrl` (default {@link MIELTO_BASE_URL}), `clock`. */
export type MieltoFakeOptions = BearerFakeOptions;

/**
 * A memory to put in the fake's store with {@link MieltoFake.seed}, which replaces any with the
 * same id in the same workspace and returns it as stored, its id and timestamps filled in.
 */
export interface MieltoSeedMemory {
  /** The workspace it lives in (the `X-Workspace-Id` that reaches it); default `null`, no header. */
  workspaceId?: string | null;
  /** Default: `mem_<random uuid>`. */
  memory_id?: string;
  user_id: string;
  memory: string;
  topics?: string[] | null;
  metadata?: Record<string, unknown> | null;
  /** Default: the clock's now, as an ISO string. */
  created_at?: string | null;
  /** Default: `created_at`. */
  updated_at?: string | null;
}

/**
 * An in-memory fake of Mielto's memory API (update and replace), as a web-standard
 * `handle(request)`. Use it through `createMieltoFake` from `memwire/testing` (msw) or the
 * sandbox; all of `FakeServer`'s fault injection and request log apply.
 *
 * Behaviour, from Mielto's OpenAPI documents and FastAPI's defaults:
 * - Every response has `x-request-id: req_<n>`; JSON bodies have `content-type: application/json`.
 * - Memories live per workspace: the `X-Workspace-Id` header picks one, no header is the default
 *   workspace. A memory in one workspace is a 404 from any other.
 * - Checks run in FastAPI's order: route (404/405), then auth (`Authorization: Bearer <apiKey>`
 *   exactly, else 401 `{"detail":"Not authenticated"}` with `WWW-Authenticate: Bearer`), then the
 *   body (422, every error at once, pydantic v2 shape), then the id (404 `{"detail":"Memory not found"}`).
 * - `PUT /api/v1/memories/{memory_id}` (MemoryUpdate) is a partial update: a field that is absent
 *   or `null` keeps its stored value. `null` cannot mean "clear it": `memory` and `user_id` may not
 *   be null in a MemoryResponse, so `null` is "not provided" for every field. A given field
 *   replaces the stored value whole (`metadata` is not merged, `topics: []` empties). Sets `updated_at`.
 *   Answers `{ memory_id, message: 'Memory updated successfully', memory }`.
 * - `POST /api/v1/memories/{memory_id}/replace` (MemoryReplace, `memory` required) replaces
 *   everything: `topics` and `metadata` become `null` unless given, `user_id` stays the stored
 *   owner unless given; `memory_id` and `created_at` are kept and `updated_at` set. Answers
 *   `{ memory_id, message: 'Memory replaced successfully', old_memory, new_memory }`.
 * - A 402 (Payment Required) is `{ detail, error_code }`, as Mielto's own SDK reads it:
 *   `failNext({ status: 402, errorCode: 'CREDIT_LIMIT_EXCEEDED' })` (or `OVERAGE_LIMIT_EXCEEDED`).
 *   The fake never answers 402 by itself; its message is the reason phrase unless `body` is given.
 * - Unknown body fields are ignored. A body sent with a non-JSON `content-type` (fetch's default
 *   for a string body is `text/plain`) is not parsed, so it fails validation, as on FastAPI.
 *
 * @example
 * const fake = new MieltoFake({ apiKey: 'test-key' });
 * fake.seed([{ workspaceId: 'ws_1', memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
 * const response = await fake.handle(
 *   new Request('https://api.mielto.com/api/v1/memories/mem_1', {
 *     method: 'PUT',
 *     headers: { authorization: 'Bearer test-key', 'x-workspace-id': 'ws_1', 'content-type': 'application/json' },
 *     body: JSON.stringify({ memory: 'Likes green tea' }),
 *   }),
 * );
 */
export class MieltoFake extends BearerFake<MieltoSeedMemory, MemoryResponse> {
  constructor(options: MieltoFakeOptions) {
    super(options, { name: 'MieltoFake', defaultBaseUrl: MIELTO_BASE_URL, unauthorizedMessage: 'Not authenticated' });
    this.routeOperation(mieltoUpdateMemory, (context) => this.#update(context));
    this.routeOperation(mieltoReplaceMemory, (context) => this.#replace(context));
  }

  /**
   * A copy of a stored memory, for assertions; `undefined` if that workspace has no such id.
   *
   * @example
   * fake.get('mem_coffee', 'ws_personal')?.memory;
   */
  get(memoryId: string, workspaceId: string | null = null): MemoryResponse | undefined {
    return this.store.get(workspaceId, memoryId);
  }

  /** `{ detail }`, plus `error_code` when a fault gives one (as Mielto's 402s carry, e.g. `CREDIT_LIMIT_EXCEEDED`). */
  protected override errorBody(_status: number, message: string, code?: string): unknown {
    return code === undefined ? { detail: message } : { detail: message, error_code: code };
  }

  protected override workspaceOf(request: Request): string | null {
    return request.headers.get('x-workspace-id');
  }

  protected override seedRecords(seed: MieltoSeedMemory) {
    requireStrings('MieltoFake.seed', seed, ['user_id', 'memory']);
    const createdAt = seed.created_at === undefined ? this.timestamp() : seed.created_at;
    const record = memoryRecord({
      memory_id: seed.memory_id ?? `mem_${crypto.randomUUID()}`,
      user_id: seed.user_id,
      memory: seed.memory,
      topics: seed.topics ?? null,
      created_at: createdAt,
      updated_at: seed.updated_at === undefined ? createdAt : seed.updated_at,
      metadata: seed.metadata ?? null,
    });
    return [{ scope: seed.workspaceId ?? null, id: record.memory_id, record }];
  }

  #update(context: MemoryContext): Response {
    const checked = this.#checked(context, validateMemoryUpdate);
    if (checked instanceof Response) return checked;
    const { input: patch, stored } = checked;
    const updated = memoryRecord({
      ...stored,
      user_id: patch.user_id ?? stored.user_id,
      memory: patch.memory ?? stored.memory,
      topics: patch.topics ?? stored.topics ?? null,
      metadata: patch.metadata ?? stored.metadata ?? null,
      updated_at: this.timestamp(),
    });
    this.store.set(context.workspaceId, stored.memory_id, updated);
    const answer: MemoryUpdateResponse = { memory_id: stored.memory_id, message: 'Memory updated successfully', memory: updated };
    return jsonResponse(200, answer);
  }

  #replace(context: MemoryContext): Response {
    const checked = this.#checked(context, validateMemoryReplace);
    if (checked instanceof Response) return checked;
    const { input: replacement, stored } = checked;
    const replaced = memoryRecord({
      memory_id: stored.memory_id,
      user_id: replacement.user_id ?? stored.user_id,
      memory: replacement.memory,
      topics: replacement.topics ?? null,
      created_at: stored.created_at ?? null,
      updated_at: this.timestamp(),
      metadata: replacement.metadata ?? null,
    });
    this.store.set(context.workspaceId, stored.memory_id, replaced);
    const answer: MemoryReplaceResponse = {
      memory_id: stored.memory_id,
      message: 'Memory replaced successfully',
      old_memory: stored,
      new_memory: replaced,
    };
    return jsonResponse(200, answer);
  }

  /** The checks both writes make, in FastAPI's order: the body (422), then the memory (404). */
  #checked<T>(
    { request, params, body, workspaceId }: MemoryContext,
    validate: (text: string, contentType: string | null) => Validated<T>,
  ): Response | { readonly input: T; readonly stored: MemoryResponse } {
    const input = validate(body, request.headers.get('content-type'));
    if (!input.ok) return jsonResponse(422, { detail: input.errors });
    const stored = this.store.get(workspaceId, params.memory_id);
    return stored ? { input: input.value, stored } : this.errorResponse(404, 'Memory not found');
  }
}

/** What both of Mielto's routes hand their handler: the path's `memory_id`. */
type MemoryContext = OperationContext<typeof mieltoUpdateMemory | typeof mieltoReplaceMemory>;

/** A MemoryResponse with every field present, in the schema's order (how the server sends it). */
function memoryRecord(memory: MemoryResponse): Required<MemoryResponse> {
  return {
    memory_id: memory.memory_id,
    user_id: memory.user_id,
    memory: memory.memory,
    topics: memory.topics ?? null,
    created_at: memory.created_at ?? null,
    updated_at: memory.updated_at ?? null,
    metadata: memory.metadata ?? null,
  };
}
