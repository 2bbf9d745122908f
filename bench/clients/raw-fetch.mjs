// (1) The floor: the update written by hand with the global fetch, no library at all.

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const headers = {
    Authorization: `Bearer ${apiKey}`,
    'X-Workspace-Id': workspaceId,
    'Content-Type': 'application/json',
  };
  /** @param {string} memoryId @param {object} patch */
  return async (memoryId, patch) => {
    const response = await fetch(`${baseUrl}/api/v1/memories/${encodeURIComponent(memoryId)}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(patch),
    });
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    return response.json();
  };
}
