// Which memwire options the build under test knows. While issue 13 is being built, its options do
// not all exist yet, and memwire refuses an unknown option at construction (InvalidArgumentError
// `Supermemory: unknown option "retryBudget"`): the bench leaves such an option out and says so.
import { memwireClient } from './clients.mjs';

const UNKNOWN_OPTION = /unknown option "([^"]+)"/;

/** The names in `options` that this build's memwire refuses as unknown, in the order refused. */
export function unknownOptions(options) {
  const rest = { ...options };
  const unknown = [];
  for (;;) {
    try {
      memwireClient('http://127.0.0.1:9', rest); // never sends: a client is built, not used
      return unknown;
    } catch (error) {
      const name = error?.name === 'InvalidArgumentError' && UNKNOWN_OPTION.exec(error.message)?.[1];
      if (!name || !(name in rest)) throw error;
      unknown.push(name);
      delete rest[name];
    }
  }
}
