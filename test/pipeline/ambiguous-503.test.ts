import { describe, expect, it } from 'vitest';
import { Mielto, ServerError, Supermemory } from '../../src/index.js';
import { createMieltoFake, createSupermemoryFake, type FailNextOptions } from '../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../helpers/use-fake.js';

// A bare 503 (no Retry-After, no retry-after-ms, no `x-should-retry: true`) does not say the
// request was not applied: a proxy in front of a server that committed it answers the same. A
// write that is not idempotent is repeated only when the 503 says to try again.
const { fake, timing, clock } = useFake((clock) => {
  const supermemory = createSupermemoryFake({ apiKey: API_KEY, clock });
  const mielto = createMieltoFake({ apiKey: API_KEY, clock });
  return {
    supermemory,
    mielto,
    handlers: [...supermemory.handlers, ...mielto.handlers],
    reset: () => (supermemory.reset(), mielto.reset()),
  };
});
const { supermemory, mielto } = fake;

function seed() {
  supermemory.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
  mielto.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
}

const update = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' };
const updateSupermemory = () => new Supermemory({ apiKey: API_KEY, ...timing }).memories.update(update);

describe('Supermemory update (not idempotent) answered with a 503', () => {
  it('is not retried after a bare 503: a ServerError after one attempt, and exactly one new version', async () => {
    seed();
    supermemory.failNext({ status: 503, applied: true });
    const error = await rejectionOf(clock.run(updateSupermemory()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(supermemory.requests).toHaveLength(1);
    expect(supermemory.versions('user_123')).toHaveLength(2);
  });

  it.each<[string, Partial<FailNextOptions>]>([
    ['Retry-After: 0', { retryAfter: 0 }],
    ['retry-after-ms: 0', { retryAfterMs: 0 }],
    ['x-should-retry: true', { headers: { 'x-should-retry': 'true' } }],
  ])('is retried after a 503 with %s, and makes one new version', async (_, fault) => {
    seed();
    supermemory.failNext({ status: 503, ...fault });
    const { data, attempts } = await clock.run(updateSupermemory().withResponse());
    expect(attempts).toBe(2);
    expect(supermemory.requests.map((request) => request.outcome)).toEqual([503, 200]);
    const versions = supermemory.versions('user_123');
    expect(versions).toHaveLength(2);
    expect(data.id).toBe(versions[1]!.id);
  });
});

describe('Mielto update (idempotent) answered with a bare 503', () => {
  it('is still retried', async () => {
    seed();
    mielto.failNext({ status: 503, applied: true });
    const call = new Mielto({ apiKey: API_KEY, ...timing }).memories.update('mem_1', { memory: 'Likes coffee' });
    const { data, attempts } = await clock.run(call.withResponse());
    expect(attempts).toBe(2);
    expect(data.memory.memory).toBe('Likes coffee');
    expect(mielto.requests.map((request) => request.outcome)).toEqual([503, 200]);
  });
});
