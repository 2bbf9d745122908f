/** How {@link sendJson} builds a request. */
export interface JsonRequestOptions {
  /** A string is sent as is; anything else as JSON; `undefined` sends no body. */
  body?: unknown;
  /** The Authorization header; `null` for none. */
  auth?: string | null | undefined;
  /** Default 'application/json' when there is a body; `null` for none. */
  contentType?: string | null | undefined;
  /** More request headers. */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
}

/** A plain fetch of a JSON API, as an SDK would make it (the body sent as bytes, so fetch adds no content-type). */
export function sendJson(method: string, url: string, options: JsonRequestOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.auth != null) headers.set('authorization', options.auth);
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    body = new TextEncoder().encode(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    if (contentType !== null) headers.set('content-type', contentType);
  }
  return fetch(url, { method, headers, body: body ?? null, signal: options.signal ?? null });
}

/** The parsed JSON body and status of a response, for one-line assertions. */
export async function answer(response: Response | Promise<Response>): Promise<{ status: number; body: unknown }> {
  const settled = await response;
  return { status: settled.status, body: await settled.json() };
}
