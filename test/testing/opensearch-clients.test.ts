// The OpenSearch fake as memwire's clients see it: through the facade (memories.update) and
// through `raw`, which sends whatever it is given, as production would receive it.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import {
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  OpenSearchMemory,
  PermissionDeniedError,
  type OpenSearchMemoryOptions,
} from '../../src/index.js';
import { createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_URL, OPENSEARCH_USER } from '../helpers/fake-requests.js';
import { rejectionOf, useFake } from '../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, clock }));
const client = (options: Partial<OpenSearchMemoryOptions> = {}) =>
  new OpenSearchMemory({ baseUrl: OPENSEARCH_URL, auth: OPENSEARCH_USER, maxRetries: 0, ...timing, ...options });

const PATH = '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}';
const rawPut = (type: string, id: string, body: unknown, containerId = 'c1') =>
  // `as never`: raw sends what it is given, types and bodies the spec does not list included.
  raw(client()).PUT(PATH, {
    params: { path: { memory_container_id: containerId, type: type as never, id } },
    body: body as never,
  });

function seed() {
  fake.seed([
    {
      containerId: 'c1',
      memories: {
        sessions: [{ id: 's1', source: { summary: 'before' } }],
        working: [{ id: 'w1', source: { tags: { topic: 'old' } } }],
        'long-term': [{ id: 'l1', source: { memory: 'before', tags: { a: 'b' } } }],
        history: [{ id: 'h1', source: { action: 'ADD' } }],
      },
    },
  ]);
}

const index = (type: string, id: string, version = 2, seqNo = 1) => ({
  _index: `.plugins-ml-am-default-memory-${type}`,
  _id: id,
  _version: version,
  result: 'updated',
  forced_refresh: true,
  _shards: { total: 2, successful: 1, failed: 0 },
  _seq_no: seqNo,
  _primary_term: 1,
});

const errorBody = (status: number, type: string, reason: string) => ({
  error: { root_cause: [{ type, reason }], type, reason },
  status,
});

describe('OpenSearch fake through the facade', () => {
  it('resolves memories.update to the whole index response and stores the fields', async () => {
    seed();
    const result = await client().memories.update('c1', 'long-term', 'l1', { memory: 'after', tags: { c: 'd' } });
    expect(result).toEqual(index('long-term', 'l1'));
    expect(fake.get('c1', 'long-term', 'l1')?._source).toEqual({
      memory: 'after',
      tags: { c: 'd' },
      last_updated_time: clock.now(),
    });
  });

  it('updates every session and working field the server copies', async () => {
    seed();
    await client().memories.update('c1', 'sessions', 's1', {
      summary: 's',
      metadata: { m: 1 },
      agents: { a: 1 },
      additional_info: { i: 1 },
    });
    await client().memories.update('c1', 'working', 'w1', {
      binary_data: 'AA==',
      structured_data_blob: { x: 1 },
      metadata: {},
      tags: {},
    });
    expect(fake.get('c1', 'sessions', 's1')?._source).toMatchObject({
      summary: 's',
      metadata: { m: 1 },
      agents: { a: 1 },
      additional_info: { i: 1 },
    });
    expect(fake.get('c1', 'working', 'w1')?._source).toMatchObject({
      binary_data: 'AA==',
      structured_data_blob: { x: 1 },
      metadata: {},
      tags: {},
    });
  });

  it('rejects pinned with PermissionDeniedError while memory retention is disabled (the default)', async () => {
    seed();
    const error = await rejectionOf(client().memories.update('c1', 'sessions', 's1', { pinned: true }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'status_exception' });
    expect(error.message).toContain('Cannot set pinned: the memory retention feature is not enabled');
    expect(fake.get('c1', 'sessions', 's1')?._version).toBe(1);
  });

  it('rejects an unknown container or memory with NotFoundError', async () => {
    seed();
    const container = await rejectionOf(client().memories.update('c_missing', 'long-term', 'l1', { memory: 'x' }));
    expect(container).toBeInstanceOf(NotFoundError);
    expect(container).toMatchObject({
      status: 404,
      code: 'status_exception',
      body: errorBody(404, 'status_exception', 'Memory container not found'),
    });
    const memory = await rejectionOf(client().memories.update('c1', 'long-term', 'nope', { memory: 'x' }));
    expect(memory).toMatchObject({ status: 404, body: errorBody(404, 'status_exception', 'Memory not found') });
  });

  it("rejects with AuthenticationError carrying the security plugin's plain-text body", async () => {
    seed();
    const error = await rejectionOf(
      client({ auth: { username: 'admin', password: 'wrong' } }).memories.update('c1', 'long-term', 'l1', { memory: 'x' }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: 'Unauthorized' });
  });

  it("carries a fault's errorCode as the error code", async () => {
    seed();
    fake.failNext({ status: 400, errorCode: 'mapper_parsing_exception' });
    const error = await rejectionOf(client().memories.update('c1', 'long-term', 'l1', { memory: 'x' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'mapper_parsing_exception' });
  });

  it('refuses {} and fields the type does not take itself, sending nothing', async () => {
    seed();
    await expect(client().memories.update('c1', 'long-term', 'l1', {})).rejects.toThrow(InvalidArgumentError);
    await expect(client().memories.update('c1', 'long-term', 'l1', { additional_info: {} } as never)).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('OpenSearch fake through raw: what production answers any caller', () => {
  it('skips fields the type does not copy, and still answers updated with a new _version', async () => {
    seed();
    const { data, response } = await rawPut('long-term', 'l1', { additional_info: { lost: true }, messages: [] });
    expect(response.status).toBe(200);
    expect(data).toEqual(index('long-term', 'l1'));
    expect(fake.get('c1', 'long-term', 'l1')).toMatchObject({ _version: 2, _source: { memory: 'before', tags: { a: 'b' } } });
    expect(fake.get('c1', 'long-term', 'l1')?._source).not.toHaveProperty('additional_info');
  });

  it('stores values without checking their types', async () => {
    seed();
    expect((await rawPut('working', 'w1', { tags: 'not an object', messages: 'nor a list' })).response.status).toBe(200);
    expect(fake.get('c1', 'working', 'w1')?._source).toMatchObject({ tags: 'not an object', messages: 'nor a list' });
  });

  it('matches the type case-insensitively', async () => {
    seed();
    const { data } = await rawPut('Long-Term', 'l1', { memory: 'after' });
    expect(data).toEqual(index('long-term', 'l1'));
    expect(fake.get('c1', 'long-term', 'l1')?._source.memory).toBe('after');
  });

  it.each([
    ['{}', 'long-term', 'l1', {}, errorBody(400, 'illegal_argument_exception', 'Text cannot be null or empty')],
    [
      'an unknown type',
      'Session',
      's1',
      { summary: 'x' },
      errorBody(
        400,
        'illegal_argument_exception',
        'Invalid memory type: Session. Must be one of: sessions, working, long-term, history',
      ),
    ],
    [
      'a list',
      'long-term',
      'l1',
      [{ memory: 'x' }],
      errorBody(
        400,
        'parsing_exception',
        'Failed to parse object: expecting token of type [START_OBJECT] but found [START_ARRAY]',
      ),
    ],
    ['history', 'history', 'h1', { action: 'x' }, errorBody(404, 'status_exception', "Can't update memory history")],
    [
      'pinned on working',
      'working',
      'w1',
      { pinned: true },
      errorBody(
        403,
        'status_exception',
        'Cannot set pinned: the memory retention feature is not enabled. To enable it, please update the cluster setting plugins.ml_commons.memory.retention_enabled',
      ),
    ],
  ])('answers %s as the server does', async (_name, type, id, body, expected) => {
    seed();
    const { error, response } = await rawPut(type, id, body);
    expect(response.status).toBe(expected.status);
    expect(error).toEqual(expected);
    expect(fake.get('c1', 'long-term', 'l1')?._version).toBe(1);
  });

  it('answers a wrong password with the plain-text 401', async () => {
    seed();
    const { error, response } = await raw(client({ auth: { username: 'admin', password: 'wrong' } })).PUT(PATH, {
      params: { path: { memory_container_id: 'c1', type: 'long-term', id: 'l1' } },
      body: { memory: 'x' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
    expect(error).toBe('Unauthorized');
  });
});
