// memwire/raw: the typed openapi-fetch client of a memwire client, over that client's transport.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidResponseError, MemoryLayer, Mielto, Supermemory } from '../../src/index.js';
import { raw } from '../../src/raw.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

const { fake, clock, client, server } = useMieltoFake();
const seed = () => fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Likes tea' }]);

describe('raw(client)', () => {
  it("sends with the client's key and workspace, and a derived client's own workspace", async () => {
    seed();
    const mielto = client({ workspaceId: 'ws_a' });
    const put = (target: Mielto) =>
      clock.run(
        raw(target).PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'Tea' } }),
      );
    await put(mielto);
    await put(mielto.withWorkspace('ws_b'));
    await put(mielto.withWorkspace(null));
    expect(fake.requests.map((request) => request.headers.get('x-workspace-id'))).toEqual(['ws_a', 'ws_b', null]);
    expect(fake.requests.every((request) => request.headers.get('authorization') === `Bearer ${API_KEY}`)).toBe(true);
  });

  it('is the same client every time for one memwire client, and another for another', () => {
    const mielto = client();
    expect(raw(mielto)).toBe(raw(mielto));
    expect(raw(mielto.withWorkspace('ws_b'))).not.toBe(raw(mielto));
  });

  it('refuses what is not a memwire client, saying what it takes', () => {
    for (const value of [{}, null, 'sk_key', new (class Mielto {})()]) {
      expect(() => raw(value as never)).toThrow(InvalidArgumentError);
    }
    expect(() => raw({} as never)).toThrow(/raw\(\) takes a memwire client/);
  });

  it("retries with the client's policy and shares its budget: a raw PUT is idempotent by its method", async () => {
    seed();
    fake.failNext({ status: 500 });
    const { response, attempts } = await clock.run(
      raw(client())
        .PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'Tea' } })
        .withResponse(),
    );
    expect(response.status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('fails with the HookError a hook gives, as the operations do', async () => {
    seed();
    const mielto = client({
      hooks: {
        afterResponse: () => {
          throw new Error('metrics broke');
        },
      },
    });
    const error = await rejectionOf(
      clock.run(
        raw(mielto).PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'Tea' } }),
      ),
    );
    expect(error).toMatchObject({ name: 'HookError', hook: 'afterResponse', applied: 'yes', status: 200 });
  });

  it('types each client by its own spec', () => {
    // Compile-time: each overload gives that provider's paths (checked by tsc in npm run typecheck).
    const memoryLayer = new MemoryLayer({ apiKey: API_KEY });
    const supermemory = new Supermemory({ apiKey: API_KEY });
    expect(typeof raw(memoryLayer).PATCH).toBe('function');
    expect(typeof raw(supermemory).PATCH).toBe('function');
  });
});

describe("raw(client) held to the operations' rules", () => {
  const PATH = '/api/v1/memories/{memory_id}';
  const prefix = `Mielto PUT ${PATH}: `;
  const put = (init: Record<string, unknown>) =>
    clock.run(raw(client()).PUT(PATH, { body: { memory: 'Tea' }, ...init } as never));

  it('refuses a call without a path parameter, naming it, and sends nothing', async () => {
    for (const params of [{}, { path: {} }, { path: { memory_id: undefined } }]) {
      const error = await rejectionOf(put({ params }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toBe(`${prefix}params.path.memory_id is missing: ${PATH} needs it, and nothing was sent`);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('sends header parameters that are numbers or booleans as text, and leaves out null ones', async () => {
    seed();
    await put({ params: { path: { memory_id: 'mem_1' }, header: { 'x-count': 5, 'x-dry': false, 'x-none': null } } });
    const [request] = fake.requests;
    expect([request!.headers.get('x-count'), request!.headers.get('x-dry'), request!.headers.has('x-none')]).toEqual([
      '5',
      'false',
      false,
    ]);
  });

  it('refuses a header parameter with a line feed without repeating it, and sends nothing', async () => {
    const value = 'trace-secret\nInjected: yes';
    const error = await rejectionOf(put({ params: { path: { memory_id: 'mem_1' }, header: { 'x-trace': value } } }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(new RegExp(`^${prefix.replace(/[{}]/g, '\\$&')}Header x-trace`));
    expect(JSON.stringify(error) + error.message).not.toContain('trace-secret');
    expect(fake.requests).toHaveLength(0);
  });

  it('fails a 200 it cannot read as JSON with an InvalidResponseError that shows the body redacted and cut', async () => {
    const page = `<html>${API_KEY}${'.'.repeat(2_000)}</html>`;
    server.use(http.put('https://api.mielto.com/api/v1/memories/mem_1', () => HttpResponse.html(page)));
    const error = await rejectionOf(put({ params: { path: { memory_id: 'mem_1' } } }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(
      new RegExp(`^${prefix.replace(/[{}]/g, '\\$&')}200: the body could not be read as the call asked \\(`),
    );
    expect(error).toMatchObject({
      status: 200,
      attempts: 1,
      origin: 'https://api.mielto.com',
      body: page.replace(API_KEY, '[redacted]').slice(0, 1_000),
    });
    expect(JSON.stringify(error) + error.message).not.toContain(API_KEY);
  });

  it('keeps the header values it was given out of an error about a request it could not make', async () => {
    const bodySerializer = () => {
      throw new Error('cannot serialize for tenant-token-8f2a and trace-token-77c1');
    };
    const error = await rejectionOf(
      put({
        params: { path: { memory_id: 'mem_1' }, header: { 'x-trace': 'trace-token-77c1' } },
        headers: { 'x-tenant': 'tenant-token-8f2a' },
        bodySerializer,
      }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      `${prefix}the request could not be made, and nothing was sent (Error: cannot serialize for [redacted] and [redacted])`,
    );
    expect(JSON.stringify(error) + String((error.cause as Error).message)).not.toMatch(/tenant-token|trace-token/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a query it cannot encode, saying why, and sends nothing', async () => {
    const error = await rejectionOf(put({ params: { path: { memory_id: 'mem_1' }, query: { q: '\ud800' } } }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(`${prefix}the request could not be made, and nothing was sent (URIError: URI malformed)`);
    expect(error.cause).toMatchObject({ name: 'URIError', message: 'URI malformed' }); // a redacted copy
    expect(fake.requests).toHaveLength(0);
  });
});
