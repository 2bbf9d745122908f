import { Mielto, type MieltoOptions } from '../../src/index.js';
import { createMieltoFake, type MieltoFakeOptions } from '../../src/testing/index.js';
import { API_KEY, useFake } from './use-fake.js';

export { API_KEY, rejectionOf } from './use-fake.js';

/** The Mielto fake served by msw, and `client(options)` for Mielto clients on its clock. */
export function useMieltoFake(fakeOptions: Partial<MieltoFakeOptions> = {}) {
  const { fake, clock, server, timing } = useFake((clock) => createMieltoFake({ apiKey: API_KEY, clock, ...fakeOptions }));
  const client = (options: Partial<MieltoOptions> = {}) => new Mielto({ apiKey: API_KEY, ...timing, ...options });
  return { fake, clock, server, client };
}
