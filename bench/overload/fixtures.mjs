// The one Supermemory update every client sends in the overload bench, and the bodies the local
// server answers with: a new version (UpdateMemoryResponse, as src/testing's SupermemoryFake
// answers it) and Supermemory's `{ error }` for the failures.

export const API_KEY = 'sm_bench_overload_4f2a9c1e7b3d4e8a';
export const UPDATE_PATH = '/v4/memories';

// A SupermemoryUpdate: memwire's `memories.update` and the SDK's `memories.updateMemory` take it as is.
export const UPDATE = {
  containerTag: 'user_123',
  id: 'mem_abc123',
  newContent: 'John now prefers light mode',
};

export const NEW_VERSION = JSON.stringify({
  id: 'mem_xyz789',
  memory: UPDATE.newContent,
  version: 2,
  parentMemoryId: UPDATE.id,
  rootMemoryId: UPDATE.id,
  createdAt: '2025-11-21T11:12:00.412Z',
  forgetAfter: null,
  forgetReason: null,
  metadata: null,
});

// How long the server takes to answer, in milliseconds (server.mjs says why it takes any time).
export const LATENCY_MS = 10;

// The rate limiter of the rate-limit scenarios: 20 requests a second, 20 at once, then a 429.
export const LIMIT = { rate: 20, burst: 20, retryAfterSeconds: 1 };

export const UNAVAILABLE = JSON.stringify({ error: 'Service Unavailable' });
export const RATE_LIMITED = JSON.stringify({ error: 'Too Many Requests' });
