// memwire/raw: the typed openapi-fetch client of a memwire client, for the paths its operations do
// not cover. Its own entry, so that an app that only uses the clients carries no openapi-fetch.
import type { paths as MemoryLayerPaths } from '../generated/memorylayer.js';
import type { paths as MieltoPaths } from '../generated/mielto.js';
import type { paths as OpenSearchPaths } from '../generated/opensearch.js';
import type { paths as SupermemoryPaths } from '../generated/supermemory.js';
import { registeredClient } from './core/client-core.js';
import { InvalidArgumentError } from './core/errors/invalid-argument-error.js';
import { createRawClient, type RawClient } from './core/raw-client.js';
import type { MemoryLayer } from './providers/memorylayer.js';
import type { Mielto } from './providers/mielto.js';
import type { OpenSearchMemory } from './providers/opensearch.js';
import type { Supermemory } from './providers/supermemory.js';

export type { RawClient, RawMethod, RawRequestMethod } from './core/raw-client.js';

const made = new WeakMap<object, unknown>();

/**
 * The typed openapi-fetch client carried by `client`'s transport: the same auth, workspace,
 * retries, hooks, retry budget and redirect rules, and `withResponse()` on every call.
 *
 * @example
 * import { raw } from 'memwire/raw';
 * const { data, error } = await raw(mielto).PUT('/api/v1/memories/{memory_id}', {
 *   params: { path: { memory_id: 'mem_1' } },
 *   body: { memory: 'Prefers tea' },
 * });
 */
export function raw(client: Mielto): RawClient<MieltoPaths>;
export function raw(client: MemoryLayer): RawClient<MemoryLayerPaths>;
export function raw(client: Supermemory): RawClient<SupermemoryPaths>;
export function raw(client: OpenSearchMemory): RawClient<OpenSearchPaths>;
export function raw(client: object): unknown {
  // A WeakMap lookup: anything that is no registered client, a primitive or null included, is undefined.
  const registered = registeredClient(client);
  if (!registered) throw new InvalidArgumentError('raw() takes a memwire client: new Mielto(…), new Supermemory(…)…');
  let rawClient = made.get(client);
  if (!rawClient) made.set(client, (rawClient = createRawClient(registered.core, registered.headers)));
  return rawClient;
}
