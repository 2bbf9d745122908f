// Rule 5: a 2xx is only a success when it is what the spec says. A server on 127.0.0.1 answers
// each client's write with 200s that are not: invalid UTF-8, JSON that is not an object,
// MemoryLayer's envelope without its data. And whatever a fetch does, the call rejects with a
// MemwireError, never a bare one.
import { describe, expect, it } from 'vitest';
import { InvalidResponseError, MemoryLayer, MemwireError } from '../../src/index.js';
import { INSTANT, KEY, rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

const server = useServer();

/** `{"message":"Memory updated", …, "x":"<bytes>"}`: the write's success with raw bytes in one more string. */
function successWith(success: unknown, bytes: number[]): Buffer {
  const json = JSON.stringify(success);
  return Buffer.concat([Buffer.from(`${json.slice(0, -1)},"x":"`), Buffer.from(bytes), Buffer.from('"}')]);
}

describe.each(WRITES)('$name', (write) => {
  it.each([
    ['a byte never used in UTF-8', [0xff]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses a 200 whose JSON holds %s, sent once', async (_case, bytes) => {
    server.handle = (_seen, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(successWith(write.success, bytes));
    const error = await rejectionOf(write.call(server.url));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect(error.message).toBe(`${write.name}: 200 OK: the body is not valid UTF-8`);
    expect(server.requests).toHaveLength(1);
  });

  it('decodes valid UTF-8 exactly, multi-byte characters split across chunks included', async () => {
    const text = 'Ada ☕ café 🍵 naïve';
    server.handle = (_seen, response) => {
      const bytes = successWith(write.success, [...Buffer.from(text)]);
      response.writeHead(200, { 'content-type': 'application/json' });
      // One byte at a time: every multi-byte character is split between chunks.
      for (const byte of bytes) response.write(Buffer.from([byte]));
      response.end();
    };
    const result = await write.call(server.url);
    // MemoryLayer resolves to the envelope's data, which does not hold the extra field.
    if (write.name.startsWith('MemoryLayer')) expect(result).toEqual(write.resolved);
    else expect(result).toEqual({ ...(write.resolved as object), x: text });
  });

  it.each([
    ['an array', '[]'],
    ['an array holding the success', null],
    ['a string', '"Memory updated"'],
    ['a number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('refuses a 200 whose JSON is %s', async (_case, body) => {
    server.handle = (_seen, response) => reply(response, 200, body ?? JSON.stringify([write.success]));
    const error = await rejectionOf(write.call(server.url));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1 });
    expect(error.message).toMatch(
      new RegExp(
        `^${write.name}: 200 .*: the body is not the documented answer \\(not a JSON object\\), so the write may have been applied or not; it came as `,
      ),
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("MemoryLayer's envelope", () => {
  const memoryLayer = () => new MemoryLayer({ apiKey: KEY, baseUrl: server.url, ...INSTANT });
  const update = () => memoryLayer().memories.update('mem_1', { content: 'Prefers dark mode' });

  it.each([
    ['data missing', { success: true, message: 'Memory updated' }],
    ['data null', { success: true, data: null, message: 'Memory updated' }],
    ['data a string', { success: true, data: 'mem_1' }],
    ['data an array', { success: true, data: [{ id: 'mem_1' }] }],
    ['success not true', { success: 'true', data: { id: 'mem_1' } }],
  ])('is an InvalidResponseError with %s', async (_case, body) => {
    server.handle = (_seen, response) => reply(response, 200, body);
    const error = await rejectionOf(update());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, body, attempts: 1 });
    expect(error.message).toContain('the body is not the documented answer');
  });

  it('resolves to data when it is a memory', async () => {
    server.handle = (_seen, response) =>
      reply(response, 200, { success: true, data: { id: 'mem_1', content: 'x' }, message: 'Memory updated' });
    await expect(update()).resolves.toEqual({ id: 'mem_1', content: 'x' });
  });
});

describe('a fetch that misbehaves', () => {
  const odd: [string, () => Promise<unknown>][] = [
    /* eslint-disable @typescript-eslint/prefer-promise-reject-errors -- these fetches reject with non-Errors on purpose */
    ['rejects with null', () => Promise.reject(null)],
    ['rejects with a string', () => Promise.reject('boom')],
    ['rejects with undefined', () => Promise.reject(undefined)],
    /* eslint-enable @typescript-eslint/prefer-promise-reject-errors */
    ['resolves to undefined', () => Promise.resolve(undefined)],
    ['resolves to a plain object', () => Promise.resolve({ status: 200, ok: true })],
    [
      'throws synchronously',
      () => {
        throw new RangeError('Invalid string length');
      },
    ],
  ];
  it.each(WRITES.flatMap((write) => odd.map(([what, fetch]) => [write.name, what, write, fetch] as const)))(
    '%s: a fetch that %s gives a MemwireError',
    async (_name, _what, write, fetch) => {
      const error = await rejectionOf(
        write.call('https://api.test', { fetch: fetch as (request: Request) => Promise<Response>, maxRetries: 0 }),
      );
      expect(error).toBeInstanceOf(MemwireError);
      expect(error.message).toMatch(/^(Could not reach|[A-Za-z]+ memories\.)/);
    },
  );
});
