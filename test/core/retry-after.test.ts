import { describe, expect, it } from 'vitest';
import { requestedDelay } from '../../src/core/retry-after.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const delay = (headers: Record<string, string>) => requestedDelay(new Headers(headers), now);

describe('requestedDelay', () => {
  it('reads retry-after-ms first', () => {
    expect(delay({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(delay({ 'retry-after-ms': '12.5' })).toBe(12.5);
  });

  it('falls back to Retry-After when retry-after-ms is unusable', () => {
    expect(delay({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toBe(2000);
  });

  it('reads Retry-After in seconds', () => {
    expect(delay({ 'retry-after': '3' })).toBe(3000);
    expect(delay({ 'retry-after': '0' })).toBe(0);
    expect(delay({ 'retry-after': '1.5' })).toBe(1500);
  });

  it('reads Retry-After as an HTTP date, relative to the clock', () => {
    expect(delay({ 'retry-after': new Date(now + 7000).toUTCString() })).toBe(7000);
    expect(delay({ 'retry-after': new Date(now - 7000).toUTCString() })).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(delay({})).toBeUndefined();
    expect(delay({ 'retry-after': 'later' })).toBeUndefined();
    expect(delay({ 'retry-after': '-5' })).toBeUndefined();
    expect(delay({ 'retry-after-ms': '-5' })).toBeUndefined();
  });
});
