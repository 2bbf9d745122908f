// RFC 9110 §10.2.3: delta-seconds is 1*DIGIT, nothing else (no sign, fraction or inner space).
const SECONDS = /^\d+$/;
// `retry-after-ms` is no standard (OpenAI's and Stainless's SDKs send and read it): milliseconds
// as digits with an optional fraction, the form they send.
const MILLISECONDS = /^\d+(?:\.\d+)?$/;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d\\d:\\d\\d:\\d\\d)';
// RFC 9110 §5.6.7's three HTTP-date forms, case-sensitive as it says; the groups are day, month,
// year and time, once asctime's are reordered.
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

/** An HTTP-date as epoch milliseconds, or `undefined` when `text` is not one or names no real time. */
function httpDate(text: string, now: number): number | undefined {
  const asctime = ASCTIME.exec(text);
  const [, day, month, year, time] = asctime
    ? [, asctime[2], asctime[1], asctime[4], asctime[3]]
    : (IMF_FIXDATE.exec(text) ?? RFC850.exec(text) ?? []);
  if (!time) return undefined;
  let fullYear = Number(year);
  if (fullYear < 100) {
    // RFC 850's two-digit year: the latest year with those digits not more than 50 years ahead.
    const thisYear = new Date(now).getUTCFullYear();
    fullYear += thisYear - (thisYear % 100);
    if (fullYear > thisYear + 50) fullYear -= 100;
  }
  // Each name is three letters and a `|` into MONTH; Date.UTC takes the numeric strings as numbers.
  const parts = [day, ...time.split(':')].map(Number) as [number, number, number, number];
  const date = Date.UTC(fullYear, (MONTH.indexOf(month!) - 1) / 4, ...parts);
  // Date.UTC rolls 31 Feb into March and 25:00 into the next day: only a time that survives the
  // round trip is real.
  return new Date(date).toUTCString().endsWith(`${day!.replace(' ', '0')} ${month} ${fullYear} ${time} GMT`) ? date : undefined;
}
