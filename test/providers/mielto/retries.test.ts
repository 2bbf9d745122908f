import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
  AuthenticationError,
} from '../../../src/index.js';
import { rejectionOf, useMieltoFake } from '../../helpers/mielto.js';

const { fake, clock, server, client } = useMieltoFake();

function seedMemory() {
  const [memory] = fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
  return memory!;
}

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i and succeeds', async (status) => {
    seedMemory();
    fake.failNext({ status });
    const result = await clock.run(client().memories.update('mem_1', { memory: 'Likes coffee' }));
    expect(result.memory.memory).toBe('Likes coffee');
    expect(fake.requests.map((r) => r.outcome)).toEqual([status, 200]);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
    [501, ServerError],
    [418, ApiError],
  ])('does not retry %i, and throws %o', async (status, ErrorClass) => {
    seedMemory();
    fake.failNext({ status });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it('stops after maxRetries and reports every attempt', async () => {
    seedMemory();
    fake.failNext({ status: 503, times: 10 });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(error.message).toContain('after 3 attempts');
    expect(fake.requests).toHaveLength(3);
  });

  it('takes maxRetries from the client and from the call', async () => {
    seedMemory();
    fake.failNext({ status: 500, times: 10 });
    await rejectionOf(clock.run(client({ maxRetries: 5 }).memories.update('mem_1', { memory: 'x' })));
    expect(fake.requests).toHaveLength(6);

    fake.reset();
    seedMemory();
    fake.failNext({ status: 500, times: 10 });
    await rejectionOf(clock.run(client({ maxRetries: 5 }).memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 })));
    expect(fake.requests).toHaveLength(1);
  });

  it('sends the identical body on every attempt', async () => {
    seedMemory();
    fake.failNext({ status: 502, times: 2 });
    const patch = { memory: 'Likes coffee', topics: ['drinks'], metadata: { n: 1 } };
    await clock.run(client().memories.update('mem_1', patch));
    expect(fake.requests.map((r) => r.body)).toEqual([patch, patch, patch]);
  });

  it('lets x-should-retry: false stop a retry and x-should-retry: true force one', async () => {
    seedMemory();
    fake.failNext({ status: 503, headers: { 'x-should-retry': 'false' } });
    await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(fake.requests).toHaveLength(1);

    fake.reset();
    seedMemory();
    fake.failNext({ status: 400, headers: { 'x-should-retry': 'true' } });
    await clock.run(client().memories.update('mem_1', { memory: 'x' }));
    expect(fake.requests.map((r) => r.outcome)).toEqual([400, 200]);
  });

  it('retries a dropped connection for an idempotent operation', async () => {
    seedMemory();
    fake.dropNext({ times: 2 });
    await clock.run(client().memories.update('mem_1', { memory: 'y' }));
    expect(fake.requests.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 200]);
  });

  it('throws ConnectionError when every attempt is dropped', async () => {
    seedMemory();
    fake.dropNext({ times: 3 });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(error.message).toMatch(/^Mielto memories.update: could not reach https:\/\/api.mielto.com: .* \(after 3 attempts\)$/);
    expect(error).toMatchObject({ origin: 'https://api.mielto.com' });
  });

  it('treats a connection dropped in the middle of the body as a failed attempt', async () => {
    seedMemory();
    let broken = true;
    server.use(
      http.put('https://api.mielto.com/api/v1/memories/:id', () => {
        if (!broken) return undefined; // the fake answers
        broken = false;
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"memory_id":'));
            controller.error(new TypeError('terminated'));
          },
        });
        return new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const result = await clock.run(client().memories.update('mem_1', { memory: 'z' }));
    expect(result.memory.memory).toBe('z');
  });
});

describe('retry delays', () => {
  it('waits what retry-after-ms asks', async () => {
    seedMemory();
    fake.failNext({ status: 429, retryAfterMs: 1234 });
    await clock.run(client({ timeout: Infinity }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toContain(1234);
  });

  it('waits Retry-After given in seconds', async () => {
    seedMemory();
    fake.failNext({ status: 503, retryAfter: 7 });
    await clock.run(client({ timeout: Infinity }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toEqual([7000]);
  });

  it('waits until a Retry-After date', async () => {
    seedMemory();
    const now = clock.now();
    const date = new Date(now + 30_000).toUTCString(); // whole seconds, as HTTP dates are
    fake.failNext({ status: 503, retryAfter: date });
    await clock.run(client({ timeout: Infinity }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toEqual([Date.parse(date) - now]);
    expect(clock.delays[0]).toBeGreaterThan(29_000);
  });

  it('backs off exponentially when the server says nothing, capped at 8 s', async () => {
    seedMemory();
    fake.failNext({ status: 500, times: 6 });
    await clock.run(client({ timeout: Infinity, maxRetries: 6 }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('ignores a Retry-After above 60 s and backs off instead', async () => {
    seedMemory();
    fake.failNext({ status: 429, retryAfter: 600 });
    await clock.run(client({ timeout: Infinity }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toEqual([500]);
  });

  it('applies jitter from the injected randomness', async () => {
    seedMemory();
    fake.failNext({ status: 500, times: 2 });
    await clock.run(client({ timeout: Infinity, random: () => 0.5 }).memories.update('mem_1', { memory: 'x' }));
    expect(clock.delays).toEqual([437.5, 875]);
  });

  it('gives RateLimitError the wait the server asked for', async () => {
    seedMemory();
    fake.failNext({ status: 429, retryAfter: 2, times: 3 });
    const error = await rejectionOf(clock.run(client({ timeout: Infinity }).memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(2000);
  });

  it('gives RateLimitError the whole wait asked for, even beyond the 60 s the loop honours', async () => {
    seedMemory();
    fake.failNext({ status: 429, retryAfter: 120 });
    const error = await rejectionOf(clock.run(client().memories.update('mem_1', { memory: 'x' }, { maxRetries: 0 })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120_000);
  });
});
