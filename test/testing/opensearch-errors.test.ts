import { describe, expect, it } from 'vitest';
import type { OpenSearchErrorResponse } from '../../generated/opensearch.js';
import { OpenSearchFake, createOpenSearchFake } from '../../src/testing/index.js';
import {
  OPENSEARCH_BASIC,
  OPENSEARCH_URL,
  OPENSEARCH_USER,
  openSearchMemoryUrl,
  putOpenSearch,
} from '../helpers/fake-requests.js';
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

const INVALID_TYPE = (type: string) => `Invalid memory type: ${type}. Must be one of: sessions, working, long-term, history`;
const EMPTY_BODY = error(400, 'illegal_argument_exception', 'Update memory request has empty body');
const NO_FIELDS = error(400, 'illegal_argument_exception', 'Text cannot be null or empty');
const notAnObject = (token: string) =>
  error(400, 'parsing_exception', `Failed to parse object: expecting token of type [START_OBJECT] but found [${token}]`);

describe('OpenSearch fake: memory types', () => {
  it.each(['session', 'long_term', 'memories', 'LONGTERM'])(
    'refuses the unknown type %j with a 400 naming it as sent',
    async (type) => {
      seed();
      await expectError(
        putOpenSearch('c1', type, 'l1', { memory: 'x' }),
        error(400, 'illegal_argument_exception', INVALID_TYPE(type)),
      );
      unchanged();
    },
  );

  it('answers history 404 "Can\'t update memory history", even when the entry exists', async () => {
    seed();
    await expectError(
      putOpenSearch('c1', 'history', 'h1', { action: 'DELETE' }),
      error(404, 'status_exception', "Can't update memory history"),
    );
    await expectError(
      putOpenSearch('c1', 'HISTORY', 'nope', { action: 'DELETE' }),
      error(404, 'status_exception', "Can't update memory history"),
    );
    expect(fake.get('c1', 'history', 'h1')).toMatchObject({ _version: 1, _source: { action: 'ADD' } });
  });
});

describe('OpenSearch fake: 400 for bodies', () => {
  it.each([undefined, ''])('answers a missing body (%j) "Update memory request has empty body"', async (body) => {
    seed();
    await expectError(putOpenSearch('c1', 'long-term', 'l1', body), EMPTY_BODY);
    unchanged();
  });

  it('checks for a body before the type', async () => {
    await expectError(putOpenSearch('c_missing', 'nonsense', 'x', undefined), EMPTY_BODY);
  });

  it.each([
    ['[{"memory":"x"}]', 'START_ARRAY'],
    ['"memory"', 'VALUE_STRING'],
    ['42', 'VALUE_NUMBER'],
    ['true', 'VALUE_BOOLEAN'],
    ['null', 'VALUE_NULL'],
    ['   ', 'null'],
  ])('answers parsing_exception for the non-object body %j', async (body, token) => {
    seed();
    await expectError(putOpenSearch('c1', 'long-term', 'l1', body), notAnObject(token));
    unchanged();
  });

  it('answers parsing_exception for a body that is not JSON', async () => {
    seed();
    await expectError(
      putOpenSearch('c1', 'long-term', 'l1', '{"memory":'),
      error(400, 'parsing_exception', 'Failed to parse object: the request body is not valid JSON'),
    );
    unchanged();
  });

  it.each(['sessions', 'working', 'long-term', 'history'])('answers {} for %s "Text cannot be null or empty"', async (type) => {
    seed();
    await expectError(putOpenSearch('c1', type, 'l1', {}), NO_FIELDS);
    unchanged();
  });

  it('checks the type before the body, and the body before the container', async () => {
    await expectError(
      putOpenSearch('c_missing', 'nonsense', 'x', '[1]'),
      error(400, 'illegal_argument_exception', INVALID_TYPE('nonsense')),
    );
    await expectError(putOpenSearch('c_missing', 'history', 'x', '[1]'), notAnObject('START_ARRAY'));
    await expectError(putOpenSearch('c_missing', 'sessions', 'x', {}), NO_FIELDS);
  });
});

describe('OpenSearch fake: 403, 404 and routing', () => {
  it('answers 404 "Memory container not found" for an unknown container, before history', async () => {
    seed();
    await expectError(
      putOpenSearch('c_missing', 'long-term', 'l1', { memory: 'x' }),
      error(404, 'status_exception', 'Memory container not found'),
    );
    await expectError(
      putOpenSearch('c_missing', 'history', 'h1', { memory: 'x' }),
      error(404, 'status_exception', 'Memory container not found'),
    );
  });

  it('answers 404 "Memory not found" for an unknown id, or an id of another type', async () => {
    seed();
    await expectError(
      putOpenSearch('c1', 'long-term', 'nope', { memory: 'x' }),
      error(404, 'status_exception', 'Memory not found'),
    );
    await expectError(
      putOpenSearch('c1', 'sessions', 'w1', { summary: 'x' }),
      error(404, 'status_exception', 'Memory not found'),
    );
    unchanged();
  });

  it('looks the memory up before the pinned rules', async () => {
    seed();
    await expectError(
      putOpenSearch('c1', 'working', 'nope', { pinned: true }),
      error(404, 'status_exception', 'Memory not found'),
    );
  });

  it('answers every update 403 while agentic memory is disabled, before anything else', async () => {
    const disabled = new OpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, agenticMemory: false });
    const response = await disabled.handle(
      new Request(openSearchMemoryUrl('c1', 'nonsense', 'l1'), { method: 'PUT', headers: { authorization: OPENSEARCH_BASIC } }),
    );
    const reason =
      'The Agentic Memory APIs are not enabled. To enable, please update the setting plugins.ml_commons.agentic_memory_enabled';
    await expectError(Promise.resolve(response), error(403, 'status_exception', reason));
  });

  // OpenSearch's RestController answers a request no handler takes, after the security plugin has
  // authenticated it in the HTTP pipeline (Netty4HttpRequestHeaderVerifier), in its flat body.
  it('answers an unknown path 400 "no handler found", as RestController.handleBadRequest does', async () => {
    const response = await sendJson('PUT', `${OPENSEARCH_URL}/_plugins/_ml/memory_containers/c1`, { auth: OPENSEARCH_BASIC });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'no handler found for uri [/_plugins/_ml/memory_containers/c1] and method [PUT]',
    });
  });

  it('answers another method 405 "Incorrect HTTP method" with Allow, as handleUnsupportedHttpMethod does', async () => {
    const wrongMethod = await sendJson('POST', `${openSearchMemoryUrl('c1', 'sessions', 's1')}?pretty`, {
      auth: OPENSEARCH_BASIC,
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PUT');
    expect(await wrongMethod.json()).toEqual({
      error:
        'Incorrect HTTP method for uri [/_plugins/_ml/memory_containers/c1/memories/sessions/s1?pretty] and method [POST], allowed: [PUT]',
      status: 405,
    });
  });

  it('authenticates before routing: an unknown path or method without credentials is the 401', async () => {
    for (const [method, url] of [
      ['PUT', `${OPENSEARCH_URL}/_plugins/_ml/memory_containers/c1`],
      ['POST', openSearchMemoryUrl('c1', 'sessions', 's1')],
    ] as const) {
      const response = await sendJson(method, url, { auth: null });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Unauthorized');
    }
  });
});

describe('OpenSearch fake: fault bodies', () => {
  it('puts a failNext errorCode in error.type and its root cause', async () => {
    seed();
    fake.failNext({ status: 429, errorCode: 'circuit_breaking_exception' });
    fake.failNext({ status: 403 });
    await expectError(
      putOpenSearch('c1', 'long-term', 'l1', { memory: 'x' }),
      error(429, 'circuit_breaking_exception', 'Too Many Requests'),
    );
    await expectError(putOpenSearch('c1', 'long-term', 'l1', { memory: 'x' }), error(403, 'security_exception', 'Forbidden'));
  });

  it('answers a 401 fault as the security plugin does: plain text with the challenge', async () => {
    seed();
    fake.failNext({ status: 401 });
    const response = await putOpenSearch('c1', 'long-term', 'l1', { memory: 'x' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
    expect(await response.text()).toBe('Unauthorized');
  });
});

describeFaults('OpenSearch', {
  fake,
  clock,
  seed,
  write: (value) => putOpenSearch('c1', 'long-term', 'l1', { memory: value }),
  stored: () => fake.get('c1', 'long-term', 'l1')?._source.memory as string | undefined,
  landed: () => (fake.get('c1', 'long-term', 'l1')?._version ?? 1) - 1,
  failBodies: {
    500: error(500, 'status_exception', 'Internal Server Error'),
    503: error(503, 'status_exception', 'Service Unavailable'),
  },
  requestIds: false,
});
