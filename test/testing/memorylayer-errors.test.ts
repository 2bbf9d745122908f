import { describe, expect, it } from 'vitest';
import type { ErrorResponse } from '../../generated/memorylayer.js';
import { createMemoryLayerFake } from '../../src/testing/index.js';
import { MEMORYLAYER_URL, patchMemoryLayer } from '../helpers/fake-requests.js';
import { sendJson } from '../helpers/send-json.js';
import { API_KEY, useFake } from '../helpers/use-fake.js';
import { describeFaults } from './fixtures/fault-suite.js';

const { fake, clock } = useFake((clock) => createMemoryLayerFake({ apiKey: API_KEY, clock }));

function seed() {
  fake.seed([{ id: 'mem_1', layerId: 'layer_ui', content: 'before' }]);
}

const failure = (message: string): ErrorResponse => ({ success: false, message });

describe('MemoryLayer fake: 400 in the documented shape', () => {
  it.each([
    ['content must be a string', { content: 42 }],
    ['content must be a string', { content: null }],
    ['layerId must be a string', { layerId: ['l'] }],
    ['metadata must be an object', { metadata: ['tag'] }],
    ['metadata must be an object', { metadata: null }],
    ['metadata must be an object', { metadata: 'x' }],
    // The first bad field in the page's order is reported.
    ['content must be a string', { metadata: 1, content: false }],
    ['body must be valid JSON', '{"content": '],
    ['body must be an object', '["content"]'],
    ['body must be an object', '"text"'],
  ])('answers "Invalid request data: %s" for %j, changing nothing', async (reason, body) => {
    seed();
    const response = await patchMemoryLayer('mem_1', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(failure(`Invalid request data: ${reason}`));
    expect(fake.get('mem_1')?.content).toBe('before');
  });
});

describe('MemoryLayer fake: 404, 500 and routing', () => {
  it('answers 404 "Memory not found" for an unknown id', async () => {
    const response = await patchMemoryLayer('mem_missing', { content: 'x' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual(failure('Memory not found'));
  });

  it('checks the body before the id (400, not 404)', async () => {
    expect((await patchMemoryLayer('mem_missing', { content: 1 })).status).toBe(400);
  });

  it('answers unknown paths 404 and other methods 405, in the same shape', async () => {
    const unknown = await sendJson('PATCH', `${MEMORYLAYER_URL}/v1/layers/x`, { auth: null });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(failure('Not Found'));
    const wrongMethod = await sendJson('PUT', `${MEMORYLAYER_URL}/v1/memories/mem_1`, { auth: null });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PATCH');
    expect(await wrongMethod.json()).toEqual(failure('Method Not Allowed'));
  });

  it('says "Failed to update memory" in every 500, whatever the fault asked', async () => {
    seed();
    fake.failNext({ status: 500 });
    expect(await (await patchMemoryLayer('mem_1', {})).json()).toEqual(failure('Failed to update memory'));
    fake.failNext({ status: 502 });
    expect(await (await patchMemoryLayer('mem_1', {})).json()).toEqual(failure('Bad Gateway'));
  });
});

describe('MemoryLayer fake: auth', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong key', 'Bearer wrong-key'],
    ['a lower-case scheme', `bearer ${API_KEY}`],
    ['the bare key', API_KEY],
    ['another scheme', `ApiKey ${API_KEY}`],
  ])('answers 401 for %s, before looking at the body or the id', async (_name, auth) => {
    seed();
    const response = await patchMemoryLayer('mem_1', { content: 1 }, { auth });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual(failure('Unauthorized'));
    expect((await patchMemoryLayer('mem_missing', {}, { auth })).status).toBe(401);
    expect(fake.get('mem_1')?.content).toBe('before');
  });
});

describeFaults('MemoryLayer', {
  fake,
  clock,
  seed,
  write: (value) => patchMemoryLayer('mem_1', { content: value }),
  stored: () => fake.get('mem_1')?.content,
  failBodies: { 500: failure('Failed to update memory'), 503: failure('Service Unavailable') },
  requestIds: true,
});
