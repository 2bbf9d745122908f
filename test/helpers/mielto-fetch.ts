import { API_KEY } from './mielto.js';

export const BASE_URL = 'https://api.mielto.com';

/** The URL of a memory (its id percent-encoded as a client would), plus an optional suffix such as '/replace'. */
export function memoryUrl(memoryId: string, suffix = '', base = BASE_URL): string {
  return `${base}/api/v1/memories/${encodeURIComponent(memoryId)}${suffix}`;
}

export interface SendOptions {
  /** A value is sent as JSON; a string is sent as is. */
  body?: unknown;
  /** `X-Workspace-Id`; omit for none. */
  workspace?: string;
  /** The Authorization header; `null` for none. Default `Bearer test-key`. */
  auth?: string | null;
  /** Default 'application/json' when there is a body; `null` for none. */
  contentType?: string | null;
  signal?: AbortSignal;
}

/** A plain fetch the way an SDK would make it. */
export function send(method: string, url: string, options: SendOptions = {}): Promise<Response> {
  const headers = new Headers();
  const auth = options.auth === undefined ? `Bearer ${API_KEY}` : options.auth;
  if (auth !== null) headers.set('authorization', auth);
  if (options.workspace !== undefined) headers.set('x-workspace-id', options.workspace);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    const text = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    // Bytes, so fetch adds no content-type of its own.
    body = new TextEncoder().encode(text);
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    if (contentType !== null) headers.set('content-type', contentType);
  }
  return fetch(url, { method, headers, body, signal: options.signal });
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
