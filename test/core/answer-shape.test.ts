import { describe, expect, it } from 'vitest';
import { jsonType, shapeProblems } from '../../src/core/answer-shape.js';

// The check of a 2xx body against the required fields of its documented response (generated as
// `field: 'string|null'`); test/hostile/documented-answer.test.ts sends such bodies over sockets.

describe('jsonType', () => {
  it.each([
    [[], 'array'],
    [3, 'integer'],
    [-0, 'integer'],
    [1.5, 'number'],
    [null, 'null'],
    [{}, 'object'],
    ['3', 'string'],
    [false, 'boolean'],
  ])('names %j %s', (value, type) => {
    expect(jsonType(value)).toBe(type);
  });
});

describe('shapeProblems', () => {
  it.each([
    ['every field of its type', { id: 'm', n: 2 }, { id: 'string', n: 'integer' }, []],
    ['a whole number where a number is documented', { n: 2 }, { n: 'number' }, []],
    ['null where it is allowed', { id: null }, { id: 'string|null' }, []],
    ['anything where any is documented', { v: [1] }, { v: 'any' }, []],
    ['a field missing', { id: 'm' }, { id: 'string', n: 'integer' }, ['no n']],
    ['a field only inherited', Object.create({ id: 'm' }), { id: 'string' }, ['no id']],
    ['a whole number where a string is documented', { id: 5 }, { id: 'string' }, ['id is number, not string']],
    ['a fraction where a whole number is documented', { n: 1.5 }, { n: 'integer' }, ['n is number, not integer']],
    ['an array where an object is documented', { m: [] }, { m: 'object' }, ['m is array, not object']],
    ['null where it is not allowed', { id: null }, { id: 'string' }, ['id is null, not string']],
    [
      'each problem, in the order documented',
      { b: true },
      { a: 'string', b: 'string|null' },
      ['no a', 'b is boolean, not string|null'],
    ],
  ])('%s', (_, body, shape, problems) => {
    expect(shapeProblems(body as object, shape)).toEqual(problems);
  });
});
