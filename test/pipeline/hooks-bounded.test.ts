import { describe, expect, it } from 'vitest';
import { AbortError, HookError, MemwireError, Supermemory, type SupermemoryOptions, TimeoutError } from '../../src/index.js';
import { createSupermemoryFake } from '../../src/testing/index.js';
import { API_KEY, rejectionOf, useFake } from '../helpers/use-fake.js';

const { fake, clock, timing } = useFake((clock) => createSupermemoryFake({ apiKey: API_KEY, clock }));
const client = (options: Partial<SupermemoryOptions> = {}) => new Supermemory({ apiKey: API_KEY, ...timing, ...options });

function seed() {
  fake.seed([{ containerTag: 'user_123', id: 'mem_abc123', memory: 'John prefers dark mode' }]);
}

const update = { containerTag: 'user_123', id: 'mem_abc123', newContent: 'John now prefers light mode' };

/**
 * A hook that never settles, and `called`, which resolves once it has been called: the call is
 * then waiting on the hook.
 */
function hanging() {
  let reached!: () => void;
  const called = new Promise<void>((resolve) => (reached = resolve));
  const hook = () => {
    reached();
    return new Promise<never>(() => {});
  };
  return { hook, called };
}

/** The call's rejection as soon as it has one, `undefined` while it is pending. */
function watch(call: Promise<unknown>) {
  const outcome: { error?: Error } = {};
  void rejectionOf(call).then((error) => (outcome.error = error));
  return outcome;
}

describe('a beforeRetry hook that never settles', () => {
  it("cannot keep the call pending once the caller's signal aborts: an AbortError", async () => {
    seed();
    fake.failNext({ status: 429 });
    const { hook, called } = hanging();
    const controller = new AbortController();
    const outcome = watch(client({ hooks: { beforeRetry: hook } }).memories.update(update, { signal: controller.signal }));
    await called;
    controller.abort(new Error('user left'));
    await clock.advance(0);
    expect(outcome.error).toBeInstanceOf(AbortError);
    expect(fake.requests).toHaveLength(1);
  });

  it('cannot keep the call pending past totalTimeout: a TimeoutError once it passes', async () => {
    seed();
    fake.failNext({ status: 429 });
    const { hook, called } = hanging();
    const start = clock.now();
    const outcome = watch(client({ hooks: { beforeRetry: hook } }).memories.update(update, { totalTimeout: 5_000 }));
    await called;
    await clock.advance(start + 5_000 - clock.now());
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('a beforeRequest hook that never settles', () => {
  it('is ended by the attempt timeout: a TimeoutError, nothing sent', async () => {
    seed();
    const { hook } = hanging();
    const supermemory = client({ hooks: { beforeRequest: hook }, timeout: 1_000, maxRetries: 0 });
    const error = await rejectionOf(clock.run(supermemory.memories.update(update)));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fake.requests).toHaveLength(0);
  });

  it("is ended by the caller's signal: an AbortError", async () => {
    seed();
    const { hook, called } = hanging();
    const controller = new AbortController();
    const supermemory = client({ hooks: { beforeRequest: hook } });
    const outcome = watch(supermemory.memories.update(update, { signal: controller.signal }));
    await called;
    controller.abort(new Error('user left'));
    await clock.advance(0);
    expect(outcome.error).toBeInstanceOf(AbortError);
    expect(fake.requests).toHaveLength(0);
  });
});

// After a 2xx the write has landed: however the hook ends, the error says so and carries the answer.
describe('an afterResponse hook that never settles after a 2xx', () => {
  it('is ended by the attempt timeout: a HookError that says the write was applied', async () => {
    seed();
    const { hook } = hanging();
    const supermemory = client({ hooks: { afterResponse: hook }, timeout: 1_000 });
    const error = await rejectionOf(clock.run(supermemory.memories.update(update)));
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: 'afterResponse', applied: 'yes', status: 200 });
    expect(error.message).toBe(
      "Supermemory memories.update: the afterResponse hook did not settle before the attempt ended after a 200: the write was applied (error.data is the server's answer): do not send it again",
    );
    expect((error as HookError).data).toMatchObject({ id: fake.versions('user_123').at(-1)!.id });
    expect(fake.requests).toHaveLength(1);
  });

  it("is ended by the caller's signal: a HookError that says the write was applied", async () => {
    seed();
    const { hook, called } = hanging();
    const controller = new AbortController();
    const supermemory = client({ hooks: { afterResponse: hook } });
    const outcome = watch(supermemory.memories.update(update, { signal: controller.signal }));
    await called;
    controller.abort(new Error('user left'));
    await clock.advance(0);
    expect(outcome.error).toBeInstanceOf(HookError);
    expect(outcome.error).toMatchObject({ applied: 'yes', status: 200 });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('an afterResponse hook that throws after a 2xx', () => {
  it('fails the call with an error that says the write was applied, carrying the status and the decoded body', async () => {
    seed();
    const thrown = new Error('metrics broke');
    const afterResponse = () => {
      throw thrown;
    };
    const error = await rejectionOf(clock.run(client({ hooks: { afterResponse } }).memories.update(update)));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe(
      "Supermemory memories.update: the afterResponse hook threw after a 200: the write was applied (error.data is the server's answer): do not send it again",
    );
    const versions = fake.versions('user_123');
    expect(versions).toHaveLength(2);
    expect(error).toMatchObject({
      status: 200,
      data: { id: versions[1]!.id, memory: update.newContent, parentMemoryId: 'mem_abc123' },
    });
    expect(error.cause).toMatchObject({ name: thrown.name, message: thrown.message }); // a redacted copy
  });

  it('is not retried: the one version the server created is the only one', async () => {
    seed();
    let called = 0;
    const afterResponse = () => {
      called++;
      throw new Error('metrics broke');
    };
    await rejectionOf(clock.run(client({ hooks: { afterResponse } }).memories.update(update)));
    expect(called).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(fake.versions('user_123')).toHaveLength(2);
  });

  it("is a HookError naming the hook, with applied: 'yes' and what the server returned", async () => {
    seed();
    const afterResponse = () => {
      throw new Error('metrics broke');
    };
    const error = await rejectionOf(clock.run(client({ hooks: { afterResponse } }).memories.update(update)));
    expect(error).toMatchObject({ hook: 'afterResponse', applied: 'yes', status: 200 });
    expect(error).toBeInstanceOf(HookError);
  });
});

describe('a beforeRequest hook that throws', () => {
  it("is a HookError naming the hook, with applied: 'no': nothing was sent", async () => {
    seed();
    const beforeRequest = () => {
      throw new Error('signer broke');
    };
    const error = await rejectionOf(clock.run(client({ hooks: { beforeRequest } }).memories.update(update)));
    expect(error).toMatchObject({ hook: 'beforeRequest', applied: 'no' });
    expect(error).toBeInstanceOf(HookError);
    expect(fake.requests).toHaveLength(0);
  });
});
