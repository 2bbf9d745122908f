// `Authorization` header values the fakes accept, built the way clients send them. Web-standard
// APIs only (btoa, TextEncoder): the fakes also run in browsers.

/**
 * `Bearer <token>`.
 *
 * @example
 * bearer('test-key'); // 'Bearer test-key'
 */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/**
 * `ApiKey <key>`, as OpenSearch's security plugin reads API keys.
 *
 * @example
 * apiKeyAuthorization('k1'); // 'ApiKey k1'
 */
export function apiKeyAuthorization(key: string): string {
  return `ApiKey ${key}`;
}

/**
 * HTTP basic credentials (RFC 7617): `Basic base64(username:password)`, the pair encoded as UTF-8
 * first, so non-ASCII passwords work as they do in browsers and Node.
 *
 * @example
 * basic('admin', 'admin'); // 'Basic YWRtaW46YWRtaW4='
 */
export function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Whether the request's `Authorization` header is exactly one of the accepted values (the scheme
 * is compared case-sensitively too: the fakes are strict so clients are spelled right).
 *
 * @example
 * isAuthorized(request, [bearer('test-key')]);
 */
export function isAuthorized(request: Request, accepted: readonly string[]): boolean {
  const header = request.headers.get('authorization');
  return header !== null && accepted.includes(header);
}

/**
 * Checks a credential given to a fake's constructor: a non-empty string, else a `TypeError`
 * naming the option (never its value).
 *
 * @example
 * this.#apiKey = requireSecret('MemoryLayerFake', 'apiKey', options.apiKey);
 */
export function requireSecret(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${owner}: ${option} must be a non-empty string`);
  return value;
}
