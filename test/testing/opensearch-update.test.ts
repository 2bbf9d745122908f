import { describe, expect, it } from 'vitest';
import type { UpdateMemoryResponse } from '../../generated/opensearch.js';
import { OpenSearchFake, createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_URL, OPENSEARCH_USER, putOpenSearch } from '../helpers/fake-requests.js';
import { useFake } from '../helpers/use-fake.js';

const { fake } = useFake((clock) => createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, clock }));

const CONTAINER = 'HudqiJkB1SltqOcZusVU';
const SESSION = 'N2CDipkB2Mtr6INFFcX8';
const WORKING = 'XyEuiJkBeh2gPPwzjYWM';
const LONG_TERM = 'DcxjTpkBvwXRq366C1Zz';

/** The page's container, with one memory of each type (and a history entry). */
function seedPageContainer() {
  fake.seed([
    {
      containerId: CONTAINER,
      memories: {
        sessions: [{ id: SESSION, source: { summary: 'Bob', additional_info: { key0: 'value0' } } }],
        working: [{ id: WORKING, source: { messages: [{ role: 'user' }], tags: { topic: 'old', keep: 'me?' }, namespace: { user_id: 'bob' } } }],
        'long-term': [{ id: LONG_TERM, source: { memory: "User's name is Bob", tags: { topic: 'personal info' }, strategy: 'SEMANTIC' } }],
        history: [{ id: 'hist_1', source: { action: 'ADD' } }],
      },
    },
  ]);
}

const updated = (id: string, version: number): UpdateMemoryResponse => ({
  result: 'updated',
  _id: id,
  _version: version,
  _shards: { total: 2, successful: 1, failed: 0 },
});

describe('OpenSearch fake: updating each type', () => {
  it('updates a session (the page example) and answers result/_id/_version/_shards', async () => {
    seedPageContainer();
    const body = { additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' } };
    const response = await putOpenSearch(CONTAINER, 'sessions', SESSION, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBeNull();
    expect(await response.json()).toEqual(updated(SESSION, 2));
    expect(fake.get(CONTAINER, 'sessions', SESSION)).toEqual({
      containerId: CONTAINER,
      type: 'sessions',
      _id: SESSION,
      _version: 2,
      _source: { summary: 'Bob', additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' } },
    });
  });

  it('replaces each given top-level field of working memory whole, keeping the others (the page example)', async () => {
    seedPageContainer();
    const response = await putOpenSearch(CONTAINER, 'working', WORKING, { tags: { topic: 'updated_topic', priority: 'high' } });
    expect(await response.json()).toEqual(updated(WORKING, 2));
    expect(fake.get(CONTAINER, 'working', WORKING)?._source).toEqual({
      messages: [{ role: 'user' }],
      tags: { topic: 'updated_topic', priority: 'high' },
      namespace: { user_id: 'bob' },
    });
    await putOpenSearch(CONTAINER, 'working', WORKING, { messages: [{ role: 'assistant' }], structured_data: { a: 1 }, additional_info: {} });
    expect(fake.get(CONTAINER, 'working', WORKING)?._source).toMatchObject({ messages: [{ role: 'assistant' }], structured_data: { a: 1 }, additional_info: {} });
  });

  it('updates long-term memory content and tags (the page example)', async () => {
    seedPageContainer();
    await putOpenSearch(CONTAINER, 'long-term', LONG_TERM, { memory: "User's name is Bob Smith", tags: { topic: 'personal info', updated: 'true' } });
    expect(fake.get(CONTAINER, 'long-term', LONG_TERM)?._source).toEqual({
      memory: "User's name is Bob Smith",
      tags: { topic: 'personal info', updated: 'true' },
      strategy: 'SEMANTIC',
    });
  });

  it('increments _version on every accepted update, {} included (no noop)', async () => {
    seedPageContainer();
    const versions: number[] = [];
    for (const body of [{ memory: 'a' }, { memory: 'a' }, {}]) {
      versions.push(((await (await putOpenSearch(CONTAINER, 'long-term', LONG_TERM, body)).json()) as UpdateMemoryResponse)._version);
    }
    expect(versions).toEqual([2, 3, 4]);
    expect(fake.get(CONTAINER, 'long-term', LONG_TERM)?._version).toBe(4);
  });

  it('counts from a seeded version, and parses the body whatever the content-type', async () => {
    fake.seed([{ containerId: 'c', memories: { sessions: [{ id: 's', version: 7 }] } }]);
    const response = await putOpenSearch('c', 'sessions', 's', { additional_info: { a: 1 } }, { contentType: null });
    expect(await response.json()).toEqual(updated('s', 8));
  });

  it('delivers percent-encoded container ids and ids decoded', async () => {
    fake.seed([{ containerId: 'team a/b', memories: { 'long-term': [{ id: 'id?#% é' }] } }]);
    expect((await putOpenSearch('team a/b', 'long-term', 'id?#% é', { memory: 'x' })).status).toBe(200);
    expect(fake.get('team a/b', 'long-term', 'id?#% é')?._source).toEqual({ memory: 'x' });
  });
});

describe('OpenSearch fake: seed, get, reset and mounting', () => {
  it('seeds containers (empty ones too) and returns the stored memories with defaults filled in', () => {
    const stored = fake.seed([{ containerId: 'c1', memories: { working: [{ source: { tags: {} } }], sessions: [{ id: 's1' }] } }, { containerId: 'c2' }]);
    expect(stored).toEqual([
      { containerId: 'c1', type: 'sessions', _id: 's1', _version: 1, _source: {} },
      { containerId: 'c1', type: 'working', _id: expect.stringMatching(/^[0-9a-z]{20}$/), _version: 1, _source: { tags: {} } },
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

  it('refuses a container without an id; reset() forgets containers and memories', async () => {
    expect(() => fake.seed([{ containerId: '' }])).toThrow(TypeError);
    seedPageContainer();
    fake.reset();
    expect(fake.get(CONTAINER, 'sessions', SESSION)).toBeUndefined();
    expect((await putOpenSearch(CONTAINER, 'sessions', SESSION, {})).status).toBe(404);
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
        body: '{}',
      }),
    );
    expect(response.status).toBe(200);
  });
});
