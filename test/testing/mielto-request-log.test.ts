import { describe, expect, it } from 'vitest';
import { memoryUrl, replace, send, update } from '../helpers/mielto-fetch.js';
import { API_KEY, useMieltoFake } from '../helpers/mielto.js';

const { fake, clock } = useMieltoFake();

describe('Mielto fake: request log', () => {
  it('records method, url, decoded path, headers, parsed body, workspace and outcome', async () => {
    fake.seed([{ workspaceId: 'ws_personal', memory_id: 'a/b', user_id: 'user_ada', memory: 'Tea' }]);
    await update('a/b', { memory: 'Coffee' }, { workspace: 'ws_personal' });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'PUT',
      url: 'https://api.mielto.com/api/v1/memories/a%2Fb',
      path: ['api', 'v1', 'memories', 'a/b'],
      body: { memory: 'Coffee' },
      workspaceId: 'ws_personal',
      outcome: 200,
    });
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('content-type')).toBe('application/json');
  });

  it('keeps a body that is not JSON as raw text, and an empty one as undefined', async () => {
    await update('mem_1', 'memory=Coffee', { contentType: 'application/x-www-form-urlencoded' });
    await send('PUT', memoryUrl('mem_1'));
    expect(fake.requests.map((request) => [request.body, request.workspaceId, request.outcome])).toEqual([
      ['memory=Coffee', null, 422],
      [undefined, null, 422],
    ]);
  });

  it('records every outcome, including 404s, 405s, 401s and drops', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    await update('mem_unknown', { memory: 'x' });
    await send('GET', memoryUrl('mem_1'));
    await replace('mem_1', { memory: 'x' }, { auth: null });
    fake.dropNext();
    await update('mem_1', { memory: 'x' }).catch(() => undefined);
    expect(fake.requests.map((request) => `${request.method} ${request.outcome}`)).toEqual([
      'PUT 404',
      'GET 405',
      'POST 401',
      'PUT dropped',
    ]);
  });

  it('lists a request on arrival, pending until answered, and keeps arrival order', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    fake.delayNext({ ms: 1000 });
    const slow = update('mem_1', { memory: 'slow' });
    await clock.whenPending();
    await update('mem_1', { memory: 'fast' });
    expect(fake.requests.map((request) => [request.body, request.outcome])).toEqual([
      [{ memory: 'slow' }, 'pending'],
      [{ memory: 'fast' }, 200],
    ]);
    await clock.advance(1000);
    await slow;
    expect(fake.requests.map((request) => [request.body, request.outcome])).toEqual([
      [{ memory: 'slow' }, 200],
      [{ memory: 'fast' }, 200],
    ]);
    expect(fake.get('mem_1')?.memory).toBe('slow');
  });

  it('reset() abandons a delayed request: its timer is cleared and nothing is applied', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    fake.delayNext({ ms: 1000 });
    const abandoned = update('mem_1', { memory: 'late' });
    await clock.whenPending();
    fake.reset();
    expect(clock.pending).toBe(0);
    await expect(abandoned).rejects.toThrow(TypeError);
    await fake.idle();
    expect(fake.requests).toEqual([]);
    expect(fake.get('mem_1')).toBeUndefined();
  });

  it.each([
    ['held by delayNext', () => fake.delayNext({ ms: 1000 })],
    ['not delayed', () => {}],
  ])('reset() also abandons a request %s whose body was still being read', async (_, inject) => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    inject();
    const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ memory: 'from the test before' });
    // handle() takes the request (and its fault) at once; its body is read on a later tick.
    const answer = fake.handle(new Request(memoryUrl('mem_1'), { method: 'PUT', headers, body }));
    fake.reset();
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Coffee' }]);
    expect((await answer).type).toBe('error');
    await clock.advance(5000);
    await fake.idle();
    expect(clock.pending).toBe(0);
    expect(fake.get('mem_1')?.memory).toBe('Coffee');
    expect(fake.requests).toEqual([]);
  });

  it('abandonPending() abandons held requests but keeps the state, the log and queued faults', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
    fake.delayNext({ ms: 1000 });
    const held = update('mem_1', { memory: 'late' });
    await clock.whenPending();
    fake.failNext({ status: 503 });
    fake.abandonPending();
    expect(clock.pending).toBe(0);
    await expect(held).rejects.toThrow(TypeError);
    expect(fake.get('mem_1')?.memory).toBe('Tea');
    expect(fake.requests.map((request) => request.outcome)).toEqual(['dropped']);
    expect((await update('mem_1', { memory: 'next' })).status).toBe(503);
  });

  it('numbers x-request-id per request, and reset() clears the log and restarts the count', async () => {
    const ids = async () => (await update('mem_1', { memory: 'x' })).headers.get('x-request-id');
    expect([await ids(), await ids()]).toEqual(['req_1', 'req_2']);
    expect(fake.requests).toHaveLength(2);
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(await ids()).toBe('req_1');
  });
});
