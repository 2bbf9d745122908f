// (2) What memwire wraps: openapi-fetch's createClient<paths>() over the same generated types
// (generated/mielto.ts), with no facade, retries, timeout or error mapping. The JSDoc types make
// `npx tsc -p bench` check this call against the generated paths, as a TypeScript user's would be.
import createClient from 'openapi-fetch';

/** @typedef {import('../../generated/mielto.js').paths} paths */
/** @typedef {import('../../generated/mielto.js').MemoryUpdate} MemoryUpdate */

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  /** @type {import('openapi-fetch').Client<paths>} */
  const client = createClient({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}`, 'X-Workspace-Id': workspaceId },
  });
  /** @param {string} memoryId @param {MemoryUpdate} patch */
  return async (memoryId, patch) => {
    const { data, error, response } = await client.PUT('/api/v1/memories/{memory_id}', {
      params: { path: { memory_id: memoryId } },
      body: patch,
    });
    if (data === undefined) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
    return data;
  };
}
