import { describe, expect, it } from 'vitest';
import { FaultQueue } from '../../src/testing/fault-queue.js';
import { faultResponse, type ErrorAnswer } from '../../src/testing/fault-response.js';
import { jsonResponse } from '../../src/testing/responses.js';
import { delayFault, dropFault, failFault, faultTimes } from '../../src/testing/faults.js';
import { baseUrlPattern } from '../../src/testing/msw.js';
import { decodeSegments, decodeSegmentsLeniently, prefixSegments } from '../../src/testing/path-segments.js';
import { RequestLog, loggedBody, type RecordedRequest } from '../../src/testing/request-log.js';
import { matchRoute, route } from '../../src/testing/router.js';

describe('path segments', () => {
  it('decodes each raw segment exactly once', () => {
    expect(decodeSegments('/api/v1/memories/a%2Fb')).toEqual(['api', 'v1', 'memories', 'a/b']);
    expect(decodeSegments('/x/%252e%252e/%3F%23%25%20caf%C3%A9')).toEqual(['x', '%2e%2e', '?#% café']);
    expect(decodeSegments('/')).toEqual(['']);
    expect(decodeSegments('/a//b/')).toEqual(['a', '', 'b', '']);
  });

  it('fails on a malformed percent sequence, or keeps it as sent when lenient', () => {
    expect(decodeSegments('/a/%zz')).toBeUndefined();
    expect(decodeSegments('/a/%E0%A4%A')).toBeUndefined();
    expect(decodeSegmentsLeniently('/a/%zz/b%20c')).toEqual(['a', '%zz', 'b c']);
  });

  it('reads a base URL path as a prefix', () => {
    expect(prefixSegments('https://api.mielto.com')).toEqual([]);
    expect(prefixSegments('https://gw.example/a/b/')).toEqual(['a', 'b']);
  });
});

describe('router', () => {
  const routes = [
    route('PUT', '/items/:id', 'update'),
    route('POST', '/items/:id/replace', 'replace'),
    route('DELETE', '/items/:id', 'delete'),
  ];

  it('finds a route and its parameters', () => {
    expect(matchRoute(routes, 'put', ['items', 'a/b'])).toEqual({ kind: 'found', handler: 'update', params: { id: 'a/b' } });
    expect(matchRoute(routes, 'POST', ['items', 'x', 'replace'])).toEqual({
      kind: 'found',
      handler: 'replace',
      params: { id: 'x' },
    });
  });

  it('tells 405 (with the allowed methods) from 404', () => {
    expect(matchRoute(routes, 'GET', ['items', 'x'])).toEqual({ kind: 'method-not-allowed', allow: ['PUT', 'DELETE'] });
    expect(matchRoute(routes, 'PUT', ['items', ''])).toEqual({ kind: 'not-found' });
    expect(matchRoute(routes, 'PUT', ['items'])).toEqual({ kind: 'not-found' });
  });
});

describe('faults', () => {
  it('queue first-in, first-out, each for `times` requests', () => {
    const queue = new FaultQueue();
    queue.push(failFault({ status: 503 }), 2);
    queue.push(dropFault(), 1);
    expect(queue.size).toBe(3);
    expect([queue.take()?.kind, queue.take()?.kind, queue.take()?.kind, queue.take()]).toEqual([
      'fail',
      'fail',
      'drop',
      undefined,
    ]);
  });

  it('normalise options', () => {
    expect(failFault({ status: 429, retryAfter: 1, retryAfterMs: 250, headers: { 'X-A': 'b' } })).toEqual({
      kind: 'fail',
      status: 429,
      headers: { 'retry-after': '1', 'retry-after-ms': '250', 'x-a': 'b' },
      body: undefined,
      errorCode: undefined,
      applied: false,
    });
    expect(failFault({ status: 402, errorCode: 'CREDIT_LIMIT_EXCEEDED' }).errorCode).toBe('CREDIT_LIMIT_EXCEEDED');
    expect(() => failFault({ status: 402, errorCode: '' })).toThrow(TypeError);
    expect(dropFault()).toEqual({ kind: 'drop', applied: false });
    expect(delayFault({ ms: 0 })).toEqual({ kind: 'delay', ms: 0 });
    expect(faultTimes(undefined)).toBe(1);
    expect(faultTimes(Infinity)).toBe(Infinity);
    expect(() => faultTimes(-1)).toThrow(RangeError);
  });

  it('answer in the provider error format by default', async () => {
    const answer: ErrorAnswer = (status, message, headers, code) =>
      jsonResponse(status, { error: { status, message, code } }, headers);
    const response = faultResponse(failFault({ status: 418, headers: { 'x-a': 'b' } }), answer);
    expect(response.status).toBe(418);
    expect(response.headers.get('x-a')).toBe('b');
    expect(await response.json()).toEqual({ error: { status: 418, message: 'HTTP 418' } });
    const coded = faultResponse(failFault({ status: 402, errorCode: 'OVER' }), answer);
    expect(await coded.json()).toEqual({ error: { status: 402, message: 'Payment Required', code: 'OVER' } });
    expect(faultResponse(dropFault(), () => Response.error()).type).toBe('error');
  });
});

describe('request log', () => {
  const record = (method: string): RecordedRequest => ({
    method,
    url: 'https://x/',
    path: [''],
    headers: new Headers(),
    body: undefined,
    workspaceId: null,
    outcome: 200,
  });

  it('lists answered requests in arrival order', () => {
    const log = new RequestLog();
    const first = log.reserve();
    const second = log.reserve();
    second.fill(record('SECOND'));
    expect(log.list().map((entry) => entry.method)).toEqual(['SECOND']);
    first.fill(record('FIRST'));
    expect(log.list().map((entry) => entry.method)).toEqual(['FIRST', 'SECOND']);
  });

  it('ignores tickets from before a clear', () => {
    const log = new RequestLog();
    const stale = log.reserve();
    log.clear();
    stale.fill(record('STALE'));
    expect(log.list()).toEqual([]);
  });

  it('stores bodies as JSON, raw text or undefined', () => {
    expect(loggedBody('{"a":1}')).toEqual({ a: 1 });
    expect(loggedBody('a=1')).toBe('a=1');
    expect(loggedBody('')).toBeUndefined();
  });
});

describe('baseUrlPattern', () => {
  it('matches the base URL and what is under it, nothing else', () => {
    const pattern = baseUrlPattern('https://API.mielto.com/');
    expect(pattern.test('https://api.mielto.com')).toBe(true);
    expect(pattern.test('https://api.mielto.com/api/v1/memories/%zz')).toBe(true);
    expect(pattern.test('https://api.mielto.com.evil.example/x')).toBe(false);
    expect(pattern.test('http://api.mielto.com/x')).toBe(false);
    const prefixed = baseUrlPattern('https://gw.example/mielto');
    expect(prefixed.test('https://gw.example/mielto/api')).toBe(true);
    expect(prefixed.test('https://gw.example/mielto2/api')).toBe(false);
  });
});
