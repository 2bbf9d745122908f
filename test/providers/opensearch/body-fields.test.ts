import { describe, expect, it } from 'vitest';
import { ApiError, InvalidArgumentError, OpenSearchMemory, type OpenSearchMemoryUpdates } from '../../../src/index.js';
import { createOpenSearchFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const baseUrl = 'https://search.test:9200';
const { fake, timing } = useFake((clock) => createOpenSearchFake({ baseUrl, apiKey: API_KEY, clock }));
const openSearch = () => new OpenSearchMemory({ baseUrl, auth: { apiKey: API_KEY }, ...timing });

const container = 'HudqiJkB1SltqOcZusVU';
const ids = { sessions: 'N2CDipkB2Mtr6INFFcX8', working: 'XyEuiJkBeh2gPPwzjYWM', 'long-term': 'DcxjTpkBvwXRq366C1Zz' } as const;
function seed() {
  fake.seed([
    {
      containerId: container,
      memories: {
        sessions: [{ id: ids.sessions, source: { summary: 'old' } }],
        working: [{ id: ids.working, source: { tags: { topic: 'old' } } }],
        'long-term': [{ id: ids['long-term'], source: { memory: "User's name is Bob" } }],
      },
    },
  ]);
}

describe('OpenSearch bodies hold exactly the fields the server stores for the type', () => {
  it.each([
    ['working', { tags: { topic: 'x' }, additional_info: { source: 'chat' } }, 'additional_info', 'working'],
    ['long-term', { memory: 'x', additional_info: {} }, 'additional_info', 'long-term'],
    ['working', { tags: { topic: 'x' }, pinned: true }, 'pinned', 'working'],
    ['sessions', { summary: 'x', tags: {} }, 'tags', 'session'],
    ['long-term', { memory: 'x', messages: [] }, 'messages', 'long-term'],
  ] as const)(
    'refuses on %s memory a body with %j (the server would skip %s), sending nothing',
    async (type, body, field, owner) => {
      seed();
      const error = await rejectionOf(openSearch().memories.update(container, type, ids[type], body));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(
        new RegExp(
          `^OpenSearch memories.update: body field "${field}" is not one OpenSearch ${owner} memory stores \\(it takes [a-z_, ]+\\): the server would drop it without an error, so nothing was sent$`,
        ),
      );
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('names what the type takes', async () => {
    const error = await rejectionOf(
      openSearch().memories.update(container, 'working', ids.working, { additional_info: {} } as never),
    );
    expect(error.message).toContain('(it takes messages, binary_data, structured_data, structured_data_blob, metadata, tags)');
  });

  it('refuses {} on every type: it would change nothing', async () => {
    for (const type of ['sessions', 'working', 'long-term'] as const) {
      const error = await rejectionOf(openSearch().memories.update(container, type, ids[type], {}));
      expect(error.message).toMatch(/^OpenSearch memories.update: body sets no field, so it would change nothing/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('sends every field each type takes, as given', async () => {
    seed();
    const bodies: OpenSearchMemoryUpdates = {
      sessions: {
        summary: 'Trip planning',
        metadata: { channel: 'web' },
        agents: { planner: 'v2' },
        additional_info: { k: 'v' },
      },
      working: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'I moved to Berlin.' }] }],
        binary_data: 'aGVsbG8=',
        structured_data: { city: 'Berlin' },
        structured_data_blob: { raw: { nested: true } },
        metadata: { channel: 'web' },
        tags: { topic: 'moving' },
      },
      'long-term': { memory: 'Lives in Berlin', tags: { topic: 'home' } },
    };
    for (const type of ['sessions', 'working', 'long-term'] as const) {
      await openSearch().memories.update(container, type, ids[type], bodies[type]);
    }
    expect(fake.requests.map((request) => request.body)).toEqual([bodies.sessions, bodies.working, bodies['long-term']]);
    expect(fake.get(container, 'working', ids.working)?._source).toMatchObject(bodies.working);
  });

  it('sends pinned for sessions and long-term memory; the server decides (retention off: 403)', async () => {
    seed();
    const error = await rejectionOf(openSearch().memories.update(container, 'sessions', ids.sessions, { pinned: true }));
    expect(fake.requests[0]!.body).toEqual({ pinned: true });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'status_exception' });
    expect(error.message).toMatch(/memory retention feature is not enabled/);
  });

  it('carries the error type as code', async () => {
    const error = await rejectionOf(openSearch().memories.update('nope', 'sessions', 'x', { summary: 's' }));
    expect(error).toMatchObject({ status: 404, code: 'status_exception' });
  });
});
