import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/index.js';
import { rejectionOf, useServer, WRITES } from './hostile-server.js';

// No downgrade: a redirect from https to plain http is refused, and nothing (not the memory, the
// workspace, nor a header from the `headers` option) is sent over plain HTTP.

const plain = useServer();

describe.each(WRITES)('$name', (write) => {
  it.each([307, 308, 301, 302, 303])('refuses a %i from https to http, sending nothing there', async (status) => {
    const seen: string[] = [];
    // The https origin, as fetch answers with `redirect: 'manual'`; the http one is a real server.
    const fetch = (request: Request) => {
      seen.push(request.url);
      return Promise.resolve(new Response(null, { status, headers: { location: `${plain.url}/landing` } }));
    };
    const error = await rejectionOf(write.call('https://api.memwire.test', { fetch, headers: { 'x-gateway-key': 'gw-secret' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(error.message).toContain('from https to plain http');
    expect(error.message).toContain('memwire refuses: nothing was sent there');
    expect(seen).toHaveLength(1);
    expect(plain.requests).toHaveLength(0);
  });

  it('still follows a 307 from http to http, and from http to https', async () => {
    const seen: string[] = [];
    const fetch = (request: Request) => {
      seen.push(request.url);
      return Promise.resolve(
        seen.length === 1
          ? new Response(null, { status: 307, headers: { location: 'https://api.memwire.test/next' } })
          : Response.json(write.success),
      );
    };
    await expect(write.call('http://api.memwire.test', { fetch })).resolves.toEqual(write.resolved);
    expect(seen).toEqual([expect.stringMatching(/^http:\/\/api\.memwire\.test\//), 'https://api.memwire.test/next']);
  });
});
