import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';

// What JavaScript callers (no type checks) can pass: a clear InvalidArgumentError, not a TypeError
// about reading `apiKey` of undefined.
const CLIENTS = [
  ['Mielto', (options: unknown) => new Mielto(options as never), 'no API key: pass the apiKey option, or set MIELTO_API_KEY'],
  [
    'MemoryLayer',
    (options: unknown) => new MemoryLayer(options as never),
    'no API key: pass the apiKey option, or set MEMORYLAYER_API_KEY',
  ],
  [
    'Supermemory',
    (options: unknown) => new Supermemory(options as never),
    'no API key: pass the apiKey option, or set SUPERMEMORY_API_KEY',
  ],
  [
    'OpenSearch',
    (options: unknown) => new OpenSearchMemory(options as never),
    'needs a baseUrl: pass the baseUrl option, or set OPENSEARCH_URL',
  ],
] as const;

describe.each(CLIENTS)('new %s(options)', (name, create, missing) => {
  // No options at all are the environment's (none is set here): what is missing is named.
  it('without options, names what is missing and the variable that would give it', () => {
    expect(() => create(undefined)).toThrow(InvalidArgumentError);
    expect(() => create(undefined)).toThrow(`${name}: ${missing}`);
  });

  it.each([
    [null, 'null'],
    ['sk-live-5f2c', 'string'],
  ])('refuses %s as options, naming only its type', (options, type) => {
    expect(() => create(options)).toThrow(InvalidArgumentError);
    expect(() => create(options)).toThrow(new RegExp(`^${name}: needs an options object, got ${type}$`));
  });
});
