// Rule 4: bounded memory. Servers on 127.0.0.1 send bodies that never end, or that declare more
// than the limit; the client abandons them once past `maxResponseBytes` and the server sees its
// socket closed. The sandbox refuses request bodies over its own limit with 413 and stays up.
import { once } from 'node:events';
import { request as httpRequest, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidResponseError, Mielto } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/serve.js';
import { KEY, rejectionOf, reply, useServer, WRITES } from './hostile-server.js';

const server = useServer();

const MiB = 1024 * 1024;
// An endless body stops here, so a client that never stops reading fails the test rather than the machine.
const CAP = 256 * MiB;
// What the kernel's socket buffers and fetch's own can hold beyond what the client read.
const IN_FLIGHT = 32 * MiB;

interface Stream {
  written: number;
  /** Resolves `true` when the client closed the socket, `false` when the server ended the body. */
  outcome: Promise<boolean>;
}

/**
 * Sends a body that never ends (whitespace after an opening brace: as JSON it never completes),
 * honouring backpressure, until the client closes the socket or CAP bytes have gone.
 */
function endless(response: ServerResponse, status = 200, headers: Record<string, string> = {}): Stream {
  const stream: Stream = { written: 0, outcome: Promise.resolve(false) };
  const socket = response.socket!;
  stream.outcome = new Promise((resolve) => {
    socket.once('close', () => resolve(stream.written < CAP));
    response.once('finish', () => resolve(false));
  });
  response.on('error', () => {});
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.write('{');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (!socket.destroyed && stream.written < CAP) {
      stream.written += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    if (!socket.destroyed) response.end('}');
  };
  pump();
  return stream;
}

function serveEndless(status = 200, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve) => {
    server.handle = (_seen, response) => resolve(endless(response, status, headers));
  });
}

describe.each(WRITES)('$name', (write) => {
  it('abandons an endless 200 body past maxResponseBytes, closing the connection, and is not retried', async () => {
    const streaming = serveEndless();
    const error = await rejectionOf(write.call(server.url, { maxResponseBytes: MiB }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1, body: undefined });
    expect(error.message).toBe(
      `${write.name}: ${server.url} sent a body over maxResponseBytes (1048576 bytes), abandoned; raise that option to accept it`,
    );
    const stream = await streaming;
    expect(await stream.outcome).toBe(true);
    expect(stream.written).toBeLessThan(MiB + IN_FLIGHT);
    expect(server.requests).toHaveLength(1);
  });

  it('abandons an endless error body the same way, even when the status alone would be retried', async () => {
    const streaming = serveEndless(503, { 'retry-after': '0' });
    const error = await rejectionOf(write.call(server.url, { maxResponseBytes: MiB }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(await (await streaming).outcome).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('maxResponseBytes', () => {
  const mielto = WRITES[0]!;

  it('is 8 MiB by default', async () => {
    const streaming = serveEndless();
    const error = await rejectionOf(mielto.call(server.url));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('maxResponseBytes (8388608 bytes)');
    const stream = await streaming;
    expect(await stream.outcome).toBe(true);
    expect(stream.written).toBeGreaterThan(8 * MiB);
    expect(stream.written).toBeLessThan(8 * MiB + IN_FLIGHT);
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    let closed: Promise<unknown> | undefined;
    server.handle = (_seen, response) => {
      closed = once(response.socket!, 'close');
      // Declares 64 MiB and then sends nothing more: only a client that believes the header stops here.
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * MiB) });
      response.write('{');
    };
    const error = await rejectionOf(mielto.call(server.url, { maxResponseBytes: MiB }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('over maxResponseBytes (1048576 bytes)');
    await closed;
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('accepts a body of exactly the limit (%s), and refuses one byte more', async (_case, chunked) => {
    const limit = 4096;
    const json = JSON.stringify(mielto.success);
    const body = (size: number) => json + ' '.repeat(size - json.length);
    for (const [size, accepted] of [
      [limit, true],
      [limit + 1, false],
    ] as const) {
      server.handle = (_seen, response) => {
        const text = body(size);
        if (!chunked) return reply(response, 200, text);
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let at = 0; at < text.length; at += 1000) response.write(text.slice(at, at + 1000));
        response.end();
      };
      const call = mielto.call(server.url, { maxResponseBytes: limit });
      if (accepted) await expect(call).resolves.toEqual(mielto.resolved);
      else expect(await rejectionOf(call)).toBeInstanceOf(InvalidResponseError);
    }
  });

  it.each([0, -1, Number.NaN, '1048576'])('refuses %s with an InvalidArgumentError', (value) => {
    expect(() => new Mielto({ apiKey: KEY, maxResponseBytes: value as number })).toThrow(
      new InvalidArgumentError(`Mielto: maxResponseBytes must be a number of bytes above 0, got ${String(value)}`),
    );
  });

  it('takes Infinity for no limit', () => {
    expect(() => new Mielto({ apiKey: KEY, maxResponseBytes: Infinity })).not.toThrow();
  });
});

describe('the sandbox', () => {
  /** Sends `chunks` chunks of 1 KiB with node:http (declaring their total when `declare`), stopping at the answer. */
  async function post(url: string, chunks: number, declare: boolean): Promise<{ status: number; body: string }> {
    const request = httpRequest(`${url}/api/v1/memories/mem_coffee`, {
      method: 'PUT',
      agent: false,
      headers: {
        authorization: 'Bearer memwire-sandbox-key',
        'content-type': 'application/json',
        'x-workspace-id': 'ws_personal',
        ...(declare ? { 'content-length': String(chunks * 1024) } : {}),
      },
    });
    request.on('error', () => {}); // the server may close while the body is still going out
    const answered = once(request, 'response') as Promise<[import('node:http').IncomingMessage]>;
    let done = false;
    void answered.then(() => (done = true));
    const chunk = Buffer.alloc(1024, 0x20);
    for (let sent = 0; sent < chunks && !done; sent++) {
      if (!request.write(chunk)) await Promise.race([once(request, 'drain'), answered]);
    }
    if (!done) request.end();
    const [response] = await answered;
    let body = '';
    for await (const piece of response) body += piece;
    request.destroy();
    return { status: response.statusCode!, body };
  }

  it.each([
    ['declared in Content-Length', true, 64],
    ['streamed without a length, and longer than it would ever read', false, 64 * 1024],
  ])('answers a body over its limit (%s) with 413 and keeps serving', async (_case, declare, chunks) => {
    const sandbox = await startSandbox({ port: 0, maxBodyBytes: 16 * 1024 });
    try {
      expect(await post(sandbox.url, chunks, declare)).toEqual({ status: 413, body: '{"detail":"Request body too large"}' });
      expect(sandbox.mielto.requests).toHaveLength(0);
      const mielto = new Mielto({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, workspaceId: 'ws_personal' });
      const { memory } = await mielto.memories.update('mem_coffee', { memory: 'Ada now drinks tea' });
      expect(memory.memory).toBe('Ada now drinks tea');
    } finally {
      await sandbox.close();
    }
  });

  it('reads a body just under its limit', async () => {
    const sandbox = await startSandbox({ port: 0, maxBodyBytes: 16 * 1024 });
    try {
      const mielto = new Mielto({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, workspaceId: 'ws_personal' });
      const text = 'a'.repeat(15 * 1024);
      await expect(mielto.memories.update('mem_coffee', { memory: text })).resolves.toMatchObject({ memory: { memory: text } });
    } finally {
      await sandbox.close();
    }
  });
});
