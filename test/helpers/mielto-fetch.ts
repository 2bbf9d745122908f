import { API_KEY } from './mielto.js';
import { type JsonRequestOptions, sendJson } from './send-json.js';

export const BASE_URL = 'https://api.mielto.com';

/** The URL of a memory (its id percent-encoded as a client would), plus an optional suffix such as '/replace'. */
export function memoryUrl(memoryId: string, suffix = '', base = BASE_URL): string {
  return `${base}/api/v1/memories/${encodeURIComponent(memoryId)}${suffix}`;
}

export interface SendOptions extends Omit<JsonRequestOptions, 'headers'> {
  /** `X-Workspace-Id`; omit for none. */
  workspace?: string | undefined;
}

/** A plain fetch of the Mielto API, with the test key unless `auth` says otherwise. */
export function send(method: string, url: string, options: SendOptions = {}): Promise<Response> {
  const { workspace, auth = `Bearer ${API_KEY}`, ...rest } = options;
  const headers = workspace === undefined ? undefined : { 'x-workspace-id': workspace };
  return sendJson(method, url, { ...rest, auth, headers });
}

/** PUT (update) a memory. */
export function update(memoryId: string, body: unknown, options: Omit<SendOptions, 'body'> = {}): Promise<Response> {
  return send('PUT', memoryUrl(memoryId), { ...options, body });
}

/** POST a replacement for a memory. */
export function replace(memoryId: string, body: unknown, options: Omit<SendOptions, 'body'> = {}): Promise<Response> {
  return send('POST', memoryUrl(memoryId, '/replace'), { ...options, body });
}

/** The manual clock's start, as the fake writes timestamps. */
export const T0 = '2025-01-01T00:00:00.000Z';

/** A memory as the sandbox seeds it, stamped at {@link T0}. */
export const COFFEE = {
  memory_id: 'mem_coffee',
  user_id: 'user_ada',
  memory: 'Ada takes her coffee as an oat-milk flat white',
  topics: ['coffee', 'preferences'],
  created_at: T0,
  updated_at: T0,
  metadata: { source: 'onboarding' },
};
