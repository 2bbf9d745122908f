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
