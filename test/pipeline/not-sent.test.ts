import { describe, expect, it } from 'vitest';
import {
  AbortError,
  MemwireError,
  type RequestOptions,
  Supermemory,
  type SupermemoryOptions,
  TimeoutError,
} from '../../src/index.js';
import { createSupermemoryFake } from '../../src/testing/index.js';
import type { TestClock } from '../../src/testing/test-clock.js';
import { recordingLogger } from '../helpers/recording-logger.js';
import { API_KEY, rejectionOf, useFake } from '../helpers/use-fake.js';

// Supermemory's update is not idempotent: sending it twice creates two versions. Whatever an attempt
// waits for before it is sent (a slot, a shared Retry-After, the key, a hook), a deadline that passes
// while it waits means nothing was sent: it is never sent afterwards, and it may be retried.
const { fake, clock, timing } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));
const client = (options: Partial<SupermemoryOptions> = {}) => new Supermemory({ apiKey: API_KEY, ...timing, ...options });

function seed() {
  fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
}

const update = (newContent: string) => ({ containerTag: 'user_123', id: 'mem_abc123', newContent });

/** What the server received: the new content of each update. */
const received = () => fake.requests.map((request) => (request.body as { newContent: string }).newContent);

/** A function that never settles: a key service, or a hook, that does not answer. */
const never = <T>() => new Promise<T>(() => {});

/** The ways a waiting call's deadline passes, each 1 s after it is made. */
const deadlines: [string, (clock: TestClock) => RequestOptions, new (...args: never[]) => Error][] = [
  ['its timeout', () => ({ timeout: 1_000 }), TimeoutError],
  ['its totalTimeout', () => ({ totalTimeout: 1_000 }), TimeoutError],
  [
    "the caller's signal",
    (clock) => {
      const controller = new AbortController();
      clock.setTimeout(() => controller.abort(new Error('user left')), 1_000);
      return { signal: controller.signal };
    },
    AbortError,
  ],
];

describe('a call whose deadline passes while it waits for a maxConcurrency slot', () => {
  it.each(deadlines)('(%s) is never sent, even once the slot frees', async (_, options, ErrorClass) => {
    seed();
    // The slot frees 0.5 s after the deadline: soon enough for a retry to take it.
    fake.delayNext({ ms: 1_500 });
    const supermemory = client({ maxConcurrency: 1 });
    const first = supermemory.memories.update(update('first'));
    const queued = supermemory.memories.update(update('queued'), options(clock));
    const error = await rejectionOf(clock.run(queued));
    expect(error).toBeInstanceOf(ErrorClass);
    if (ErrorClass === TimeoutError) expect(error.message).toMatch(/sent nothing/);
    await clock.run(first); // the slot frees
    await clock.advance(120_000);
    await fake.idle();
    expect(received()).toEqual(['first']);
    expect(fake.versions('user_123')).toHaveLength(2);
  });
});

describe('a call whose deadline passes while it waits out a shared Retry-After', () => {
  it.each(deadlines)('(%s) is never sent, even once the wait is over', async (_, options, ErrorClass) => {
    seed();
    // The wait ends 1 s after the deadline: soon enough for a retry to go.
    fake.failNext({ status: 429, retryAfter: 2 });
    const supermemory = client();
    await rejectionOf(clock.run(supermemory.memories.update(update('told to wait'), { maxRetries: 0 })));
    const error = await rejectionOf(clock.run(supermemory.memories.update(update('waiting'), options(clock))));
    expect(error).toBeInstanceOf(ErrorClass);
    if (ErrorClass === TimeoutError) expect(error.message).toMatch(/sent nothing/);
    await clock.advance(120_000);
    await fake.idle();
    expect(received()).toEqual(['told to wait']);
    expect(fake.versions('user_123')).toHaveLength(1);
  });
});

// What is slow before sending: the key function or the beforeRequest hook. `slow(times)` never
// settles for the first `times` calls, then answers at once.
const SLOW_BEFORE_SENDING = [
  {
    what: 'an apiKey function',
    named: /apiKey function/,
    slow: (times: number) => {
      let asked = 0;
      return { apiKey: () => (++asked <= times ? never<string>() : API_KEY) };
    },
  },
  {
    what: 'a beforeRequest hook',
    named: /beforeRequest hook/,
    slow: (times: number) => {
      let called = 0;
      return { hooks: { beforeRequest: () => (++called <= times ? never<undefined>() : undefined) } };
    },
  },
];

describe.each(SLOW_BEFORE_SENDING)('$what that does not answer within timeout', ({ named, slow }) => {
  it('fails the attempt as not sent: the error says it sent nothing, and what it waited for', async () => {
    seed();
    const supermemory = client({ ...slow(Infinity), timeout: 1_000, maxRetries: 0 });
    const error = await rejectionOf(clock.run(supermemory.memories.update(update('x'))));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/sent nothing/);
    expect(error.message).toMatch(named);
    expect(fake.requests).toHaveLength(0);
  });

  it('logs no warning that the write may have been applied', async () => {
    seed();
    const { lines, logger } = recordingLogger();
    const supermemory = client({ ...slow(Infinity), timeout: 1_000, logger, logLevel: 'warn' });
    await rejectionOf(clock.run(supermemory.memories.update(update('x'))));
    expect(lines.filter((line) => line.startsWith('warn') && line.includes('may have applied'))).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('is retried, as nothing was sent: slow once, then prompt, it makes exactly one version', async () => {
    seed();
    const supermemory = client({ ...slow(1), timeout: 1_000 });
    const { data, attempts } = await clock.run(supermemory.memories.update(update('x')).withResponse());
    expect(attempts).toBe(2);
    expect(fake.requests).toHaveLength(1);
    const versions = fake.versions('user_123');
    expect(versions).toHaveLength(2);
    expect(data.id).toBe(versions[1]!.id);
  });
});

describe('a beforeRequest hook that throws', () => {
  it("fails the call, not retried (the caller's bug), with a MemwireError that says nothing was sent", async () => {
    seed();
    let called = 0;
    const thrown = new Error('signer broke');
    const beforeRequest = () => {
      called++;
      throw thrown;
    };
    const error = await rejectionOf(clock.run(client({ hooks: { beforeRequest } }).memories.update(update('x'))));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toMatch(/sent nothing/);
    expect(error.cause).toMatchObject({ name: thrown.name, message: thrown.message }); // a redacted copy
    expect(called).toBe(1);
    expect(fake.requests).toHaveLength(0);
  });

  it('logs no warning that the write may have been applied', async () => {
    seed();
    const { lines, logger } = recordingLogger();
    const beforeRequest = () => {
      throw new Error('signer broke');
    };
    const supermemory = client({ hooks: { beforeRequest }, logger, logLevel: 'warn' });
    await rejectionOf(clock.run(supermemory.memories.update(update('x'))));
    expect(lines.filter((line) => line.startsWith('warn') && line.includes('may have applied'))).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});
