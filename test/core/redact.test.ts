import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/redact.js';

describe('redact', () => {
  const secrets = ['sk-live-123'];

  it('replaces the secret in strings, arrays, objects and their keys', () => {
    const body = { detail: 'bad key sk-live-123', list: ['sk-live-123'], 'sk-live-123': 1, n: 5, ok: true };
    expect(redact(body, secrets)).toEqual({
      detail: 'bad key [redacted]',
      list: ['[redacted]'],
      '[redacted]': 1,
      n: 5,
      ok: true,
    });
  });

  it('replaces it in Headers without touching the original', () => {
    const original = new Headers({ 'x-echo': 'Bearer sk-live-123' });
    const copy = redact(original, secrets);
    expect(copy.get('x-echo')).toBe('Bearer [redacted]');
    expect(original.get('x-echo')).toBe('Bearer sk-live-123');
  });

  it('leaves values without secrets alone', () => {
    expect(redact('fine', [])).toBe('fine');
    expect(redact(null, secrets)).toBeNull();
    expect(redact(undefined, secrets)).toBeUndefined();
  });
});
