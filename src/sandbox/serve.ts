import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../core/clock.js';
import type { FakeServer } from '../testing/fake-server.js';
import { MemoryLayerFake } from '../testing/memorylayer-fake.js';
import { MieltoFake } from '../testing/mielto-fake.js';
import { OpenSearchFake } from '../testing/opensearch-fake.js';
import { SupermemoryFake } from '../testing/supermemory-fake.js';
import { corsHeaders, preflightResponse } from './cors.js';
import { logLine } from './log-line.js';
import { toWebRequest, writeWebResponse } from './node-http.js';
import { DEFAULT_MAX_BODY_BYTES, RequestTooLarge } from './read-body.js';
import { SANDBOX_SEEDS } from './seed.js';

/** The sandbox's port unless told otherwise. */
export const DEFAULT_SANDBOX_PORT = 4010;
/** The sandbox's API key unless told otherwise. */
export const DEFAULT_SANDBOX_KEY = 'memwire-sandbox-key';

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Default 4010; 0 picks a free port (see `url` for the one chosen). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /**
   * The key every fake accepts: `Authorization: Bearer <apiKey>` for Mielto, MemoryLayer and
   * Supermemory; `ApiKey <apiKey>`, `Bearer <apiKey>` or basic `admin:<apiKey>` for OpenSearch.
   * Default 'memwire-sandbox-key'.
   */
  apiKey?: string;
  /**
   * Seed the demo data. Default true. Mielto: `mem_coffee` in `ws_personal`, `mem_standup` in
   * `ws_work`. MemoryLayer: `mem_dark_mode` (layer `layer_preferences`). Supermemory: `mem_abc123`
   * in `user_123`. OpenSearch: container `HudqiJkB1SltqOcZusVU` with sessions
   * `N2CDipkB2Mtr6INFFcX8`, working `XyEuiJkBeh2gPPwzjYWM` and long-term `DcxjTpkBvwXRq366C1Zz`.
   */
  seed?: boolean;
  /** The fakes' clock. Default: the system clock. */
  clock?: Clock;
  /**
   * The largest request body, in bytes, the sandbox reads: a longer one is answered with 413 (and
   * the connection closed) as soon as it passes it, and the sandbox keeps serving. Default 1 MiB.
   */
  maxBodyBytes?: number;
  /**
   * Turns on OpenSearch multi-tenancy (the cluster setting `plugins.ml_commons.multi_tenancy_enabled`):
   * an OpenSearch update without an `x-tenant-id` header is then a 403 "Tenant ID header is missing
   * or has no value". The seeded container belongs to no tenant, so every tenant finds it.
   * Default false.
   */
  openSearchMultiTenancy?: boolean;
  /** Called with one line per request, e.g. `PUT /api/v1/memories/mem_coffee ws=ws_personal -> 200`. Never holds the key. */
  log?: (line: string) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:4010`: use it as the SDK's base URL. */
  readonly url: string;
  readonly apiKey: string;
  /** The fake behind the Mielto routes: seed it, inject faults, read its request log. */
  readonly mielto: MieltoFake;
  /** The fake behind MemoryLayer's `PATCH /v1/memories/{id}`. */
  readonly memoryLayer: MemoryLayerFake;
  /** The fake behind Supermemory's `PATCH /v4/memories`. */
  readonly supermemory: SupermemoryFake;
  /** The fake behind OpenSearch's `/_plugins/_ml/memory_containers/…` routes. */
  readonly openSearch: OpenSearchFake;
  /** Stops listening, drops open connections and abandons held requests; resolves once the port is free. */
  close(): Promise<void>;
}

/**
 * Serves the provider fakes (Mielto, MemoryLayer, Supermemory, OpenSearch) on one origin over real
 * HTTP (node:http), for trying the SDK from a browser, curl or another process. Their paths do not
 * collide, so each request goes to the fake whose routes match its path. Every response allows any origin and exposes the headers memwire reads;
 * `OPTIONS` preflights are answered by the sandbox itself (204, allowing exactly the headers
 * memwire sends) and never reach a fake, so they take no queued fault. A path no fake owns is a
 * 404 `{"detail":"Not Found"}`; a dropped-connection fault destroys the socket.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, log: console.log });
 * await fetch(`${sandbox.url}/api/v1/memories/mem_coffee`, {
 *   method: 'PUT',
 *   headers: { authorization: `Bearer ${sandbox.apiKey}`, 'x-workspace-id': 'ws_personal', 'content-type': 'application/json' },
 *   body: JSON.stringify({ memory: 'Ada now drinks tea' }),
 * });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? DEFAULT_SANDBOX_KEY;
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await listen(server, options.port ?? DEFAULT_SANDBOX_PORT, host);
  try {
    return serveFakes(server, host, apiKey, options);
  } catch (error) {
    server.close(); // a sandbox that failed to start must not keep its port or the process alive
    throw error;
  }
}

/** Puts the fakes behind a listening `server`. */
function serveFakes(server: Server, host: string, apiKey: string, options: SandboxOptions): Sandbox {
  const url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
  const common = { baseUrl: url, ...(options.clock ? { clock: options.clock } : {}) };
  const mielto = new MieltoFake({ ...common, apiKey });
  const memoryLayer = new MemoryLayerFake({ ...common, apiKey });
  const supermemory = new SupermemoryFake({ ...common, apiKey });
  const openSearch = new OpenSearchFake({
    ...common,
    username: 'admin',
    password: apiKey,
    apiKey,
    token: apiKey,
    multiTenancy: options.openSearchMultiTenancy ?? false,
  });
  if (options.seed ?? true) {
    mielto.seed(SANDBOX_SEEDS.mielto);
    memoryLayer.seed(SANDBOX_SEEDS.memoryLayer);
    supermemory.seed(SANDBOX_SEEDS.supermemory);
    openSearch.seed(SANDBOX_SEEDS.openSearch);
  }
  const fakes: readonly FakeServer[] = [mielto, memoryLayer, supermemory, openSearch];
  const log = options.log;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res, url, fakes, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES).then((outcome) => {
      const workspaceId = headerValue(req.headers['x-workspace-id']);
      const line = logLine({ method: req.method ?? 'GET', target: req.url ?? '/', workspaceId, outcome }, apiKey);
      try {
        log?.(line);
      } catch {
        // A failing log callback must not take the server down.
      }
    });
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
      // Held requests would otherwise land after close, and their timers keep the process alive.
      for (const fake of fakes) fake.abandonPending();
    }));
  return { url, apiKey, mielto, memoryLayer, supermemory, openSearch, close };
}

/** Answers one request; resolves with what the client got. Never rejects. */
async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  fakes: readonly FakeServer[],
  maxBodyBytes: number,
): Promise<number | 'dropped'> {
  let response: Response;
  try {
    const request = await toWebRequest(req, origin, maxBodyBytes);
    response = request.method === 'OPTIONS' ? preflightResponse() : await dispatch(request, fakes);
  } catch (error) {
    response =
      error instanceof RequestTooLarge
        ? Response.json({ detail: 'Request body too large' }, { status: 413, headers: { connection: 'close' } })
        : Response.json({ detail: 'Bad Request' }, { status: 400 });
  }
  try {
    await writeWebResponse(res, response, corsHeaders());
  } catch {
    res.destroy();
    return 'dropped';
  }
  return response.type === 'error' ? 'dropped' : response.status;
}

function dispatch(request: Request, fakes: readonly FakeServer[]): Promise<Response> {
  const pathname = new URL(request.url).pathname;
  const owner = fakes.find((fake) => fake.matches(pathname));
  return owner ? owner.handle(request) : Promise.resolve(Response.json({ detail: 'Not Found' }, { status: 404 }));
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The host as a URL spells it: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
