// Error codes (Node and undici) that only making a connection can give: no byte of the request
// reached a server. Browsers do not say why a fetch failed: there nothing counts as never sent.
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
// Codes that can also end a connection already open (`read EHOSTUNREACH`, after the request was
// written): they prove nothing was sent only when the failed system call was the connect.
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH']);

interface CodedError {
  code: string;
  syscall?: unknown;
}

/** The first error in a fetch failure's `cause` chain that has a `code` (such as `ECONNREFUSED`). */
function codedError(error: unknown): CodedError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof (current as { code?: unknown }).code === 'string') return current as CodedError;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The first `code` (such as `ECONNREFUSED`) in a fetch failure's `cause` chain. */
export const failureCode = (error: unknown): string | undefined => codedError(error)?.code;

/** Whether a fetch failure proves the request was never sent, so sending it again is safe. */
export function isNeverSent(error: unknown): boolean {
  const failure = codedError(error);
  if (failure === undefined) return false;
  return CONNECT_FAILURES.has(failure.code) || (UNREACHABLE.has(failure.code) && failure.syscall === 'connect');
}
