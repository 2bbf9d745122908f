// memwire/raw: the typed openapi-fetch client of a memwire client, over that client's transport.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MemoryLayer, Mielto, Supermemory } from '../../src/index.js';
import { raw } from '../../src/raw.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

const { fake, clock, client } = useMieltoFake();
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
