// The clients the overload bench compares, each behind the same call: `update(signal)` sends the
// one Supermemory update and resolves to the new version, or rejects with the client's own error.
//
// memwire is the build under test (MEMWIRE_ENTRY, set by overload.mjs to its snapshot of dist/);
// the supermemory SDK (Stainless-generated) is what a user would otherwise pick, with its own
// retry defaults: only its base URL and key are set, and what a scenario sets for every client.
import SupermemorySdk from 'supermemory';
import { API_KEY, UPDATE } from './fixtures.mjs';

/** @type {typeof import('memwire')} */
const memwire = await import(process.env.MEMWIRE_ENTRY ?? 'memwire');

/** The memwire client for `options` (which may throw InvalidArgumentError: see support.mjs). */
export function memwireClient(baseUrl, options) {
  return new memwire.Supermemory({ apiKey: API_KEY, baseUrl, ...options });
}

export const CLIENTS = {
  memwire(baseUrl, options) {
    const client = memwireClient(baseUrl, options);
    return (signal) => client.memories.update(UPDATE, { signal });
  },
  supermemory(baseUrl, options) {
    const client = new SupermemorySdk({ apiKey: API_KEY, baseURL: baseUrl, ...options });
    return (signal) => client.memories.updateMemory(UPDATE, { signal });
  },
};
