// (3) memwire's Mielto from the built dist/index.js: run.mjs sets MEMWIRE_ENTRY to its snapshot of
// dist/index.js (see build.mjs); without it, the package by name (Node resolves `memwire` to
// dist/index.js through package.json's exports).
/** @type {typeof import('memwire')} */
const { Mielto } = await import(process.env.MEMWIRE_ENTRY ?? 'memwire');

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const mielto = new Mielto({ apiKey, workspaceId, baseUrl });
  /** @param {string} memoryId @param {import('memwire').MemoryUpdate} patch */
  return (memoryId, patch) => mielto.memories.update(memoryId, patch);
}
