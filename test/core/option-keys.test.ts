import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js';
import { checkOptionKeys } from '../../src/core/option-keys.js';

const refusal =
  (options: object, ...known: object[]) =>
  () =>
    checkOptionKeys('option', options, ...known);

describe('checkOptionKeys', () => {
  it('takes the known keys of every list', () => {
    expect(refusal({ a: 1, b: undefined }, { a: 1 }, { b: 1 })).not.toThrow();
  });

  it('names a key that differs only in case, however short', () => {
    expect(refusal({ TAG: 1 }, { tag: 1 })).toThrow(new InvalidArgumentError('unknown option "TAG" (did you mean "tag"?)'));
  });

  it('prefers the same name in another case to a name that contains it', () => {
    expect(refusal({ TimeOut: 1 }, { totalTimeout: 1 }, { timeout: 1 })).toThrow(
      new InvalidArgumentError('unknown option "TimeOut" (did you mean "timeout"?)'),
    );
  });

  it('names a key that contains the typo, or that it contains, from four characters on', () => {
    expect(refusal({ base: 1 }, { baseUrl: 1 })).toThrow(
      new InvalidArgumentError('unknown option "base" (did you mean "baseUrl"?)'),
    );
    expect(refusal({ baseUrls: 1 }, { baseUrl: 1 })).toThrow(
      new InvalidArgumentError('unknown option "baseUrls" (did you mean "baseUrl"?)'),
    );
    expect(refusal({ url: 1 }, { baseUrl: 1 })).toThrow(new InvalidArgumentError('unknown option "url"'));
  });

  it('suggests nothing far from every known key', () => {
    expect(refusal({ colour: 1 }, { baseUrl: 1 })).toThrow(new InvalidArgumentError('unknown option "colour"'));
  });
});
