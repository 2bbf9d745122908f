import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  InvalidResponseError,
  MemoryLayer,
  Mielto,
  MemwireError,
  OpenSearchMemory,
  Supermemory,
} from '../../src/index.js';
import { raw } from '../../src/raw.js';
import { INSTANT, KEY, rejectionOf, reply, useServer } from './hostile-server.js';

// `raw` is held to the operations' rules: what it hands back is redacted, every failure is a
// MemwireError that never repeats a header value, and nothing is sent for a path parameter missing.

const server = useServer();

type Call = (init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
interface RawCase {
  name: string;
  /** The call with a full init, `extra` merged into it. */
  call(baseUrl: string, extra?: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  /** The path parameters the template needs. */
  params: string[];
}

const PATHS = {
  mielto: '/api/v1/memories/{memory_id}',
  memoryLayer: '/v1/memories/{id}',
  supermemory: '/v4/memories',
  openSearch: '/_plugins/_ml/memory_containers/{memory_container_id}/memories/{type}/{id}',
} as const;

const put = (client: object, method: 'PUT' | 'PATCH', path: string): Call =>
  (raw(client as Mielto) as unknown as Record<string, (path: string, init: object) => ReturnType<Call>>)[method]!.bind(
    null,
    path,
  );

const CASES: RawCase[] = [
  {
    name: 'Mielto',
    params: ['memory_id'],
    call: (baseUrl, extra = {}) =>
      put(
        new Mielto({ apiKey: KEY, baseUrl, ...INSTANT }),
        'PUT',
        PATHS.mielto,
      )({
        params: { path: { memory_id: 'mem_1' } },
        body: { memory: 'x' },
        ...extra,
      }),
  },
  {
    name: 'MemoryLayer',
    params: ['id'],
    call: (baseUrl, extra = {}) =>
      put(
        new MemoryLayer({ apiKey: KEY, baseUrl, ...INSTANT }),
        'PATCH',
        PATHS.memoryLayer,
      )({
        params: { path: { id: 'mem_1' } },
        body: { content: 'x' },
        ...extra,
      }),
  },
  {
    name: 'Supermemory',
    params: [],
    call: (baseUrl, extra = {}) =>
      put(
        new Supermemory({ apiKey: KEY, baseUrl, ...INSTANT }),
        'PATCH',
        PATHS.supermemory,
      )({
        body: { containerTag: 'u', id: 'm', newContent: 'x' },
        ...extra,
      }),
  },
  {
    name: 'OpenSearch',
    params: ['memory_container_id', 'type', 'id'],
    call: (baseUrl, extra = {}) =>
      put(
        new OpenSearchMemory({ ...INSTANT, baseUrl, auth: { apiKey: KEY } }),
        'PUT',
        PATHS.openSearch,
      )({
        params: { path: { memory_container_id: 'c', type: 'long-term', id: 'm' } },
        body: { memory: 'x' },
        ...extra,
      }),
  },
];

describe.each(CASES)('raw($name)', (client) => {
  it('hands back the error body redacted of the key the server echoes', async () => {
    server.handle = (seen, response) => reply(response, 401, { message: `bad key ${KEY}`, auth: seen.authorization });
    const { error, response } = await client.call(server.url);
    expect(response.status).toBe(401);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(JSON.stringify(error)).toContain('[redacted]');
  });

  it('hands back a success body redacted of the key too', async () => {
    server.handle = (_seen, response) => reply(response, 200, { note: `saved with ${KEY}` });
    const { data } = await client.call(server.url);
    expect(data).toEqual({ note: 'saved with [redacted]' });
  });

  it('fails a 200 HTML page with an InvalidResponseError, not a bare SyntaxError', async () => {
    server.handle = (_seen, response) => reply(response, 200, `<html>${KEY}</html>`, { 'content-type': 'text/html' });
    const error = await rejectionOf(client.call(server.url));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain(KEY);
  });

  it.each([
    ['a line feed', 'value\nInjected: yes'],
    ['a character outside Latin-1', 'välue-\u2603'],
  ])('refuses a header value with %s, saying so without repeating it, and sends nothing', async (_case, value) => {
    for (const extra of [{ headers: { 'x-trace': value } }, { params: { path: pathOf(client), header: { 'x-trace': value } } }]) {
      const error = await rejectionOf(client.call(server.url, extra));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(JSON.stringify(error) + error.message).not.toContain(value);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a query it cannot encode (a lone surrogate) with a MemwireError, sending nothing', async () => {
    const error = await rejectionOf(client.call(server.url, { params: { query: { q: '\ud800' }, path: pathOf(client) } }));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toContain('nothing was sent');
    expect(server.requests).toHaveLength(0);
  });

  it.runIf(client.params.length > 0)('refuses a call without a path parameter, naming it, and sends nothing', async () => {
    for (const missing of client.params) {
      const path = Object.fromEntries(Object.entries(pathOf(client)).filter(([name]) => name !== missing));
      const error = await rejectionOf(client.call(server.url, { params: { path } }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toContain(`params.path.${missing} is missing`);
    }
    expect(server.requests).toHaveLength(0);
  });
});

/** The full path params of a case, as its call sends them. */
function pathOf(client: RawCase): Record<string, string> {
  return Object.fromEntries(client.params.map((name) => [name, name === 'type' ? 'long-term' : 'x']));
}
