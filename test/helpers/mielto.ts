import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Mielto, type MieltoOptions } from '../../src/index.js';
import { createMieltoFake, type MieltoFakeOptions } from '../../src/testing/index.js';
import { VirtualClock } from './virtual-clock.js';

export const API_KEY = 'sk-test-4f9a1c7e2b';

/**
 * One Mielto fake served by msw for the whole test file (unhandled requests fail the test),
 * reset after each test, and a client factory on the fake's virtual clock. Clients get no
 * jitter (`random: () => 0`) unless a test asks, so delays are exact.
 */
export function useMieltoFake(fakeOptions: Partial<MieltoFakeOptions> = {}) {
  const clock = new VirtualClock();
  const fake = createMieltoFake({ apiKey: API_KEY, clock, ...fakeOptions });
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset(); // also ends requests a delay still holds, clearing their timers
    clock.delays.length = 0;
  });
  afterAll(() => server.close());

  const client = (options: Partial<MieltoOptions> = {}) =>
    new Mielto({ apiKey: API_KEY, clock, random: () => 0, ...options });

  return { fake, clock, server, client };
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
