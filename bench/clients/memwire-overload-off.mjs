// memwire's Mielto with the retry budget and the shared Retry-After turned off: paired with
// clients/memwire.mjs, what those two cost a request that needs neither (see docs/benchmarks.md).
/** @type {typeof import('memwire')} */
const { Mielto } = await import(process.env.MEMWIRE_ENTRY ?? 'memwire');

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const mielto = new Mielto({ apiKey, workspaceId, baseUrl, retryBudget: false, shareRetryAfter: false });
  /** @param {string} memoryId @param {import('memwire').MemoryUpdate} patch */
  return (memoryId, patch) => mielto.memories.update(memoryId, patch);
}
