/**
 * `memwire/testing`: in-memory fakes of the memory providers' APIs for tests, served through msw
 * (`setupServer` in Node, `setupWorker` in browsers). Runtime code here uses web-standard APIs only.
 */
import type { HttpHandler } from 'msw';
import { MieltoFake, type MieltoFakeOptions } from './mielto-fake.js';
import { withMswHandlers } from './msw.js';

export { MIELTO_BASE_URL, MieltoFake } from './mielto-fake.js';
export type { MieltoFakeOptions, MieltoSeedMemory } from './mielto-fake.js';
export type { DelayNextOptions, DropNextOptions, FailNextOptions } from './faults.js';
export type { RecordedRequest } from './request-log.js';
export type { PydanticError } from './pydantic.js';

/** A {@link MieltoFake} plus the msw handlers that route its `baseUrl` to it. */
export type MieltoTestFake = MieltoFake & { readonly handlers: readonly HttpHandler[] };

/**
 * Creates an in-memory fake of Mielto's memory API and the msw handlers that serve it. See
 * {@link MieltoFake} for what it does; `reset()` between tests clears memories, log and faults.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMieltoFake } from 'memwire/testing';
 *
 * const mielto = createMieltoFake({ apiKey: 'test-key' });
 * const server = setupServer(...mielto.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => mielto.reset());
 * afterAll(() => server.close());
 *
 * it('retries a 503', async () => {
 *   mielto.seed([{ memory_id: 'mem_1', user_id: 'u_1', memory: 'Likes tea' }]);
 *   mielto.failNext({ status: 503, retryAfter: 0 });
 *   // … call the SDK, then assert on mielto.get('mem_1') and mielto.requests
 * });
 */
export function createMieltoFake(options: MieltoFakeOptions): MieltoTestFake {
  return withMswHandlers(new MieltoFake(options));
}
