// Status lines that fetch passes through from a real server but `new Response` refuses to build
// (msw cannot serve them, so a node:http server on 127.0.0.1 does): they are still responses.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, Mielto, ServerError } from '../../../src/index.js';
import { API_KEY, rejectionOf } from '../../helpers/mielto.js';

interface Reply {
  status: number;
  reason: string;
  body: string;
}

let reply: Reply;
let hits = 0;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits++;
    request.resume();
    // The reason's UTF-8 bytes, one char each: how a server sends it, and what fetch decodes.
    const reason = Buffer.from(reply.reason, 'utf8').toString('latin1');
    response.writeHead(reply.status, reason, { 'content-type': 'application/json' });
    response.end(reply.body);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server.close();
});

beforeEach(() => {
  hits = 0;
});

const mielto = () => new Mielto({ apiKey: API_KEY, baseUrl });
const UPDATED = { memory_id: 'mem_1', message: 'Memory updated', memory: { memory_id: 'mem_1', memory: 'Likes tea' } };

describe('a status line new Response would refuse', () => {
  it('resolves a 200 whose reason phrase is UTF-8, sent once', async () => {
    reply = { status: 200, reason: 'Успешно', body: JSON.stringify(UPDATED) };
    await expect(mielto().memories.update('mem_1', { memory: 'Likes tea' })).resolves.toEqual(UPDATED);
    expect(hits).toBe(1);
  });

  it("keeps a UTF-8 reason phrase for the error's message", async () => {
    reply = { status: 404, reason: 'Не найдено', body: '' };
    const error = await rejectionOf(mielto().memories.update('mem_1', { memory: 'x' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(
      /^Mielto memories\.update: 404 Не найдено \(PUT http:\/\/127\.0\.0\.1:\d+\/api\/v1\/memories\/\{memory_id\}; no X-Workspace-Id was sent/,
    );
  });

  it('gives a status above 599 as a ServerError with its own number, not retried', async () => {
    reply = { status: 600, reason: 'Proxy Invented', body: JSON.stringify({ detail: 'upstream gave up' }) };
    const error = await rejectionOf(mielto().memories.update('mem_1', { memory: 'x' }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 600, body: { detail: 'upstream gave up' }, attempts: 1 });
    expect(error.message).toBe('Mielto memories.update: 600 upstream gave up');
    expect(hits).toBe(1);
  });
});
