// A cluster with plugins.ml_commons.memory.retention_enabled: pinned is accepted for sessions and
// long-term memory, refused for working memory.
import { describe, expect, it } from 'vitest';
import { raw } from '../../src/raw.js';
import { BadRequestError, OpenSearchMemory } from '../../src/index.js';
import { createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_URL, OPENSEARCH_USER, putOpenSearch } from '../helpers/fake-requests.js';
import { rejectionOf, useFake } from '../helpers/use-fake.js';

const { fake, timing } = useFake((clock) =>
  createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, memoryRetention: true, clock }),
);
const client = () => new OpenSearchMemory({ baseUrl: OPENSEARCH_URL, auth: OPENSEARCH_USER, maxRetries: 0, ...timing });

const PINNED_WORKING =
  'pinned field is not supported for working memory type. To preserve a conversation, pin the session instead.';

function seed() {
  fake.seed([
    {
      containerId: 'c1',
      memories: {
        sessions: [{ id: 's1' }],
        working: [{ id: 'w1', source: { tags: {} } }],
        'long-term': [{ id: 'l1', source: { memory: 'm' } }],
      },
    },
  ]);
}

describe('OpenSearch fake with memory retention enabled', () => {
  it('pins sessions and long-term memory through the facade, without bumping last_updated_time', async () => {
    seed();
    expect(await client().memories.update('c1', 'sessions', 's1', { pinned: true })).toMatchObject({
      result: 'updated',
      _version: 2,
    });
    expect(await client().memories.update('c1', 'long-term', 'l1', { pinned: false, tags: { t: 'x' } })).toMatchObject({
      _version: 2,
    });
    expect(fake.get('c1', 'sessions', 's1')?._source).toEqual({ pinned: true });
    expect(fake.get('c1', 'long-term', 'l1')?._source).toEqual({ memory: 'm', pinned: false, tags: { t: 'x' } });
  });

  it('refuses pinned on working memory with 400 status_exception, through raw and handle()', async () => {
    seed();
    const { error, response } = await raw(client()).PUT(
      '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
      {
        params: { path: { memory_container_id: 'c1', type: 'working', id: 'w1' } },
        body: { pinned: true, tags: { a: 'b' } } as never,
      },
    );
    expect(response.status).toBe(400);
    expect(error).toEqual({
      error: {
        root_cause: [{ type: 'status_exception', reason: PINNED_WORKING }],
        type: 'status_exception',
        reason: PINNED_WORKING,
      },
      status: 400,
    });
    const direct = await putOpenSearch('c1', 'WORKING', 'w1', { pinned: false });
    expect([direct.status, ((await direct.json()) as { error: { reason: string } }).error.reason]).toEqual([400, PINNED_WORKING]);
    expect(fake.get('c1', 'working', 'w1')).toMatchObject({ _version: 1, _source: { tags: {} } });
  });

  it('lets the facade refuse pinned for working memory itself (its type has none)', async () => {
    seed();
    const error = await rejectionOf(client().memories.update('c1', 'working', 'w1', { pinned: true } as never));
    expect(error).not.toBeInstanceOf(BadRequestError);
    expect(fake.requests).toEqual([]);
  });
});
