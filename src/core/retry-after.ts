// RFC 9110 §10.2.3: delta-seconds is 1*DIGIT, nothing else (no sign, fraction or inner space).
const SECONDS = /^\d+$/;
// `retry-after-ms` is no standard (OpenAI's and Stainless's SDKs send and read it): milliseconds
// as digits with an optional fraction, the form they send.
const MILLISECONDS = /^\d+(?:\.\d+)?$/;

// RFC 9110 §5.6.7's three HTTP-date forms, case-sensitive as it says: IMF-fixdate, RFC 850 and
// asctime. Any three characters pass as the month here: only a real one survives the round trip.
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (...) (\d{4}) (\d\d:\d\d:\d\d) GMT$/;
const RFC850 = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-(...)-(\d\d) (\d\d:\d\d:\d\d) GMT$/;
const ASCTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (...) ([ \d]\d) (\d\d:\d\d:\d\d) (\d{4})$/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

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
    ? [undefined, asctime[2], asctime[1], asctime[4], asctime[3]]
    : (IMF_FIXDATE.exec(text) ?? RFC850.exec(text) ?? []);
  if (!time) return undefined;
  let fullYear = Number(year);
  if (fullYear < 100) {
    // RFC 850's two-digit year: the latest year with those digits not more than 50 years ahead.
    const thisYear = new Date(now).getUTCFullYear();
    fullYear += thisYear - (thisYear % 100);
    if (fullYear > thisYear + 50) fullYear -= 100;
  }
  const parts = [day, ...time.split(':')].map(Number) as [number, number, number, number];
  // An unknown month is -1/3, read as January.
  const date = Date.UTC(fullYear, MONTHS.indexOf(month!) / 3, ...parts);
  // Date.UTC rolls 31 Feb into March and 25:00 into the next day: only a time that survives the
  // round trip is real.
  return new Date(date).toUTCString().endsWith(`, ${day!.replace(' ', '0')} ${month} ${fullYear} ${time} GMT`) ? date : undefined;
}
