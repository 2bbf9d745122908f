import { describe, expect, it } from 'vitest';
import { createSupermemoryFake } from '../../src/testing/index.js';
import { SUPERMEMORY_URL, patchSupermemory } from '../helpers/fake-requests.js';
import { sendJson } from '../helpers/send-json.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';
import { describeFaults } from './fixtures/fault-suite.js';

const { fake, clock } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));

function seed() {
  fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'before' }]);
}

const valid = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'after' };

describe('Supermemory fake: 400 { error, details }', () => {
  it.each([
    ['containerTag is required', { id: 'mem_abc123', newContent: 'x' }],
    ['containerTag is required', undefined],
    ['containerTag must match ^[a-zA-Z0-9_:-]+$', { ...valid, containerTag: '' }],
    ['containerTag must match ^[a-zA-Z0-9_:-]+$', { ...valid, containerTag: 'user 123' }],
    ['containerTag must match ^[a-zA-Z0-9_:-]+$', { ...valid, containerTag: 'user/123' }],
    ['containerTag must be at most 100 characters long', { ...valid, containerTag: 'a'.repeat(101) }],
    ['containerTag must be a string', { ...valid, containerTag: null }],
    ['newContent is required', { containerTag: 'user_123', id: 'mem_abc123' }],
    ['newContent must be at least 1 character long', { ...valid, newContent: '' }],
    ['newContent must be a string', { ...valid, newContent: 7 }],
    ['id must be a string', { ...valid, id: 123 }],
    ['content must be a string', { containerTag: 'user_123', newContent: 'x', content: ['a'] }],
    ['metadata must be an object', { ...valid, metadata: [] }],
    ['metadata must be an object', { ...valid, metadata: null }],
    [
      'metadata.nested must be a string, a number, a boolean or an array of strings',
      { ...valid, metadata: { ok: 1, nested: { a: 1 } } },
    ],
    ['metadata.mixed must be a string, a number, a boolean or an array of strings', { ...valid, metadata: { mixed: ['a', 1] } }],
    ['metadata.gone must be a string, a number, a boolean or an array of strings', { ...valid, metadata: { gone: null } }],
    ['forgetAfter must be an ISO 8601 date-time string or null', { ...valid, forgetAfter: 'tomorrow' }],
    ['forgetAfter must be an ISO 8601 date-time string or null', { ...valid, forgetAfter: '2026-06-01' }],
    ['forgetAfter must be an ISO 8601 date-time string or null', { ...valid, forgetAfter: 1780000000000 }],
    ['forgetReason must be a string or null', { ...valid, forgetReason: 5 }],
    ['temporalContext must be an object', { ...valid, temporalContext: '2025' }],
    ['temporalContext.documentDate must be a string or null', { ...valid, temporalContext: { documentDate: 2025 } }],
    ['temporalContext.eventDate must be an array of strings or null', { ...valid, temporalContext: { eventDate: '2025-01-01' } }],
    ['Either id or content must be provided', { containerTag: 'user_123', newContent: 'x' }],
    ['Request body must be valid JSON', '{"containerTag":'],
    ['Request body must be a JSON object', '[]'],
  ])('answers details "%s" for %j, creating no version', async (details, body) => {
    seed();
    const response = await patchSupermemory(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual({ error: 'Invalid request', details });
    expect(fake.versions('user_123')).toHaveLength(1);
  });

  it('accepts every documented value shape', async () => {
    seed();
    const response = await patchSupermemory({
      ...valid,
      containerTag: 'user_123',
      metadata: { s: 'x', n: 1.5, b: false, list: ['a', 'b'] },
      forgetAfter: '2026-06-01T00:00:00Z',
      forgetReason: null,
      temporalContext: { documentDate: null, eventDate: null },
    });
    expect(response.status).toBe(200);
    expect(fake.versions('user_123')).toHaveLength(2);
    fake.seed([{ containerTag: `${'a'.repeat(98)}:-`, id: 'mem_long', memory: 'x' }]);
    expect((await patchSupermemory({ containerTag: `${'a'.repeat(98)}:-`, id: 'mem_long', newContent: 'y' })).status).toBe(200);
  });

  it('puts a failNext errorCode in the default body as code', async () => {
    seed();
    fake.failNext({ status: 500, errorCode: 'db_timeout' });
    const response = await patchSupermemory(valid);
    expect(await response.json()).toEqual({ error: 'Internal Server Error', code: 'db_timeout' });
  });
});

describe('Supermemory fake: 404, routing and auth', () => {
  it('answers 404 "Memory not found" when nothing in the container matches, creating nothing', async () => {
    seed();
    for (const body of [
      { ...valid, id: 'mem_missing' },
      { ...valid, containerTag: 'user_999' },
      { containerTag: 'user_123', content: 'no such memory', newContent: 'x' },
    ]) {
      const response = await patchSupermemory(body);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Memory not found' });
    }
    expect(fake.versions('user_123')).toHaveLength(1);
  });

  it('answers unknown paths 404 and other methods 405 in the same shape', async () => {
    const unknown = await sendJson('PATCH', `${SUPERMEMORY_URL}/v3/memories`, { auth: null });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'Not Found' }]);
    const wrongMethod = await sendJson('POST', `${SUPERMEMORY_URL}/v4/memories`, { auth: null });
    expect([wrongMethod.status, wrongMethod.headers.get('allow'), await wrongMethod.json()]).toEqual([
      405,
      'PATCH',
      { error: 'Method Not Allowed' },
    ]);
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong key', 'Bearer nope'],
    ['a lower-case scheme', `bearer ${API_KEY}`],
    ['the bare key', API_KEY],
  ])('answers 401 { error: "Unauthorized" } for %s, before checking the body', async (_name, auth) => {
    seed();
    const response = await patchSupermemory({ containerTag: '' }, { auth });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
    expect((await patchSupermemory(valid, { auth })).status).toBe(401);
    expect(fake.versions('user_123')).toHaveLength(1);
  });
});

const versions = () => fake.versions('user_123');

describeFaults('Supermemory', {
  fake,
  clock,
  seed,
  write: (value) => patchSupermemory({ containerTag: 'user_123', id: 'mem_abc123', newContent: value }),
  stored: () => versions().at(-1)?.memory,
  landed: () => versions().length - 1,
  failBodies: { 500: { error: 'Internal Server Error' }, 503: { error: 'Service Unavailable' } },
  requestIds: true,
});
