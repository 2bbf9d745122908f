import { describe, expect, it } from 'vitest';
import type { UpdateMemoryResponse } from '../../generated/opensearch.js';
import { OpenSearchFake, createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_URL, OPENSEARCH_USER, putOpenSearch } from '../helpers/fake-requests.js';
import { useFake } from '../helpers/use-fake.js';

const { fake, clock } = useFake((clock) => createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, clock }));

const CONTAINER = 'HudqiJkB1SltqOcZusVU';
const SESSION = 'N2CDipkB2Mtr6INFFcX8';
const WORKING = 'XyEuiJkBeh2gPPwzjYWM';
const LONG_TERM = 'DcxjTpkBvwXRq366C1Zz';

/** A container with one memory of each type (and a history entry). */
function seedContainer() {
  fake.seed([
    {
      containerId: CONTAINER,
      memories: {
        sessions: [{ id: SESSION, source: { summary: 'Bob', additional_info: { key0: 'value0' } } }],
        working: [
          {
            id: WORKING,
            source: { messages: [{ role: 'user' }], tags: { topic: 'old', keep: 'me?' }, namespace: { user_id: 'bob' } },
          },
        ],
        'long-term': [
          { id: LONG_TERM, source: { memory: "User's name is Bob", tags: { topic: 'personal info' }, strategy: 'SEMANTIC' } },
        ],
        history: [{ id: 'hist_1', source: { action: 'ADD' } }],
      },
    },
  ]);
}

/** The index response of an update; seeding one memory of each type took `_seq_no` 0 of each index. */
const updated = (type: string, id: string, version: number, seqNo = 1): UpdateMemoryResponse => ({
  _index: `.plugins-ml-am-default-memory-${type}`,
  _id: id,
  _version: version,
  result: 'updated',
  forced_refresh: true,
  _shards: { total: 2, successful: 1, failed: 0 },
  _seq_no: seqNo,
  _primary_term: 1,
});

async function put(type: string, id: string, body: unknown): Promise<UpdateMemoryResponse> {
  const response = await putOpenSearch(CONTAINER, type, id, body);
  expect(response.status).toBe(200);
  return (await response.json()) as UpdateMemoryResponse;
}

describe('OpenSearch fake: updating each type', () => {
  it('updates a session and answers the whole index response, in its key order', async () => {
    seedContainer();
    const body = { additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' } };
    const response = await putOpenSearch(CONTAINER, 'sessions', SESSION, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBeNull();
    const text = await response.text();
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      '_index',
      '_id',
      '_version',
      'result',
      'forced_refresh',
      '_shards',
      '_seq_no',
      '_primary_term',
    ]);
    expect(JSON.parse(text)).toEqual(updated('sessions', SESSION, 2));
    expect(fake.get(CONTAINER, 'sessions', SESSION)).toEqual({
      containerId: CONTAINER,
      type: 'sessions',
      _id: SESSION,
      _version: 2,
      _source: { summary: 'Bob', additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' } },
    });
  });

  it('copies every session field the server copies: summary, metadata, agents, additional_info', async () => {
    seedContainer();
    await clock.advance(1000);
    await put('sessions', SESSION, { summary: 'Bob in Seattle', metadata: { a: 1 }, agents: { b: 2 }, additional_info: {} });
    expect(fake.get(CONTAINER, 'sessions', SESSION)?._source).toEqual({
      summary: 'Bob in Seattle',
      metadata: { a: 1 },
      agents: { b: 2 },
      additional_info: {},
      last_updated_time: clock.now(),
    });
  });

  it('replaces each given top-level field of working memory whole, keeping the others', async () => {
    seedContainer();
    expect(await put('working', WORKING, { tags: { topic: 'updated_topic', priority: 'high' } })).toEqual(
      updated('working', WORKING, 2),
    );
    expect(fake.get(CONTAINER, 'working', WORKING)?._source).toEqual({
      messages: [{ role: 'user' }],
      tags: { topic: 'updated_topic', priority: 'high' },
      namespace: { user_id: 'bob' },
    });
    const fields = {
      messages: [{ role: 'assistant', content: [{ type: 'text', text: 'Hi' }] }],
      binary_data: 'aGk=',
      structured_data: { a: 1 },
      structured_data_blob: { b: [1] },
      metadata: { m: 'x' },
    };
    await put('working', WORKING, fields);
    expect(fake.get(CONTAINER, 'working', WORKING)?._source).toEqual({
      ...fields,
      tags: { topic: 'updated_topic', priority: 'high' },
      namespace: { user_id: 'bob' },
      last_updated_time: clock.now(),
    });
  });

  it('updates long-term memory content and tags', async () => {
    seedContainer();
    await put('long-term', LONG_TERM, { memory: "User's name is Bob Smith", tags: { topic: 'personal info', updated: 'true' } });
    expect(fake.get(CONTAINER, 'long-term', LONG_TERM)?._source).toEqual({
      memory: "User's name is Bob Smith",
      tags: { topic: 'personal info', updated: 'true' },
      strategy: 'SEMANTIC',
      last_updated_time: clock.now(),
    });
  });

  it.each([
    ['sessions', SESSION, { tags: { t: 1 }, memory: 'x', messages: [], structured_data: {}, namespace: {} }],
    ['working', WORKING, { additional_info: { key: 'lost' }, memory: 'x', summary: 'y', agents: {}, owner_id: 'eve' }],
    ['long-term', LONG_TERM, { additional_info: { key: 'lost' }, messages: [], metadata: {}, strategy: 'OTHER', summary: 'y' }],
  ])(
    'skips every %s field it does not copy, without an error, and still re-indexes (200, a new _version)',
    async (type, id, body) => {
      seedContainer();
      const before = fake.get(CONTAINER, type as 'sessions', id)?._source;
      expect(await put(type, id, body)).toEqual(updated(type, id, 2));
      expect(fake.get(CONTAINER, type as 'sessions', id)).toMatchObject({ _version: 2, _source: before });
    },
  );

  it('stores values as sent: types are not checked', async () => {
    seedContainer();
    await put('long-term', LONG_TERM, { memory: 5, tags: 'personal' });
    await put('working', WORKING, { messages: { role: 'user' }, structured_data: [], metadata: null });
    await put('sessions', SESSION, { summary: ['a'], additional_info: null });
    expect(fake.get(CONTAINER, 'long-term', LONG_TERM)?._source).toMatchObject({ memory: 5, tags: 'personal' });
    expect(fake.get(CONTAINER, 'working', WORKING)?._source).toMatchObject({
      messages: { role: 'user' },
      structured_data: [],
      metadata: null,
    });
    expect(fake.get(CONTAINER, 'sessions', SESSION)?._source).toMatchObject({ summary: ['a'], additional_info: null });
  });

  it('sets last_updated_time only for content fields, as 3.8 does', async () => {
    seedContainer();
    await clock.advance(5000);
    await put('long-term', LONG_TERM, { tags: { a: 'b' } });
    await put('sessions', SESSION, { metadata: {}, agents: {}, additional_info: {} });
    await put('working', WORKING, { tags: {}, metadata: {} });
    for (const [type, id] of [
      ['long-term', LONG_TERM],
      ['sessions', SESSION],
      ['working', WORKING],
    ] as const) {
      expect(fake.get(CONTAINER, type, id)?._source).not.toHaveProperty('last_updated_time');
    }
    await put('working', WORKING, { binary_data: 'AA==' });
    expect(fake.get(CONTAINER, 'working', WORKING)?._source.last_updated_time).toBe(clock.now());
  });

  it.each([
    ['SESSIONS', 'sessions', SESSION, { summary: 'x' }],
    ['Long-Term', 'long-term', LONG_TERM, { memory: 'x' }],
    ['WoRkInG', 'working', WORKING, { tags: {} }],
  ] as const)('matches the type %j case-insensitively and stores it as %j', async (sent, type, id, body) => {
    seedContainer();
    expect(await put(sent, id, body)).toEqual(updated(type, id, 2));
    expect(fake.get(CONTAINER, type, id)?._version).toBe(2);
  });

  it('increments _version and _seq_no on every accepted update (no noop)', async () => {
    seedContainer();
    const answers: [number, number][] = [];
    for (const body of [{ memory: 'a' }, { memory: 'a' }, { unknown: true }]) {
      const answer = await put('long-term', LONG_TERM, body);
      answers.push([answer._version, answer._seq_no]);
    }
    expect(answers).toEqual([
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    expect(fake.get(CONTAINER, 'long-term', LONG_TERM)?._version).toBe(4);
    // Each type has its own index, so its own sequence numbers.
    expect((await put('sessions', SESSION, { summary: 's' }))._seq_no).toBe(1);
  });

  it('counts from a seeded version, and parses the body whatever the content-type', async () => {
    fake.seed([{ containerId: 'c', memories: { sessions: [{ id: 's', version: 7 }] } }]);
    const response = await putOpenSearch('c', 'sessions', 's', { additional_info: { a: 1 } }, { contentType: null });
    expect(await response.json()).toEqual(updated('sessions', 's', 8));
  });

  it('delivers percent-encoded container ids and ids decoded', async () => {
    fake.seed([{ containerId: 'team a/b', memories: { 'long-term': [{ id: 'id?#% é' }] } }]);
    expect((await putOpenSearch('team a/b', 'long-term', 'id?#% é', { memory: 'x' })).status).toBe(200);
    expect(fake.get('team a/b', 'long-term', 'id?#% é')?._source).toEqual({ memory: 'x', last_updated_time: clock.now() });
  });
});

describe('OpenSearch fake: pinned (3.8)', () => {
  const disabled =
    'Cannot set pinned: the memory retention feature is not enabled. To enable it, please update the cluster setting plugins.ml_commons.memory.retention_enabled';

  it.each([
    ['sessions', SESSION],
    ['working', WORKING],
    ['long-term', LONG_TERM],
  ])('refuses pinned on %s with 403 while memory retention is disabled (the default)', async (type, id) => {
    seedContainer();
    const response = await putOpenSearch(CONTAINER, type, id, { pinned: true, tags: {} });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { root_cause: [{ type: 'status_exception', reason: disabled }], type: 'status_exception', reason: disabled },
      status: 403,
    });
    expect(fake.get(CONTAINER, type as 'sessions', id)?._version).toBe(1);
  });

  it('with memory retention enabled, pins sessions and long-term memory, and refuses working memory with 400', async () => {
    const retained = new OpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, memoryRetention: true, clock });
    retained.seed([
      { containerId: 'c', memories: { sessions: [{ id: 's' }], working: [{ id: 'w' }], 'long-term': [{ id: 'l' }] } },
    ]);
    const send = (type: string, id: string, body: unknown) =>
      retained.handle(
        new Request(`${OPENSEARCH_URL}/_plugins/_ml/memory_containers/c/memories/${type}/${id}`, {
          method: 'PUT',
          headers: { authorization: `Basic ${btoa(`${OPENSEARCH_USER.username}:${OPENSEARCH_USER.password}`)}` },
          body: JSON.stringify(body),
        }),
      );
    expect((await send('sessions', 's', { pinned: true })).status).toBe(200);
    expect((await send('long-term', 'l', { pinned: 'yes' })).status).toBe(200);
    expect(retained.get('c', 'sessions', 's')?._source).toEqual({ pinned: true });
    expect(retained.get('c', 'long-term', 'l')?._source).toEqual({ pinned: 'yes' });
    const working = await send('working', 'w', { pinned: false, tags: {} });
    const reason = 'pinned field is not supported for working memory type. To preserve a conversation, pin the session instead.';
    expect(working.status).toBe(400);
    expect(await working.json()).toEqual({
      error: { root_cause: [{ type: 'status_exception', reason }], type: 'status_exception', reason },
      status: 400,
    });
    expect(retained.get('c', 'working', 'w')?._version).toBe(1);
  });
});

describe('OpenSearch fake: seed, get, reset and mounting', () => {
  it('seeds containers (empty ones too) and returns the stored memories with defaults filled in', () => {
    const stored = fake.seed([
      { containerId: 'c1', memories: { working: [{ source: { tags: {} } }], sessions: [{ id: 's1' }] } },
      { containerId: 'c2' },
    ]);
    expect(stored).toEqual([
      { containerId: 'c1', type: 'sessions', _id: 's1', _version: 1, _source: {} },
      {
        containerId: 'c1',
        type: 'working',
        _id: expect.stringMatching(/^[0-9a-z]{20}$/) as unknown,
        _version: 1,
        _source: { tags: {} },
      },
    ]);
    expect(fake.get('c1', 'working', stored[1]?._id ?? '')).toEqual(stored[1]);
    expect(fake.get('c1', 'long-term', 's1')).toBeUndefined();
    expect(fake.get('c2', 'sessions', 's1')).toBeUndefined();
  });

  it('adds to an existing container, replaces a memory seeded again, and hands out copies', () => {
    fake.seed([{ containerId: 'c', memories: { sessions: [{ id: 's', source: { n: 1 } }] } }]);
    fake.seed([{ containerId: 'c', memories: { sessions: [{ id: 's', source: { n: 2 } }], working: [{ id: 'w' }] } }]);
    expect(fake.get('c', 'sessions', 's')?._source).toEqual({ n: 2 });
    expect(fake.get('c', 'working', 'w')).toBeDefined();
    const copy = fake.get('c', 'sessions', 's');
    if (copy) copy._source.n = 3;
    expect(fake.get('c', 'sessions', 's')?._source).toEqual({ n: 2 });
  });

  it('refuses a container without an id; reset() forgets containers, memories and sequence numbers', async () => {
    expect(() => fake.seed([{ containerId: '' }])).toThrow(TypeError);
    seedContainer();
    fake.reset();
    expect(fake.get(CONTAINER, 'sessions', SESSION)).toBeUndefined();
    expect((await putOpenSearch(CONTAINER, 'sessions', SESSION, { summary: 'x' })).status).toBe(404);
    fake.seed([{ containerId: 'c', memories: { sessions: [{ id: 's' }] } }]);
    expect((await (await putOpenSearch('c', 'sessions', 's', { summary: 'x' })).json()) as UpdateMemoryResponse).toMatchObject({
      _seq_no: 1,
    });
  });

  it('mounts under a base URL with a path, e.g. a cluster behind a gateway', async () => {
    const proxied = new OpenSearchFake({ baseUrl: 'https://gateway.example/search/', apiKey: 'k' });
    proxied.seed([{ containerId: 'c', memories: { sessions: [{ id: 's' }] } }]);
    expect(proxied.matches('/search/_plugins/_ml/memory_containers/c/memories/sessions/s')).toBe(true);
    expect(proxied.matches('/_plugins/_ml/memory_containers/c/memories/sessions/s')).toBe(false);
    const response = await proxied.handle(
      new Request('https://gateway.example/search/_plugins/_ml/memory_containers/c/memories/sessions/s', {
        method: 'PUT',
        headers: { authorization: 'ApiKey k' },
        body: '{"summary":"x"}',
      }),
    );
    expect(response.status).toBe(200);
  });
});
