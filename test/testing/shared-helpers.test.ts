import { describe, expect, it } from 'vitest';
import { apiKeyAuthorization, basic, bearer, isAuthorized, requireSecret } from '../../src/testing/auth.js';
import { fakeEmbedding } from '../../src/testing/fake-embedding.js';
import { randomId } from '../../src/testing/ids.js';
import {
  describeRule,
  fieldMismatch,
  isJsonObject,
  jsonKind,
  knownFields,
  unknownFields,
} from '../../src/testing/json-fields.js';
import { readJsonObject } from '../../src/testing/json-object.js';
import { ScopedStore } from '../../src/testing/scoped-store.js';

describe('auth helpers', () => {
  it('builds Authorization values, basic as base64 of UTF-8', () => {
    expect(bearer('k')).toBe('Bearer k');
    expect(apiKeyAuthorization('k')).toBe('ApiKey k');
    expect(basic('admin', 'admin')).toBe('Basic YWRtaW46YWRtaW4=');
    expect(basic('zoë', '✓')).toBe(`Basic ${Buffer.from('zoë:✓').toString('base64')}`);
  });

  it('accepts only an exact match', () => {
    const request = (authorization?: string) => new Request('https://x/', { headers: authorization ? { authorization } : {} });
    expect(isAuthorized(request('Bearer k'), ['ApiKey k', 'Bearer k'])).toBe(true);
    expect(isAuthorized(request('bearer k'), ['Bearer k'])).toBe(false);
    expect(isAuthorized(request(), ['Bearer k'])).toBe(false);
  });

  it('requires non-empty string secrets, never echoing the value', () => {
    expect(requireSecret('F', 'apiKey', 's3cret')).toBe('s3cret');
    expect(() => requireSecret('F', 'apiKey', '')).toThrow('F: apiKey must be a non-empty string');
    expect(() => requireSecret('F', 'apiKey', 42)).toThrow(TypeError);
  });
});

describe('JSON field checks', () => {
  it('names JSON kinds', () => {
    expect([null, [], {}, 'a', 1, true].map(jsonKind)).toEqual(['null', 'array', 'object', 'string', 'number', 'boolean']);
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
  });

  it('reports the first present field, in rule order, that breaks its rule', () => {
    const rules = { a: 'string', b: 'object', c: 'object-array' } as const;
    expect(fieldMismatch({ c: 1, b: [] }, rules)).toEqual({ field: 'b', expected: 'object', actual: 'array' });
    expect(fieldMismatch({ c: [{}, null] }, rules)).toEqual({ field: 'c', expected: 'object-array', actual: 'array' });
    expect(fieldMismatch({ a: 'x', c: [{}], other: 1 }, rules)).toBeUndefined();
    expect(fieldMismatch({}, rules)).toBeUndefined();
  });

  it('finds unknown fields and keeps known ones', () => {
    const rules = { a: 'string' } as const;
    expect(unknownFields({ z: 1, a: 'x', y: 2 }, rules)).toEqual(['z', 'y']);
    expect(knownFields({ z: 1, a: 'x' }, rules)).toEqual({ a: 'x' });
    expect(['string', 'object', 'array', 'object-array', 'null'].map((rule) => describeRule(rule as never))).toEqual([
      'a string',
      'an object',
      'an array',
      'an array of objects',
      'null',
    ]);
  });

  it('reads a body that must be a JSON object', () => {
    expect(readJsonObject(' {"a":1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJsonObject('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(readJsonObject('{a:1}')).toEqual({ ok: false, problem: 'invalid-json' });
    expect(readJsonObject('null')).toEqual({ ok: false, problem: 'not-an-object' });
  });
});

describe('ids, embeddings and the scoped store', () => {
  it('makes distinct prefixed ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => randomId('mem_')));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^mem_[0-9a-z]{20}$/);
  });

  it('derives the same eight-number vector from the same text, another from another', () => {
    const vector = fakeEmbedding('dark mode');
    expect(vector).toHaveLength(8);
    expect(vector.every((value) => value >= -1 && value <= 1)).toBe(true);
    expect(fakeEmbedding('dark mode')).toEqual(vector);
    expect(fakeEmbedding('light mode')).not.toEqual(vector);
  });

  it('lists a scope in insertion order and finds an id in any scope, as copies', () => {
    const store = new ScopedStore<{ n: number }>();
    store.set('a', 'x', { n: 1 });
    store.set('b', 'y', { n: 2 });
    store.set('a', 'z', { n: 3 });
    store.set('a', 'x', { n: 4 }); // replacing keeps the place
    expect(store.list('a')).toEqual([{ n: 4 }, { n: 3 }]);
    expect(store.list('none')).toEqual([]);
    expect(store.find('y')).toEqual({ n: 2 });
    expect(store.find('none')).toBeUndefined();
    const copy = store.find('y') as { n: number };
    copy.n = 9;
    expect(store.find('y')).toEqual({ n: 2 });
  });
});
