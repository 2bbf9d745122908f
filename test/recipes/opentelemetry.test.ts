/**
 * The README's OpenTelemetry recipe: a span per call and a span per attempt, from memwire's hooks,
 * with `@opentelemetry/api` and, standing in for an SDK, a tracer provider and an
 * AsyncLocalStorage context manager written here (what the Node SDK registers does the same).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Attributes,
  type Context,
  context,
  type ContextManager,
  createContextKey,
  ROOT_CONTEXT,
  type Span,
  type SpanAttributeValue,
  type SpanContext,
  SpanKind,
  type SpanOptions,
  type SpanStatus,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Tracer,
} from '@opentelemetry/api';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  type Hooks,
  type MieltoRequestOptions,
  NotFoundError,
  TimeoutError,
} from '../../src/index.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

// ---- the README's recipe, to the letter (the last test checks that the README holds this text) ----
const tracer = trace.getTracer('memwire');
// Each attempt's span, by the attempt's signal: one object per attempt, given to all three hooks.
const attemptSpans = new WeakMap<AbortSignal, Span>();
// The attempts of a call, kept in the context `traced` runs it in, so that none is left open.
const CALL_ATTEMPTS = createContextKey('memwire call attempts');

/** Ends `span`; failed when `error` is given: what the call threw, or the status an attempt got. */
function endSpan(span: Span, error?: Error | number) {
  if (error !== undefined) {
    // The error's name, never its message: that may quote the server, and so a memory.
    span.setAttribute('error.type', typeof error === 'number' ? String(error) : error.name);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Ends an attempt's span, once: at its response, at its retry, or when the call fails without one. */
function endAttempt(signal: AbortSignal, error?: Error | number, status?: number) {
  const span = attemptSpans.get(signal);
  if (!span) return;
  attemptSpans.delete(signal);
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  endSpan(span, error);
}

const tracing: Hooks = {
  beforeRequest(request, { attempt, signal }) {
    if (attemptSpans.has(signal)) return undefined; // a redirect hop of an attempt already traced
    const { method, url } = request;
    // A child of the active span: the call's, as `traced` runs it.
    const span = tracer.startSpan(method, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'server.address': new URL(url).hostname, 'memwire.attempt': attempt },
    });
    attemptSpans.set(signal, span);
    (context.active().getValue(CALL_ATTEMPTS) as Set<AbortSignal> | undefined)?.add(signal);
    return undefined;
  },
  afterResponse(response, { signal }) {
    endAttempt(signal, response.ok ? undefined : response.status, response.status);
  },
  beforeRetry({ signal, error }) {
    endAttempt(signal, error); // a timeout or a dropped connection (a status ended it already)
  },
};

/** Runs `call` in a span of its own, the parent of its attempts' spans; all end when the call settles. */
function traced<Call extends Promise<unknown>>(name: string, call: () => Call): Call {
  const span = tracer.startSpan(name);
  const attempts = new Set<AbortSignal>();
  const settle = (error?: Error) => {
    for (const signal of attempts) endAttempt(signal, error); // one that failed without a response
    endSpan(span, error);
  };
  const pending = context.with(trace.setSpan(context.active(), span).setValue(CALL_ATTEMPTS, attempts), call);
  pending.then(() => settle(), settle);
  return pending;
}
// ---- end of the recipe ----

/** A span as the in-memory tracer keeps it, refusing nothing but counting what happens after its end. */
class RecordedSpan implements Span {
  readonly attributes: Attributes = {};
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  /** How many times `end()` was called: exactly once for every span. */
  ends = 0;
  /** Anything set on the span after it ended (an SDK would drop it). */
  readonly afterEnd: string[] = [];
  /** When it ended first, in the order of every span's start and end. */
  ended = 0;
  readonly #context: SpanContext;

  constructor(
    public name: string,
    readonly kind: SpanKind,
    readonly parentSpanId: string | undefined,
    context: SpanContext,
    attributes: Attributes | undefined,
    /** When it started, in the order of every span's start and end. */
    readonly started: number,
  ) {
    this.#context = context;
    Object.assign(this.attributes, attributes);
  }

  spanContext(): SpanContext {
    return this.#context;
  }
  setAttribute(key: string, value: SpanAttributeValue): this {
    this.#change(`attribute ${key}`);
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) this.setAttribute(key, value);
    return this;
  }
  addEvent(name: string): this {
    this.#change(`event ${name}`);
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.#change('status');
    this.status = status;
    return this;
  }
  updateName(name: string): this {
    this.#change('name');
    this.name = name;
    return this;
  }
  end(): void {
    this.ends++;
    this.ended ||= ++order;
  }
  isRecording(): boolean {
    return this.ends === 0;
  }
  recordException(): void {
    this.#change('exception');
  }
  #change(what: string) {
    if (this.ends) this.afterEnd.push(what);
  }
}

let order = 0; // counts every start and end
let ids = 0;
const spans: RecordedSpan[] = [];
const id = (length: number) => String(++ids).padStart(length, '0');

const inMemoryTracer: Tracer = {
  startSpan(name: string, options: SpanOptions = {}, parentContext: Context = context.active()) {
    const parent = options.root ? undefined : trace.getSpanContext(parentContext);
    const spanContext = { traceId: parent?.traceId ?? id(32), spanId: id(16), traceFlags: TraceFlags.SAMPLED };
    const span = new RecordedSpan(
      name,
      options.kind ?? SpanKind.INTERNAL,
      parent?.spanId,
      spanContext,
      options.attributes,
      ++order,
    );
    spans.push(span);
    return span;
  },
  startActiveSpan(name: string, ...rest: unknown[]) {
    const fn = rest.pop() as (span: Span) => unknown;
    const [options, parentContext = context.active()] = rest as [SpanOptions | undefined, Context | undefined];
    const span = this.startSpan(name, options, parentContext);
    return context.with(trace.setSpan(parentContext, span), fn, undefined, span);
  },
};

/** The context manager an SDK for Node registers: the active context follows async calls. */
class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    activeContext: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(activeContext, () => fn.call(thisArg, ...args));
  }
  bind<T>(boundContext: Context, target: T): T {
    if (typeof target !== 'function') return target;
    return ((...args: unknown[]) => this.with(boundContext, target as (...args: unknown[]) => unknown, undefined, ...args)) as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#storage.disable();
    return this;
  }
}

beforeAll(() => {
  expect(trace.setGlobalTracerProvider({ getTracer: () => inMemoryTracer })).toBe(true);
  expect(context.setGlobalContextManager(new AsyncLocalStorageContextManager())).toBe(true);
});
afterAll(() => {
  trace.disable();
  context.disable();
});

const { fake, clock: testClock, client, server } = useMieltoFake();
const mielto = client({ hooks: tracing });

beforeEach(() => {
  spans.length = 0;
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
});

const update = (memory = 'Likes coffee', options: MieltoRequestOptions = {}) =>
  traced('memories.update', () => mielto.memories.update('mem_1', { memory }, options));

/**
 * Every span, checked: each ended exactly once and left alone after, with no secret in it; the
 * call's, then its attempts in order.
 */
function callTree() {
  for (const span of spans) {
    expect(span.ends, span.name).toBe(1);
    expect(span.afterEnd, span.name).toEqual([]);
    expect(JSON.stringify([span.name, span.attributes, span.status])).not.toContain(API_KEY);
  }
  const [call, ...others] = spans;
  expect(call).toMatchObject({ name: 'memories.update', kind: SpanKind.INTERNAL, parentSpanId: undefined });
  for (const attempt of others) {
    expect(attempt.parentSpanId).toBe(call!.spanContext().spanId);
    expect(attempt.spanContext().traceId).toBe(call!.spanContext().traceId);
    expect(attempt.kind).toBe(SpanKind.CLIENT);
    expect(attempt.name).toBe('PUT');
  }
  // One attempt at a time, all within the call.
  others.forEach((attempt, i) => {
    expect(attempt.started).toBeGreaterThan(i ? others[i - 1]!.ended : call!.started);
    expect(attempt.attributes['memwire.attempt']).toBe(i + 1);
  });
  expect(call!.ended).toBeGreaterThan(Math.max(...others.map((attempt) => attempt.ended)));
  return { call: call!, attempts: others };
}

const sent = { 'http.request.method': 'PUT', 'server.address': 'api.mielto.com' };
const ok = { code: SpanStatusCode.UNSET };
const failed = { code: SpanStatusCode.ERROR };

describe('the OpenTelemetry recipe: a span per call and per attempt', () => {
  it('on success: the call and its one attempt, with the status it got', async () => {
    const result = await testClock.run(update());
    expect(result.memory.memory).toBe('Likes coffee');
    const { call, attempts } = callTree();
    expect(call.status).toEqual(ok);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.attributes).toEqual({ ...sent, 'memwire.attempt': 1, 'http.response.status_code': 200 });
    expect(attempts[0]!.status).toEqual(ok);
  });

  it('on a retried 503: a failed attempt, then the one that succeeded, under one call', async () => {
    fake.failNext({ status: 503 });
    await testClock.run(update());
    const { call, attempts } = callTree();
    expect(call.status).toEqual(ok);
    expect(call.attributes).toEqual({});
    expect(attempts.map((attempt) => [attempt.attributes, attempt.status])).toEqual([
      [{ ...sent, 'memwire.attempt': 1, 'http.response.status_code': 503, 'error.type': '503' }, failed],
      [{ ...sent, 'memwire.attempt': 2, 'http.response.status_code': 200 }, ok],
    ]);
  });

  it.each([
    ['a dropped connection', () => fake.dropNext(), ConnectionError],
    ['a timeout', () => fake.delayNext({ ms: 120_000 }), TimeoutError],
  ] as const)(
    'on %s, retried: the attempt without a response ends with its error, before the retry',
    async (_, fault, Failure) => {
      fault();
      await testClock.run(update());
      const { call, attempts } = callTree();
      expect(call.status).toEqual(ok);
      expect(attempts.map((attempt) => [attempt.attributes, attempt.status])).toEqual([
        [{ ...sent, 'memwire.attempt': 1, 'error.type': Failure.name }, failed],
        [{ ...sent, 'memwire.attempt': 2, 'http.response.status_code': 200 }, ok],
      ]);
    },
  );

  it('on a redirect memwire follows: one attempt, one span, though beforeRequest runs for each hop', async () => {
    const url = 'https://api.mielto.com/api/v1/memories/mem_1';
    server.use(
      http.put(url, ({ request }) =>
        new URL(request.url).searchParams.has('hop')
          ? undefined
          : new HttpResponse(null, { status: 307, headers: { location: `${url}?hop=2` } }),
      ),
    );
    await testClock.run(update());
    const { attempts } = callTree();
    expect(attempts.map((attempt) => attempt.attributes)).toEqual([
      { ...sent, 'memwire.attempt': 1, 'http.response.status_code': 200 },
    ]);
  });

  it('on a failure not retried: the attempt with its status, the call with the error it threw', async () => {
    const error = await rejectionOf(
      testClock.run(traced('memories.update', () => mielto.memories.update('mem_missing', { memory: 'x' }))),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    const { call, attempts } = callTree();
    expect(call.attributes).toEqual({ 'error.type': 'NotFoundError' });
    expect(call.status).toEqual(failed);
    expect(attempts.map((attempt) => [attempt.attributes, attempt.status])).toEqual([
      [{ ...sent, 'memwire.attempt': 1, 'http.response.status_code': 404, 'error.type': '404' }, failed],
    ]);
  });

  it.each([
    ['a dropped connection, retries used up', () => fake.dropNext({ times: Infinity }), ConnectionError, 3],
    ['a timeout, retries used up', () => fake.delayNext({ ms: 120_000, times: Infinity }), TimeoutError, 3],
    ['a dropped connection, not retried (maxRetries: 0)', () => fake.dropNext(), ConnectionError, 1],
  ] as const)(
    'when the call fails on %s: its last attempt, which no hook ended, ends with the call',
    async (_, fault, Failure, n) => {
      fault();
      const error = await rejectionOf(testClock.run(update('x', n === 1 ? { maxRetries: 0 } : {})));
      expect(error).toBeInstanceOf(Failure);
      const { call, attempts } = callTree();
      expect(call.status).toEqual(failed);
      expect(attempts).toHaveLength(n);
      expect(attempts.at(-1)!.attributes).toEqual({ ...sent, 'memwire.attempt': n, 'error.type': Failure.name });
      expect(attempts.at(-1)!.status).toEqual(failed);
      for (const attempt of attempts) expect(attempt.status.code).toBe(SpanStatusCode.ERROR);
    },
  );

  it('when the caller aborts mid-attempt: that attempt and the call end with the AbortError', async () => {
    fake.delayNext({ ms: 5_000 });
    const controller = new AbortController();
    const pending = update('x', { signal: controller.signal });
    await testClock.whenPending(2); // the attempt's timeout and the fake's delay
    expect(spans.map((span) => span.ends)).toEqual([0, 0]); // both open while the attempt runs
    controller.abort();
    const error = await rejectionOf(testClock.run(pending));
    expect(error).toBeInstanceOf(AbortError);
    const { call, attempts } = callTree();
    expect(call.status).toEqual(failed);
    expect(attempts.map((attempt) => attempt.attributes['error.type'])).toEqual(['AbortError']);
  });

  it('keeps the call’s withResponse(), and follows each of concurrent calls to its own attempts', async () => {
    fake.failNext({ status: 503 });
    const first = traced('memories.update', () => mielto.memories.update('mem_1', { memory: 'a' }));
    const second = traced('memories.update', () => mielto.memories.update('mem_1', { memory: 'b' }));
    const [one, two] = await testClock.run(Promise.all([first.withResponse(), second.withResponse()]));
    expect(one.attempts + two.attempts).toBe(3);
    await Promise.all([first, second]); // the spans end as the calls settle
    const calls = spans.filter((span) => span.kind === SpanKind.INTERNAL);
    expect(calls).toHaveLength(2);
    const attemptsOf = (call: RecordedSpan) => spans.filter((span) => span.parentSpanId === call.spanContext().spanId);
    expect(calls.map((call) => attemptsOf(call).length).sort()).toEqual([1, 2]);
    expect(spans).toHaveLength(5);
    for (const span of spans) expect(span.ends).toBe(1);
    for (const call of calls) {
      expect(attemptsOf(call).map((attempt) => attempt.attributes['memwire.attempt'])).toEqual(
        attemptsOf(call).map((_, i) => i + 1),
      );
    }
  });

  it('is the README’s recipe, to the letter', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const recipe = /\/\/ ---- the README's recipe[^\n]*\n([\s\S]*?)\/\/ ---- end of the recipe ----/.exec(source)![1]!;
    const readme = readFileSync(fileURLToPath(new URL('../../docs/observability.md', import.meta.url)), 'utf8');
    expect(recipe).toContain('function traced');
    expect(readme.includes(recipe), 'the README holds the recipe as it stands in this file').toBe(true);
  });
});
