import { describe, expect, it } from 'vitest';
import { raw } from '../../../src/raw.js';
import { InvalidArgumentError, Mielto } from '../../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, clock, client } = useMieltoFake();

const sentWorkspace = () => fake.requests.map((r) => r.headers.get('x-workspace-id'));

describe('the X-Workspace-Id header', () => {
  it('is not sent at all when neither the client nor the call names a workspace', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client().memories.update('m', { memory: 'x' });
    expect(fake.requests[0]!.headers.has('x-workspace-id')).toBe(false);
  });

  it("is the client's workspace by default", async () => {
    fake.seed([{ workspaceId: 'ws_1', memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client({ workspaceId: 'ws_1' }).memories.update('m', { memory: 'x' });
    expect(sentWorkspace()).toEqual(['ws_1']);
  });

  it("is the call's workspace when it names one", async () => {
    fake.seed([{ workspaceId: 'ws_2', memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client({ workspaceId: 'ws_1' }).memories.replace('m', { memory: 'y' }, { workspaceId: 'ws_2' });
    expect(sentWorkspace()).toEqual(['ws_2']);
    expect(fake.get('m', 'ws_2')?.memory).toBe('y');
  });

  it('is left out when the call passes null', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client({ workspaceId: 'ws_1' }).memories.update('m', { memory: 'x' }, { workspaceId: null });
    expect(fake.requests[0]!.headers.has('x-workspace-id')).toBe(false);
  });

  it('selects where the write lands: another workspace is a 404', async () => {
    fake.seed([{ workspaceId: 'ws_1', memory_id: 'm', user_id: 'u', memory: 'x' }]);
    const error = await rejectionOf(client({ workspaceId: 'ws_2' }).memories.update('m', { memory: 'y' }));
    expect(error).toMatchObject({ status: 404 });
    expect(fake.get('m', 'ws_1')?.memory).toBe('x');
  });

  it('is carried by raw calls too', async () => {
    fake.seed([{ workspaceId: 'ws_1', memory_id: 'm', user_id: 'u', memory: 'x' }]);
    const { data } = await raw(client({ workspaceId: 'ws_1' })).PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: 'm' } },
      body: { memory: 'raw' },
    });
    expect(data?.memory.memory).toBe('raw');
    expect(sentWorkspace()).toEqual(['ws_1']);
  });
});

describe('withWorkspace', () => {
  it('gives a new client and leaves the original alone', async () => {
    fake.seed([
      { workspaceId: 'ws_1', memory_id: 'm', user_id: 'u', memory: 'one' },
      { workspaceId: 'ws_2', memory_id: 'm', user_id: 'u', memory: 'two' },
    ]);
    const first = client({ workspaceId: 'ws_1' });
    const second = first.withWorkspace('ws_2');
    expect(second).toBeInstanceOf(Mielto);
    expect(second).not.toBe(first);
    await second.memories.update('m', { memory: 'two!' });
    await first.memories.update('m', { memory: 'one!' });
    expect(sentWorkspace()).toEqual(['ws_2', 'ws_1']);
    expect(fake.get('m', 'ws_1')?.memory).toBe('one!');
    expect(fake.get('m', 'ws_2')?.memory).toBe('two!');
  });

  it('keeps the key and the retry options of the client it came from', async () => {
    fake.seed([{ workspaceId: 'ws_2', memory_id: 'm', user_id: 'u', memory: 'x' }]);
    fake.failNext({ status: 503, times: 10 });
    const derived = client({ workspaceId: 'ws_1', maxRetries: 4 }).withWorkspace('ws_2');
    await rejectionOf(clock.run(derived.memories.update('m', { memory: 'x' })));
    expect(fake.requests).toHaveLength(5);
    expect(fake.requests.every((r) => r.headers.get('authorization') === `Bearer ${API_KEY}`)).toBe(true);
  });

  it('with null gives a client that sends no workspace', async () => {
    fake.seed([{ memory_id: 'm', user_id: 'u', memory: 'x' }]);
    await client({ workspaceId: 'ws_1' }).withWorkspace(null).memories.update('m', { memory: 'x' });
    expect(fake.requests[0]!.headers.has('x-workspace-id')).toBe(false);
  });

  it('keeps 1,000 interleaved concurrent calls across workspaces apart', async () => {
    const workspaces = ['ws_a', 'ws_b', 'ws_c', 'ws_d', 'ws_e'];
    fake.seed(workspaces.map((workspaceId) => ({ workspaceId, memory_id: 'm', user_id: 'u', memory: 'start' })));
    const base = client();
    const clients = workspaces.map((workspace) => base.withWorkspace(workspace));
    const calls = Array.from({ length: 1_000 }, (_, i) => {
      const index = (i * 7) % workspaces.length;
      const memory = `${workspaces[index]}:${i}`;
      // Every third call names its workspace per call, on a client bound to another one.
      return i % 3 === 0
        ? clients[(index + 1) % clients.length]!.memories.update('m', { memory }, { workspaceId: workspaces[index] })
        : clients[index]!.memories.update('m', { memory });
    });
    const results = await Promise.all(calls);
    expect(fake.requests).toHaveLength(1_000);
    for (const request of fake.requests) {
      const memory = (request.body as { memory: string }).memory;
      expect(request.headers.get('x-workspace-id')).toBe(memory.split(':')[0]);
    }
    results.forEach((result, i) => expect(result.memory.memory.endsWith(`:${i}`)).toBe(true));
  });
});

describe('a workspace id a header cannot carry', () => {
  it.each(['ws\r\nX-Admin: 1', 'ws\n', 'ws\0', '', ' ws', 'wś'])('is refused before anything is sent: %j', async (bad) => {
    expect(() => client({ workspaceId: bad })).toThrow(InvalidArgumentError);
    const error = await rejectionOf(client().memories.update('m', { memory: 'x' }, { workspaceId: bad }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(() => client().withWorkspace(bad)).toThrow(InvalidArgumentError);
    expect(fake.requests).toHaveLength(0);
  });

  it('is refused as a non-string from JavaScript callers', async () => {
    const error = await rejectionOf(client().memories.update('m', { memory: 'x' }, { workspaceId: 42 as unknown as string }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(fake.requests).toHaveLength(0);
  });
});
