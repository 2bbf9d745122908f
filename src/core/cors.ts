/**
 * The only request headers memwire sends (besides the caller's own `headers` option). A server
 * that browsers call must allow them in `Access-Control-Allow-Headers`; keeping the list short
 * keeps CORS preflights simple.
 */
export const SENT_HEADERS = ['authorization', 'content-type', 'x-tenant-id', 'x-workspace-id'] as const;

/**
 * The response headers memwire reads. Browsers hide them from scripts unless the server lists
 * them in `Access-Control-Expose-Headers`; without them retries fall back to backoff and errors
 * carry no request id.
 */
export const READ_HEADERS = ['retry-after', 'retry-after-ms', 'x-request-id', 'x-should-retry'] as const;
