import { PROVIDER_VARIABLES } from './cli-process.js';
import { describe, expect, it } from 'vitest';
import { clientsFromEnv, envHelp } from '../../src/cli/env-clients.js';
import { sandboxEnv, sandboxInstructions } from '../../src/cli/sandbox-env.js';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';

const ALL_MISSING = [
  'Mielto: MIELTO_API_KEY (optional: MIELTO_BASE_URL, MIELTO_WORKSPACE_ID)',
  'MemoryLayer: MEMORYLAYER_API_KEY (optional: MEMORYLAYER_BASE_URL)',
  'Supermemory: SUPERMEMORY_API_KEY (optional: SUPERMEMORY_BASE_URL)',
  'OpenSearch: OPENSEARCH_URL with OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, OPENSEARCH_API_KEY or OPENSEARCH_TOKEN',
];

describe('clientsFromEnv', () => {
  it('makes no client from an environment without provider variables, and says what would configure each', () => {
    expect(clientsFromEnv({ PATH: '/bin', MIELTO_API_KEY: '' })).toEqual({
      clients: {},
      configured: [],
      missing: ALL_MISSING,
      problems: [],
    });
  });

  it('makes a client for each provider configured, and only for those', () => {
    const found = clientsFromEnv({
      MIELTO_API_KEY: 'mk',
      MIELTO_WORKSPACE_ID: 'ws_1',
      OPENSEARCH_URL: 'https://os:9200',
      OPENSEARCH_TOKEN: 't',
    });
    expect(found.configured).toEqual(['Mielto', 'OpenSearch']);
    expect(Object.keys(found.clients)).toEqual(['mielto', 'openSearch']);
    expect(found.clients.mielto).toBeInstanceOf(Mielto);
    expect(found.clients.openSearch).toBeInstanceOf(OpenSearchMemory);
    expect(found.missing).toEqual([ALL_MISSING[1], ALL_MISSING[2]]);
    expect(found.problems).toEqual([]);
  });

  it('makes every client, with each kind of OpenSearch credentials', () => {
    const keys = {
      MIELTO_API_KEY: 'a',
      MEMORYLAYER_API_KEY: 'b',
      SUPERMEMORY_API_KEY: 'c',
      OPENSEARCH_URL: 'http://127.0.0.1:9200',
    };
    for (const credentials of [
      { OPENSEARCH_USERNAME: 'admin', OPENSEARCH_PASSWORD: 'p' },
      { OPENSEARCH_API_KEY: 'k' },
      { OPENSEARCH_TOKEN: 't' },
    ]) {
      const { clients, missing, problems } = clientsFromEnv({ ...keys, ...credentials });
      expect(clients.memoryLayer).toBeInstanceOf(MemoryLayer);
      expect(clients.supermemory).toBeInstanceOf(Supermemory);
      expect(clients.openSearch).toBeInstanceOf(OpenSearchMemory);
      expect([missing, problems]).toEqual([[], []]);
    }
  });

  it.each([
    [{ MIELTO_BASE_URL: 'http://localhost:4010' }, 'Mielto: MIELTO_API_KEY is not set (set: MIELTO_BASE_URL)'],
    [{ OPENSEARCH_API_KEY: 'k' }, 'OpenSearch: OPENSEARCH_URL is not set (set: OPENSEARCH_API_KEY)'],
    [
      { OPENSEARCH_URL: 'http://os' },
      'OpenSearch: OPENSEARCH_URL needs credentials: OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, OPENSEARCH_API_KEY or OPENSEARCH_TOKEN (set: OPENSEARCH_URL)',
    ],
    [
      { OPENSEARCH_URL: 'http://os', OPENSEARCH_USERNAME: 'admin' },
      'OpenSearch: OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD go together: set both (set: OPENSEARCH_URL, OPENSEARCH_USERNAME)',
    ],
    [
      { OPENSEARCH_URL: 'http://os', OPENSEARCH_API_KEY: 'k', OPENSEARCH_TOKEN: 't' },
      'OpenSearch: set one kind of credentials, not OPENSEARCH_API_KEY and OPENSEARCH_TOKEN (set: OPENSEARCH_URL, OPENSEARCH_API_KEY, OPENSEARCH_TOKEN)',
    ],
    [
      { SUPERMEMORY_API_KEY: 'secret-value', SUPERMEMORY_BASE_URL: 'not a url' },
      'Supermemory: baseUrl must be an absolute http(s) URL without credentials, query or fragment (set: SUPERMEMORY_API_KEY, SUPERMEMORY_BASE_URL)',
    ],
  ])('reports variables set in part, or refused by the client: %j', (env, problem) => {
    const found = clientsFromEnv(env);
    expect(found.problems).toEqual([problem]);
    expect(found.configured).toEqual([]);
    expect(found.clients).toEqual({});
  });

  it('never shows a value, only variable names', () => {
    const { problems } = clientsFromEnv({
      MIELTO_API_KEY: 'k',
      MIELTO_BASE_URL: 'https://user:hunter2@example.com',
      SUPERMEMORY_API_KEY: 'hunter2',
      SUPERMEMORY_BASE_URL: 'x',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('passes the options given to every client (an invalid log level is a problem, not a throw)', () => {
    expect(clientsFromEnv({ MIELTO_API_KEY: 'k' }, { logLevel: 'loud' as never }).problems).toEqual([
      'Mielto: logLevel must be one of off, error, warn, info, debug, got "loud" (set: MIELTO_API_KEY)',
    ]);
  });
});

describe('envHelp', () => {
  it('lists every variable, one provider a line', () => {
    const text = envHelp('');
    for (const name of PROVIDER_VARIABLES) expect(text).toContain(name);
    expect(text).toContain('OPENSEARCH_API_KEY or OPENSEARCH_TOKEN');
    expect(text.split('\n')).toHaveLength(4);
  });
});

describe('sandboxEnv', () => {
  it('configures all four providers, Mielto in the first seeded memory’s workspace', () => {
    const env = sandboxEnv({ url: 'http://127.0.0.1:1', apiKey: 'k' });
    expect(env.MIELTO_WORKSPACE_ID).toBe('ws_personal');
    const found = clientsFromEnv(env);
    expect(found.configured).toEqual(['Mielto', 'MemoryLayer', 'Supermemory', 'OpenSearch']);
    expect(found.problems).toEqual([]);
  });

  it('tells the model the ids it can update', () => {
    const text = sandboxInstructions();
    for (const id of ['mem_coffee', 'mem_dark_mode', 'mem_abc123', 'HudqiJkB1SltqOcZusVU', 'DcxjTpkBvwXRq366C1Zz'])
      expect(text).toContain(id);
    expect(text).not.toContain('mem_standup'); // in another workspace: the client cannot reach it
  });
});
