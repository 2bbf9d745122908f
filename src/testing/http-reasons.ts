// Reason phrases as Python's http.HTTPStatus spells them (what Starlette puts in default error
// bodies), so a fault's default body reads like the real server's.
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  425: 'Too Early',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The reason phrase for an HTTP status, or `"HTTP <status>"` for one without a well-known phrase.
 *
 * @example
 * reasonPhrase(503); // 'Service Unavailable'
 */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? `HTTP ${status}`;
}
