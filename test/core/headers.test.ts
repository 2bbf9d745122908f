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
  it('copies the headers a caller may set, and takes undefined for none', () => {
    const headers = { 'X-Trace': 't-1', 'x-authorization': 'none', 'authorization-hint': 'none', hosted: 'yes' };
    expect(headerRecord(headers)).toEqual(headers);
    expect(headerRecord(undefined)).toEqual({});
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
