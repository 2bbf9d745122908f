import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { CLIENTS } from '../helpers/hostile-clients.js';
import { useServers } from '../helpers/hostile-servers.js';

// Rules 3 and 6, the caller's side: what cannot be sent is refused before anything is, with an
// InvalidArgumentError that says why, never a bare TypeError from deep inside.

const servers = useServers();

/** A server that counts what reaches it and answers every request with an empty 200. */
async function countingServer() {
  const seen = { requests: 0 };
  const { url } = await servers.http((_, response) => {
    seen.requests++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  return { url, seen };
}

describe.each(CLIENTS)('$name', (client) => {
  it.each([
    ['an object with only `aborted`', { aborted: false }],
    ['an AbortController', new AbortController()],
    ['a string', 'abort'],
    ['null', null],
    ['a number', 0],
    [
      'an object whose `aborted` getter throws',
      Object.defineProperty({}, 'aborted', {
        get: () => {
          throw new Error('gotcha');
        },
      }),
    ],
  ])('refuses a signal that is %s, sending nothing', async (_, signal) => {
    const { url, seen } = await countingServer();
    const error = await client.call(url, {}, { signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/signal must be an AbortSignal/);
    expect(seen.requests).toBe(0);
  });

  it.each(['host', 'Host', 'content-length', 'Transfer-Encoding', 'connection', 'KEEP-ALIVE', 'upgrade', 'te', 'Trailer'])(
    'refuses a %s header in the headers option, naming it and why',
    async (name) => {
      const { url, seen } = await countingServer();
      let error: unknown;
      try {
        await client.call(url, { headers: { [name]: 'x' } });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain(`cannot set ${name}`);
      expect((error as Error).message).toMatch(/framing or hop-by-hop/);
      expect(seen.requests).toBe(0);
    },
  );

  it('still sends other custom headers', async () => {
    const received: string[] = [];
    const { url } = await servers.http((request, response) => {
      received.push(String(request.headers['x-trace-id']));
      response.writeHead(500);
      response.end();
    });
    await client.call(url, { headers: { 'X-Trace-Id': 'trace-1', 'X-Host': 'h', 'X-Connection-Id': 'c' } }).catch(() => {});
    expect(received).toEqual(['trace-1']);
  });
});
