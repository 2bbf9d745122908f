import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestClock } from '../../src/testing/test-clock.js';

/** The key every fake in the SDK's tests accepts. */
export const API_KEY = 'sk-test-4f9a1c7e2b';

interface ServedFake {
  readonly handlers: readonly HttpHandler[];
  reset(): void;
}

/**
 * One fake served by msw for the whole test file (unhandled requests fail the test) on a
 * virtual clock, reset after each test. `timing` is what clients take to share that clock, with
 * no jitter (`random: () => 0`) so that retry delays are exact.
 */
export function useFake<Fake extends ServedFake>(createFake: (clock: TestClock) => Fake) {
  const clock = new TestClock();
  const fake = createFake(clock);
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset(); // also ends requests a delay still holds, clearing their timers
    clock.delays.length = 0;
  });
  afterAll(() => server.close());
  return { fake, clock, server, timing: { clock, random: () => 0 } };
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
