import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js';
import { pathSegment, serializePath } from '../../src/core/path.js';

describe('pathSegment', () => {
  it.each([
    ['mem_1', 'mem_1'],
    ['a/b', 'a%2Fb'],
    ['what?', 'what%3F'],
    ['#1', '%231'],
    ['100%', '100%25'],
    ['two words', 'two%20words'],
    ['café', 'caf%C3%A9'],
    ['🧠', '%F0%9F%A7%A0'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['a..b', 'a..b'],
    ['%zz', '%25zz'],
    [' ', '%20'],
    ['\\', '%5C'],
  ])('encodes %j as the single segment %s', (id, encoded) => {
    expect(pathSegment('id', id)).toBe(encoded);
  });

  it.each([
    ['', 'must not be empty'],
    ['.', 'would change the request path'],
    ['..', 'would change the request path'],
    ['%2e', 'would change the request path'],
    ['%2E%2e', 'would change the request path'],
    ['.%2E', 'would change the request path'],
    ['%252e%252e', 'would change the request path'],
    ['%25252E', 'would change the request path'],
    ['\ud800', 'lone surrogate'],
    ['a\udc00', 'lone surrogate'],
  ])('refuses %j', (id, message) => {
    expect(() => pathSegment('memory_id', id)).toThrow(InvalidArgumentError);
    expect(() => pathSegment('memory_id', id)).toThrow(message);
  });

  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [42, 'number'],
    [{}, 'object'],
    [['a'], 'object'],
  ])('refuses the non-string %j, naming its type', (value, type) => {
    expect(() => pathSegment('memory_id', value)).toThrow(new InvalidArgumentError(`memory_id must be a string, got ${type}`));
  });
});

describe('serializePath', () => {
  it('fills every param with its encoded segment', () => {
    expect(serializePath('https://x.test/c/{container}/m/{id}', { container: 'a b', id: 'x/y' })).toBe(
      'https://x.test/c/a%20b/m/x%2Fy',
    );
  });

  it('refuses a missing param instead of sending the literal {name}', () => {
    expect(() => serializePath('https://x.test/m/{id}', {})).toThrow(/id must be a string, got undefined/);
  });
});
