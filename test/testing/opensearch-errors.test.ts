import { describe, expect, it } from 'vitest';
import type { OpenSearchErrorResponse } from '../../generated/opensearch.js';
import { createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_URL, OPENSEARCH_USER, openSearchMemoryUrl, putOpenSearch } from '../helpers/fake-requests.js';
import { sendJson } from '../helpers/send-json.js';
import { useFake } from '../helpers/use-fake.js';
import { describeFaults } from './fixtures/fault-suite.js';

const { fake, clock } = useFake((clock) => createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, clock }));

function seed() {
  fake.seed([
    {
      containerId: 'c1',
      memories: {
        sessions: [{ id: 's1', source: { additional_info: {} } }],
        working: [{ id: 'w1', source: { tags: {} } }],
        'long-term': [{ id: 'l1', source: { memory: 'before' } }],
        history: [{ id: 'h1', source: { action: 'ADD' } }],
      },
    },
  ]);
}

function error(status: number, type: string, reason: string): OpenSearchErrorResponse {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

async function expectError(response: Promise<Response>, expected: OpenSearchErrorResponse) {
  const settled = await response;
  expect(settled.status).toBe(expected.status);
  expect(settled.headers.get('content-type')).toBe('application/json');
  expect(await settled.json()).toEqual(expected);
}

const unchanged = () => {
  expect(fake.get('c1', 'long-term', 'l1')).toMatchObject({ _version: 1, _source: { memory: 'before' } });
  expect(fake.get('c1', 'working', 'w1')?._version).toBe(1);
  expect(fake.get('c1', 'sessions', 's1')?._version).toBe(1);
};

describe('OpenSearch fake: memory types', () => {
  it('refuses history memory with a 400, even when the entry exists', async () => {
    seed();
    await expectError(putOpenSearch('c1', 'history', 'h1', {}), error(400, 'illegal_argument_exception', 'History memory cannot be updated'));
    expect(fake.get('c1', 'history', 'h1')).toMatchObject({ _version: 1, _source: { action: 'ADD' } });
  });

  it.each(['session', 'long_term', 'LONG-TERM', 'memories'])('refuses the unknown type %j with a 400', async (type) => {
    seed();
    await expectError(
      putOpenSearch('c1', type, 'l1', {}),
      error(400, 'illegal_argument_exception', `Invalid memory type [${type}]: must be one of [sessions, working, long-term]`),
    );
  });
});

describe('OpenSearch fake: 400 for bodies', () => {
  it.each([
    ['sessions', 's1', { tags: {} }, 'tags'],
    ['sessions', 's1', { additional_info: {}, memory: 'x' }, 'memory'],
    ['working', 'w1', { memory: 'x' }, 'memory'],
    ['working', 'w1', { namespace: {} }, 'namespace'],
    ['long-term', 'l1', { messages: [] }, 'messages'],
    ['long-term', 'l1', { structured_data: {} }, 'structured_data'],
  ])('refuses a %s update with the field it does not take (%j)', async (type, id, body, field) => {
    seed();
    await expectError(putOpenSearch('c1', type, id, body), error(400, 'illegal_argument_exception', `Field [${field}] is not supported for memory type [${type}]`));
    unchanged();
  });

  it.each([
    ['long-term', 'l1', { memory: 5 }, 'Field [memory] must be a string'],
    ['long-term', 'l1', { memory: null }, 'Field [memory] must be a string'],
    ['long-term', 'l1', { tags: 'personal' }, 'Field [tags] must be an object'],
    ['working', 'w1', { messages: { role: 'user' } }, 'Field [messages] must be an array of objects'],
    ['working', 'w1', { messages: ['hello'] }, 'Field [messages] must be an array of objects'],
    ['working', 'w1', { structured_data: [] }, 'Field [structured_data] must be an object'],
    ['sessions', 's1', { additional_info: null }, 'Field [additional_info] must be an object'],
  ])('refuses a %s field of the wrong JSON type (%j)', async (type, id, body, reason) => {
    seed();
    await expectError(putOpenSearch('c1', type, id, body), error(400, 'illegal_argument_exception', reason));
    unchanged();
  });

  it.each([undefined, ''])('answers a missing body (%j) as ml-commons does', async (body) => {
    seed();
    await expectError(putOpenSearch('c1', 'long-term', 'l1', body), error(400, 'illegal_argument_exception', 'Update memory request has empty body'));
    unchanged();
  });

  it.each([
    ['invalid JSON', '{"memory":', 'request body is not valid JSON'],
    ['a JSON array', '[{"memory":"x"}]', 'request body must be a JSON object'],
  ])('answers parse_exception for %s', async (_name, body, reason) => {
    seed();
    await expectError(putOpenSearch('c1', 'long-term', 'l1', body), error(400, 'parse_exception', reason));
    unchanged();
  });
});

describe('OpenSearch fake: 404 and routing', () => {
  it('answers 404 "Memory container not found" for an unknown container', async () => {
    seed();
    await expectError(putOpenSearch('c_missing', 'long-term', 'l1', { memory: 'x' }), error(404, 'status_exception', 'Memory container not found'));
  });

  it('answers 404 "Memory not found" for an unknown id, or an id of another type', async () => {
    seed();
    await expectError(putOpenSearch('c1', 'long-term', 'nope', { memory: 'x' }), error(404, 'status_exception', 'Memory not found'));
    await expectError(putOpenSearch('c1', 'sessions', 'w1', {}), error(404, 'status_exception', 'Memory not found'));
    unchanged();
  });

  it('checks the type and the body before looking for the container', async () => {
    await expectError(putOpenSearch('c_missing', 'history', 'h1', {}), error(400, 'illegal_argument_exception', 'History memory cannot be updated'));
    expect((await putOpenSearch('c_missing', 'sessions', 's1', { tags: {} })).status).toBe(400);
  });

  it('answers unknown paths 404 and other methods 405 in the standard body', async () => {
    await expectError(sendJson('PUT', `${OPENSEARCH_URL}/_plugins/_ml/memory_containers/c1`, { auth: null }), error(404, 'status_exception', 'Not Found'));
    const wrongMethod = await sendJson('POST', openSearchMemoryUrl('c1', 'sessions', 's1'), { auth: null });
    expect(wrongMethod.headers.get('allow')).toBe('PUT');
    await expectError(Promise.resolve(wrongMethod), error(405, 'status_exception', 'Method Not Allowed'));
  });
});

describeFaults('OpenSearch', {
  fake,
  clock,
  seed,
  write: (value) => putOpenSearch('c1', 'long-term', 'l1', { memory: value }),
  stored: () => fake.get('c1', 'long-term', 'l1')?._source.memory as string | undefined,
  landed: () => (fake.get('c1', 'long-term', 'l1')?._version ?? 1) - 1,
  failBodies: { 500: error(500, 'status_exception', 'Internal Server Error'), 503: error(503, 'status_exception', 'Service Unavailable') },
  requestIds: false,
});
