import { describe, expect, it } from 'vitest';
import { isFollowed, redirectTarget } from '../../src/core/redirects.js';

const FROM = 'https://api.mielto.com/api/v1/memories/mem_1';
const answer = (status: number, location?: string) =>
  new Response(null, { status, headers: location === undefined ? {} : { location } });

describe('redirectTarget', () => {
  it.each([301, 302, 303, 307, 308])('resolves the Location of a %i against the URL it answered', (status) => {
    expect(redirectTarget(answer(status, '../v2/mem_1?x=1'), FROM)?.href).toBe('https://api.mielto.com/api/v1/v2/mem_1?x=1');
  });

  it.each([
    ['an http one', 'http://api.mielto.test/next', 'http://api.mielto.test/next'],
    ['another origin', 'https://eu.mielto.test/next', 'https://eu.mielto.test/next'],
  ])('follows %s', (_, location, href) => {
    expect(redirectTarget(answer(307, location), FROM)?.href).toBe(href);
  });

  it.each([
    ['a 300', answer(300, '/next')],
    ['a 304', answer(304, '/next')],
    ['a 200', answer(200, '/next')],
    ['a 302 without a Location', answer(302)],
    ['a Location that is no URL', answer(302, 'http://[::1')],
    ['a Location that is not http(s)', answer(302, 'ftp://files.test/next')],
    ['a Location with a scheme that ends in https', answer(302, 'git+https://code.test/next')],
    ['a Location with a username and password', answer(302, 'https://user:pass@api.mielto.com/next')],
    ['a Location with a username', answer(302, 'https://user@api.mielto.com/next')],
    ['a Location with a password', answer(302, 'https://:pass@api.mielto.com/next')],
  ])('is undefined for %s', (_, response) => {
    expect(redirectTarget(response, FROM)).toBeUndefined();
  });
});

describe('isFollowed', () => {
  it.each([
    [307, 'PUT', true],
    [308, 'PATCH', true],
    [301, 'GET', true],
    [302, 'HEAD', true],
    [303, 'GET', true],
    [301, 'PUT', false],
    [302, 'POST', false],
    [303, 'PATCH', false],
  ])('%i for %s: %s', (status, method, followed) => {
    expect(isFollowed(status, method)).toBe(followed);
  });
});
