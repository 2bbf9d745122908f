import { describe, expect, it } from 'vitest';
import { requestedDelay } from '../../src/core/retry-after.js';
import { retryDelay, shouldRetryStatus } from '../../src/core/retry-policy.js';

const none = new Headers();

describe('shouldRetryStatus', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i for an idempotent operation', (status) => {
    expect(shouldRetryStatus(status, none, true)).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 422, 501, 505])('does not retry %i', (status) => {
    expect(shouldRetryStatus(status, none, true)).toBe(false);
    expect(shouldRetryStatus(status, none, false)).toBe(false);
  });

  it.each([
    [408, true],
    [429, true],
    [503, false],
    [500, false],
    [502, false],
    [504, false],
  ])('for a non-idempotent operation retries %i: %s', (status, retried) => {
    expect(shouldRetryStatus(status, none, false)).toBe(retried);
  });

  it('retries a 503 for a non-idempotent operation only when it asks for a wait: a bare 503 may come after the backend got it', () => {
    expect(shouldRetryStatus(503, new Headers({ 'retry-after': '1' }), false)).toBe(true);
    expect(shouldRetryStatus(503, new Headers({ 'retry-after-ms': '10' }), false)).toBe(true);
    expect(shouldRetryStatus(503, new Headers({ 'x-should-retry': 'true' }), false)).toBe(true);
    expect(shouldRetryStatus(429, none, false)).toBe(true);
  });

  it('lets x-should-retry override either way', () => {
    expect(shouldRetryStatus(400, new Headers({ 'x-should-retry': 'true' }), true)).toBe(true);
    expect(shouldRetryStatus(500, new Headers({ 'x-should-retry': 'true' }), false)).toBe(true);
    expect(shouldRetryStatus(503, new Headers({ 'x-should-retry': 'false' }), true)).toBe(false);
    expect(shouldRetryStatus(503, new Headers({ 'x-should-retry': 'maybe' }), true)).toBe(true);
  });
});

describe('retryDelay', () => {
  const noJitter = () => 0;
  // What the transport hands it: the wait the response's headers ask for.
  const asked = (headers: Record<string, string>) => requestedDelay(new Headers(headers), 0);

  it('doubles from 0.5 s and caps at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => retryDelay(retry, undefined, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('takes off up to a quarter as jitter', () => {
    expect(retryDelay(0, undefined, () => 0.999999)).toBeCloseTo(375, 3);
    expect(retryDelay(3, undefined, () => 0.5)).toBe(3500);
  });

  it('uses what the server asked when between 0 and 60 s', () => {
    expect(retryDelay(0, asked({ 'retry-after': '0' }), noJitter)).toBe(0);
    expect(retryDelay(0, asked({ 'retry-after': '60' }), noJitter)).toBe(60_000);
    expect(retryDelay(2, asked({ 'retry-after-ms': '30' }), noJitter)).toBe(30);
  });

  it('falls back to backoff when the server asks for more than 60 s', () => {
    expect(retryDelay(1, asked({ 'retry-after': '61' }), noJitter)).toBe(1000);
    expect(retryDelay(0, asked({ 'retry-after': '3600' }), noJitter)).toBe(500);
  });
});
