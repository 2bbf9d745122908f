// Plain-fetch requests to the MemoryLayer, Supermemory and OpenSearch fakes, authorized with the
// key the tests configure unless a test says otherwise (`auth: null` for none).
import { API_KEY } from './use-fake.js';
import { sendJson, type JsonRequestOptions } from './send-json.js';

export type RequestOptions = Omit<JsonRequestOptions, 'body'> & { base?: string };

export const MEMORYLAYER_URL = 'https://api.memorylayer.dev';
export const SUPERMEMORY_URL = 'https://api.supermemory.ai';
/** Where the tests' OpenSearch cluster lives: there is no default. */
export const OPENSEARCH_URL = 'https://search.test:9200';
/** The OpenSearch fake's basic credentials in the tests. */
export const OPENSEARCH_USER = { username: 'admin', password: 'correct-horse-battery' };
/** `Basic base64(admin:correct-horse-battery)`, written out so the fake's encoder is checked too. */
export const OPENSEARCH_BASIC = 'Basic YWRtaW46Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5';

/** `PATCH /v1/memories/{id}` on MemoryLayer. */
export function patchMemoryLayer(
  id: string,
  body: unknown,
  { base = MEMORYLAYER_URL, ...options }: RequestOptions = {},
): Promise<Response> {
  return sendJson('PATCH', `${base}/v1/memories/${encodeURIComponent(id)}`, { auth: `Bearer ${API_KEY}`, ...options, body });
}

/** `PATCH /v4/memories` on Supermemory. */
export function patchSupermemory(body: unknown, { base = SUPERMEMORY_URL, ...options }: RequestOptions = {}): Promise<Response> {
  return sendJson('PATCH', `${base}/v4/memories`, { auth: `Bearer ${API_KEY}`, ...options, body });
}

/** The URL of one OpenSearch memory, each part percent-encoded as a client would. */
export function openSearchMemoryUrl(containerId: string, type: string, id: string, base = OPENSEARCH_URL): string {
  const [container, kind, memory] = [containerId, type, id].map(encodeURIComponent);
  return `${base}/_plugins/_ml/memory_containers/${container}/memories/${kind}/${memory}`;
}

/** `PUT /_plugins/_ml/memory_containers/{container}/memories/{type}/{id}` on OpenSearch, with basic auth. */
export function putOpenSearch(
  containerId: string,
  type: string,
  id: string,
  body: unknown,
  { base, ...options }: RequestOptions = {},
): Promise<Response> {
  return sendJson('PUT', openSearchMemoryUrl(containerId, type, id, base), { auth: OPENSEARCH_BASIC, ...options, body });
}
