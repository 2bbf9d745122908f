// (5) memwire's Mielto update called as an agent tool (memwire/tools), the way an agent framework
// calls it: what a tool call adds over the client call it wraps, measured against clients/memwire.mjs.
const entry = process.env.MEMWIRE_ENTRY ?? import.meta.resolve('memwire');
/** @type {typeof import('memwire')} */
const { Mielto } = await import(entry);
/** @type {typeof import('memwire/tools')} */
const { memoryTools } = await import(new URL('./tools.js', entry).href);

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const mielto = new Mielto({ apiKey, workspaceId, baseUrl });
  const tool = memoryTools({ mielto }).find((candidate) => candidate.name === 'mielto_update_memory');
  /** @param {string} memoryId @param {import('memwire').MemoryUpdate} patch */
  return async (memoryId, patch) => {
    const outcome = await tool.execute({ memory_id: memoryId, ...patch });
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result;
  };
}
