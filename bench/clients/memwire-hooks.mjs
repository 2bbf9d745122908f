// (4) memwire's Mielto as in memwire.mjs, with all three hooks set (each does nothing): what the
// hooks cost per request, measured against bare openapi-fetch by the paired run.
/** @type {typeof import('memwire')} */
const { Mielto } = await import(process.env.MEMWIRE_ENTRY ?? 'memwire');

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const hooks = { beforeRequest: () => undefined, afterResponse: () => {}, beforeRetry: () => {} };
  const mielto = new Mielto({ apiKey, workspaceId, baseUrl, hooks });
  /** @param {string} memoryId @param {import('memwire').MemoryUpdate} patch */
  return (memoryId, patch) => mielto.memories.update(memoryId, patch);
}
