import { describe, expect, it } from 'vitest';
import { checkedFetch } from '../../src/core/checked-fetch.js';
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js';

const request = new Request('https://api.mielto.com/');

describe('checkedFetch', () => {
  it('is undefined without a fetch, so the global one is used', () => {
    expect(checkedFetch(undefined)).toBeUndefined();
  });

  it.each([
    ['a string', 'https://api.mielto.com/', 'string'],
    ['an object', { fetch: () => Promise.resolve(new Response()) }, 'object'],
    ['null', null, 'null'],
    ['false', false, 'boolean'],
    ['0', 0, 'number'],
    ['an empty string', '', 'string'],
  ])('refuses a fetch that is %s at once, naming its type only', (_, fetch, type) => {
    expect(() => checkedFetch(fetch)).toThrow(
      new InvalidArgumentError(`fetch must be a function (request) => Promise<Response>, got ${type}`),
    );
  });

  it("passes a fetch's Response on", async () => {
    const response = new Response('ok');
    await expect(checkedFetch(() => Promise.resolve(response))!(request)).resolves.toBe(response);
  });

  it('takes anything with an arrayBuffer method for a Response (a polyfill)', async () => {
    const polyfilled = { status: 200, arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)) };
    await expect(checkedFetch(() => Promise.resolve(polyfilled as never))!(request)).resolves.toBe(polyfilled);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['object', { status: 200, arrayBuffer: 'no' }],
    ['string', 'response'],
  ])('refuses what is not a Response with a TypeError naming it: %s', async (type, value) => {
    await expect(checkedFetch(() => Promise.resolve(value as never))!(request)).rejects.toThrow(
      new TypeError(`fetch resolved to ${type}, not a Response`),
    );
  });
});
