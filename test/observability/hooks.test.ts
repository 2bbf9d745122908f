import { http, HttpResponse } from 'msw';
import { raw } from '../../src/raw.js';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  type HookContext,
  type Hooks,
  HookError,
  MemwireError,
  type MieltoOptions,
  NotFoundError,
  type RetryContext,
  TimeoutError,
} from '../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

const { fake, clock, server, client } = useMieltoFake();
const URL_1 = 'https://api.mielto.com/api/v1/memories/mem_1';

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
}

type Event =
  | ['beforeRequest', string, HookContext, string | null, string]
  | ['afterResponse', number, HookContext]
  | ['beforeRetry', RetryContext];

/** A client whose three hooks record, in order, what each was called with. */
function recorded(options: Partial<MieltoOptions> = {}, overrides: Hooks = {}) {
  const events: Event[] = [];
  const hooks: Hooks = {
    async beforeRequest(request, context) {
      events.push(['beforeRequest', request.url, context, request.headers.get('authorization'), await request.clone().text()]);
      return undefined;
    },
    afterResponse(response, context) {
      events.push(['afterResponse', response.status, context]);
    },
    beforeRetry(retry) {
      events.push(['beforeRetry', retry]);
    },
    ...overrides,
  };
  return { events, mielto: client({ hooks, ...options }), names: () => events.map((event) => event[0]) };
}

const context = (attempt: number, operation = 'memories.update') => ({
  provider: 'Mielto',
  operation,
  attempt,
  idempotent: true,
  signal: expect.any(AbortSignal) as AbortSignal,
});

describe('hooks', () => {
  it('on success: beforeRequest with the request as sent, then afterResponse, and no retry', async () => {
    seed();
    const { events, mielto } = recorded();
    await clock.run(mielto.memories.update('mem_1', { memory: 'Likes coffee' }));
    expect(events).toEqual([
      ['beforeRequest', URL_1, context(1), `Bearer ${API_KEY}`, '{"memory":"Likes coffee"}'],
      ['afterResponse', 200, context(1)],
    ]);
  });

  it('on a retried status: every attempt, and the retry between them with its reason and delay', async () => {
    seed();
    fake.failNext({ status: 503, retryAfter: 2 });
    const { events, mielto, names } = recorded();
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(names()).toEqual(['beforeRequest', 'afterResponse', 'beforeRetry', 'beforeRequest', 'afterResponse']);
    expect(events[1]).toEqual(['afterResponse', 503, context(1)]);
    expect(events[2]).toEqual([
      'beforeRetry',
      {
        provider: 'Mielto',
        operation: 'memories.update',
        attempt: 1,
        delay: 2000,
        reason: 'status',
        status: 503,
        error: undefined,
        signal: expect.any(AbortSignal) as AbortSignal,
      },
    ]);
    // The failed attempt's own signal, which the next attempt does not share.
    expect((events[2] as ['beforeRetry', RetryContext])[1].signal).toBe((events[0]![2] as HookContext).signal);
    expect(events[3]![2]).toEqual(context(2));
    expect((events[3]![2] as HookContext).signal).not.toBe((events[0]![2] as HookContext).signal);
  });

  it('on a dropped connection: no afterResponse for it, and a retry whose reason is the connection', async () => {
    seed();
    fake.dropNext();
    const { events, mielto, names } = recorded();
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(names()).toEqual(['beforeRequest', 'beforeRetry', 'beforeRequest', 'afterResponse']);
    const [, retry] = events[1] as ['beforeRetry', RetryContext];
    expect(retry).toMatchObject({ attempt: 1, reason: 'connection', delay: 500, status: undefined });
    expect(retry.error).toBeInstanceOf(ConnectionError);
    expect(retry.signal).toBe((events[0]![2] as HookContext).signal);
    expect(retry.signal.aborted).toBe(false);
  });

  it('on a timeout: a retry whose reason is the timeout', async () => {
    seed();
    fake.delayNext({ ms: 5_000 });
    const { events, mielto, names } = recorded({ timeout: 1_000 });
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(names()).toEqual(['beforeRequest', 'beforeRetry', 'beforeRequest', 'afterResponse']);
    const [, retry] = events[1] as ['beforeRetry', RetryContext];
    expect(retry).toMatchObject({ attempt: 1, reason: 'timeout' });
    expect(retry.error).toBeInstanceOf(TimeoutError);
    // The timed-out attempt's signal, aborted by its timeout.
    expect(retry.signal).toBe((events[0]![2] as HookContext).signal);
    expect(retry.signal.aborted).toBe(true);
  });

  it('on a failure not retried: its response, and no retry', async () => {
    const { events, mielto } = recorded();
    const error = await rejectionOf(clock.run(mielto.memories.update('mem_missing', { memory: 'x' })));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(events.map((event) => event.slice(0, 2))).toEqual([
      ['beforeRequest', 'https://api.mielto.com/api/v1/memories/mem_missing'],
      ['afterResponse', 404],
    ]);
  });

  it('on abort: the attempt began, and nothing follows it', async () => {
    seed();
    fake.delayNext({ ms: 5_000 });
    const controller = new AbortController();
    const { events, mielto, names } = recorded();
    const pending = mielto.memories.update('mem_1', { memory: 'x' }, { signal: controller.signal });
    await clock.whenPending(2); // the attempt's timeout and the fake's delay
    controller.abort();
    const error = await rejectionOf(clock.run(pending));
    expect(error).toBeInstanceOf(AbortError);
    expect(names()).toEqual(['beforeRequest']);
    expect((events[0]![2] as HookContext).signal.aborted).toBe(true);
  });

  // However the hook fails: it throws, returns a rejected promise, or a rejected thenable that is no Promise.
  const failing = {
    throws: (thrown: Error) => () => {
      throw thrown;
    },
    rejects: (thrown: Error) => () => Promise.reject(thrown),
    'rejects as a thenable': (thrown: Error) => () => ({
      then: (_resolve: unknown, reject: (reason: unknown) => void) => reject(thrown),
    }),
  };
  it.each(
    (['beforeRequest', 'afterResponse', 'beforeRetry'] as const).flatMap((name) =>
      (Object.keys(failing) as (keyof typeof failing)[]).map((how) => [name, how] as const),
    ),
  )('a %s hook that %s fails the call with a HookError whose cause it is, not retried', async (name, how) => {
    seed();
    fake.failNext({ status: 503 });
    const thrown = new Error('hook broke');
    const error = await rejectionOf(
      clock.run(client({ hooks: { [name]: failing[how](thrown) as never } }).memories.update('mem_1', { memory: 'x' })),
    );
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: name });
    // What each says of the write: beforeRequest ran before anything was sent; the others after a bare 503.
    const said = {
      beforeRequest: 'the beforeRequest hook threw: the write was not applied: it sent nothing, or the server refused it',
      afterResponse: 'the afterResponse hook threw after a 503: the write may have been applied, and was not sent again',
      beforeRetry: 'the beforeRetry hook threw: the write may have been applied, and was not sent again',
    };
    expect(error.message).toBe(`Mielto memories.update: ${said[name]}`);
    expect(error).toMatchObject({ applied: name === 'beforeRequest' ? 'no' : 'unknown' });
    expect(error.cause).toMatchObject({ name: thrown.name, message: thrown.message }); // a redacted copy
    expect(fake.requests).toHaveLength(name === 'beforeRequest' ? 0 : 1);
  });

  it('a beforeRequest hook that returns something else than a Request fails the call', async () => {
    seed();
    const mielto = client({ hooks: { beforeRequest: () => 'https://elsewhere.test' as never } });
    const error = await rejectionOf(clock.run(mielto.memories.update('mem_1', { memory: 'x' })));
    expect(error).toBeInstanceOf(MemwireError);
    expect(error.message).toBe('Mielto memories.update: the beforeRequest hook returned string, not a Request');
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the Request beforeRequest returns, on every attempt', async () => {
    seed();
    fake.failNext({ status: 502 });
    let n = 0;
    const mielto = client({
      hooks: {
        beforeRequest(request) {
          // From entries: msw's Node interceptor keeps only what it saw set when Headers copies Headers.
          const headers = new Headers([...request.headers]);
          headers.set('x-signature', `sig-${++n}`);
          return new Request(request, { headers });
        },
      },
    });
    const result = await clock.run(mielto.memories.update('mem_1', { memory: 'Likes coffee' }));
    expect(result.memory.memory).toBe('Likes coffee');
    expect(fake.requests.map((request) => [request.headers.get('x-signature'), request.body])).toEqual([
      ['sig-1', { memory: 'Likes coffee' }],
      ['sig-2', { memory: 'Likes coffee' }],
    ]);
  });

  it.each([
    ['left as it is, to the global fetch', false, false],
    ['replaced, to the global fetch', true, false],
    ['left as it is, to a custom fetch', false, true],
    ['replaced, to a custom fetch', true, true],
  ])("sends the headers beforeRequest set in place, with the attempt's signal: the request %s", async (_, replace, custom) => {
    seed();
    fake.delayNext({ ms: 5_000 });
    const sent: Request[] = [];
    let n = 0;
    const mielto = client({
      timeout: 1_000,
      ...(custom && {
        fetch: (request: Request) => {
          sent.push(request);
          return globalThis.fetch(request);
        },
      }),
      hooks: {
        beforeRequest(request) {
          request.headers.set('x-signature', `sig-${++n}`);
          return replace ? new Request(request) : undefined;
        },
      },
    });
    // The first attempt times out (its signal aborts the request), the second is answered.
    const result = await clock.run(mielto.memories.update('mem_1', { memory: 'Likes coffee' }));
    expect(result.memory.memory).toBe('Likes coffee');
    expect(fake.requests.map((request) => request.headers.get('x-signature'))).toEqual(['sig-1', 'sig-2']);
    if (custom) expect(sent.map((request) => request.signal.aborted)).toEqual([true, false]);
  });

  it('runs beforeRequest for each redirect hop, and names a raw call by method and path template', async () => {
    seed();
    server.use(
      http.put(URL_1, ({ request }) =>
        new URL(request.url).searchParams.has('hop')
          ? undefined
          : new HttpResponse(null, { status: 307, headers: { location: `${URL_1}?hop=2` } }),
      ),
    );
    const { events, mielto } = recorded();
    const { response } = await clock.run(
      raw(mielto).PUT('/api/v1/memories/{memory_id}', { params: { path: { memory_id: 'mem_1' } }, body: { memory: 'x' } }),
    );
    expect(response.status).toBe(200);
    const rawName = 'PUT /api/v1/memories/{memory_id}';
    expect(events.map((event) => [event[0], event[1]])).toEqual([
      ['beforeRequest', URL_1],
      ['beforeRequest', `${URL_1}?hop=2`],
      ['afterResponse', 200],
    ]);
    expect(events.map((event) => (event[2] as HookContext).operation)).toEqual([rawName, rawName, rawName]);
  });
});

describe('the hooks option', () => {
  it('refuses an unknown hook, naming the one meant, and a hook that is not a function', () => {
    expect(() => client({ hooks: { beforerequest: () => {} } as never })).toThrow(
      'Mielto: unknown hook "beforerequest" (did you mean "beforeRequest"?)',
    );
    expect(() => client({ hooks: { afterResponse: 'log' } as never })).toThrow('Mielto: hooks.afterResponse must be a function');
    expect(() => client({ hooks: 1 as never })).toThrow('Mielto: hooks must be an object of functions');
    expect(() => client({ hooks: null as never })).toThrow('Mielto: hooks must be an object of functions');
  });

  it('takes undefined for a hook, and for the hooks, as none', async () => {
    seed();
    const hooks = { beforeRequest: undefined, afterResponse: undefined, beforeRetry: undefined };
    await expect(clock.run(client({ hooks }).memories.update('mem_1', { memory: 'x' }))).resolves.toBeDefined();
    await expect(clock.run(client({ hooks: undefined }).memories.update('mem_1', { memory: 'y' }))).resolves.toBeDefined();
  });

  it('reads the hooks once, when the client is made', async () => {
    seed();
    const hooks: Hooks = {};
    const mielto = client({ hooks });
    hooks.beforeRequest = () => {
      throw new Error('not called');
    };
    await expect(clock.run(mielto.memories.update('mem_1', { memory: 'x' }))).resolves.toBeDefined();
  });
});
