// The one update every client sends, and the answer the server gives, shared by the server (which
// checks each request against them) and the clients (which check each answer), so all three
// clients are measured doing exactly the same work.

export const API_KEY = 'mlt_sk_bench_6f1d0c9a2b4e4c7d8a3f5e1b9c2d7a40';
export const WORKSPACE_ID = 'ws_01J9Z3W6Q4X8K2N5R7T1V3Y6B8';
export const MEMORY_ID = 'mem_01J9Z3X1C5D7F9H2K4M6P8R0S2';
export const UPDATE_PATH = `/api/v1/memories/${MEMORY_ID}`;

// A MemoryUpdate (generated/mielto.ts): a partial update of the text, topics and metadata.
export const PATCH = {
  memory: 'Ada has switched from espresso to green tea in the mornings',
  topics: ['tea', 'mornings', 'preferences'],
  metadata: { source: 'chat', confidence: 0.92 },
};
export const PATCH_JSON = JSON.stringify(PATCH);

// A MemoryUpdateResponse as Mielto (FastAPI) sends it: about 500 bytes of JSON.
export const RESPONSE_BODY = Buffer.from(
  JSON.stringify({
    memory_id: MEMORY_ID,
    message: 'Memory updated successfully',
    memory: {
      memory_id: MEMORY_ID,
      user_id: 'usr_01J9Z2QW8E3R5T7Y9U1I3O5P7A',
      memory: PATCH.memory,
      topics: PATCH.topics,
      created_at: '2025-03-14T09:26:53.589793Z',
      updated_at: '2025-11-21T11:12:00.412530Z',
      metadata: {
        source: 'chat',
        confidence: 0.92,
        conversation_id: 'conv_01J9Z3T4G6H8J0K2L4N6Q8S0U2',
        extracted_by: 'mielto-memory-v2',
        language: 'en',
      },
    },
  }),
);
