import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js';
import { headerRecord, headerValue } from '../../src/core/headers.js';

describe('headerValue', () => {
  it.each(['ws_1', 'a b', 'tab\tinside', '~!#$%&*'])('accepts %j', (value) => {
    expect(headerValue('X-Workspace-Id', value)).toBe(value);
  });

  it.each(['', 'a\r\nX-Evil: 1', 'line\nbreak', 'cr\r', 'nul\0', ' lead1', 'trail2 ', 'café', '🧠', 'del\x7f'])(
    'refuses %j without repeating it',
    (value) => {
      let error: unknown;
      try {
        headerValue('X-Workspace-Id', value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain('X-Workspace-Id');
      if (value.trim()) expect((error as Error).message).not.toContain(value.trim());
    },
  );

  it.each([undefined, null, 7])('refuses the non-string %j', (value) => {
    expect(() => headerValue('X-Workspace-Id', value)).toThrow(InvalidArgumentError);
  });

  it('refuses an invalid header name', () => {
    expect(() => headerRecord({ 'Bad Name': 'x' })).toThrow(/not a valid header name/);
  });
});

describe('headerRecord', () => {
  it('copies the headers a caller may set, names in lower case, and takes undefined or null for none', () => {
    const headers = { 'X-Trace': 't-1', 'x-authorization': 'none', 'authorization-hint': 'none', hosted: 'yes' };
    expect(headerRecord(headers)).toEqual({
      'x-trace': 't-1',
      'x-authorization': 'none',
      'authorization-hint': 'none',
      hosted: 'yes',
    });
    expect(headerRecord(undefined)).toEqual({});
    expect(headerRecord(null)).toEqual({});
  });

  const pairs: [string, string][] = [
    ['X-Trace', 't-1'],
    ['x-team', 'blue'],
  ];

  it.each([
    ['a Headers', new Headers(pairs)],
    ['an array of pairs', pairs],
    ['a readonly array of pairs', Object.freeze(pairs.map((pair) => Object.freeze([...pair])))],
    ['a Map', new Map(pairs)],
    [
      'an iterable of pairs',
      {
        *[Symbol.iterator]() {
          yield* pairs;
        },
      },
    ],
    ['a URLSearchParams', new URLSearchParams(pairs)],
  ])('takes %s, as fetch does', (_, headers) => {
    expect(headerRecord(headers)).toEqual({ 'x-trace': 't-1', 'x-team': 'blue' });
  });

  it('joins the values of a name given twice with ", ", as fetch does, whatever its case', () => {
    expect(
      headerRecord([
        ['X-Tag', 'a'],
        ['x-tag', 'b'],
      ]),
    ).toEqual({ 'x-tag': 'a, b' });
    expect(headerRecord({ 'X-Tag': 'a', 'x-tag': 'b' })).toEqual({ 'x-tag': 'a, b' });
  });

  it('gives records that a spread merges by name, whatever the case each was given in', () => {
    const client = headerRecord({ 'X-Trace-Id': 'client', 'X-Team': 'blue' });
    const call = headerRecord(new Headers({ 'x-trace-id': 'call' }));
    expect({ ...client, ...call }).toEqual({ 'x-trace-id': 'call', 'x-team': 'blue' });
  });

  it('takes an empty Headers, array or Map as none', () => {
    expect(headerRecord(new Headers())).toEqual({});
    expect(headerRecord([])).toEqual({});
    expect(headerRecord(new Map())).toEqual({});
  });

  it.each([
    ['a string', 'x-trace: secret-1', 'string'],
    ['a number', 7, 'number'],
    ['a boolean', false, 'boolean'],
    ['a function', () => ({ 'x-trace': 'secret-1' }), 'function'],
    ['a symbol', Symbol('secret-1'), 'symbol'],
  ])('refuses %s, naming its type only', (_, headers, type) => {
    expect(() => headerRecord(headers)).toThrow(
      new InvalidArgumentError(`headers must be an object of names to values, a Headers, or [name, value] pairs, got ${type}`),
    );
  });

  it.each([
    [[['x-trace']], 0, 'an array of 1'],
    [[['x-trace', 'secret-1', 'secret-2']], 0, 'an array of 3'],
    [[[]], 0, 'an array of 0'],
    [[['x-team', 'blue'], 'secret-1'], 1, 'string'],
    [[null], 0, 'null'],
    [[undefined], 0, 'undefined'],
    [[{ 0: 'x-trace', 1: 'secret-1', length: 2 }], 0, 'object'],
    [[['x-count', 7]], 0, '[string, number]'],
    [[['x-count', null]], 0, '[string, null]'],
    [[[7, 'secret-1']], 0, '[number, string]'],
    [
      new Map<unknown, unknown>([
        ['x-team', 'blue'],
        [Symbol('k'), 'secret-1'],
      ]),
      1,
      '[symbol, string]',
    ],
    [new Set(['secret-1']), 0, 'string'],
  ])('refuses the entries %#, naming the entry and its types only', (headers, index, shape) => {
    let error: unknown;
    try {
      headerRecord(headers);
    } catch (caught) {
      error = caught;
    }
    expect(error).toEqual(
      new InvalidArgumentError(`headers entry ${index} must be a [name, value] pair of two strings, got ${shape}`),
    );
    expect((error as Error).message).not.toContain('secret-1');
  });

  it.each([
    ['a Headers', new Headers({ Authorization: 'Bearer secret-1' }), 'authorization'],
    ['a Map', new Map([['AUTHORIZATION', 'Bearer secret-1']]), 'AUTHORIZATION'],
    ['pairs', [['Authorization', 'Bearer secret-1']], 'Authorization'],
  ])('refuses Authorization in %s', (_, headers, name) => {
    expect(() => headerRecord(headers)).toThrow(
      new InvalidArgumentError(`The headers option cannot set ${name}: memwire sets it from the credentials`),
    );
  });

  it.each([
    ['a Headers', new Headers({ Host: 'evil.test' }), 'host'],
    ['a Map', new Map([['Content-Length', '3']]), 'Content-Length'],
    ['pairs', [['Transfer-Encoding', 'chunked']], 'Transfer-Encoding'],
  ])('refuses a framing header in %s', (_, headers, name) => {
    expect(() => headerRecord(headers)).toThrow(
      new InvalidArgumentError(
        `The headers option cannot set ${name}: fetch and the connection manage it (a framing or hop-by-hop header)`,
      ),
    );
  });

  it.each([
    ['pairs', [['x-trace', 'secret-1\r\nX-Evil: 1']]],
    ['a Map', new Map([['x-trace', ' secret-1']])],
  ])("checks each value in %s like a record's, without repeating it", (_, headers) => {
    expect(() => headerRecord(headers)).toThrow(
      new InvalidArgumentError('Header x-trace must be non-empty visible ASCII, without CR, LF or outer spaces'),
    );
  });

  it("checks each name in pairs like a record's", () => {
    expect(() => headerRecord([['Bad Name', 'x']])).toThrow(/"Bad Name" is not a valid header name/);
  });

  it.each(['Authorization', 'authorization', 'AUTHORIZATION'])('refuses %s', (name) => {
    expect(() => headerRecord({ [name]: 'Bearer other' })).toThrow(
      new InvalidArgumentError(`The headers option cannot set ${name}: memwire sets it from the credentials`),
    );
  });

  it.each(['Host', 'content-length', 'Transfer-Encoding', 'connection', 'keep-alive', 'upgrade', 'TE', 'trailer'])(
    'refuses %s',
    (name) => {
      expect(() => headerRecord({ [name]: 'x' })).toThrow(
        new InvalidArgumentError(
          `The headers option cannot set ${name}: fetch and the connection manage it (a framing or hop-by-hop header)`,
        ),
      );
    },
  );
});
