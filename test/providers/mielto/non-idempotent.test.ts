import { describe, expect, it } from 'vitest';
import { raw } from '../../../src/raw.js';
import { ConnectionError, TimeoutError } from '../../../src/index.js';
import { rejectionOf, useMieltoFake } from '../../helpers/mielto.js';
import { refusedOnce } from '../../helpers/refused-once.js';

// `raw` POSTs name no operation, so the core treats them as not idempotent (RFC 9110). They
// exercise the rule every non-idempotent operation follows.
const { fake, clock, client } = useMieltoFake();

function replaceViaRaw(mielto = client()) {
  return raw(mielto).POST('/api/v1/memories/{memory_id}/replace', {
    params: { path: { memory_id: 'mem_1' } },
    body: { memory: 'Replaced' },
  });
}

describe('an operation that is not idempotent', () => {
  it.each([408, 429, 503])('is retried after %i with Retry-After: the server did not apply it', async (status) => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.failNext({ status, retryAfter: 1 });
    const { response } = await clock.run(replaceViaRaw());
    expect(response.status).toBe(200);
    expect(fake.requests.map((r) => r.outcome)).toEqual([status, 200]);
  });

  it.each([500, 502, 503, 504])('is not retried after a bare %i: the server may have applied it', async (status) => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.failNext({ status, applied: true });
    const { response } = await clock.run(replaceViaRaw());
    expect(response.status).toBe(status);
    expect(fake.requests).toHaveLength(1);
  });

  it('is not retried after a dropped connection, and the write happened once', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.dropNext({ applied: true });
    const error = await rejectionOf(clock.run(replaceViaRaw()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(fake.requests).toHaveLength(1);
    expect(fake.get('mem_1')?.memory).toBe('Replaced');
  });

  it('is not retried after a timeout', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.delayNext({ ms: 5_000 });
    const error = await rejectionOf(clock.run(replaceViaRaw(client({ timeout: 1_000 }))));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fake.requests).toHaveLength(1);
  });

  it('is retried after a refused connection: nothing was sent', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    const { response } = await clock.run(replaceViaRaw(client({ fetch: refusedOnce() })));
    expect(response.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
  });

  it('is retried after a 500 when it is a raw PUT, idempotent by its method', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.failNext({ status: 500 });
    const { response } = await clock.run(
      raw(client()).PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'Put' } }),
    );
    expect(response.status).toBe(200);
    expect(fake.requests.map((r) => r.outcome)).toEqual([500, 200]);
  });

  it('an idempotent operation is retried after a timeout', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.delayNext({ ms: 5_000 });
    const result = await clock.run(client({ timeout: 1_000 }).memories.update('mem_1', { memory: 'Again' }));
    expect(result.memory.memory).toBe('Again');
    expect(fake.requests).toHaveLength(2);
  });

  it('replace is not retried after a timeout: its answer (old_memory) would be its own write', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'Original' }]);
    fake.delayNext({ ms: 5_000 });
    const error = await rejectionOf(clock.run(client({ timeout: 1_000 }).memories.replace('mem_1', { memory: 'Again' })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fake.requests).toHaveLength(1);
  });
});
