import { describe, expect, it } from 'vitest';
import { redact, TOO_DEEP } from '../../src/core/redact.js';

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

  it('replaces it in Headers, names too, without touching the original', () => {
    const original = new Headers({ 'x-echo': 'Bearer sk-live-123', 'x-sk-live-123': 'name' });
    const copy = redact(original, secrets);
    expect([...copy]).toEqual([
      ['x-echo', 'Bearer [redacted]'],
      ['x-redacted', 'name'],
    ]);
    expect(original.get('x-echo')).toBe('Bearer sk-live-123');
  });

  it('leaves values without secrets alone', () => {
    expect(redact('fine', [])).toBe('fine');
    expect(redact(null, secrets)).toBeNull();
    expect(redact(undefined, secrets)).toBeUndefined();
  });

  describe('finds the forms a server echoes', () => {
    const key = 'sk-Live/4f+9a=1 x"y\\z';
    it.each([
      ['verbatim', key],
      ['in another case', key.toUpperCase()],
      ['percent-encoded', encodeURIComponent(key)],
      ['percent-encoded in lower case', encodeURIComponent(key).toLowerCase()],
      ['form-encoded', new URLSearchParams({ k: key }).toString().slice(2)],
      ['JSON-escaped', JSON.stringify(key).slice(1, -1)],
      ['JSON-escaped with \\/', JSON.stringify(key).slice(1, -1).replaceAll('/', '\\/')],
      ['as \\u escapes', [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
      [
        'as upper-case \\u escapes',
        [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(''),
      ],
      ['escaped in part', `sk-Live%2F4f%2B9a%3D1\\u0020x"y\\\\z`],
    ])('%s', (_, echoed) => {
      expect(redact(`<${echoed}>`, [key])).toBe('<[redacted]>');
    });

    it('non-ASCII characters as their UTF-8 bytes, percent-encoded', () => {
      const password = 'pässwörd-✓-🧠';
      expect(redact(`?p=${encodeURIComponent(password)}&`, [password])).toBe('?p=[redacted]&');
      // Every UTF-16 code unit past ASCII, escaped as JSON may escape it.
      const escaped = JSON.stringify(password).replace(
        /[\x80-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
      expect(redact(escaped, [password])).toBe('"[redacted]"');
    });
  });

  it('replaces the longest secret first, so "Bearer <key>" goes whole', () => {
    expect(redact('got Bearer sk-live-123', ['sk-live-123', 'Bearer sk-live-123'])).toBe('got [redacted]');
  });

  it.each([
    ['shortest first', ['sk-l', 'sk-live', 'sk-live-123']],
    ['longest first', ['sk-live-123', 'sk-live', 'sk-l']],
    ['mixed', ['sk-live', 'sk-live-123', 'sk-l']],
  ])('replaces a secret whole when a shorter one starts it, given %s', (_, keys) => {
    expect(redact('<sk-live-123>', keys)).toBe('<[redacted]>');
  });

  it('ignores an empty secret', () => {
    expect(redact('fine', ['', 'sk-live-123'])).toBe('fine');
  });

  it('finds a secret as its UTF-8 bytes read as Latin-1', () => {
    const password = 'hörse-stäple';
    expect(redact(`bad ${Buffer.from(password).toString('latin1')}.`, [password])).toBe('bad [redacted].');
  });

  it('takes + for a space only, and a backslash escape only for / " and \\', () => {
    expect(redact('sk live', ['sk live'])).toBe('[redacted]');
    expect(redact('sk+live', ['sk live'])).toBe('[redacted]');
    expect(redact('sk+ive', ['sklive'])).toBe('sk+ive');
    expect(redact('a\\sklive', ['sklive'])).toBe('a\\[redacted]');
    expect(redact('a\\/b', ['a/b'])).toBe('[redacted]');
  });

  it('copies plain and null-prototype objects, and leaves other objects as they are', () => {
    const bare = Object.assign(Object.create(null) as object, { detail: 'sk-live-123' });
    expect(redact(bare, secrets)).toEqual({ detail: '[redacted]' });
    const date = new Date(0);
    expect(redact(date, secrets)).toBe(date);
    const map = new Map([['k', 'sk-live-123']]);
    expect(redact(map, secrets)).toBe(map);
  });

  describe('a secret shorter than 4 characters', () => {
    it('is one of 3 characters at most: one of 4 is redacted inside a word', () => {
      expect(redact('xxabcdyy', ['abcd'])).toBe('xx[redacted]yy');
      expect(redact('xxabcyy', ['abc'])).toBe('xxabcyy');
    });

    it('is redacted only as a whole token', () => {
      expect(redact('Invalid token: ab', ['ab'])).toBe('Invalid token: [redacted]');
      expect(redact('ab,ab "ab" (ab)', ['ab'])).toBe('[redacted],[redacted] "[redacted]" ([redacted])');
      expect(redact('Mielto memories.update: 401 Unauthorized, about a tab', ['a', 'ab'])).toBe(
        'Mielto memories.update: 401 Unauthorized, about [redacted] tab',
      );
    });

    it('does not mangle the words around it', () => {
      const message = 'OpenSearch memories.update: 503 Service Unavailable (after 3 attempts)';
      for (const key of ['e', 'a', 'pd', '50', 'te', 'Ser']) expect(redact(message, [key])).toBe(message);
    });

    it('while a longer one is redacted anywhere', () => {
      expect(redact('xxsk-live-123yy', secrets)).toBe('xx[redacted]yy');
    });
  });

  describe('never throws', () => {
    it('on a body nested 10,000 levels deep: what lies beyond 64 levels becomes a marker', () => {
      let deep: unknown = 'sk-live-123';
      for (let i = 0; i < 10_000; i++) deep = i % 2 ? [deep] : { a: deep };
      const copy = redact(deep, secrets);
      const text = JSON.stringify(copy);
      expect(text).toContain(JSON.stringify(TOO_DEEP));
      expect(text).not.toContain('sk-live-123');
      let depth = 0;
      for (let node: unknown = copy; typeof node === 'object' && node !== null; depth++) {
        node = Array.isArray(node) ? node[0] : (node as { a: unknown }).a;
      }
      expect(depth).toBe(64);
    });

    it('keeps a body 64 levels deep whole', () => {
      let deep: unknown = 'leaf';
      for (let i = 0; i < 63; i++) deep = [deep];
      expect(redact(deep, secrets)).toEqual(deep);
    });

    it('on keys that are prototype names', () => {
      const body = JSON.parse('{"__proto__":{"x":"sk-live-123"},"constructor":"sk-live-123","toString":1}') as object;
      const copy = redact(body, secrets);
      expect(Object.keys(copy)).toEqual(['__proto__', 'constructor', 'toString']);
      expect(JSON.stringify(copy)).toBe('{"__proto__":{"x":"[redacted]"},"constructor":"[redacted]","toString":1}');
    });

    it('on a getter that throws: the value becomes a marker', () => {
      const body = {
        get detail(): string {
          throw new Error('no');
        },
      };
      expect(redact(body, secrets)).toBe('[unreadable]');
    });

    it('on secrets that are regular-expression syntax', () => {
      expect(redact('a.*(b)[c]|d$^e?{2}', ['.*(b)[c]|d$^e?{2}'])).toBe('a[redacted]');
      expect(redact('$& $1 ok', ['$&', '$1'])).toBe('[redacted] [redacted] ok');
    });
  });
});
