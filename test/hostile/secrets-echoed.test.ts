import { describe, expect, it } from 'vitest';
import { MemwireError } from '../../src/index.js';
import { CLIENTS, ECHOES } from '../helpers/hostile-clients.js';
import { useServers, type Served } from '../helpers/hostile-servers.js';
import { secretsShown } from '../helpers/secret-search.js';

// Rule 2: whatever a server echoes of the credentials, wherever it puts it and however it
// escapes it, no error shows a secret: message, stack, String(), JSON.stringify, headers, body,
// or anything down the cause chain.

const servers = useServers();
type Echo = (authorization: string) => string;
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** Each place a response can carry text, as a server that puts the echo there. */
const PLACES: [string, (echo: Echo) => Promise<Served>, ((echoed: string) => boolean)?][] = [
  [
    'a JSON error body',
    (echo) =>
      servers.http((request, response) => {
        const text = echo(request.headers.authorization!);
        response.writeHead(401, { 'content-type': 'application/json' });
        // Written by hand so that escaped forms reach the client escaped.
        response.end(`{"message":"Invalid token ${text}","detail":["${text}"],"${text}":{"error":{"reason":"${text}"}}}`);
      }),
  ],
  [
    'a text error body',
    (echo) =>
      servers.http((request, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`Invalid token ${echo(request.headers.authorization!)}\nsecond line`);
      }),
  ],
  [
    'an error header value',
    (echo) =>
      servers.http((request, response) => {
        const text = echo(request.headers.authorization!);
        response.writeHead(401, {
          'x-echo': text,
          'www-authenticate': `Bearer error="invalid_token", token="${text}"`,
          'x-request-id': text,
        });
        response.end();
      }),
    (echoed) => /^[\x20-\xff]*$/.test(echoed),
  ],
  [
    'an error header name',
    (echo) =>
      servers.http((request, response) => {
        response.writeHead(403, { [`x-${echo(request.headers.authorization!)}`]: '1' });
        response.end();
      }),
    (echoed) => TOKEN.test(echoed),
  ],
  [
    "a 200's content-type (an InvalidResponseError)",
    (echo) =>
      servers.http((request, response) => {
        response.writeHead(200, { 'content-type': `text/plain; charset="${echo(request.headers.authorization!)}"` });
        response.end('not JSON');
      }),
    (echoed) => /^[\x20-\xff]*$/.test(echoed),
  ],
  [
    "a 200's body that is not JSON",
    (echo) =>
      servers.http((request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`{"memory": ${echo(request.headers.authorization!)}`);
      }),
  ],
  [
    'the status line (raw bytes, UTF-8)',
    (echo) => servers.raw(({ authorization }) => `HTTP/1.1 401 Invalid ${echo(authorization)}\r\ncontent-length: 0\r\n\r\n`),
  ],
  [
    'a header value (raw bytes, UTF-8)',
    (echo) =>
      servers.raw(
        ({ authorization }) => `HTTP/1.1 401 Unauthorized\r\nx-echo: ${echo(authorization)}\r\ncontent-length: 0\r\n\r\n`,
      ),
  ],
  [
    'a header the parser refuses (its error keeps the raw response)',
    (echo) =>
      servers.raw(
        ({ authorization }) => `HTTP/1.1 401 Unauthorized\r\nx-echo: \0${echo(authorization)}\r\ncontent-length: 0\r\n\r\n`,
      ),
  ],
  [
    'a redirect Location that is no URL (its error keeps the input)',
    (echo) =>
      servers.raw(
        ({ authorization }) => `HTTP/1.1 302 Found\r\nlocation: http://[${echo(authorization)}\r\ncontent-length: 0\r\n\r\n`,
      ),
  ],
  ...[301, 303, 307].map((status): (typeof PLACES)[number] => [
    `a ${status} redirect's Location and body, and the page it leads to`,
    (echo) =>
      servers.http((request, response) => {
        const text = echo(request.headers.authorization ?? '');
        if (request.url!.startsWith('/next')) {
          response.writeHead(401, { 'content-type': 'application/json', 'x-url': request.url! });
          return response.end(JSON.stringify({ message: `Unauthorized at ${request.url}`, detail: text }));
        }
        response.writeHead(status, { location: `/next?token=${encodeURIComponent(text)}` });
        response.end(`Moved to /next?token=${text}`);
      }),
  ]),
];

describe.each(CLIENTS)('$name: no error shows a secret the server echoes', (client) => {
  describe.each(PLACES)('in %s', (_, start, fits) => {
    // Some places take only some forms (a header name, only a token).
    it.each(ECHOES.filter(([, echo]) => !fits || fits(echo(client.authorization))))('%s', async (_, echo) => {
      const { url } = await start(echo);
      const error = await client.call(url).then(
        () => expect.unreachable('the call succeeded'),
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(MemwireError);
      expect(secretsShown(error, client.secrets)).toEqual([]);
    });
  });
});

describe.each(CLIENTS)('$name: no error shows a secret that a custom fetch puts in what it throws', (client) => {
  it.each([
    [
      'a TypeError quoting the header, its own properties and its cause holding it',
      (authorization: string) =>
        Object.assign(
          new TypeError(`Headers.append: "${authorization}" is an invalid header value.`, {
            cause: Object.assign(new Error(`socket hang up sending ${authorization}`), {
              code: 'ECONNRESET',
              data: authorization,
            }),
          }),
          { input: authorization, headers: { authorization } },
        ),
    ],
    ['a string', (authorization: string) => `failed with ${authorization}`],
    ['a plain object', (authorization: string) => ({ message: authorization, authorization })],
    [
      'a cause chain longer than is kept',
      (authorization: string) => {
        let error: unknown = new Error(authorization);
        for (let i = 0; i < 20; i++) error = new Error(`level ${i}`, { cause: error });
        return error;
      },
    ],
  ])('%s', async (_, thrown) => {
    const fetch = (request: Request) =>
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some of these fetches reject with non-Errors on purpose
      Promise.reject(thrown(request.headers.get('authorization')!));
    const error = await client.call('http://127.0.0.1:9', { fetch }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MemwireError);
    expect(secretsShown(error, client.secrets)).toEqual([]);
  });
});
