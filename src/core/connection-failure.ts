// Error codes (Node and undici) that mean no connection was made, so no byte of the request
// reached a server. Browsers do not say why a fetch failed: there nothing counts as never sent.
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The first `code` (such as `ECONNREFUSED`) in a fetch failure's `cause` chain. */
export function failureCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a fetch failure proves the request was never sent, so sending it again is safe. */
export function isNeverSent(error: unknown): boolean {
  const code = failureCode(error);
  return code !== undefined && CONNECT_FAILURES.has(code);
}
