import { describe, expect, it } from 'vitest';
import { MemwireError } from '../../src/core/errors/memwire-error.js';
import { safeCause } from '../../src/core/safe-cause.js';

const SECRET = 'sk-live-4f9a1c7e';
const copyOf = (value: unknown) => safeCause(value, [SECRET]) as Error & Record<string, unknown>;

describe('safeCause', () => {
  it.each([
    ['a string', `bad key ${SECRET}`, 'bad key [redacted]'],
    ['a number', 42, 42],
    ['null', null, null],
    ['undefined', undefined, undefined],
  ])('passes %s on, redacted', (_, value, expected) => {
    expect(safeCause(value, [SECRET])).toBe(expected);
  });

  it('copies an error into a plain Error with only its readable fields, redacted', () => {
    const original = Object.assign(new TypeError(`fetch failed for ${SECRET}`), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      input: `https://evil.test/?key=${SECRET}`,
    });
    const copy = copyOf(original);
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(Error);
    expect(copy).not.toBeInstanceOf(TypeError);
    expect(copy.message).toBe('fetch failed for [redacted]');
    expect(copy.name).toBe('TypeError');
    expect(copy.code).toBe('ECONNREFUSED');
    expect(copy.syscall).toBe('connect');
    expect(copy.stack).toBe(original.stack!.replace(SECRET, '[redacted]'));
    expect(copy).not.toHaveProperty('input');
    expect(copy.cause).toBeUndefined();
  });

  it('names what it cannot read, and drops fields that are not strings', () => {
    const copy = copyOf({ message: 42, name: ['x'], stack: {}, code: 7, syscall: null });
    expect(copy.message).toBe('(no readable message)');
    expect(copy.name).toBe('Error');
    expect({ stack: copy.stack, code: copy.code, syscall: copy.syscall }).toEqual({
      stack: undefined,
      code: undefined,
      syscall: undefined,
    });
  });

  it('reads past a getter that throws', () => {
    const hostile = {
      get message(): string {
        throw new Error('no');
      },
      name: 'Hostile',
    };
    const copy = copyOf(hostile);
    expect(copy.message).toBe('(no readable message)');
    expect(copy.name).toBe('Hostile');
  });

  it('keeps a MemwireError as it is, but copies one that is a cause', () => {
    const memwire = new MemwireError(`from memwire ${SECRET}`);
    expect(safeCause(memwire, [SECRET])).toBe(memwire);
    const copy = copyOf(new Error('outer', { cause: memwire }));
    expect(copy.cause).not.toBe(memwire);
    expect(copy.cause).toMatchObject({ name: 'MemwireError', message: 'from memwire [redacted]' });
  });

  it('copies the cause chain five deep at most, even when it loops', () => {
    const chain = (error: unknown): string[] => {
      const names: string[] = [];
      for (let current = error as { message?: string; cause?: unknown } | undefined; current; current = current.cause as never) {
        names.push(current.message ?? '');
      }
      return names;
    };
    let deep: Error = new Error('e8');
    for (let i = 7; i >= 0; i--) deep = new Error(`e${i}`, { cause: deep });
    expect(chain(copyOf(deep))).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(chain(copyOf(new Error('e0', { cause: new Error('e1') })))).toEqual(['e0', 'e1']);

    const looping = new Error('loop');
    looping.cause = looping;
    expect(chain(copyOf(looping))).toHaveLength(6);
  });
});
