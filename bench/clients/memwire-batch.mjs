// (6) memwire's Mielto update applied through memwire/batch's applyUpdates, one long run fed as
// calls come (each call queues its update and settles with its outcome): what the batch front end
// adds per update over the client call it wraps, measured against clients/memwire.mjs.
const entry = process.env.MEMWIRE_ENTRY ?? import.meta.resolve('memwire');
/** @type {typeof import('memwire')} */
const { Mielto } = await import(entry);
/** @type {typeof import('memwire/batch')} */
const { applyUpdates } = await import(new URL('./batch.js', entry).href);

/** @param {{ baseUrl: string, apiKey: string, workspaceId: string }} options */
export function createUpdate({ baseUrl, apiKey, workspaceId }) {
  const mielto = new Mielto({ apiKey, workspaceId, baseUrl });
  const queued = [];
  const settle = new Map();
  let wake;
  let calls = 0;
  async function* updates() {
    for (;;) {
      while (queued.length === 0) await new Promise((resolve) => (wake = resolve));
      yield queued.shift();
    }
  }
  // As many in flight as the bench's callers keep (32): the batch never holds a call back.
  void (async () => {
    for await (const outcome of applyUpdates({ mielto }, updates(), { concurrency: 64 })) {
      const { resolve, reject } = settle.get(outcome.index);
      settle.delete(outcome.index);
      if (outcome.status === 'updated') resolve(outcome.result);
      else reject(outcome.error);
    }
  })();
  /** @param {string} memoryId @param {import('memwire').MieltoMemoryUpdate} patch */
  return (memoryId, patch) =>
    new Promise((resolve, reject) => {
      settle.set(calls++, { resolve, reject });
      queued.push({ operation: 'mielto_update_memory', input: { memory_id: memoryId, ...patch } });
      wake?.();
    });
}
