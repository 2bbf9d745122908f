import { describe, expect, it } from 'vitest';
import { requestedDelay } from '../../src/core/retry-after.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0); // a Thursday
const delay = (headers: Record<string, string>) => requestedDelay(new Headers(headers), now);

describe('requestedDelay', () => {
  it('reads retry-after-ms first, as digits with an optional fraction', () => {
    expect(delay({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(delay({ 'retry-after-ms': '12.5' })).toBe(12.5);
  });

  it.each(['soon', '-5', '+5', '1e3', '.5', '5.', '0x10', '1 000', 'Infinity'])(
    'falls back to Retry-After when retry-after-ms is %j',
    (value) => {
      expect(delay({ 'retry-after-ms': value, 'retry-after': '2' })).toBe(2000);
      expect(delay({ 'retry-after-ms': value })).toBeUndefined();
    },
  );

  it('reads Retry-After as delta-seconds', () => {
    expect(delay({ 'retry-after': '3' })).toBe(3000);
    expect(delay({ 'retry-after': '0' })).toBe(0);
    expect(delay({ 'retry-after': '007' })).toBe(7000);
    expect(delay({ 'retry-after': ' 3 ' })).toBe(3000); // outer whitespace is not part of a field value
  });

  // RFC 9110 §10.2.3: delta-seconds is 1*DIGIT; anything else is no delay at all.
  it.each(['1.5', '-5', '+3', '3 0', '1e3', '0x10', '3s', '\xb3', 'Infinity', '', 'later'])(
    'ignores the Retry-After %j',
    (value) => {
      expect(delay({ 'retry-after': value })).toBeUndefined();
    },
  );

  it('reads the IMF-fixdate form, relative to the clock', () => {
    expect(delay({ 'retry-after': new Date(now + 7000).toUTCString() })).toBe(7000);
    expect(delay({ 'retry-after': 'Thu, 01 Jan 2026 12:00:07 GMT' })).toBe(7000);
    expect(delay({ 'retry-after': new Date(now - 7000).toUTCString() })).toBe(0);
  });

  it('reads the obsolete RFC 850 and asctime forms (RFC 9110 §5.6.7)', () => {
    expect(delay({ 'retry-after': 'Thursday, 01-Jan-26 12:00:07 GMT' })).toBe(7000);
    expect(delay({ 'retry-after': 'Thu Jan  1 12:00:07 2026' })).toBe(7000);
    expect(delay({ 'retry-after': 'Thu Jan 01 12:00:07 2026' })).toBe(7000);
  });

  it('reads every month, in each form', () => {
    const later = (month: number) => Date.UTC(2026, month, 6, 8, 49, 37) - now;
    expect(delay({ 'retry-after': 'Fri, 06 Feb 2026 08:49:37 GMT' })).toBe(later(1));
    expect(delay({ 'retry-after': 'Sunday, 06-Dec-26 08:49:37 GMT' })).toBe(later(11));
    expect(delay({ 'retry-after': 'Sat Jun  6 08:49:37 2026' })).toBe(later(5));
  });

  it('does not take the four-digit year 0100 for a two-digit one: such a date is ignored', () => {
    expect(delay({ 'retry-after': 'Fri, 01 Jan 0100 00:00:00 GMT' })).toBeUndefined();
    expect(delay({ 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' })).toBe(Date.UTC(2100, 0, 1) - now);
  });

  it('reads a two-digit RFC 850 year as the latest one not more than 50 years ahead', () => {
    expect(delay({ 'retry-after': 'Friday, 01-Jan-76 12:00:00 GMT' })).toBe(Date.UTC(2076, 0, 1, 12) - now);
    expect(delay({ 'retry-after': 'Friday, 01-Jan-77 12:00:00 GMT' })).toBe(0); // 1977
  });

  it.each([
    ['ISO 8601', '2026-01-01T12:00:07Z'],
    ['a zone other than GMT', 'Thu, 01 Jan 2026 12:00:07 UTC'],
    ['an offset', 'Thu, 01 Jan 2026 12:00:07 +0000'],
    ['a lower-case day name', 'thu, 01 Jan 2026 12:00:07 GMT'],
    ['an upper-case month', 'Thu, 01 JAN 2026 12:00:07 GMT'],
    ['a one-digit day', 'Thu, 1 Jan 2026 12:00:07 GMT'],
    ['no seconds', 'Thu, 01 Jan 2026 12:00 GMT'],
    ['31 February', 'Sat, 31 Feb 2026 12:00:07 GMT'],
    ['hour 24', 'Thu, 01 Jan 2026 24:00:07 GMT'],
    ['minute 60', 'Thu, 01 Jan 2026 12:60:07 GMT'],
    ['day 00', 'Thu, 00 Jan 2026 12:00:07 GMT'],
    ['extra text', 'Thu, 01 Jan 2026 12:00:07 GMT; soon'],
    ['a date without a day name', '01 Jan 2026 12:00:07 GMT'],
    ['a month and year only', 'Jan 2027'],
  ])('ignores an HTTP-date with %s', (_, value) => {
    expect(delay({ 'retry-after': value })).toBeUndefined();
  });

  it('says nothing without either header', () => {
    expect(delay({})).toBeUndefined();
  });
});
