// Real node:http servers on 127.0.0.1 that misbehave on purpose, and the five write operations of
// the four clients, so each hostile test can drive every client against the same server.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { MemoryLayer, Mielto, OpenSearchMemory, Supermemory, type ClientOptions, type RequestOptions } from '../../src/index.js';

export const KEY = 'sk-hostile-7f3e9a1c5b';

/** A request as the server saw it, once its body was read. */
export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

export type Handler = (seen: Seen, response: ServerResponse, request: IncomingMessage) => void;

export interface HostileServer {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: Seen[];
  /** What the server does with each request; tests set it. Default: 404. */
  handle: Handler;
  /** Sockets the server saw closed, counted. */
  readonly closedSockets: () => number;
}

/**
 * A node:http server on 127.0.0.1 (port 0), started before the file's tests and closed after them;
 * its request log and handler are reset after each test. Call it at the top of a test file.
 */
export function useServer(): HostileServer {
  const requests: Seen[] = [];
  let closed = 0;
  const notFound: Handler = (_seen, response) => response.writeHead(404).end();
  const state: HostileServer = { url: '', requests, handle: notFound, closedSockets: () => closed };
  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const seen = {
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(seen);
    state.handle(seen, response, request);
  };
  // node:http ignores what a listener returns, as it ignored the promise of an async one.
  // Headers of up to 64 KB: a test sends a 16 KB token.
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => void onRequest(request, response));
  server.on('connection', (socket) => socket.on('close', () => closed++));
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  afterEach(() => {
    requests.length = 0;
    state.handle = notFound;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return state;
}

/** Writes one JSON (or raw) reply. */
export function reply(response: ServerResponse, status: number, body: unknown = '', headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
}

/** A port nothing listens on: privileged, never served here, and not among fetch's blocked ports. */
export const CLOSED_PORT_URL = 'http://127.0.0.1:4';

/**
 * Fires every timer at once (retry waits included), so no test waits for real time; attempts get
 * no timeout timer (`timeout: Infinity`), so nothing here depends on how fast sockets are.
 */
export const instantClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback) => setTimeout(callback, 0),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
export const INSTANT: ClientOptions = { clock: instantClock, timeout: Infinity, random: () => 0 };

/** One write operation of one client, as a user calls it. */
export interface Write {
  name: string;
  idempotent: boolean;
  method: string;
  path: string;
  /** The Authorization header the client sends. */
  authorization: string;
  /** A 2xx body the operation accepts, and what the call then resolves to. */
  success: unknown;
  resolved: unknown;
  /** The call as a user makes it, with client options and call options (`signal`, say). */
  call(
    baseUrl: string,
    options?: Partial<Omit<ClientOptions, 'baseUrl'>>,
    callOptions?: RequestOptions,
    /** The key, when not KEY (a 16 KB token, say). */
    key?: string,
  ): Promise<unknown>;
}

const MIELTO_MEMORY = { memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' };
const MEMORYLAYER_MEMORY = { id: 'mem_1', content: 'Prefers dark mode' };
// Each operation's documented 200 answer, every field its spec requires in place.
const VERSION = {
  id: 'mem_2',
  memory: 'Now light mode',
  version: 2,
  parentMemoryId: 'mem_1',
  rootMemoryId: 'mem_1',
  createdAt: '2026-12-07T10:00:00Z',
  forgetAfter: null,
  forgetReason: null,
  metadata: {},
};
/** OpenSearch's answer to a memory update, as the documented response has it. */
export const OPENSEARCH_RESULT = {
  _index: 'ml-agentic-memory-long-term',
  _id: 'm_1',
  _version: 2,
  result: 'updated',
  _shards: { total: 1, successful: 1, failed: 0 },
  _seq_no: 7,
  _primary_term: 1,
};

export const WRITES: readonly Write[] = [
  {
    name: 'Mielto memories.update',
    idempotent: true,
    method: 'PUT',
    path: '/api/v1/memories/mem_1',
    authorization: `Bearer ${KEY}`,
    success: { memory_id: 'mem_1', message: 'Memory updated', memory: MIELTO_MEMORY },
    resolved: { memory_id: 'mem_1', message: 'Memory updated', memory: MIELTO_MEMORY },
    call: (baseUrl, options, callOptions, key = KEY) =>
      new Mielto({ apiKey: key, baseUrl, ...INSTANT, ...options }).memories.update('mem_1', { memory: 'Likes tea' }, callOptions),
  },
  {
    name: 'Mielto memories.replace',
    // Its answer (old_memory) differs when repeated: retried only when nothing can have been applied.
    idempotent: false,
    method: 'POST',
    path: '/api/v1/memories/mem_1/replace',
    authorization: `Bearer ${KEY}`,
    success: { memory_id: 'mem_1', message: 'Memory replaced', old_memory: MIELTO_MEMORY, new_memory: MIELTO_MEMORY },
    resolved: { memory_id: 'mem_1', message: 'Memory replaced', old_memory: MIELTO_MEMORY, new_memory: MIELTO_MEMORY },
    call: (baseUrl, options, callOptions, key = KEY) =>
      new Mielto({ apiKey: key, baseUrl, ...INSTANT, ...options }).memories.replace(
        'mem_1',
        { memory: 'Likes tea' },
        callOptions,
      ),
  },
  {
    name: 'MemoryLayer memories.update',
    idempotent: true,
    method: 'PATCH',
    path: '/v1/memories/mem_1',
    authorization: `Bearer ${KEY}`,
    success: { success: true, data: MEMORYLAYER_MEMORY, message: 'Memory updated' },
    resolved: MEMORYLAYER_MEMORY,
    call: (baseUrl, options, callOptions, key = KEY) =>
      new MemoryLayer({ apiKey: key, baseUrl, ...INSTANT, ...options }).memories.update(
        'mem_1',
        { content: 'Prefers dark mode' },
        callOptions,
      ),
  },
  {
    name: 'Supermemory memories.update',
    idempotent: false,
    method: 'PATCH',
    path: '/v4/memories',
    authorization: `Bearer ${KEY}`,
    success: VERSION,
    resolved: VERSION,
    call: (baseUrl, options, callOptions, key = KEY) =>
      new Supermemory({ apiKey: key, baseUrl, ...INSTANT, ...options }).memories.update(
        {
          containerTag: 'user_1',
          id: 'mem_1',
          newContent: 'Now light mode',
        },
        callOptions,
      ),
  },
  {
    name: 'OpenSearch memories.update',
    idempotent: true,
    method: 'PUT',
    path: '/_plugins/_ml/memory_containers/c_1/memories/long-term/m_1',
    authorization: `ApiKey ${KEY}`,
    success: OPENSEARCH_RESULT,
    resolved: OPENSEARCH_RESULT,
    call: (baseUrl, options, callOptions, key = KEY) =>
      new OpenSearchMemory({ auth: { apiKey: key }, ...INSTANT, ...options, baseUrl }).memories.update(
        'c_1',
        'long-term',
        'm_1',
        {
          memory: 'Likes tea',
        },
        callOptions,
      ),
  },
];

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
