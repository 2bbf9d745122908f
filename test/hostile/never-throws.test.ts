import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, InvalidResponseError, MemwireError, Mielto, ValidationError } from '../../src/index.js';
import { CLIENTS, KEY } from '../helpers/hostile-clients.js';
import { useServers } from '../helpers/hostile-servers.js';

// Rule 3: whatever a server sends or a fetch does, the call rejects with a MemwireError that says
// what happened, and reading the error (fieldErrors(), JSON.stringify) never throws.

const servers = useServers();

async function rejection(promise: Promise<unknown>): Promise<MemwireError> {
  const error = await promise.then(
    () => expect.unreachable('the call succeeded'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MemwireError);
  return error as MemwireError;
}

describe.each(CLIENTS)('$name', (client) => {
  it('rejects a 400 body nested 10,000 levels deep with a BadRequestError, the depths beyond 64 as a marker', async () => {
    const { url } = await servers.http((_, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(`${'{"error":['.repeat(10_000)}"deep"${']}'.repeat(10_000)}`);
    });
    const error = (await rejection(client.call(url))) as ApiError;
    expect(error.status).toBe(400);
    expect(JSON.stringify(error)).toContain('"[too deep]"');
  });

  it('rejects a response header too large for the HTTP parser with a ConnectionError that names it', async () => {
    const { url } = await servers.raw(() => `HTTP/1.1 200 OK\r\nx-huge: ${'a'.repeat(100_000)}\r\ncontent-length: 2\r\n\r\n{}`);
    const error = await rejection(client.call(url));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/HEADERS_OVERFLOW/);
  });
});

it('rejects a MemoryLayer 200 whose envelope is nested 10,000 levels deep with an InvalidResponseError', async () => {
  const { url } = await servers.http((_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`{"success":false,"data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
  });
  const error = await rejection(CLIENTS.find((client) => client.name === 'MemoryLayer')!.call(url));
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(JSON.stringify(error)).toContain('"[too deep]"');
});

describe('a custom fetch that misbehaves gives a ConnectionError that says how', () => {
  const mielto = (fetch: (request: Request) => Promise<Response>) =>
    new Mielto({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', maxRetries: 0, timeout: Infinity, fetch });
  const update = (fetch: unknown) =>
    mielto(fetch as (request: Request) => Promise<Response>).memories.update('m', { memory: 'x' });

  /* eslint-disable @typescript-eslint/prefer-promise-reject-errors -- these fetches reject with non-Errors on purpose */
  it.each([
    ['throws a string', () => Promise.reject('no route'), /fetch threw no route/],
    ['rejects with null', () => Promise.reject(null), /fetch threw null/],
    ['rejects with undefined', () => Promise.reject(undefined), /fetch threw undefined/],
    ['rejects with a symbol', () => Promise.reject(Symbol('odd')), /fetch threw Symbol\(odd\)/],
    [
      'throws synchronously',
      () => {
        throw new RangeError('sync');
      },
      /sync/,
    ],
    ['resolves to undefined', () => Promise.resolve(undefined), /fetch resolved to undefined, not a Response/],
    ['resolves to null', () => Promise.resolve(null), /fetch resolved to null, not a Response/],
    ['resolves to a plain object', () => Promise.resolve({ status: 200 }), /fetch resolved to object, not a Response/],
    ['returns a value that is not a promise', () => 'response', /fetch resolved to string, not a Response/],
    [
      'throws an error whose message getter throws',
      () =>
        Promise.reject(
          Object.defineProperty(new Error(), 'message', {
            get: () => {
              throw new Error('gotcha');
            },
          }),
        ),
      /no readable message/,
    ],
    ['throws an object with a null prototype', () => Promise.reject(Object.create(null)), /no readable message/],
    [
      'throws a Proxy that throws on every read',
      () =>
        Promise.reject(
          new Proxy(
            {},
            {
              get: () => {
                throw new Error('trap');
              },
              getPrototypeOf: () => {
                throw new Error('trap');
              },
              has: () => {
                throw new Error('trap');
              },
            },
          ),
        ),
      /no readable message/,
    ],
    /* eslint-enable @typescript-eslint/prefer-promise-reject-errors */
  ])('when it %s', async (_, fetch, message) => {
    const error = await rejection(update(fetch));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(message);
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => String(error.cause)).not.toThrow();
  });
});

describe('ValidationError.fieldErrors()', () => {
  const fields = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'memory'];

  it('keeps field names that are prototype keys as data', async () => {
    const { url } = await servers.http((_, response) => {
      response.writeHead(422, { 'content-type': 'application/json' });
      const detail = fields.flatMap((field) => [1, 2].map((n) => ({ loc: ['body', field], msg: `${field} ${n}`, type: 'x' })));
      response.end(JSON.stringify({ detail }));
    });
    const error = await rejection(
      new Mielto({ apiKey: KEY, baseUrl: url, maxRetries: 0, timeout: Infinity }).memories.update('m', { memory: 'x' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const errors = (error as ValidationError).fieldErrors();
    expect(Object.keys(errors)).toEqual(fields);
    for (const field of fields) expect(errors[field]).toEqual([`${field} 1`, `${field} 2`]);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(errors))).toEqual(
      JSON.parse(`{${fields.map((field) => `"${field}":["${field} 1","${field} 2"]`).join(',')}}`),
    );
    expect(JSON.stringify(errors)).toContain('"__proto__":["__proto__ 1","__proto__ 2"]');
  });
});
