import { READ_HEADERS, SENT_HEADERS } from '../core/cors.js';

/**
 * CORS headers for every sandbox response: any origin may call it, and scripts may read the
 * headers memwire reads (retry hints, request id).
 *
 * @example
 * corsHeaders()['access-control-expose-headers']; // 'retry-after, retry-after-ms, x-request-id, x-should-retry'
 */
export function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': READ_HEADERS.join(', '),
  };
}

/**
 * The answer to a CORS preflight. It allows exactly the headers memwire sends, so a browser test
 * against the sandbox fails if the SDK ever starts sending another one.
 *
 * @example
 * preflightResponse().status; // 204
 */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(),
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': SENT_HEADERS.join(', '),
      'access-control-max-age': '600',
    },
  });
}
