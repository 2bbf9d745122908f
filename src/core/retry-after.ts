// RFC 9110 §10.2.3: delta-seconds is 1*DIGIT, nothing else (no sign, fraction or inner space).
const SECONDS = /^\d+$/;
// `retry-after-ms` is no standard (OpenAI's and Stainless's SDKs send and read it): milliseconds
// as digits with an optional fraction, the form they send.
const MILLISECONDS = /^\d+(?:\.\d+)?$/;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d\\d):(\\d\\d):(\\d\\d)';
// RFC 9110 §5.6.7's three HTTP-date forms, case-sensitive as it says; groups in the order
// day, month, year, hour, minute, second once `asctime`'s are reordered.
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms`, else `Retry-After` as
 * delta-seconds or as an HTTP-date (one already past means now). `undefined` when it said nothing
 * in those forms, so the caller backs off instead.
 */
export function requestedDelay(headers: Headers, now: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && MILLISECONDS.test(milliseconds)) return Number(milliseconds);

  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  if (SECONDS.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = httpDate(retryAfter, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** An HTTP-date as epoch milliseconds, or `undefined` when `text` is not one or names no real day. */
function httpDate(text: string, now: number): number | undefined {
  let parts = IMF_FIXDATE.exec(text)?.slice(1) ?? RFC850.exec(text)?.slice(1);
  const asctime = ASCTIME.exec(text);
  if (asctime) parts = [asctime[2]!, asctime[1]!, asctime[6]!, ...asctime.slice(3, 6)];
  if (!parts) return undefined;
  const month = (MONTH.indexOf(parts[1]!) - 1) / 4; // each name is 3 letters and a `|` into MONTH
  const [day, , year, hour, minute, second] = parts.map(Number) as number[];
  let fullYear = year!;
  if (fullYear < 100) {
    // RFC 850's two-digit year: the latest year with those digits not more than 50 years ahead.
    const thisYear = new Date(now).getUTCFullYear();
    fullYear += thisYear - (thisYear % 100);
    if (fullYear > thisYear + 50) fullYear -= 100;
  }
  const time = Date.UTC(fullYear, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb into March and 25:00 into the next day: only a real date is read.
  const real = new Date(time).getUTCDate() === day && hour! < 24 && minute! < 60 && second! <= 60;
  return real ? time : undefined;
}
