// memwire follows redirects itself (every attempt is sent with `redirect: 'manual'`), so that it
// knows a write was redirected, and so that 307/308 re-send the same bytes (undici cannot re-send
// a body it has transferred). The rule, also in the README's "Retries and timeouts":
// - 307 and 308 are followed with the same method, headers and body, as fetch does;
// - 301, 302 and 303 are followed (as GET) only for GET and HEAD: for a write, fetch would turn it
//   into a GET and drop the body, so the redirect itself is the answer, an `ApiError`;
// - leaving the origin drops `Authorization`, as fetch does (memwire sends no cookies);
// - at most MAX_REDIRECTS hops; a Location that is missing, invalid, not http(s) or holds
//   credentials makes the 3xx itself the answer;
// - a call once redirected may have been applied: a non-idempotent one is never sent again.

// The statuses fetch follows; 300 and 304 are answers, not redirects.
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** fetch's own limit on a redirect chain. */
export const MAX_REDIRECTS = 20;

/**
 * Where a redirect points, resolved against the URL it answered; `undefined` when the response is
 * not a redirect that can be followed.
 */
export function redirectTarget(response: Response, from: string): URL | undefined {
  const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
  if (location === null) return undefined;
  try {
    const url = new URL(location, from);
    // `new Request` refuses credentials in a URL with an error that repeats them.
    return ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a redirect is followed with the request as it is: 307 and 308, or any for GET and HEAD. */
export function isFollowed(status: number, method: string): boolean {
  return status === 307 || status === 308 || method === 'GET' || method === 'HEAD';
}
