const SECONDS = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds
 * or as an HTTP date (a date already past means now). `undefined` when it said nothing usable.
 */
export function requestedDelay(headers: Headers, now: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && SECONDS.test(milliseconds)) return Number(milliseconds);

  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  if (SECONDS.test(retryAfter)) return Number(retryAfter) * 1000;
  // An HTTP date always names its day or month; this keeps "-5" from parsing as a year.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
