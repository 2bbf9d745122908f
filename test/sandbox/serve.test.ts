import { describe, expect, it } from 'vitest';
import type { MemoryUpdateResponse } from '../../generated/mielto.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/serve.js';
import { TestClock } from '../../src/testing/test-clock.js';
import { useSandboxes } from './use-sandboxes.js';

// Real HTTP on 127.0.0.1 with the global fetch; no msw in this file.
const start = useSandboxes();

function authorized(sandbox: Sandbox, workspace?: string): Record<string, string> {
  return {
    authorization: `Bearer ${sandbox.apiKey}`,
    'content-type': 'application/json',
    ...(workspace ? { 'x-workspace-id': workspace } : {}),
  };
}

const EXPOSED = 'retry-after, retry-after-ms, x-request-id, x-should-retry';

describe('startSandbox', () => {
  it('serves the seeded Mielto fake over real HTTP, with CORS headers on the response', async () => {
    const sandbox = await start();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.apiKey).toBe('memwire-sandbox-key');
    const response = await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: JSON.stringify({ memory: 'Ada now drinks tea' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    const body = (await response.json()) as MemoryUpdateResponse;
    expect(body.memory).toMatchObject({
      memory_id: 'mem_coffee',
      user_id: 'user_ada',
      memory: 'Ada now drinks tea',
      topics: ['coffee', 'preferences'],
      metadata: { source: 'onboarding' },
    });
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.memory).toBe('Ada now drinks tea');
    expect(sandbox.mielto.baseUrl).toBe(sandbox.url);
  });

  it('seeds mem_coffee in ws_personal and mem_standup in ws_work, and nothing when seed is false', async () => {
    const seeded = await start();
    expect(seeded.mielto.get('mem_coffee', 'ws_personal')).toMatchObject({
      user_id: 'user_ada',
      topics: ['coffee', 'preferences'],
    });
    expect(seeded.mielto.get('mem_standup', 'ws_work')).toMatchObject({
      user_id: 'user_ada',
      memory: "Ada's team stand-up is at 09:30",
      topics: ['work', 'schedule'],
      metadata: null,
    });
    expect(seeded.mielto.get('mem_coffee', 'ws_work')).toBeUndefined();
    const empty = await start({ seed: false });
    expect(empty.mielto.get('mem_coffee', 'ws_personal')).toBeUndefined();
  });

  it('answers a CORS preflight itself with exactly the headers memwire sends', async () => {
    const sandbox = await start();
    sandbox.mielto.failNext({ status: 503 });
    const response = await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type, x-tenant-id, x-workspace-id',
      },
    });
    expect(response.status).toBe(204);
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'authorization, content-type, x-tenant-id, x-workspace-id',
      'access-control-max-age': '600',
      'access-control-expose-headers': EXPOSED,
    });
    expect(await response.text()).toBe('');
    // The preflight took no fault and is not in the fake's log.
    expect(sandbox.mielto.requests).toHaveLength(0);
    const next = await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: '{}',
    });
    expect(next.status).toBe(503);
  });

  it('puts CORS headers on errors too, including paths no fake owns', async () => {
    const sandbox = await start();
    const unauthorized = await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, { method: 'PUT', body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await fetch(`${sandbox.url}/v4/documents`, { method: 'PATCH' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
    expect(await unknown.json()).toEqual({ detail: 'Not Found' });
  });

  it('delivers percent-encoded ids decoded, as over msw', async () => {
    const sandbox = await start({ seed: false });
    const id = 'notes/2025 café?#%';
    sandbox.mielto.seed([{ memory_id: id, user_id: 'u', memory: 'x' }]);
    const response = await fetch(`${sandbox.url}/api/v1/memories/${encodeURIComponent(id)}/replace`, {
      method: 'POST',
      headers: authorized(sandbox),
      body: JSON.stringify({ memory: 'y' }),
    });
    expect(response.status).toBe(200);
    expect(sandbox.mielto.get(id)?.memory).toBe('y');
    expect(sandbox.mielto.requests[0]?.path).toEqual(['api', 'v1', 'memories', id, 'replace']);
  });

  it('turns a dropped-connection fault into a network error for fetch', async () => {
    const sandbox = await start();
    sandbox.mielto.dropNext({ applied: true });
    const request = fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: JSON.stringify({ memory: 'applied, then dropped' }),
    });
    await expect(request).rejects.toThrow(TypeError);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.memory).toBe('applied, then dropped');
    // The server keeps serving after the drop.
    const next = await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: '{}',
    });
    expect(next.status).toBe(200);
  });

  it('runs the fake on the injected clock', async () => {
    const clock = new TestClock();
    const sandbox = await start({ clock });
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.created_at).toBe('2025-01-01T00:00:00.000Z');
    sandbox.mielto.delayNext({ ms: 5000 });
    const pending = fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: '{}',
    });
    await clock.whenPending();
    await clock.advance(5000);
    expect((await pending).status).toBe(200);
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.updated_at).toBe('2025-01-01T00:00:05.000Z');
  });

  it('logs one line per request, and never the key', async () => {
    const lines: string[] = [];
    const apiKey = 'sk-sandbox-secret-42';
    const sandbox = await start({ apiKey, log: (line) => lines.push(line) });
    const headers = authorized(sandbox, 'ws_personal');
    await fetch(`${sandbox.url}/api/v1/memories/mem_coffee?token=${apiKey}`, { method: 'PUT', headers, body: '{}' });
    await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, { method: 'OPTIONS' });
    await fetch(`${sandbox.url}/api/v1/memories/${apiKey}`, { method: 'PUT', headers, body: '{}' });
    await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, { method: 'PUT', body: '{}' });
    sandbox.mielto.dropNext();
    await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, { method: 'PUT', headers, body: '{}' }).catch(() => undefined);
    await waitForLines(lines, 5);
    expect(lines).toEqual([
      'PUT /api/v1/memories/mem_coffee ws=ws_personal -> 200',
      'OPTIONS /api/v1/memories/mem_coffee ws=- -> 204',
      'PUT /api/v1/memories/[redacted] ws=ws_personal -> 404',
      'PUT /api/v1/memories/mem_coffee ws=- -> 401',
      'PUT /api/v1/memories/mem_coffee ws=ws_personal -> dropped',
    ]);
    expect(lines.join('\n')).not.toContain(apiKey);
    expect(lines.join('\n')).not.toMatch(/bearer/i);
  });

  it('frees its port on close(), and close() can be called twice', async () => {
    const first = await startSandbox({ port: 0 });
    const port = Number(new URL(first.url).port);
    await first.close();
    await first.close();
    await expect(fetch(`${first.url}/api/v1/memories/mem_coffee`, { method: 'PUT' })).rejects.toThrow(TypeError);
    const second = await start({ port });
    expect(second.url).toBe(first.url);
  });

  it('abandons held requests on close(): no timer keeps the process alive, and the write never lands', async () => {
    const clock = new TestClock();
    const sandbox = await start({ clock });
    sandbox.mielto.delayNext({ ms: 60_000 });
    const held = fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      headers: authorized(sandbox, 'ws_personal'),
      body: '{"memory":"late"}',
    });
    await clock.whenPending();
    await sandbox.close();
    expect(clock.pending).toBe(0);
    await expect(held).rejects.toThrow(TypeError);
    await clock.advance(60_000);
    await sandbox.mielto.idle();
    expect(sandbox.mielto.get('mem_coffee', 'ws_personal')?.memory).not.toBe('late');
  });

  it('closes its server when it fails to start after listening', async () => {
    const first = await startSandbox({ port: 0 });
    const port = Number(new URL(first.url).port);
    await first.close();
    // An empty key is refused by the fakes, which are made once the server listens.
    await expect(startSandbox({ port, apiKey: '' })).rejects.toThrow(/apiKey must be a non-empty/);
    const second = await start({ port }); // the port is free again
    expect(second.url).toBe(first.url);
  });

  it('rejects when the port is taken', async () => {
    const first = await start();
    await expect(startSandbox({ port: Number(new URL(first.url).port) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

/**
 * The log line for a dropped request is written once the socket is destroyed, which the client may
 * notice first; wait for the server's side (bounded by the test timeout, no fixed sleep).
 */
async function waitForLines(lines: string[], count: number): Promise<void> {
  while (lines.length < count) await new Promise((resolve) => setImmediate(resolve));
}
