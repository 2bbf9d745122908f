import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MemoryLayer, Mielto, OpenSearchMemory, Supermemory, TimeoutError } from '../../src/index.js';
import { createMieltoFake } from '../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createMieltoFake({ apiKey: API_KEY, clock }));

const constructors = {
  Mielto: (options: object) => new Mielto({ apiKey: API_KEY, ...options }),
  MemoryLayer: (options: object) => new MemoryLayer({ apiKey: API_KEY, ...options }),
  Supermemory: (options: object) => new Supermemory({ apiKey: API_KEY, ...options }),
  OpenSearch: (options: object) =>
    new OpenSearchMemory({ baseUrl: 'https://search.test:9200', auth: { apiKey: API_KEY }, ...options }),
};

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to throw');
}

describe('misspelled client options are refused, naming the intended one', () => {
  it.each(Object.keys(constructors) as (keyof typeof constructors)[])('for %s', (name) => {
    const create = constructors[name];
    for (const [typo, meant] of <[string, string][]>[
      ['baseURL', 'baseUrl'],
      ['timeOut', 'timeout'],
      ['retries', 'maxRetries'],
      ['maxretries', 'maxRetries'],
      ['header', 'headers'],
    ]) {
      const error = thrown(() => create({ [typo]: 'http://localhost:4010' }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toBe(`${name}: unknown option "${typo}" (did you mean "${meant}"?)`);
    }
    expect(thrown(() => create({ colour: 'blue' })).message).toBe(`${name}: unknown option "colour"`);
  });

  it("names each provider's own options too", () => {
    expect(thrown(() => constructors.Mielto({ workspaceID: 'ws' })).message).toBe(
      'Mielto: unknown option "workspaceID" (did you mean "workspaceId"?)',
    );
    expect(thrown(() => new Mielto({ apikey: API_KEY } as never)).message).toBe(
      'Mielto: unknown option "apikey" (did you mean "apiKey"?)',
    );
    expect(thrown(() => constructors.OpenSearch({ authentication: {} })).message).toMatch(
      /^OpenSearch: unknown option "authentication"/,
    );
  });

  it("checks OpenSearch's auth keys", () => {
    const error = thrown(
      () => new OpenSearchMemory({ baseUrl: 'https://search.test:9200', auth: { user: 'admin', password: 'p' } as never }),
    );
    expect(error.message).toBe('OpenSearch: unknown auth option "user" (did you mean "username"?)');
    expect(thrown(() => new OpenSearchMemory({ baseUrl: 'https://s.test', auth: { apikey: 'k' } as never })).message).toBe(
      'OpenSearch: unknown auth option "apikey" (did you mean "apiKey"?)',
    );
  });

  it('never repeats a value, a key least of all', () => {
    const error = thrown(() => new Mielto({ apiKey: API_KEY, baseURL: `http://${API_KEY}.test` } as never));
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(API_KEY);
  });

  it('takes undefined as "the default" for every option', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'x' }]);
    const mielto = new Mielto({ apiKey: API_KEY, baseUrl: undefined, workspaceId: undefined, timeout: undefined, ...timing });
    await mielto.memories.update('mem_1', { memory: 'y' }, { signal: undefined, maxRetries: undefined, workspaceId: undefined });
    expect(fake.requests[0]!.url).toMatch(/^https:\/\/api\.mielto\.com\//);
  });
});

describe('misspelled call options are refused before anything is sent', () => {
  it.each([
    [{ workspace: 'ws_work' }, 'unknown option "workspace" (did you mean "workspaceId"?)'],
    [{ retries: 0 }, 'unknown option "retries" (did you mean "maxRetries"?)'],
    [{ timeOut: 5 }, 'unknown option "timeOut" (did you mean "timeout"?)'],
    [{ signals: undefined }, 'unknown option "signals" (did you mean "signal"?)'],
  ])('%j', async (options, message) => {
    const error = await rejectionOf(
      new Mielto({ apiKey: API_KEY, ...timing }).memories.update('mem_1', { memory: 'x' }, options as never),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(`Mielto memories.update: ${message}`);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses workspaceId on providers that have no workspaces', async () => {
    const error = await rejectionOf(
      new Supermemory({ apiKey: API_KEY }).memories.update({ containerTag: 'c', id: 'm', newContent: 'n' }, {
        workspaceId: 'ws',
      } as never),
    );
    expect(error.message).toBe('Supermemory memories.update: unknown option "workspaceId"');
  });
});

describe('every error names the provider and operation first', () => {
  it.each([
    [
      'Mielto',
      () => new Mielto({ apiKey: API_KEY }).memories.update(42 as never, { memory: 'x' }),
      'Mielto memories.update: memory_id must be a string, got number',
    ],
    [
      'Mielto',
      () => new Mielto({ apiKey: API_KEY }).memories.replace('..', { memory: 'x' }),
      /^Mielto memories\.replace: memory_id "\.\." would change/,
    ],
    [
      'MemoryLayer',
      () => new MemoryLayer({ apiKey: API_KEY }).memories.update('', { content: 'x' }),
      'MemoryLayer memories.update: id must not be empty',
    ],
    [
      'Supermemory',
      () => new Supermemory({ apiKey: API_KEY }).memories.update(null as never),
      'Supermemory memories.update: update must be an object, got null',
    ],
    [
      'OpenSearch',
      () => constructors.OpenSearch({}).memories.update('c', 'working', 'i', {}),
      /^OpenSearch memories\.update: body sets no field/,
    ],
    [
      'Mielto',
      () => new Mielto({ apiKey: API_KEY }).memories.update('m', { memory: 'x' }, { signal: 'now' } as never),
      /^Mielto memories\.update: signal must be an AbortSignal/,
    ],
    [
      'Mielto',
      () => new Mielto({ apiKey: () => '' }).memories.update('m', { memory: 'x' }),
      /^Mielto memories\.update: The key must be a non-empty string/,
    ],
  ])('%s: an argument error', async (_, call, message) => {
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('errors name the origin they tried', () => {
  it('a timeout, with the origin and the attempts', async () => {
    fake.seed([{ memory_id: 'mem_1', user_id: 'u', memory: 'x' }]);
    fake.delayNext({ ms: 10_000, times: 2 });
    const error = await rejectionOf(
      clock.run(
        new Mielto({ apiKey: API_KEY, timeout: 1_000, maxRetries: 1, ...timing }).memories.update('mem_1', { memory: 'y' }),
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('Mielto memories.update: https://api.mielto.com did not answer within 1000 ms (after 2 attempts)');
    expect(error).toMatchObject({ origin: 'https://api.mielto.com', attempts: 2 });
  });

  it('an API error names the origin that answered, never a path', async () => {
    const error = await rejectionOf(
      new Mielto({ apiKey: API_KEY, ...timing }).memories.update('mem_secret_path', { memory: 'x' }),
    );
    expect(error).toMatchObject({ status: 404, origin: 'https://api.mielto.com' });
    expect(JSON.stringify(error)).not.toContain('mem_secret_path');
  });
});
