import { describe, expect, it } from 'vitest';
import { OpenSearchFake, createOpenSearchFake } from '../../src/testing/index.js';
import { OPENSEARCH_BASIC, OPENSEARCH_URL, OPENSEARCH_USER, putOpenSearch } from '../helpers/fake-requests.js';
import { useFake } from '../helpers/use-fake.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.test';
const API_KEY = 'os-api-key-1';

// Every method configured; the fakes below without msw check that only configured ones work.
const { fake } = useFake((clock) =>
  createOpenSearchFake({ baseUrl: OPENSEARCH_URL, ...OPENSEARCH_USER, apiKey: API_KEY, token: TOKEN, clock }),
);

function seed(target: OpenSearchFake = fake) {
  target.seed([{ containerId: 'c1', memories: { 'long-term': [{ id: 'l1', source: { memory: 'before' } }] } }]);
}

function put(target: OpenSearchFake, authorization: string | null): Promise<Response> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (authorization !== null) headers.set('authorization', authorization);
  const url = `${target.baseUrl}/_plugins/_ml/memory_containers/c1/memories/long-term/l1`;
  return target.handle(new Request(url, { method: 'PUT', headers, body: '{"memory":"after"}' }));
}

describe('OpenSearch fake: auth', () => {
  it.each([
    ['HTTP basic', OPENSEARCH_BASIC],
    ['an API key', `ApiKey ${API_KEY}`],
    ['a bearer token', `Bearer ${TOKEN}`],
  ])('accepts %s', async (_name, auth) => {
    seed();
    expect((await putOpenSearch('c1', 'long-term', 'l1', { memory: 'after' }, { auth })).status).toBe(200);
    expect(fake.get('c1', 'long-term', 'l1')?._source.memory).toBe('after');
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong password', `Basic ${btoa('admin:wrong')}`],
    ['the key under the wrong scheme', `Bearer ${API_KEY}`],
    ['the token under the wrong scheme', `ApiKey ${TOKEN}`],
    ['a lower-case scheme', `apikey ${API_KEY}`],
  ])("answers the security plugin's plain-text 401 with the OpenSearch Security challenge for %s", async (_name, auth) => {
    seed();
    const response = await putOpenSearch('c1', 'long-term', 'l1', { memory: 'after' }, { auth });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await response.text()).toBe('Unauthorized');
    expect(fake.get('c1', 'long-term', 'l1')?._version).toBe(1);
  });

  it('checks auth before the body, the type and the container', async () => {
    expect((await putOpenSearch('c_missing', 'nonsense', 'h', undefined, { auth: null })).status).toBe(401);
    expect((await putOpenSearch('c_missing', 'history', 'h', '{', { auth: null })).status).toBe(401);
  });

  it('accepts only the methods configured', async () => {
    const keyOnly = new OpenSearchFake({ baseUrl: OPENSEARCH_URL, apiKey: API_KEY });
    seed(keyOnly);
    expect((await put(keyOnly, `ApiKey ${API_KEY}`)).status).toBe(200);
    expect((await put(keyOnly, `Bearer ${API_KEY}`)).status).toBe(401);
    expect((await put(keyOnly, `Basic ${btoa(`admin:${API_KEY}`)}`)).status).toBe(401);

    const tokenOnly = new OpenSearchFake({ baseUrl: OPENSEARCH_URL, token: TOKEN });
    seed(tokenOnly);
    expect((await put(tokenOnly, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await put(tokenOnly, `ApiKey ${TOKEN}`)).status).toBe(401);
  });

  it('encodes basic credentials as UTF-8, as browsers and Node send them', async () => {
    const fake = new OpenSearchFake({ baseUrl: OPENSEARCH_URL, username: 'zoë', password: 'pässwörd:✓' });
    seed(fake);
    const utf8 = Buffer.from('zoë:pässwörd:✓', 'utf8').toString('base64');
    expect((await put(fake, `Basic ${utf8}`)).status).toBe(200);
  });

  it('refuses options that configure no way in, or half of basic auth', () => {
    expect(() => new OpenSearchFake({ baseUrl: OPENSEARCH_URL })).toThrow(
      'OpenSearchFake: configure username and password, apiKey or token',
    );
    expect(() => new OpenSearchFake({ baseUrl: OPENSEARCH_URL, username: 'admin' })).toThrow(
      'OpenSearchFake: password must be a non-empty string',
    );
    expect(() => new OpenSearchFake({ baseUrl: OPENSEARCH_URL, password: 'x' })).toThrow(
      'OpenSearchFake: username must be a non-empty string',
    );
    expect(() => new OpenSearchFake({ baseUrl: OPENSEARCH_URL, apiKey: '' })).toThrow(
      'OpenSearchFake: apiKey must be a non-empty string',
    );
    expect(() => new OpenSearchFake({ apiKey: 'k' } as never)).toThrow('OpenSearchFake: baseUrl is required');
  });
});
