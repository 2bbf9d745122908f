// Small Response builders shared by every fake. Only web-standard APIs: they run in browsers too.

// Statuses whose responses must not carry a body (the Response constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Whether a response with this status must have no body.
 *
 * @example
 * isNullBodyStatus(204); // true
 */
export function isNullBodyStatus(status: number): boolean {
  return NULL_BODY_STATUSES.has(status);
}

/**
 * A JSON response (`content-type: application/json`), or an empty one for a null-body status.
 *
 * @example
 * jsonResponse(404, { detail: 'Memory not found' });
 */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  if (isNullBodyStatus(status)) return new Response(null, { status, headers: all });
  if (!all.has('content-type')) all.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/**
 * A text response with the given content type, or an empty one for a null-body status.
 *
 * @example
 * textResponse(502, '<html>Bad gateway</html>', 'text/html; charset=utf-8');
 */
export function textResponse(status: number, text: string, contentType: string, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  if (isNullBodyStatus(status)) return new Response(null, { status, headers: all });
  if (!all.has('content-type')) all.set('content-type', contentType);
  return new Response(text, { status, headers: all });
}

/**
 * A copy of `response` with `headers` set on it (replacing same-named ones). A network-error
 * response (`Response.error()`) is returned unchanged: it has no headers to carry.
 *
 * @example
 * withHeaders(jsonResponse(200, {}), { 'x-request-id': 'req_1' });
 */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (response.type === 'error') return response;
  const all = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) all.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: all });
}

/**
 * Whether `response` stands for a dropped connection rather than an HTTP answer.
 *
 * @example
 * isDropped(Response.error()); // true
 */
export function isDropped(response: Response): boolean {
  return response.type === 'error';
}
