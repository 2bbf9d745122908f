import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../src/core/errors/connection-error.js';
import { MemwireError } from '../../../src/core/errors/memwire-error.js';
import { TimeoutError } from '../../../src/core/errors/timeout-error.js';
import { appliedBy, laterApplied, type Outcome, shouldRetry, withheldAsApplied } from '../../../src/core/transport/outcome.js';

const failure = { cause: null, attempts: 1, origin: 'https://a.test' };
const notSent = (retryable: boolean): Outcome => ({ kind: 'not-sent', error: new MemwireError('m'), retryable });
const noAnswer = (delivered: boolean): Outcome => ({ kind: 'no-answer', error: new ConnectionError('m', failure), delivered });
const answered = (status: number, headers: Record<string, string> = {}): Outcome => ({
  kind: 'answered',
  response: new Response(null, { status, headers }),
  body: null,
});

// The one retry decision, as a table: [outcome, idempotent, redirected, retried].
const table: [string, Outcome, boolean, boolean, boolean][] = [
  ['a slow key or hook (not sent, retryable)', notSent(true), false, false, true],
  ['a wait in line that timed out (not sent, final)', notSent(false), true, false, false],
  ['a dropped connection, idempotent', noAnswer(true), true, false, true],
  ['a dropped connection, a write', noAnswer(true), false, false, false],
  ['a refused connection, a write', noAnswer(false), false, false, true],
  ['a refused connection, a write once redirected', noAnswer(false), false, true, false],
  ['a 500, idempotent', answered(500), true, false, true],
  ['a 500, a write', answered(500), false, false, false],
  ['a bare 503, idempotent', answered(503), true, false, true],
  ['a bare 503, a write (a proxy may answer it after the backend got it)', answered(503), false, false, false],
  ['a 503 with Retry-After, a write', answered(503, { 'retry-after': '1' }), false, false, true],
  ['a 503 with retry-after-ms, a write', answered(503, { 'retry-after-ms': '5' }), false, false, true],
  ['a 503 with x-should-retry: true, a write', answered(503, { 'x-should-retry': 'true' }), false, false, true],
  ['a 429, a write', answered(429), false, false, true],
  ['a 429, a write once redirected', answered(429), false, true, false],
  ['a 429, idempotent once redirected', answered(429), true, true, true],
  ['a 404', answered(404), true, false, false],
  ['a 200', answered(200), true, false, false],
];

describe('shouldRetry', () => {
  it.each(table)('%s', (_, outcome, idempotent, redirected, retried) => {
    expect(shouldRetry(outcome, idempotent, redirected)).toBe(retried);
  });

  it('never retries an answer whose afterResponse hook failed', () => {
    const outcome = { ...answered(503, { 'retry-after': '1' }), hookError: undefined } as Outcome & { kind: 'answered' };
    expect(shouldRetry(outcome, true, false)).toBe(true);
    outcome.hookError = new MemwireError('hook') as never;
    expect(shouldRetry(outcome, true, false)).toBe(false);
  });
});

describe('appliedBy', () => {
  it.each<[string, Outcome, string]>([
    ['nothing sent', notSent(true), 'no'],
    ['a refused connection', noAnswer(false), 'no'],
    ['a dropped connection', noAnswer(true), 'unknown'],
    ['a timeout in flight', { kind: 'no-answer', error: new TimeoutError('m', failure), delivered: true }, 'unknown'],
    ['a 2xx', answered(201), 'yes'],
    ['a 4xx', answered(422), 'no'],
    ['a 503 with Retry-After', answered(503, { 'retry-after': '1' }), 'no'],
    ['a bare 503', answered(503), 'unknown'],
    ['a 500', answered(500), 'unknown'],
    ['a redirect not followed', answered(303), 'unknown'],
  ])('%s: %s', (_, outcome, applied) => {
    expect(appliedBy(outcome)).toBe(applied);
  });

  it('keeps, across attempts, the most the write may have done', () => {
    expect(laterApplied('no', 'no')).toBe('no');
    expect(laterApplied('unknown', 'no')).toBe('unknown');
    expect(laterApplied('no', 'unknown')).toBe('unknown');
    expect(laterApplied('unknown', 'yes')).toBe('yes');
    expect(laterApplied('yes', 'no')).toBe('yes');
  });
});

describe('withheldAsApplied (the "may have applied" warning)', () => {
  it('is true for a write not retried only because it may have landed', () => {
    expect(withheldAsApplied(answered(500), false, false)).toBe(true);
    expect(withheldAsApplied(answered(503), false, false)).toBe(true);
    expect(withheldAsApplied(noAnswer(true), false, false)).toBe(true);
    expect(withheldAsApplied(answered(429), false, true)).toBe(true);
  });

  it('is false for what nothing was sent for, a refusal, an idempotent call, or a server that says not to retry', () => {
    expect(withheldAsApplied(notSent(true), false, false)).toBe(false);
    expect(withheldAsApplied(notSent(false), false, false)).toBe(false);
    expect(withheldAsApplied(noAnswer(false), false, false)).toBe(false);
    expect(withheldAsApplied(answered(404), false, false)).toBe(false);
    expect(withheldAsApplied(answered(500), true, false)).toBe(false);
    expect(withheldAsApplied(answered(500, { 'x-should-retry': 'false' }), false, false)).toBe(false);
  });
});
