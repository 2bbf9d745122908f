import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';

// What JavaScript callers (no type checks) can pass: a clear InvalidArgumentError, not a TypeError
// about reading `apiKey` of undefined.
const CLIENTS = [
  ['Mielto', (options: unknown) => new Mielto(options as never)],
  ['MemoryLayer', (options: unknown) => new MemoryLayer(options as never)],
  ['Supermemory', (options: unknown) => new Supermemory(options as never)],
  ['OpenSearch', (options: unknown) => new OpenSearchMemory(options as never)],
] as const;

describe.each(CLIENTS)('new %s(options)', (name, create) => {
  it.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['sk-live-5f2c', 'string'],
  ])('refuses %s as options, naming only its type', (options, type) => {
    expect(() => create(options)).toThrow(InvalidArgumentError);
    expect(() => create(options)).toThrow(new RegExp(`^${name}: needs an options object, got ${type}$`));
  });
});
