import { describe, expect, it } from 'vitest';
import { update } from '../helpers/mielto-fetch.js';
import { useMieltoFake } from '../helpers/mielto.js';

const { fake, clock } = useMieltoFake();

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_ada', memory: 'Tea' }]);
}

const stored = () => fake.get('mem_1')?.memory;

describe('Mielto fake: failNext', () => {
  it('answers the status with {"detail": <reason>} without applying the write, once', async () => {
    seed();
    fake.failNext({ status: 503 });
    const failed = await update('mem_1', { memory: 'Coffee' });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('application/json');
    expect(failed.headers.get('x-request-id')).toBe('req_1');
    expect(await failed.json()).toEqual({ detail: 'Service Unavailable' });
    expect(stored()).toBe('Tea');
    expect((await update('mem_1', { memory: 'Coffee' })).status).toBe(200);
    expect(stored()).toBe('Coffee');
  });

  it('with applied: true, applies the write and then answers with the fault', async () => {
    seed();
    fake.failNext({ status: 500, applied: true });
    const failed = await update('mem_1', { memory: 'Coffee' });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Internal Server Error' });
    expect(stored()).toBe('Coffee');
  });

  it('sends Retry-After (seconds or raw), retry-after-ms and extra headers', async () => {
    seed();
    fake.failNext({ status: 429, retryAfter: 2, retryAfterMs: 1500, headers: { 'X-Should-Retry': 'true' } });
    fake.failNext({ status: 503, retryAfter: 'Wed, 01 Jan 2025 00:00:30 GMT' });
    const first = await update('mem_1', { memory: 'x' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.headers.get('retry-after-ms')).toBe('1500');
    expect(first.headers.get('x-should-retry')).toBe('true');
    expect(await first.json()).toEqual({ detail: 'Too Many Requests' });
    const second = await update('mem_1', { memory: 'x' });
    expect(second.headers.get('retry-after')).toBe('Wed, 01 Jan 2025 00:00:30 GMT');
    expect(second.headers.get('retry-after-ms')).toBeNull();
  });

  it('lets fault headers override the request id', async () => {
    seed();
    fake.failNext({ status: 502, headers: { 'x-request-id': 'req_from_gateway' } });
    expect((await update('mem_1', { memory: 'x' })).headers.get('x-request-id')).toBe('req_from_gateway');
  });

  it.each([
    ['an HTML string', '<html><body>502 Bad Gateway</body></html>', 'text/html; charset=utf-8'],
    ['a plain string', 'upstream connect error', 'text/plain; charset=utf-8'],
  ])('sends %s body raw', async (_name, body, contentType) => {
    seed();
    fake.failNext({ status: 502, body });
    const failed = await update('mem_1', { memory: 'x' });
    expect(failed.headers.get('content-type')).toBe(contentType);
    expect(await failed.text()).toBe(body);
  });

  it('sends any other body as JSON', async () => {
    seed();
    fake.failNext({ status: 409, body: { detail: [{ msg: 'conflict' }] } });
    const failed = await update('mem_1', { memory: 'x' });
    expect(failed.headers.get('content-type')).toBe('application/json');
    expect(await failed.json()).toEqual({ detail: [{ msg: 'conflict' }] });
  });

  it('sends no body for a null-body status', async () => {
    seed();
    fake.failNext({ status: 204 });
    const response = await update('mem_1', { memory: 'x' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('repeats for `times` requests, then lets requests through', async () => {
    seed();
    fake.failNext({ status: 503, times: 2 });
    expect((await update('mem_1', { memory: 'a' })).status).toBe(503);
    expect((await update('mem_1', { memory: 'b' })).status).toBe(503);
    expect((await update('mem_1', { memory: 'c' })).status).toBe(200);
    expect(stored()).toBe('c');
  });

  it('is taken by the next request whatever it is, before routing and auth', async () => {
    seed();
    fake.failNext({ status: 503 });
    expect((await update('mem_1', { memory: 'x' }, { auth: null })).status).toBe(503);
    expect((await update('mem_1', { memory: 'x' }, { auth: null })).status).toBe(401);
  });

  it('rejects statuses a Response cannot carry and bad `times`', () => {
    expect(() => fake.failNext({ status: 199 })).toThrow(RangeError);
    expect(() => fake.failNext({ status: 600 })).toThrow(RangeError);
    expect(() => fake.failNext({ status: 503, times: 0 })).toThrow(RangeError);
    expect(() => fake.failNext({ status: 503, times: 1.5 })).toThrow(RangeError);
    expect(() => fake.delayNext({ ms: -1 })).toThrow(RangeError);
  });
});

describe('Mielto fake: dropNext', () => {
  it('drops the connection (fetch rejects) without applying the write', async () => {
    seed();
    fake.dropNext();
    await expect(update('mem_1', { memory: 'Coffee' })).rejects.toThrow(TypeError);
    expect(stored()).toBe('Tea');
    expect(fake.requests.map((request) => request.outcome)).toEqual(['dropped']);
    expect((await update('mem_1', { memory: 'Coffee' })).status).toBe(200);
  });

  it('with applied: true, applies the write and then drops the connection', async () => {
    seed();
    fake.dropNext({ applied: true });
    await expect(update('mem_1', { memory: 'Coffee' })).rejects.toThrow(TypeError);
    expect(stored()).toBe('Coffee');
  });

  it('repeats for `times` requests', async () => {
    seed();
    fake.dropNext({ times: 2 });
    await expect(update('mem_1', { memory: 'a' })).rejects.toThrow(TypeError);
    await expect(update('mem_1', { memory: 'b' })).rejects.toThrow(TypeError);
    expect((await update('mem_1', { memory: 'c' })).status).toBe(200);
  });
});

describe('Mielto fake: delayNext (on the injected clock)', () => {
  it('holds the request until the clock has moved `ms`, then handles it', async () => {
    seed();
    fake.delayNext({ ms: 1000 });
    const pending = update('mem_1', { memory: 'Coffee' });
    await clock.whenPending();
    const arrivedAt = clock.now();
    await clock.advance(999);
    expect(clock.pending).toBe(1);
    expect(stored()).toBe('Tea');
    expect(fake.requests.map((request) => request.outcome)).toEqual(['pending']);
    await clock.advance(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(fake.get('mem_1')?.updated_at).toBe(new Date(arrivedAt + 1000).toISOString());
  });

  it('still applies the write after the client gave up, as a real server would', async () => {
    seed();
    fake.delayNext({ ms: 30_000 });
    const controller = new AbortController();
    const pending = update('mem_1', { memory: 'Coffee' }, { signal: controller.signal });
    await clock.whenPending();
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(stored()).toBe('Tea');
    await clock.advance(30_000);
    await fake.idle();
    expect(stored()).toBe('Coffee');
    expect(fake.requests.map((request) => request.outcome)).toEqual([200]);
  });

  it('delays `times` requests, each by its own `ms`', async () => {
    seed();
    fake.delayNext({ ms: 500, times: 2 });
    const first = update('mem_1', { memory: 'a' });
    const second = update('mem_1', { memory: 'b' });
    await clock.whenPending(2);
    await clock.advance(500);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(clock.pending).toBe(0);
  });
});

describe('Mielto fake: the fault queue', () => {
  it('serves faults first-in, first-out, one per request', async () => {
    seed();
    fake.failNext({ status: 503 });
    fake.dropNext();
    fake.delayNext({ ms: 100 });
    expect((await update('mem_1', { memory: 'a' })).status).toBe(503);
    await expect(update('mem_1', { memory: 'b' })).rejects.toThrow(TypeError);
    const delayed = update('mem_1', { memory: 'c' });
    await clock.whenPending();
    await clock.advance(100);
    expect((await delayed).status).toBe(200);
    expect((await update('mem_1', { memory: 'd' })).status).toBe(200);
    expect(fake.requests.map((request) => request.outcome)).toEqual([503, 'dropped', 200, 200]);
  });

  it('is emptied by reset()', async () => {
    seed();
    fake.failNext({ status: 503, times: Infinity });
    fake.reset();
    seed();
    expect((await update('mem_1', { memory: 'a' })).status).toBe(200);
  });
});
