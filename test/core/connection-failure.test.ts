import { describe, expect, it } from 'vitest';
import { failureCode, isNeverSent } from '../../src/core/connection-failure.js';

/** A fetch failure as undici reports it: a TypeError whose cause is the system error. */
function fetchFailure(code: string, syscall?: string): TypeError {
  const cause = Object.assign(new Error(`${syscall ?? ''} ${code}`.trim()), { code, syscall });
  return new TypeError('fetch failed', { cause });
}

describe('isNeverSent', () => {
  it.each([
    ['ECONNREFUSED', 'connect'],
    ['ENOTFOUND', 'getaddrinfo'],
    ['EAI_AGAIN', 'getaddrinfo'],
    ['UND_ERR_CONNECT_TIMEOUT', undefined],
    ['ENETUNREACH', 'connect'],
    ['EHOSTUNREACH', 'connect'],
  ])('counts %s (%s) as never sent', (code, syscall) => {
    expect(isNeverSent(fetchFailure(code, syscall))).toBe(true);
  });

  it.each([
    ['EHOSTUNREACH', 'read'],
    ['ENETUNREACH', 'write'],
    ['EHOSTUNREACH', undefined],
    ['ECONNRESET', 'read'],
    ['EPIPE', 'write'],
    ['UND_ERR_SOCKET', undefined],
  ])('does not count %s (%s): the request may have been written', (code, syscall) => {
    expect(isNeverSent(fetchFailure(code, syscall))).toBe(false);
  });

  it('does not count a failure that gives no code, as browsers never do', () => {
    expect(isNeverSent(new TypeError('Failed to fetch'))).toBe(false);
    expect(isNeverSent('fetch failed')).toBe(false);
    expect(isNeverSent(undefined)).toBe(false);
  });

  it('reads the first code along the cause chain', () => {
    const deep = new TypeError('fetch failed', {
      cause: new Error('wrapped', { cause: fetchFailure('ECONNREFUSED', 'connect') }),
    });
    expect(failureCode(deep)).toBe('ECONNREFUSED');
    expect(isNeverSent(deep)).toBe(true);
  });

  it('reads five errors deep at most, and stops at a cause chain that loops', () => {
    const wrapped = (depth: number): unknown => {
      let error: Error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      for (let i = 0; i < depth; i++) error = new Error(`wrapper ${i}`, { cause: error });
      return error;
    };
    expect(failureCode(wrapped(4))).toBe('ECONNREFUSED');
    expect(failureCode(wrapped(5))).toBeUndefined();
    const looping = new Error('loop');
    looping.cause = looping;
    expect(failureCode(looping)).toBeUndefined();
    expect(isNeverSent(looping)).toBe(false);
  });

  it("recognises a real refused connection from Node's fetch", async () => {
    // Port 4 is privileged (below 1024), never served here and not among fetch's blocked ports; a
    // port freed by a test server could be taken again by another test file running alongside.
    const failure = await fetch('http://127.0.0.1:4/').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failureCode(failure)).toBe('ECONNREFUSED');
    expect(isNeverSent(failure)).toBe(true);
  });
});
