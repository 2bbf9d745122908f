import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MemoryLayer, Mielto, NotFoundError, OpenSearchMemory, Supermemory } from '../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

// The first ten minutes: clients read their options from the environment where it exists, and
// the first mistakes get messages that name the option, the variable and what to do.

const { fake, clock, client } = useMieltoFake();
const VARIABLES = [
  'MIELTO_API_KEY',
  'MIELTO_BASE_URL',
  'MIELTO_WORKSPACE_ID',
  'MEMORYLAYER_API_KEY',
  'SUPERMEMORY_API_KEY',
  'OPENSEARCH_URL',
  'OPENSEARCH_USERNAME',
  'OPENSEARCH_PASSWORD',
  'OPENSEARCH_API_KEY',
  'OPENSEARCH_TOKEN',
];
afterEach(() => {
  for (const name of VARIABLES) delete process.env[name];
});
const seed = () => fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Likes tea', workspaceId: 'ws_1' }]);

describe('environment defaults', () => {
  it("takes Mielto's key, base URL and workspace from MIELTO_* when the options are unset", async () => {
    seed();
    process.env.MIELTO_API_KEY = API_KEY;
    process.env.MIELTO_BASE_URL = 'https://api.mielto.com';
    process.env.MIELTO_WORKSPACE_ID = 'ws_1';
    await clock.run(new Mielto({ clock, random: () => 0 }).memories.update('mem_1', { memory: 'Likes coffee' }));
    const [request] = fake.requests;
    expect(request!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers.get('x-workspace-id')).toBe('ws_1');
  });

  it('lets an option given win over its variable, null included', async () => {
    seed();
    process.env.MIELTO_API_KEY = 'sk-from-the-environment';
    process.env.MIELTO_WORKSPACE_ID = 'ws_env';
    await clock.run(client({ workspaceId: 'ws_1' }).memories.update('mem_1', { memory: 'x' }));
    expect(fake.requests[0]!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(fake.requests[0]!.headers.get('x-workspace-id')).toBe('ws_1');
    fake.seed([{ memory_id: 'mem_2', user_id: 'u', memory: 'x' }]);
    await clock.run(client({ workspaceId: null }).memories.update('mem_2', { memory: 'y' }));
    expect(fake.requests[1]!.headers.has('x-workspace-id')).toBe(false);
  });

  it('counts an empty variable as unset', () => {
    process.env.MIELTO_API_KEY = '';
    expect(() => new Mielto()).toThrow('Mielto: no API key: pass the apiKey option, or set MIELTO_API_KEY');
  });

  it('reads MEMORYLAYER_API_KEY and SUPERMEMORY_API_KEY for those clients', () => {
    process.env.MEMORYLAYER_API_KEY = 'sk-ml';
    process.env.SUPERMEMORY_API_KEY = 'sk-sm';
    expect(() => new MemoryLayer()).not.toThrow();
    expect(() => new Supermemory()).not.toThrow();
  });
});

describe('OpenSearch from the environment', () => {
  /** The Authorization header a client made from the environment sends. */
  async function authorizationFrom(variables: Record<string, string>): Promise<string | null> {
    Object.assign(process.env, { OPENSEARCH_URL: 'https://search.test:9200', ...variables });
    let sent: string | null = null;
    const fetch = (request: Request) => {
      sent = request.headers.get('authorization');
      return Promise.resolve(Response.json({}, { status: 404 }));
    };
    await new OpenSearchMemory({ fetch, maxRetries: 0 }).memories.update('c', 'long-term', 'm', { memory: 'x' }).catch(() => {});
    return sent;
  }

  it('takes the URL and each kind of credentials from OPENSEARCH_*', async () => {
    expect(await authorizationFrom({ OPENSEARCH_API_KEY: 'os-key' })).toBe('ApiKey os-key');
    delete process.env.OPENSEARCH_API_KEY;
    expect(await authorizationFrom({ OPENSEARCH_TOKEN: 'os-token' })).toBe('Bearer os-token');
    delete process.env.OPENSEARCH_TOKEN;
    expect(await authorizationFrom({ OPENSEARCH_USERNAME: 'admin', OPENSEARCH_PASSWORD: 'pw' })).toBe(
      `Basic ${btoa('admin:pw')}`,
    );
  });

  it('refuses two kinds of credentials in the environment, as in auth, naming only the kinds', () => {
    Object.assign(process.env, { OPENSEARCH_URL: 'https://search.test:9200', OPENSEARCH_API_KEY: 'k1', OPENSEARCH_TOKEN: 't1' });
    expect(() => new OpenSearchMemory()).toThrow(/more than one kind of credentials \(apiKey, token\)/);
  });

  it('says where apiKey goes when it is given at the top level, as other clients take it', () => {
    const misplaced = () => new OpenSearchMemory({ baseUrl: 'https://search.test:9200', apiKey: 'k' } as never);
    expect(misplaced).toThrow('OpenSearch: apiKey goes inside auth: new OpenSearchMemory({ baseUrl, auth: { apiKey } })');
  });

  it('names what is missing without auth', () => {
    expect(() => new OpenSearchMemory({ baseUrl: 'https://search.test:9200' })).toThrow(
      'OpenSearch: needs auth: pass auth: { username, password }, { apiKey } or { token }, or set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, OPENSEARCH_API_KEY or OPENSEARCH_TOKEN',
    );
  });
});

describe('messages for the first mistakes', () => {
  it.each([
    ['Mielto', () => new Mielto(), 'MIELTO_API_KEY'],
    ['MemoryLayer', () => new MemoryLayer(), 'MEMORYLAYER_API_KEY'],
    ['Supermemory', () => new Supermemory(), 'SUPERMEMORY_API_KEY'],
  ])('%s without a key names the option and the variable', (name, make, variable) => {
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(`${name}: no API key: pass the apiKey option, or set ${variable}`);
  });

  it('says an option is empty, naming it: apiKey, baseUrl, workspaceId', () => {
    expect(() => new Mielto({ apiKey: '' })).toThrow(
      'Mielto: the apiKey option is empty: pass a key, or leave it out to read MIELTO_API_KEY',
    );
    expect(() => new Mielto({ apiKey: API_KEY, baseUrl: '' })).toThrow(
      "Mielto: baseUrl is empty: pass the API's URL, or set MIELTO_BASE_URL, or leave it out for the default",
    );
    expect(() => new Mielto({ apiKey: API_KEY, workspaceId: '' })).toThrow(
      'Mielto: workspaceId is empty: pass an id, or null to send no X-Workspace-Id header',
    );
  });

  it('says so when a Mielto 404 came with no workspace sent, and how to send one', async () => {
    seed();
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(
      "no X-Workspace-Id was sent, so Mielto looked in the key's default workspace: pass workspaceId, or set MIELTO_WORKSPACE_ID",
    );
    const scoped = await rejectionOf(clock.run(client({ workspaceId: 'ws_2' }).memories.update('mem_1', { memory: 'x' })));
    expect(scoped.message).not.toContain('no X-Workspace-Id was sent');
  });

  it('names the method and the URL a 404 came from, ids as their template names: a doubled path shows', async () => {
    const doubled = client({ baseUrl: 'https://api.mielto.com/api/v1', workspaceId: 'ws_1' });
    const error = await rejectionOf(clock.run(doubled.memories.update('mem_secret_id', { memory: 'x' })));
    expect(error.message).toContain('(PUT https://api.mielto.com/api/v1/api/v1/memories/{memory_id}');
    expect(error.message).not.toContain('mem_secret_id');
  });

  it("refuses Supermemory's update called as update(id, body), saying it takes one body with id inside", async () => {
    const supermemory = new Supermemory({ apiKey: API_KEY });
    const error = await rejectionOf(
      (supermemory.memories.update as unknown as (id: string, body: object) => Promise<unknown>)('mem_1', { newContent: 'x' }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      "Supermemory memories.update: update takes one object, with the memory's id inside: update({ containerTag, id, newContent })",
    );
  });
});
