import { describe, expect, it } from 'vitest';
import type { MemoryUpdateResponse } from '../../generated/memorylayer.js';
import type { UpdateMemoryResponse as OpenSearchUpdate } from '../../generated/opensearch.js';
import type { UpdateMemoryResponse as SupermemoryUpdate } from '../../generated/supermemory.js';
import { openSearchMemoryUrl } from '../helpers/fake-requests.js';
import { sendJson } from '../helpers/send-json.js';
import { useSandboxes } from './use-sandboxes.js';

// Real HTTP on 127.0.0.1 with the global fetch; no msw in this file.
const start = useSandboxes();

const CONTAINER = 'HudqiJkB1SltqOcZusVU';
const EXPOSED = 'retry-after, retry-after-ms, x-request-id, x-should-retry';

describe('startSandbox: MemoryLayer', () => {
  it('updates the seeded memory over HTTP with the sandbox key, keeping its embedding', async () => {
    const sandbox = await start();
    const response = await sendJson('PATCH', `${sandbox.url}/v1/memories/mem_dark_mode`, {
      auth: `Bearer ${sandbox.apiKey}`,
      body: { metadata: { source: 'settings' } },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    const body = (await response.json()) as MemoryUpdateResponse;
    expect(body.data).toMatchObject({
      id: 'mem_dark_mode',
      layerId: 'layer_preferences',
      content: 'I prefer dark mode in my code editor',
      metadata: { source: 'settings' },
      embedding: [0.123, -0.456, 0.789],
    });
    expect(sandbox.memoryLayer.get('mem_dark_mode')?.metadata).toEqual({ source: 'settings' });
    expect(sandbox.memoryLayer.baseUrl).toBe(sandbox.url);
  });
});

describe('startSandbox: Supermemory', () => {
  it('creates version 2 of the seeded memory over HTTP', async () => {
    const sandbox = await start();
    const response = await sendJson('PATCH', `${sandbox.url}/v4/memories`, {
      auth: `Bearer ${sandbox.apiKey}`,
      body: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toMatchObject({
      memory: 'John now prefers light mode',
      version: 2,
      parentMemoryId: 'mem_abc123',
      rootMemoryId: 'mem_abc123',
    } satisfies Partial<SupermemoryUpdate>);
    expect(sandbox.supermemory.versions('user_123').map((version) => version.memory)).toEqual([
      'John prefers dark mode',
      'John now prefers light mode',
    ]);
  });
});

describe('startSandbox: OpenSearch', () => {
  it.each([
    ['sessions', 'N2CDipkB2Mtr6INFFcX8', { additional_info: { key1: 'value1' } }, 'ApiKey'],
    ['working', 'XyEuiJkBeh2gPPwzjYWM', { tags: { topic: 'updated_topic', priority: 'high' } }, 'Bearer'],
    ['long-term', 'DcxjTpkBvwXRq366C1Zz', { memory: "User's name is Bob Smith" }, 'Basic'],
  ] as const)('updates the seeded %s memory %s, authenticated with %j', async (type, id, body, scheme) => {
    const sandbox = await start();
    const credential = scheme === 'Basic' ? btoa(`admin:${sandbox.apiKey}`) : sandbox.apiKey;
    const response = await sendJson('PUT', openSearchMemoryUrl(CONTAINER, type, id, sandbox.url), {
      auth: `${scheme} ${credential}`,
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({
      _index: `.plugins-ml-am-default-memory-${type}`,
      _id: id,
      _version: 2,
      result: 'updated',
      forced_refresh: true,
      _shards: { total: 2, successful: 1, failed: 0 },
      _seq_no: 1,
      _primary_term: 1,
    } satisfies OpenSearchUpdate);
    expect(sandbox.openSearch.get(CONTAINER, type, id)?._source).toMatchObject(body);
  });

  it('answers 401 with the challenge and CORS headers for a wrong key', async () => {
    const sandbox = await start();
    const response = await sendJson('PUT', openSearchMemoryUrl(CONTAINER, 'sessions', 'N2CDipkB2Mtr6INFFcX8', sandbox.url), {
      auth: `Basic ${btoa('admin:wrong')}`,
      body: {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('Unauthorized');
  });
});

describe('startSandbox: four fakes on one origin', () => {
  it('hands each request to the fake that owns its path, with its own log and faults', async () => {
    const sandbox = await start();
    sandbox.supermemory.failNext({ status: 503 });
    const auth = `Bearer ${sandbox.apiKey}`;
    const memoryLayer = await sendJson('PATCH', `${sandbox.url}/v1/memories/mem_dark_mode`, { auth, body: {} });
    const supermemory = await sendJson('PATCH', `${sandbox.url}/v4/memories`, { auth, body: {} });
    expect([memoryLayer.status, supermemory.status]).toEqual([200, 503]);
    expect(sandbox.memoryLayer.requests.map((request) => request.outcome)).toEqual([200]);
    expect(sandbox.supermemory.requests.map((request) => request.outcome)).toEqual([503]);
    expect(sandbox.mielto.requests).toEqual([]);
    expect(sandbox.openSearch.requests).toEqual([]);
  });

  it('seeds nothing anywhere with seed: false', async () => {
    const sandbox = await start({ seed: false });
    expect(sandbox.memoryLayer.get('mem_dark_mode')).toBeUndefined();
    expect(sandbox.supermemory.versions('user_123')).toEqual([]);
    expect(sandbox.openSearch.get(CONTAINER, 'sessions', 'N2CDipkB2Mtr6INFFcX8')).toBeUndefined();
    const response = await sendJson('PATCH', `${sandbox.url}/v1/memories/mem_dark_mode`, {
      auth: `Bearer ${sandbox.apiKey}`,
      body: {},
    });
    expect(response.status).toBe(404);
  });

  it('takes a custom key for every API, and logs their requests without it', async () => {
    const lines: string[] = [];
    const apiKey = 'sk-sandbox-custom-7';
    const sandbox = await start({ apiKey, log: (line) => lines.push(line) });
    await sendJson('PATCH', `${sandbox.url}/v4/memories`, {
      auth: `Bearer ${apiKey}`,
      body: { containerTag: 'user_123', id: 'mem_abc123', newContent: 'x' },
    });
    await sendJson('PUT', openSearchMemoryUrl(CONTAINER, 'long-term', 'DcxjTpkBvwXRq366C1Zz', sandbox.url), {
      auth: `ApiKey ${apiKey}`,
      body: { tags: {} },
    });
    await sendJson('PATCH', `${sandbox.url}/v1/memories/mem_dark_mode`, { auth: 'Bearer memwire-sandbox-key', body: {} });
    while (lines.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([
      'PATCH /v4/memories ws=- -> 200',
      `PUT /_plugins/_ml/memory_containers/${CONTAINER}/memories/long-term/DcxjTpkBvwXRq366C1Zz ws=- -> 200`,
      'PATCH /v1/memories/mem_dark_mode ws=- -> 401',
    ]);
  });

  it('answers preflights for every API allowing exactly the headers memwire sends', async () => {
    const sandbox = await start();
    for (const path of [
      '/v1/memories/mem_dark_mode',
      '/v4/memories',
      `/_plugins/_ml/memory_containers/${CONTAINER}/memories/working/x`,
    ]) {
      const response = await fetch(`${sandbox.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, x-tenant-id, x-workspace-id',
      );
    }
  });
});
