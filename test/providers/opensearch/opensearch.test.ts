import { HttpResponse, http } from 'msw';
import { raw } from '../../../src/raw.js';
import { describe, expect, it } from 'vitest';
import {
  type ApiError,
  AuthenticationError,
  InvalidArgumentError,
  NotFoundError,
  OpenSearchMemory,
  type OpenSearchMemoryOptions,
  ServerError,
} from '../../../src/index.js';
import { createOpenSearchFake } from '../../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../../helpers/use-fake.js';

const baseUrl = 'https://search.test:9200';
const password = 'os-pass-7d21c9';
const { fake, clock, timing, server } = useFake((clock) =>
  createOpenSearchFake({ baseUrl, username: 'admin', password, apiKey: API_KEY, token: API_KEY, clock }),
);
const client = (options: Partial<OpenSearchMemoryOptions> = {}) =>
  new OpenSearchMemory({ baseUrl, auth: { apiKey: API_KEY }, ...timing, ...options });

const container = 'HudqiJkB1SltqOcZusVU';
function seed() {
  fake.seed([
    {
      containerId: container,
      memories: {
        sessions: [{ id: 'N2CDipkB2Mtr6INFFcX8', source: { additional_info: { key1: 'value0' } } }],
        working: [{ id: 'XyEuiJkBeh2gPPwzjYWM', source: { tags: { topic: 'old' } } }],
        'long-term': [{ id: 'DcxjTpkBvwXRq366C1Zz', source: { memory: "User's name is Bob", tags: { topic: 'x' } } }],
      },
    },
  ]);
}

describe('OpenSearchMemory memories.update', () => {
  it('sends PUT to the memory by container, type and id', async () => {
    seed();
    await client().memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', {
      additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' },
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'PUT',
      url: `${baseUrl}/_plugins/_ml/memory_containers/${container}/memories/sessions/N2CDipkB2Mtr6INFFcX8`,
      body: { additional_info: { key1: 'value1', last_activity: '2025-09-15T17:30:00Z' } },
    });
    expect(fake.requests[0]!.headers.get('authorization')).toBe(`ApiKey ${API_KEY}`);
  });

  it('resolves to the write result, and the document changes', async () => {
    seed();
    const result = await client().memories.update(container, 'long-term', 'DcxjTpkBvwXRq366C1Zz', {
      memory: "User's name is Bob Smith",
      tags: { topic: 'personal info', updated: 'true' },
    });
    expect(result).toEqual({
      _index: '.plugins-ml-am-default-memory-long-term',
      _id: 'DcxjTpkBvwXRq366C1Zz',
      _version: 2,
      result: 'updated',
      forced_refresh: true,
      _shards: { total: 2, successful: 1, failed: 0 },
      _seq_no: 1,
      _primary_term: 1,
    });
    expect(fake.get(container, 'long-term', 'DcxjTpkBvwXRq366C1Zz')?._source).toMatchObject({
      memory: "User's name is Bob Smith",
      tags: { topic: 'personal info', updated: 'true' },
    });
  });

  it('updates working memory', async () => {
    seed();
    const result = await client().memories.update(container, 'working', 'XyEuiJkBeh2gPPwzjYWM', {
      tags: { topic: 'updated_topic', priority: 'high' },
    });
    expect(result._version).toBe(2);
  });

  it.each([
    ['basic', { username: 'admin', password }, `Basic ${btoa(`admin:${password}`)}`],
    ['an API key', { apiKey: API_KEY }, `ApiKey ${API_KEY}`],
    ['an API key function', { apiKey: () => API_KEY }, `ApiKey ${API_KEY}`],
    ['a bearer token', { token: API_KEY }, `Bearer ${API_KEY}`],
  ])('authenticates with %s', async (_, auth, header) => {
    seed();
    await client({ auth }).memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', { summary: 'x' });
    expect(fake.requests[0]!.headers.get('authorization')).toBe(header);
  });

  it('refuses history memory at run time, sending nothing', async () => {
    // As a JavaScript caller would: TypeScript refuses these types (see test/types).
    const { memories } = client();
    const update = memories.update.bind(memories) as (...args: unknown[]) => Promise<unknown>;
    const error = await rejectionOf(update(container, 'history', 'h1', {}));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe('OpenSearch memories.update: type "history" cannot be updated: history memory cannot be updated');
    const unknown = await rejectionOf(update(container, 'episodic', 'h1', {}));
    expect(unknown.message).toMatch(/not one of sessions, working, long-term/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['the container', ['..', 'long-term', 'id']],
    ['the id', [container, 'long-term', '.']],
    ['the container (encoded)', ['%2e%2e', 'sessions', 'id']],
    ['the id (empty)', [container, 'working', '']],
  ])('refuses a path-changing %s, sending nothing', async (_, [containerId, type, id]) => {
    const error = await rejectionOf(client().memories.update(containerId!, type as 'long-term', id!, { memory: 'x' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends ids with / as single segments', async () => {
    fake.seed([{ containerId: 'a/b', memories: { sessions: [{ id: 'c d', source: {} }] } }]);
    await client().memories.update('a/b', 'sessions', 'c d', { additional_info: { k: 'v' } });
    expect(fake.requests[0]!.path.slice(3)).toEqual(['a/b', 'memories', 'sessions', 'c d']);
  });

  it('needs a baseUrl and valid auth', () => {
    expect(() => new OpenSearchMemory({ auth: { token: 't' } })).toThrow(
      /^OpenSearch: needs a baseUrl: pass the baseUrl option, or set OPENSEARCH_URL$/,
    );
    expect(() => client({ auth: {} as never })).toThrow(/auth must be/);
    expect(() => client({ auth: { username: '', password: 'x' } })).toThrow(InvalidArgumentError);
  });

  it.each([
    ['a username that is not a string', { username: 42, password }],
    ['an empty username', { username: '', password }],
    ['a username with ":"', { username: 'ad:min', password }],
    ['a password that is not a string', { username: 'admin', password: 42 }],
    ['no password', { username: 'admin' }],
  ])('refuses basic auth with %s', (_, auth) => {
    expect(() => client({ auth: auth as never })).toThrow(
      new InvalidArgumentError('OpenSearch: Basic auth needs a non-empty username without ":" and a password string'),
    );
  });

  it('refuses auth that is missing, naming the option and the variables', () => {
    expect(() => client({ auth: undefined })).toThrow(/^OpenSearch: needs auth: pass auth: \{ username, password \}/);
  });

  it.each([
    ['null', null],
    ['a string', API_KEY],
  ])('refuses auth that is %s', (_, auth) => {
    expect(() => client({ auth: auth as never })).toThrow(
      new InvalidArgumentError('OpenSearch: auth must be { username, password }, { apiKey } or { token }'),
    );
  });
});

describe('OpenSearch errors', () => {
  it('is a NotFoundError with the reason for an unknown container', async () => {
    const error = await rejectionOf(client().memories.update('nope', 'sessions', 'id', { summary: 'x' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(
      /^OpenSearch memories\.update: 404 Memory container not found \(status_exception\) \(PUT https:\/\/[^ ]+\/_plugins\/_ml\/memory_containers\/\{memory_container_id\}\/memories\/sessions\/\{id\}\)$/,
    );
  });

  it.each([
    [
      'a reason and a type',
      { error: { type: 'parse_exception', reason: 'bad json' } },
      '400 bad json (parse_exception)',
      'parse_exception',
    ],
    ['a reason without a type', { error: { reason: 'bad json' } }, '400 bad json', undefined],
    ['a type without a reason', { error: { type: 'parse_exception' } }, '400', 'parse_exception'],
    ['an empty reason and type', { error: { type: '', reason: '' } }, '400', undefined],
    ['a reason and a type that are not strings', { error: { type: 7, reason: ['bad'] } }, '400', undefined],
    ['an error that is a string', { error: 'no handler found for uri', status: 400 }, '400 no handler found for uri', undefined],
    ['an error that is null', { error: null, message: 'bad json' }, '400 bad json', undefined],
    ['JSON null', null, '400', undefined],
  ])('reads the message and code of a body with %s', async (_, body, message, code) => {
    fake.failNext({ status: 400, body });
    const error = (await rejectionOf(client().memories.update(container, 'sessions', 'id', { summary: 'x' }))) as ApiError;
    expect(error.message).toBe(`OpenSearch memories.update: ${message}`);
    expect(error.code).toBe(code);
    expect(error.body).toEqual(body);
  });

  it('is a NotFoundError for an unknown id', async () => {
    seed();
    const error = await rejectionOf(client().memories.update(container, 'sessions', 'nope', { summary: 'x' }));
    expect(error.message).toMatch(/404 Memory not found/);
  });

  it("answers raw with the server's 400 for an unknown type", async () => {
    seed();
    const { error, response } = await raw(client()).PUT(
      '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
      {
        params: { path: { memory_container_id: container, type: 'notes' as never, id: 'N2CDipkB2Mtr6INFFcX8' } },
        body: { summary: 'x' },
      },
    );
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error: { type: 'illegal_argument_exception' } });
  });

  it('is an AuthenticationError for a wrong password', async () => {
    seed();
    const error = await rejectionOf(
      client({ auth: { username: 'admin', password: 'wrong-password-1' } }).memories.update(
        container,
        'sessions',
        'N2CDipkB2Mtr6INFFcX8',
        { summary: 'x' },
      ),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
  });

  it('redacts a basic-auth password and token that the server echoes back', async () => {
    const secret = 'wrong-password-1';
    server.use(
      http.put(`${baseUrl}/_plugins/_ml/memory_containers/:container/memories/:type/:id`, ({ request }) => {
        const header = request.headers.get('authorization') ?? '';
        const decoded = atob(header.replace(/^Basic /, ''));
        const reason = `bad credentials ${decoded} in "${header}"`;
        return HttpResponse.json(
          { error: { type: 'security_exception', reason }, status: 401 },
          { status: 401, headers: { 'x-echo': header } },
        );
      }),
    );
    const error = await rejectionOf(
      client({ auth: { username: 'admin', password: secret } }).memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', {
        summary: 'x',
      }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('bad credentials admin:[redacted]');
    const token = btoa(`admin:${secret}`);
    const shown = JSON.stringify(error) + error.message + JSON.stringify([...(error as AuthenticationError).headers]);
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(token);
  });

  it('redacts the basic-auth token echoed without its padding and in base64url', async () => {
    // base64 of admin:!R>mq?l has a +, a / and two = of padding: YWRtaW46IVI+bXE/bA==.
    const secret = '!R>mq?l';
    const unpadded = 'YWRtaW46IVI+bXE/bA';
    expect(btoa(`admin:${secret}`)).toBe(`${unpadded}==`);
    const base64url = 'YWRtaW46IVI-bXE_bA';
    server.use(
      http.put(`${baseUrl}/_plugins/_ml/memory_containers/:container/memories/:type/:id`, () =>
        HttpResponse.json(
          { error: { type: 'security_exception', reason: `bad token ${unpadded}, ${base64url}; retry` } },
          { status: 401 },
        ),
      ),
    );
    const error = await rejectionOf(
      client({ auth: { username: 'admin', password: secret } }).memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', {
        summary: 'x',
      }),
    );
    expect(error.message).toBe('OpenSearch memories.update: 401 bad token [redacted], [redacted]; retry (security_exception)');
  });

  it('redacts nothing for an empty password', async () => {
    server.use(
      http.put(`${baseUrl}/_plugins/_ml/memory_containers/:container/memories/:type/:id`, () =>
        HttpResponse.json({ error: { type: 'security_exception', reason: 'bad credentials' } }, { status: 401 }),
      ),
    );
    const error = await rejectionOf(
      client({ auth: { username: 'admin', password: '' } }).memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', {
        summary: 'x',
      }),
    );
    expect(error.message).toBe('OpenSearch memories.update: 401 bad credentials (security_exception)');
  });

  it('retries a 503 and gives up on repeated 500s with a ServerError', async () => {
    seed();
    fake.failNext({ status: 503 });
    await clock.run(client().memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', { summary: 'x' }));
    expect(fake.requests.map((r) => r.outcome)).toEqual([503, 200]);
    fake.failNext({ status: 500, times: 3 });
    const error = await rejectionOf(
      clock.run(client().memories.update(container, 'sessions', 'N2CDipkB2Mtr6INFFcX8', { summary: 'x' })),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(fake.requests).toHaveLength(5);
  });
});
