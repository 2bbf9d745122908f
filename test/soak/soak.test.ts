/**
 * The fault soak: 10,000 calls through all four clients against their fakes, with random faults,
 * on virtual time. Every call must resolve to what the fake holds or throw the MemwireError that
 * names what happened; no write may land twice where that would show; every request carries the
 * right workspace and credentials; nothing (timers, listeners, heap) may pile up. Each client's
 * retry budget is small, so that it runs out and refills over the run: the soak keeps its own
 * account of it (AWS standard mode's arithmetic) and expects each call to be retried only while
 * the budget pays. Some calls follow a neighbour the server told to wait (429 with Retry-After)
 * and must not be sent before that wait is over.
 *
 * The run is fixed by a seed: MEMWIRE_SOAK_SEED=<n> replays one, MEMWIRE_SOAK_CALLS=<n> resizes it.
 */
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  MemoryLayer,
  MemwireError,
  Mielto,
  OpenSearchMemory,
  RateLimitError,
  ServerError,
  Supermemory,
  TimeoutError,
} from '../../src/index.js';
import { createMemoryLayerFake, createMieltoFake, createOpenSearchFake, createSupermemoryFake } from '../../src/testing/index.js';
import { fakeFetch } from '../helpers/fake-fetch.js';
import { ENCODINGS } from '../helpers/echo-encodings.js';
import { secretsShown } from '../helpers/secret-search.js';
import { API_KEY } from '../helpers/use-fake.js';
import { TestClock } from '../../src/testing/test-clock.js';

const SEED = Number(process.env.MEMWIRE_SOAK_SEED ?? 20_261_121);
const CALLS = Number(process.env.MEMWIRE_SOAK_CALLS ?? 10_000);
const CHECKPOINT = 1_000;
const TIMEOUT = 10_000;
const MAX_RETRIES = 2;

/** mulberry32: a small, fast, seeded generator, so a failing run can be replayed exactly. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const rng = seeded(SEED);
const clock = new TestClock();
const osBase = 'https://search.soak.test:9200';
const fakes = {
  mielto: createMieltoFake({ apiKey: API_KEY, clock }),
  memoryLayer: createMemoryLayerFake({ apiKey: API_KEY, clock }),
  supermemory: createSupermemoryFake({ apiKey: API_KEY, clock }),
  openSearch: createOpenSearchFake({ baseUrl: osBase, apiKey: API_KEY, clock }),
};
type FakeName = keyof typeof fakes;

// Straight to the fakes rather than through msw: see fakeFetch for why. Each request's time is kept.
const toFakes = fakeFetch(...Object.values(fakes));
const sentAt: number[] = [];
const fetch = (request: Request) => {
  sentAt.push(clock.now());
  return toFakes(request);
};
// Every line memwire logs over the whole mix, at every level: none may hold the key or a value written.
const logged = { debug: 0, info: 0, warn: 0, error: 0 };
const leaks: string[] = [];
const WRITTEN = /\b(?:text|replaced|content|version|fact) \d+|\bstart\b|\b[tr]\d+\b/;
const logger = {
  debug: (line: string) => check('debug', line),
  info: (line: string) => check('info', line),
  warn: (line: string) => check('warn', line),
  error: (line: string) => check('error', line),
};
function check(level: keyof typeof logged, line: string) {
  logged[level]++;
  if (secretsShown(line, [API_KEY]).length || WRITTEN.test(line)) leaks.push(`${level}: ${line}`);
}
// Small, so that it runs out: each client's account is kept in `budgets` below.
const BUDGET = { capacity: 50, retryCost: 5, timeoutCost: 10, refund: 1 };
const shared = {
  clock,
  random: rng.next,
  timeout: TIMEOUT,
  maxRetries: MAX_RETRIES,
  fetch,
  logger,
  logLevel: 'debug' as const,
  retryBudget: BUDGET,
};
const mielto = new Mielto({ apiKey: API_KEY, ...shared });
const WORKSPACES = ['ws_a', 'ws_b', 'ws_c'] as const;
const mieltoIn = Object.fromEntries(WORKSPACES.map((ws) => [ws, mielto.withWorkspace(ws)]));
const memoryLayer = new MemoryLayer({ apiKey: API_KEY, ...shared });
const supermemory = new Supermemory({ apiKey: API_KEY, ...shared });
const openSearch = new OpenSearchMemory({ baseUrl: osBase, auth: { apiKey: API_KEY }, ...shared });

const IDS = ['m1', 'm2', 'm3'];
const CONTAINER = 'soak_container';
const OS_IDS = { sessions: 's1', working: 'w1', 'long-term': 'l1' } as const;
let latestVersion = 'sm_root';

function seedAll() {
  for (const fake of Object.values(fakes)) fake.reset();
  fakes.mielto.seed(
    WORKSPACES.flatMap((workspaceId) => IDS.map((memory_id) => ({ workspaceId, memory_id, user_id: 'u', memory: 'start' }))),
  );
  fakes.memoryLayer.seed(IDS.map((id) => ({ id, layerId: 'layer_0', content: 'start', metadata: { n: 0 } })));
  fakes.supermemory.seed([{ containerTag: 'soak', id: 'sm_root', memory: 'start' }]);
  latestVersion = 'sm_root';
  fakes.openSearch.seed([
    {
      containerId: CONTAINER,
      memories: {
        sessions: [{ id: OS_IDS.sessions, source: { additional_info: { n: 0 } } }],
        working: [{ id: OS_IDS.working, source: { tags: { n: '0' } } }],
        'long-term': [{ id: OS_IDS['long-term'], source: { memory: 'start' } }],
      },
    },
  ]);
}

/** One operation, ready to run: how to call it, and how to read the state it writes. */
interface Operation {
  name: string;
  fake: FakeName;
  idempotent: boolean;
  workspace?: string;
  authorization: string;
  call: (signal: AbortSignal | undefined, maxRetries?: number) => Promise<unknown>;
  /** Where it is sent, for a redirect back to it. */
  url: string;
  /** The state it writes, as the fake holds it (timestamps and versions left out). */
  read: () => unknown;
  /** The state one successful call leaves, from the state before. */
  expected?: (before: unknown) => unknown;
  /** The state a resolved result says. */
  fromResult?: (result: unknown) => unknown;
}

const pickMemory = (memory: { memory: string; topics?: unknown; metadata?: unknown; user_id: string } | undefined) =>
  memory && { memory: memory.memory, topics: memory.topics ?? null, metadata: memory.metadata ?? null, user_id: memory.user_id };

// The server stamps `last_updated_time` on content updates: the state a call writes is the rest.
const withoutTimestamp = (source: Record<string, unknown> | undefined) => {
  if (!source) return source;
  const { last_updated_time: _, ...rest } = source;
  return rest;
};

function nextOperation(i: number): Operation {
  const bearer = `Bearer ${API_KEY}`;
  const kind = rng.pick([
    'mielto.update',
    'mielto.replace',
    'memoryLayer.update',
    'supermemory.update',
    'openSearch.update',
  ] as const);
  if (kind.startsWith('mielto')) {
    const workspace = rng.pick(WORKSPACES);
    const id = rng.pick(IDS);
    const viaCall = rng.next() < 0.3; // name the workspace per call on a client bound to another
    const client = viaCall ? mieltoIn[rng.pick(WORKSPACES.filter((w) => w !== workspace))]! : mieltoIn[workspace]!;
    const options = (signal: AbortSignal | undefined, maxRetries?: number) => ({
      signal,
      maxRetries,
      ...(viaCall ? { workspaceId: workspace } : {}),
    });
    const read = () => pickMemory(fakes.mielto.get(id, workspace));
    const url = `https://api.mielto.com/api/v1/memories/${id}`;
    if (kind === 'mielto.update') {
      const patch = rng.next() < 0.5 ? { memory: `text ${i}` } : { topics: [`t${i}`], metadata: { i } };
      return {
        name: kind,
        fake: 'mielto',
        idempotent: true,
        workspace,
        authorization: bearer,
        read,
        url,
        call: (signal, maxRetries) => client.memories.update(id, patch, options(signal, maxRetries)),
        expected: (before) => ({ ...(before as object), ...patch }),
        fromResult: (result) => pickMemory((result as { memory: Parameters<typeof pickMemory>[0] }).memory),
      };
    }
    const replacement = { memory: `replaced ${i}`, topics: [`r${i}`] };
    return {
      name: kind,
      fake: 'mielto',
      // Its answer (old_memory) differs when repeated: retried only when nothing can have been applied.
      idempotent: false,
      workspace,
      authorization: bearer,
      read,
      url: `${url}/replace`,
      call: (signal, maxRetries) => client.memories.replace(id, replacement, options(signal, maxRetries)),
      expected: (before) => ({ ...replacement, metadata: null, user_id: (before as { user_id: string }).user_id }),
      fromResult: (result) => pickMemory((result as { new_memory: Parameters<typeof pickMemory>[0] }).new_memory),
    };
  }
  if (kind === 'memoryLayer.update') {
    const id = rng.pick(IDS);
    const patch = rng.next() < 0.5 ? { content: `content ${i}` } : { metadata: { i }, layerId: `layer_${i % 3}` };
    const pickLayer = (m: { content: string; layerId: string; metadata: unknown; embedding: number[] | null } | undefined) =>
      m && { content: m.content, layerId: m.layerId, metadata: m.metadata, embedding: m.embedding };
    return {
      name: kind,
      fake: 'memoryLayer',
      idempotent: true,
      authorization: bearer,
      url: `https://api.memorylayer.dev/v1/memories/${id}`,
      call: (signal, maxRetries) => memoryLayer.memories.update(id, patch, { signal, maxRetries }),
      read: () => pickLayer(fakes.memoryLayer.get(id)),
      expected: (before) => ({ ...(before as object), ...patch }),
      fromResult: (result) => pickLayer(result as Parameters<typeof pickLayer>[0]),
    };
  }
  if (kind === 'supermemory.update') {
    const newContent = `version ${i}`;
    return {
      name: kind,
      fake: 'supermemory',
      idempotent: false,
      authorization: bearer,
      url: 'https://api.supermemory.ai/v4/memories',
      call: (signal, maxRetries) =>
        supermemory.memories.update({ containerTag: 'soak', id: latestVersion, newContent }, { signal, maxRetries }),
      read: () => fakes.supermemory.versions('soak').length,
    };
  }
  const type = rng.pick(['sessions', 'working', 'long-term'] as const);
  const body =
    type === 'sessions'
      ? { additional_info: { n: i } }
      : type === 'working'
        ? { tags: { n: String(i) } }
        : { memory: `fact ${i}` };
  return {
    name: `openSearch.update(${type})`,
    fake: 'openSearch',
    idempotent: true,
    authorization: `ApiKey ${API_KEY}`,
    url: `${osBase}/_plugins/_ml/memory_containers/${CONTAINER}/memories/${type}/${OS_IDS[type]}`,
    call: (signal, maxRetries) => openSearch.memories.update(CONTAINER, type, OS_IDS[type], body, { signal, maxRetries }),
    read: () => withoutTimestamp(fakes.openSearch.get(CONTAINER, type, OS_IDS[type])?._source),
    expected: (before) => ({ ...(before as object), ...body }),
  };
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** A fault for the call's first attempt(s), and what the call must then do. */
interface Fault {
  name: string;
  inject: (fake: FakeName, operation: Operation) => void;
  abort?: 'before' | 'during';
  /** `undefined`: the call resolves, given a budget that pays for its retries. */
  error: (idempotent: boolean) => ErrorClass | undefined;
  /** What each retry memwire makes costs the budget (none: not retried). */
  retries?: (idempotent: boolean) => number[];
  /** What the call throws when the budget cannot pay a retry. */
  refused?: ErrorClass;
  /** The last answer is a 2xx even though the call throws (a malformed body): the budget is refunded. */
  answeredOk?: boolean;
  /** Before the call, a neighbour call on the same client is told to wait this many seconds. */
  neighbourWait?: number;
}

const RETRIED = new Set([408, 429, 500, 502, 503, 504]);
const NOT_APPLIED = new Set([408, 429, 503]);
/** A write is retried after these, and a 503 only with Retry-After: a bare one may follow the write. */
const saysNotApplied = (status: number, retryAfter: unknown) =>
  NOT_APPLIED.has(status) && (status !== 503 || retryAfter !== undefined);
const classOf = (status: number): ErrorClass => (status === 429 ? RateLimitError : status >= 500 ? ServerError : ApiError);

function nextFault(): Fault {
  const roll = rng.next();
  if (roll < 0.35) return { name: 'none', inject: () => {}, error: () => undefined };
  if (roll < 0.45) {
    const applied = rng.next() < 0.5;
    return {
      name: `drop (${applied ? 'after' : 'before'} the write)`,
      inject: (fake) => fakes[fake].dropNext({ applied }),
      error: (idempotent) => (idempotent ? undefined : ConnectionError),
      retries: (idempotent) => (idempotent ? [BUDGET.retryCost] : []),
      refused: ConnectionError,
    };
  }
  if (roll < 0.52) {
    return {
      name: 'timeout',
      inject: (fake) => fakes[fake].delayNext({ ms: TIMEOUT + 5_000 }),
      error: (idempotent) => (idempotent ? undefined : TimeoutError),
      retries: (idempotent) => (idempotent ? [BUDGET.timeoutCost] : []),
      refused: TimeoutError,
    };
  }
  if (roll < 0.57) return { name: 'slow', inject: (fake) => fakes[fake].delayNext({ ms: TIMEOUT / 2 }), error: () => undefined };
  if (roll < 0.8) {
    const status = rng.pick([408, 429, 500, 502, 503, 504]);
    const times = 1 + Math.floor(rng.next() * (MAX_RETRIES + 2));
    const applied = !NOT_APPLIED.has(status) && rng.next() < 0.5;
    const retryAfter = rng.pick([undefined, 0, 1, 2, new Date(clock.now() + 3_000).toUTCString()]);
    const html = status === 502 && rng.next() < 0.5;
    return {
      name: `${status} x${times}${applied ? ' (applied)' : ''}${retryAfter === undefined ? '' : ` Retry-After ${retryAfter}`}${html ? ' HTML' : ''}`,
      inject: (fake) =>
        fakes[fake].failNext({
          status,
          times,
          applied,
          ...(retryAfter === undefined ? {} : { retryAfter }),
          ...(html ? { body: '<html><h1>502 Bad Gateway</h1></html>' } : {}),
        }),
      error: (idempotent) => {
        const retried = idempotent ? RETRIED.has(status) : saysNotApplied(status, retryAfter);
        return retried && times <= MAX_RETRIES ? undefined : classOf(status);
      },
      retries: (idempotent) =>
        (idempotent ? RETRIED.has(status) : saysNotApplied(status, retryAfter))
          ? Array<number>(Math.min(times, MAX_RETRIES)).fill(BUDGET.retryCost)
          : [],
      refused: classOf(status),
    };
  }
  if (roll < 0.86) {
    // Not JSON, or JSON that is not the documented answer (a gateway's, an empty object).
    const body = rng.pick(['{"trunc', '<html>Sign in</html>', '', '{"error":"maintenance: request dropped"}', '{}']);
    return {
      name: `malformed 200 ${JSON.stringify(body)}`,
      inject: (fake) => fakes[fake].failNext({ status: 200, body, applied: true }),
      error: () => InvalidResponseError,
      answeredOk: true,
    };
  }
  if (roll < 0.88) {
    // 307/308 are followed with the same method and bytes: one write, and the call resolves.
    const status = rng.pick([307, 308]);
    return {
      name: `${status} back to the same URL`,
      inject: (fake, operation) => fakes[fake].failNext({ status, headers: { location: operation.url } }),
      error: () => undefined,
    };
  }
  if (roll < 0.9) {
    // 301/302/303 of a write are the answer: never followed as a GET, never sent again.
    const status = rng.pick([301, 302, 303]);
    const applied = rng.next() < 0.5;
    return {
      name: `${status} of the write${applied ? ' (applied)' : ''}`,
      inject: (fake, operation) => fakes[fake].failNext({ status, applied, headers: { location: operation.url } }),
      error: () => ApiError,
    };
  }
  if (roll < 0.92) {
    // The key echoed back in the body, a header and the reason: the error must show none of it.
    const status = rng.pick([400, 401]);
    // In the body, as it is or in one of the forms a server or a URL can carry it; headers take it plain.
    const [form, encode] = rng.pick<[string, (secret: string) => string]>([['plain', (secret) => secret], ...ENCODINGS]);
    const echo = `invalid key ${encode(API_KEY)} (Bearer ${encode(API_KEY)})`;
    return {
      name: `${status} echoing the key (${form})`,
      inject: (fake) =>
        fakes[fake].failNext({
          status,
          body: { message: echo, error: echo, detail: echo },
          headers: { 'x-echo': `Bearer ${API_KEY}`, [`x-${API_KEY}`]: '1' },
        }),
      error: () => (status === 401 ? AuthenticationError : BadRequestError),
    };
  }
  if (roll < 0.935) return { name: 'abort before sending', inject: () => {}, abort: 'before', error: () => AbortError };
  if (roll < 0.955) {
    const seconds = 1 + Math.floor(rng.next() * 3);
    return {
      name: `after a neighbour told to wait ${seconds} s`,
      inject: () => {},
      neighbourWait: seconds,
      error: () => undefined,
    };
  }
  return {
    name: 'abort during a slow response',
    inject: (fake) => fakes[fake].delayNext({ ms: TIMEOUT / 2 }),
    abort: 'during',
    error: () => AbortError,
  };
}

/** Each client's retry budget, as memwire must keep it: spent by retries, refunded by 2xx answers. */
const budgets: Record<FakeName, number> = {
  mielto: BUDGET.capacity,
  memoryLayer: BUDGET.capacity,
  supermemory: BUDGET.capacity,
  openSearch: BUDGET.capacity,
};

/** Pays for `costs` from `fake`'s budget while it can: whether a retry was refused, and what the last one paid. */
function spend(fake: FakeName, costs: number[]) {
  let last: number | undefined;
  for (const cost of costs) {
    if (budgets[fake] < cost) return { exhausted: true, last };
    budgets[fake] -= cost;
    last = cost;
  }
  return { exhausted: false, last };
}

function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('fault soak', () => {
  it(`${CALLS} calls with random faults (seed ${SEED}) keep every promise`, { timeout: 180_000 }, async () => {
    const gc = forcedGc();
    const heap: number[] = [];
    const counts = { exhausted: 0, retriedAndResolved: 0, sharedWaits: 0 };
    seedAll();
    for (let i = 0; i < CALLS; i++) {
      if (i > 0 && i % CHECKPOINT === 0) {
        seedAll(); // fresh state and request logs, so the heap measures memwire, not the fakes
        sentAt.length = 0; // nor the test's own record
        gc();
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
      const operation = nextOperation(i);
      const fault = nextFault();
      const where = `call ${i}: ${operation.name} with fault "${fault.name}" (replay: MEMWIRE_SOAK_SEED=${SEED})`;
      const fake = fakes[operation.fake];
      const before = operation.read();
      const sent = fake.requests.length;
      if (fault.neighbourWait) {
        fake.failNext({ status: 429, retryAfter: fault.neighbourWait });
        const told = await clock.run(operation.call(undefined, 0)).catch((error: unknown) => error);
        expect(told, where).toBeInstanceOf(RateLimitError);
      }
      const waitUntil = clock.now() + (fault.neighbourWait ?? 0) * 1000;
      const firstSent = sentAt.length;
      fault.inject(operation.fake, operation);

      // Every other call has a signal of its own; a call with an abort fault always has one.
      const controller = fault.abort || i % 2 === 0 ? new AbortController() : undefined;
      if (fault.abort === 'before') controller!.abort(new Error('user left'));
      const call = operation.call(controller?.signal);
      if (fault.abort === 'during') {
        await clock.advance(1_000);
        controller!.abort(new Error('user left'));
      }
      const outcome = await clock.run(call).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      await clock.advance(60_000); // a write whose attempt timed out or was abandoned lands now
      await fake.idle();
      fake.clearFaults(); // what a call that gave up early left unused

      const budget = spend(operation.fake, (fault.abort !== 'before' && fault.retries?.(operation.idempotent)) || []);
      const expectedError = budget.exhausted ? fault.refused : fault.error(operation.idempotent);
      if (!budget.exhausted && fault.abort !== 'before' && (expectedError === undefined || fault.answeredOk)) {
        budgets[operation.fake] = Math.min(BUDGET.capacity, budgets[operation.fake] + (budget.last ?? BUDGET.refund));
      }
      if (budget.exhausted) counts.exhausted++;
      else if (expectedError === undefined && fault.retries?.(operation.idempotent).length) counts.retriedAndResolved++;
      if (fault.neighbourWait) {
        counts.sharedWaits++;
        expect(
          Math.min(...sentAt.slice(firstSent)),
          `${where}: sent before the neighbour's wait was over`,
        ).toBeGreaterThanOrEqual(waitUntil);
      }
      if ('error' in outcome) {
        const error = outcome.error as Error;
        expect(error, where).toBeInstanceOf(MemwireError);
        expect(error.constructor, `${where}: ${error.message}`).toBe(expectedError);
        expect(error.message.includes('retry budget is exhausted'), `${where}: ${error.message}`).toBe(budget.exhausted);
        const headers = error instanceof ApiError ? JSON.stringify([...error.headers]) : '';
        expect(secretsShown(error, [API_KEY]), `${where}: ${headers}`).toEqual([]);
      } else {
        expect(expectedError, `${where}: resolved`).toBeUndefined();
      }

      const after = operation.read();
      // A write whose effect is the same when repeated (Mielto's replace too, though it is not retried as one).
      if (operation.expected) {
        const once = operation.expected(before);
        if ('result' in outcome) {
          expect(after, where).toEqual(once);
          if (operation.fromResult) expect(operation.fromResult(outcome.result), where).toEqual(once);
        } else {
          expect([before, once], where).toContainEqual(after);
        }
      } else {
        const created = (after as number) - (before as number);
        expect(created, where).toBeLessThanOrEqual(1);
        if ('result' in outcome) {
          expect(created, where).toBe(1);
          latestVersion = (outcome.result as { id: string }).id;
        } else if (created === 1) {
          latestVersion = fakes.supermemory.versions('soak').at(-1)!.id;
        }
      }

      for (const request of fake.requests.slice(sent)) {
        expect(request.headers.get('authorization'), where).toBe(operation.authorization);
        expect(request.headers.get('x-workspace-id'), where).toBe(operation.workspace ?? null);
      }
      if (fault.abort === 'before') expect(fake.requests.length, where).toBe(sent);
      expect(clock.pending, `${where}: timers left`).toBe(0);
      // Aborting drops a signal's listeners by itself: only a signal still live can show a leak.
      if (controller && !controller.signal.aborted) {
        expect(getEventListeners(controller.signal, 'abort'), `${where}: listeners left`).toHaveLength(0);
      }
    }

    // The budget ran out and refilled; neighbours' waits were kept.
    expect(counts.exhausted).toBeGreaterThan(CALLS / 100);
    expect(counts.retriedAndResolved).toBeGreaterThan(CALLS / 100);
    expect(counts.sharedWaits).toBeGreaterThan(CALLS / 100);
    expect(leaks.slice(0, 5)).toEqual([]);
    // Each attempt, each retry, and a write not retried were all logged; nothing at error level.
    expect(logged.debug).toBeGreaterThan(CALLS / 2);
    expect(logged.info).toBeGreaterThan(0);
    expect(logged.warn).toBeGreaterThan(0);
    expect(logged.error).toBe(0);

    // A leak raises the heap's floor after a forced GC. A single reading swings by about 1 MB from
    // one checkpoint to the next (V8 sizes its spaces as it likes), so the lowest of the first three
    // is compared with the lowest of the last three: 2 MB over 6,000 calls is 333 bytes a call.
    const floor = (readings: number[]) => Math.min(...readings);
    const growth = floor(heap.slice(-3)) - floor(heap.slice(0, 3));
    const readings = heap.map((bytes) => Math.round(bytes / 1000)).join(', ');
    expect(growth, `the heap's floor grew by ${growth} bytes (kB at each checkpoint: ${readings})`).toBeLessThan(2_000_000);
  });
});
