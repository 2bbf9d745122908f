import { describe, expect, it } from 'vitest';
import { ApiError, HookError, MemwireError, Mielto } from '../../src/index.js';
import { secretsShown } from '../helpers/secret-search.js';
import { INSTANT, KEY, rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

// Secrets in the forms the first round missed: a host name built from the key (error.origin), a
// key that a URL parser would transform, what a hook throws, and a key of any length.

const server = useServer();

describe.each(WRITES)('$name', (write) => {
  it('shows no key when a redirect leads to a host name built from it (error.origin, message, stack)', async () => {
    server.handle = (_seen, response) => reply(response, 307, '', { location: `http://${KEY}.invalid/next` });
    const error = await rejectionOf(write.call(server.url));
    expect(error).toBeInstanceOf(MemwireError);
    expect((error as { origin?: string }).origin).toBe('http://[redacted].invalid');
    expect(secretsShown(error, [KEY])).toEqual([]);
  });

  it("shows no key when a hook throws what it was given, the server's echo of the key", async () => {
    server.handle = (seen, response) => reply(response, 200, { ...(write.success as object), echo: seen.authorization });
    const afterResponse = async (response: Response) => {
      throw new Error(`unexpected answer ${await response.text()}`);
    };
    const error = await rejectionOf(write.call(server.url, { hooks: { afterResponse } }));
    expect(error).toBeInstanceOf(HookError);
    expect((error.cause as Error).message).toContain('[redacted]');
    expect(secretsShown(error, [KEY])).toEqual([]);
  });

  it('keeps an error readable with a 16 KB token, redacting only the token', async () => {
    const token = `eyJ${'a'.repeat(16 * 1024)}.sig`;
    server.handle = (_seen, response) => reply(response, 401, { message: `token ${token} expired`, request: 'req_42' });
    const error = await rejectionOf(write.call(server.url, { hooks: {} }, undefined, token));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain('401 token [redacted] expired');
    expect(JSON.stringify(error)).toContain('req_42');
    expect(secretsShown(error, [token])).toEqual([]);
  });
});

describe('a key that a URL parser would change', () => {
  it('is redacted before the redirect is shown: a `\\` turned into `/` cannot slip past', async () => {
    const key = 'sk\\back\\slash99';
    server.handle = (_seen, response) => reply(response, 303, '', { location: `/moved/${key}/now` });
    const mielto = new Mielto({ apiKey: key, baseUrl: server.url, ...INSTANT });
    const error = await rejectionOf(mielto.memories.replace('mem_1', { memory: 'x' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain('redirected the write to');
    expect(secretsShown(error, [key, key.replaceAll('\\', '/')])).toEqual([]);
  });
});
