import type { Clock } from '../core/clock.js';
import { FaultQueue } from './fault-queue.js';
import { faultResponse, type ErrorAnswer } from './fault-response.js';
import {
  delayFault,
  dropFault,
  failFault,
  faultTimes,
  type DelayNextOptions,
  type DropNextOptions,
  type FailNextOptions,
  type Fault,
} from './faults.js';
import { decodeSegments, decodeSegmentsLeniently, prefixSegments } from './path-segments.js';
import { RequestLog, loggedBody, type LogTicket, type RecordedRequest } from './request-log.js';
import { isDropped, jsonResponse, withHeaders } from './responses.js';
import { matchRoute, ownsSegments, route, routePattern, type Route } from './router.js';
import { ScopedStore } from './scoped-store.js';
import { sleep, type Sleep } from './sleep.js';

/** What every fake is built from. */
export interface FakeServerOptions {
  /**
   * Where the fake is mounted. Only its path matters for routing: a base URL with a path
   * (`https://proxy.example/mielto`) makes that path a prefix the fake expects and strips.
   */
  baseUrl: string;
  /** The clock that delays and timestamps use. */
  clock: Clock;
  /** A response header that carries `req_<n>` (n counts requests since the last reset). */
  requestIdHeader?: string;
}

/** What a route handler gets. The request's body has already been read into `body`. */
export interface RequestContext<Param extends string = string> {
  readonly request: Request;
  /** Path parameters, each decoded once. */
  readonly params: Readonly<Record<Param, string>>;
  /** The raw request body text ('' when there was none). */
  readonly body: string;
  /** The request's scope as {@link FakeServer.workspaceOf} reads it. */
  readonly workspaceId: string | null;
}

/** The `{name}` parameters of a path template: `'memory_id'` for `/api/v1/memories/{memory_id}`. */
type PathParams<Path extends string> = Path extends `${string}{${infer Param}}${infer Rest}` ? Param | PathParams<Rest> : never;

/** What a handler gets for an operation of generated/<name>.operations.ts: its path parameters by name. */
export type OperationContext<Operation extends { readonly path: string }> = RequestContext<PathParams<Operation['path']>>;

/** Answers one routed, authorized request. */
export type RouteHandler<Param extends string = string> = (context: RequestContext<Param>) => Response | Promise<Response>;

/**
 * The machinery every provider fake shares: a web-standard `handle(request)` entry that routes on
 * the URL's decoded path segments (ignoring the origin), a FIFO fault queue, a request log, request
 * ids, and a store of `Stored` records that {@link FakeServer.seed} fills and `reset()` empties.
 * Subclasses register routes with {@link FakeServer.routeOperation} (or {@link FakeServer.route})
 * and supply the provider's error format, auth check and what a `Seed` stores.
 *
 * Each request goes through, in order: the next queued fault (taken on arrival), routing (a
 * malformed percent sequence is a 400, an unknown path a 404, a known path with another method a
 * 405 with `Allow`), {@link FakeServer.authorize}, then the route's handler. A handler that throws
 * becomes a 500 in the provider's error format.
 *
 * @example
 * class EchoFake extends FakeServer<{ word: string }, string> {
 *   constructor() {
 *     super({ baseUrl: 'https://echo.example', clock: systemClock });
 *     this.route('POST', '/echo/:word', ({ params }) => jsonResponse(200, { word: params.word }));
 *   }
 *   protected errorBody(status: number, message: string) {
 *     return { error: message };
 *   }
 *   protected seedRecords({ word }: { word: string }) {
 *     return [{ scope: null, id: word, record: word }];
 *   }
 * }
 */
export abstract class FakeServer<Seed = unknown, Stored = unknown> {
  /** Where the fake is mounted; the msw adapter intercepts requests under it. */
  readonly baseUrl: string;
  protected readonly clock: Clock;
  /** @internal The provider's records, per scope (a workspace, a container…). */
  protected readonly store = new ScopedStore<Stored>();

  readonly #routes: Route<RouteHandler>[] = [];
  readonly #prefix: readonly string[];
  readonly #requestIdHeader: string | undefined;
  readonly #faults = new FaultQueue();
  readonly #log = new RequestLog();
  readonly #inFlight = new Set<Promise<Response>>();
  readonly #delays = new Set<Sleep>();
  // Bumped by abandonPending(): a request that arrived before it is abandoned wherever it is.
  #generation = 0;
  #requestCount = 0;

  protected constructor(options: FakeServerOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock;
    this.#prefix = prefixSegments(this.baseUrl);
    this.#requestIdHeader = options.requestIdHeader;
  }

  /**
   * The provider's error body for a status and message, carrying `code` (a fault's `errorCode`)
   * where the provider's body has a place for one.
   */
  protected abstract errorBody(status: number, message: string, code?: string): unknown;

  /**
   * The answer to a request no route takes, before auth: 405 with `Allow` when the path has other
   * methods (`allow`), else 404. A provider whose server answers these its own way overrides it.
   */
  protected unroutedResponse(_request: Request, allow: readonly string[]): Response {
    if (allow.length === 0) return this.errorResponse(404, 'Not Found');
    return this.errorResponse(405, 'Method Not Allowed', { allow: allow.join(', ') });
  }

  /** Returns the provider's auth error response, or `undefined` to let the request through. */
  protected authorize(_request: Request): Response | undefined {
    return undefined;
  }

  /** The request's scope for the log and for handlers; `null` by default. */
  protected workspaceOf(_request: Request): string | null {
    return null;
  }

  /**
   * What one seed stores: each record with the scope and id it is kept under. Throws a `TypeError`
   * for a seed a test got wrong, so the mistake shows at once.
   */
  protected abstract seedRecords(seed: Seed): readonly { scope: string | null; id: string; record: Stored }[];

  /** Clears provider state beyond its seeded records; called by {@link FakeServer.reset}. */
  protected resetState(): void {}

  /** Registers a route; `pattern` segments starting with `:` are parameters. */
  protected route(method: string, pattern: string, handler: RouteHandler): void {
    this.#routes.push(route(method, pattern, handler));
  }

  /**
   * Registers a route for an operation as generated/<name>.operations.ts describes it: its method,
   * and its path template with each `{name}` a parameter.
   */
  protected routeOperation<Path extends string>(
    operation: { readonly method: string; readonly path: Path },
    handler: RouteHandler<PathParams<Path>>,
  ): void {
    this.route(operation.method, routePattern(operation.path), handler);
  }

  /** The clock's now as an ISO 8601 string, for `created_at`/`updatedAt`-style fields. */
  protected timestamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /**
   * A response in the provider's error format: JSON {@link FakeServer.errorBody} unless a
   * provider overrides it (OpenSearch's 401 is plain text). Fault default bodies come from here too.
   */
  protected errorResponse(status: number, message: string, headers?: HeadersInit, code?: string): Response {
    return jsonResponse(status, this.errorBody(status, message, code), headers);
  }

  /**
   * Stores what each seed describes (replacing a record with the same id in the same scope) and
   * returns copies of the records as stored, with the provider's defaults filled in.
   *
   * @example
   * const [coffee] = mielto.seed([{ workspaceId: 'ws_personal', user_id: 'user_ada', memory: 'Oat flat white' }]);
   * coffee.memory_id; // 'mem_…'
   */
  seed(seeds: readonly Seed[]): Stored[] {
    return seeds.flatMap((seed) =>
      this.seedRecords(seed).map(({ scope, id, record }) => {
        this.store.set(scope, id, record);
        return structuredClone(record);
      }),
    );
  }

  /**
   * Answers a web-standard request. Never rejects: a dropped connection is `Response.error()`,
   * which msw (and the sandbox) turn into a network error on the client.
   *
   * @example
   * const response = await fake.handle(new Request('https://api.mielto.com/api/v1/memories/x', { method: 'PUT' }));
   */
  handle(request: Request): Promise<Response> {
    const requestId = `req_${++this.#requestCount}`;
    const fault = this.#faults.take();
    const ticket = this.#log.reserve();
    const answer = this.#answer(request, requestId, fault, ticket, this.#generation);
    this.#inFlight.add(answer);
    const settle = () => void this.#inFlight.delete(answer);
    answer.then(settle, settle);
    return answer;
  }

  /**
   * Whether this fake owns a pathname (raw, as in `new URL(url).pathname`), whatever the method,
   * so one server can host several fakes and hand each request to its owner.
   *
   * @example
   * fake.matches('/api/v1/memories/mem_1/replace'); // true
   */
  matches(pathname: string): boolean {
    const local = stripPrefix(decodeSegmentsLeniently(pathname), this.#prefix);
    return local !== undefined && ownsSegments(this.#routes, local);
  }

  /**
   * Answers the next `times` requests with an HTTP error. Faults queue up first-in, first-out and
   * each request takes one; see {@link FailNextOptions}.
   *
   * @example
   * fake.failNext({ status: 503, retryAfter: 1 });
   * fake.failNext({ status: 500, applied: true }); // the second request is applied, then fails
   */
  failNext(options: FailNextOptions): void {
    this.#faults.push(failFault(options), faultTimes(options.times));
  }

  /**
   * Drops the connection for the next `times` requests (fetch rejects as on a network error),
   * before handling them or, with `applied: true`, after applying the write.
   *
   * @example
   * fake.dropNext({ applied: true }); // the write lands, the client never hears back
   */
  dropNext(options: DropNextOptions = {}): void {
    this.#faults.push(dropFault(options), faultTimes(options.times));
  }

  /**
   * Delays the next `times` requests by `ms` on the fake's clock, then handles them normally. The
   * request is handled after the delay even if the client gave up, as a real server would, unless
   * {@link FakeServer.reset} comes first: reset abandons it (its timer is cleared, nothing is applied).
   *
   * @example
   * fake.delayNext({ ms: 30_000 });
   */
  delayNext(options: DelayNextOptions): void {
    this.#faults.push(delayFault(options), faultTimes(options.times));
  }

  /**
   * Drops the faults still queued (a call that gave up early leaves the rest of a `times: n`
   * fault for the next one), keeping the state and the request log.
   *
   * @example
   * fake.failNext({ status: 500, times: 3 });
   * // … a call that is not retried takes one …
   * fake.clearFaults();
   */
  clearFaults(): void {
    this.#faults.clear();
  }

  /**
   * The requests received so far, in arrival order. A request is listed as soon as its body is
   * read, with `outcome: 'pending'` until it is answered (e.g. while `delayNext` holds it).
   */
  get requests(): readonly RecordedRequest[] {
    return this.#log.list();
  }

  /**
   * Resolves once every request the fake has received is answered, e.g. after a client gave up
   * on a delayed request whose write you want to assert.
   *
   * @example
   * clock.advance(30_000);
   * await fake.idle();
   */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Clears the provider's state, the request log, queued faults and the request id counter, and
   * abandons the requests in progress (see {@link FakeServer.abandonPending}), so nothing leaks
   * into the next test through a shared clock.
   */
  reset(): void {
    this.abandonPending();
    this.#faults.clear();
    this.#log.clear();
    this.#requestCount = 0;
    this.store.clear();
    this.resetState();
  }

  /**
   * Abandons every request received and not yet applied: those `delayNext` holds (their timers are
   * cleared) and those whose body is still being read. They end as dropped connections and change
   * nothing. State, log and queued faults are kept; the sandbox calls this when it closes.
   *
   * @example
   * fake.delayNext({ ms: 60_000 });
   * // … a request arrives and is held …
   * fake.abandonPending(); // no timer left; the write never lands
   */
  abandonPending(): void {
    this.#generation++;
    for (const wait of this.#delays) wait.cancel();
    this.#delays.clear();
  }

  async #answer(
    request: Request,
    requestId: string,
    fault: Fault | undefined,
    ticket: LogTicket,
    generation: number,
  ): Promise<Response> {
    let body = '';
    let response: Response;
    try {
      body = await request.text();
      // Logged before any delay starts, so once a test sees the timer the request is listed.
      ticket.fill(this.#record(request, body, 'pending'));
      const abandoned = generation !== this.#generation || (fault?.kind === 'delay' && !(await this.#delay(fault.ms)));
      response = abandoned ? Response.error() : await this.#respond(request, body, fault);
    } catch {
      response = this.errorResponse(500, 'Internal Server Error');
    }
    const header = this.#requestIdHeader;
    if (header && !isDropped(response) && !response.headers.has(header)) {
      response = withHeaders(response, { [header]: requestId });
    }
    ticket.fill(this.#record(request, body, isDropped(response) ? 'dropped' : response.status));
    return response;
  }

  /** Waits on the clock; resolves `false` when {@link FakeServer.reset} abandoned the wait. */
  async #delay(ms: number): Promise<boolean> {
    const wait = sleep(this.clock, ms);
    this.#delays.add(wait);
    const elapsed = await wait.done;
    this.#delays.delete(wait);
    return elapsed;
  }

  /** Applies a fail or drop fault before handling the request, or after it when `applied`. */
  async #respond(request: Request, body: string, fault: Fault | undefined): Promise<Response> {
    const answer = fault && fault.kind !== 'delay' ? fault : undefined;
    const errorAnswer: ErrorAnswer = (status, message, headers, code) => this.errorResponse(status, message, headers, code);
    if (answer && !answer.applied) return faultResponse(answer, errorAnswer);
    const response = await this.#dispatch(request, body);
    return answer ? faultResponse(answer, errorAnswer) : response;
  }

  async #dispatch(request: Request, body: string): Promise<Response> {
    const segments = decodeSegments(new URL(request.url).pathname);
    if (!segments) return this.errorResponse(400, 'Malformed percent-encoding in the URL path');
    const local = stripPrefix(segments, this.#prefix);
    const match = local ? matchRoute(this.#routes, request.method, local) : ({ kind: 'not-found' } as const);
    if (match.kind !== 'found') return this.unroutedResponse(request, match.kind === 'method-not-allowed' ? match.allow : []);
    const denied = this.authorize(request);
    if (denied) return denied;
    return match.handler({ request, params: match.params, body, workspaceId: this.workspaceOf(request) });
  }

  #record(request: Request, body: string, outcome: RecordedRequest['outcome']): RecordedRequest {
    return {
      method: request.method,
      url: request.url,
      path: decodeSegmentsLeniently(new URL(request.url).pathname),
      headers: new Headers([...request.headers]), // from entries: see the note in core/transport.ts
      body: loggedBody(body),
      workspaceId: this.workspaceOf(request),
      outcome,
    };
  }
}

function stripPrefix(segments: readonly string[], prefix: readonly string[]): readonly string[] | undefined {
  if (!prefix.every((part, index) => segments[index] === part)) return undefined;
  return segments.slice(prefix.length);
}
