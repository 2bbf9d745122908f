import { describe, expect, it } from 'vitest';
import { ConnectionError, ServerError, TimeoutError } from '../../src/index.js';
import { rejectionOf, useMieltoFake } from '../helpers/mielto.js';
import { refusedOnce } from '../helpers/refused-once.js';

// A replace answers with the memory before it and after it: sent again once applied, it would
// answer with the replacement as the "old" memory. So a replace that may have been applied is not
// repeated; one the server says it did not apply is.
const { fake, clock, client } = useMieltoFake();

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
}

const replace = (mielto = client()) => mielto.memories.replace('mem_1', { memory: 'Likes coffee' });

/** Where the server's replaces went, by path: one entry per request it received. */
const replaces = () => fake.requests.filter((request) => request.url.endsWith('/mem_1/replace'));

describe('Mielto memories.replace, after an attempt that may have been applied', () => {
  it.each([500, 502, 504])('is not retried after a %i: a ServerError after one attempt', async (status) => {
    seed();
    fake.failNext({ status, applied: true });
    const error = await rejectionOf(clock.run(replace()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(replaces()).toHaveLength(1);
  });

  it('is not retried after a timeout in flight: a TimeoutError after one attempt', async () => {
    seed();
    fake.delayNext({ ms: 5_000 });
    const error = await rejectionOf(clock.run(replace(client({ timeout: 1_000 }))));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    await clock.advance(10_000); // the server finishes the replace the client gave up on
    await fake.idle();
    expect(replaces()).toHaveLength(1);
    expect(fake.get('mem_1')?.memory).toBe('Likes coffee');
  });

  it('is not retried after a dropped connection: a ConnectionError after one attempt', async () => {
    seed();
    fake.dropNext({ applied: true });
    const error = await rejectionOf(clock.run(replace()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(replaces()).toHaveLength(1);
  });
});

describe('Mielto memories.replace, after an answer that says nothing was applied', () => {
  it.each([
    ['a 429', { status: 429 }],
    ['a 503 with Retry-After', { status: 503, retryAfter: 1 }],
    ['a 408', { status: 408 }],
  ])('is retried after %s', async (_, fault) => {
    seed();
    fake.failNext(fault);
    const { data, attempts } = await clock.run(replace().withResponse());
    expect(attempts).toBe(2);
    expect(data.new_memory.memory).toBe('Likes coffee');
    expect(replaces().map((request) => request.outcome)).toEqual([fault.status, 200]);
  });

  it('is retried after a refused connection: the server saw only the retry', async () => {
    seed();
    const { data, attempts } = await clock.run(replace(client({ fetch: refusedOnce() })).withResponse());
    expect(attempts).toBe(2);
    expect(data.new_memory.memory).toBe('Likes coffee');
    expect(replaces()).toHaveLength(1);
  });
});

describe('Mielto memories.update, which is idempotent', () => {
  it('is still retried after a 500', async () => {
    seed();
    fake.failNext({ status: 500, applied: true });
    const { data, attempts } = await clock.run(client().memories.update('mem_1', { memory: 'Likes coffee' }).withResponse());
    expect(attempts).toBe(2);
    expect(data.memory.memory).toBe('Likes coffee');
    expect(fake.requests.map((request) => request.outcome)).toEqual([500, 200]);
  });
});
