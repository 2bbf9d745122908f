import { failureCode } from '../connection-failure.js';

/**
 * "fetch failed: connect ECONNREFUSED 127.0.0.1:4010": the messages down the cause chain (the
 * reason is rarely in the first), then the code when none of them says it.
 */
export function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    if (cause.message && !messages.includes(cause.message)) messages.push(cause.message);
  }
  const text = messages.join(': ') || `fetch threw ${String(error)}`;
  const code = failureCode(error);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}
