// "Options are taken whole or refused": nothing a caller passes is silently ignored. `headers` in
// every form fetch takes arrives on the request, or is refused with nothing sent; OpenSearch `auth`
// with two kinds of credentials is refused, as is a `fetch` option that is not a function.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, OpenSearchMemory } from '../../src/index.js';
import { secretsShown } from '../helpers/secret-search.js';
import { KEY, WRITES, type Write } from './hostile-server.js';

/** A header value that stands for a secret: no message may repeat it. */
const SECRET = 'sk-header-secret-5e1d9b';

/**
 * A `fetch` that records each request it is handed and answers with `write`'s success. What the
 * client makes of the answer is not these tests' concern: they look at what was sent.
 */
function recordingFetch(write: Write) {
  const requests: Request[] = [];
  const fetch = (request: Request): Promise<Response> => {
    requests.push(request);
    const body = JSON.stringify(write.success);
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
  };
  return { requests, fetch };
}

/** The requests `write` sends with these client and call options (one attempt), however the call ends. */
async function sent(write: Write, options: object, callOptions?: object): Promise<Request[]> {
  const { requests, fetch } = recordingFetch(write);
  await write.call('https://memory.test', { fetch, maxRetries: 0, ...options }, callOptions).catch(() => undefined);
  return requests;
}

/** What `run` threw or rejected with, failing the test when it succeeds. */
async function failure(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to fail, but it succeeded');
}

/** What `run` threw synchronously, failing the test when it did not throw. */
function thrown(run: () => unknown): Error {
  try {
    const result = run();
    // A client that was made sends its call: let it end quietly, the test fails on its own.
    if (typeof (result as Promise<unknown> | null)?.then === 'function') (result as Promise<unknown>).catch(() => undefined);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to throw at once');
}

/** The provider's name as its errors start: `Mielto`, `OpenSearch`… */
const providerOf = (write: Write) => write.name.split(' ')[0]!;

type Pairs = [string, string][];

/** Every form of `headers` fetch takes, and any iterable of pairs, each built from the same pairs. */
const FORMS: [string, (pairs: Pairs) => unknown][] = [
  ['a record', (pairs) => Object.fromEntries(pairs)],
  ['a Headers', (pairs) => new Headers(pairs)],
  ['an array of pairs', (pairs) => pairs],
  ['a Map', (pairs) => new Map(pairs)],
  [
    'a generator of pairs',
    (pairs) =>
      (function* () {
        yield* pairs;
      })(),
  ],
];

describe.each(WRITES)('$name', (write) => {
  describe.each(FORMS)('headers as %s', (_form, make) => {
    const pairs: Pairs = [
      ['X-Trace-Id', 'trace-1'],
      ['x-team', 'blue'],
    ];

    it('on the client arrive on the request', async () => {
      const requests = await sent(write, { headers: make(pairs) });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.get('x-trace-id')).toBe('trace-1');
      expect(requests[0]!.headers.get('x-team')).toBe('blue');
      expect(requests[0]!.headers.get('authorization')).toBe(write.authorization);
    });

    it('on a call arrive on the request', async () => {
      const requests = await sent(write, {}, { headers: make(pairs) });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.get('x-trace-id')).toBe('trace-1');
      expect(requests[0]!.headers.get('x-team')).toBe('blue');
    });

    it.each(FORMS)("on a call override the client's given as %s, whatever the names' case", async (_clientForm, makeClient) => {
      const client = makeClient([
        ['X-Trace-Id', 'client'],
        ['X-Team', 'blue'],
      ]);
      const requests = await sent(write, { headers: client }, { headers: make([['x-trace-id', 'call']]) });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.get('x-trace-id')).toBe('call');
      expect(requests[0]!.headers.get('x-team')).toBe('blue');
    });
  });

  const MALFORMED: [string, () => unknown, RegExp][] = [
    ['a string', () => `x-trace-id: ${SECRET}`, /headers must be an object .*, got string$/],
    ['a number', () => 42, /headers must be an object .*, got number$/],
    ['true', () => true, /headers must be an object .*, got boolean$/],
    ['a function', () => () => ({ 'x-trace-id': SECRET }), /headers must be an object .*, got function$/],
    [
      'a pair of one string',
      () => [['x-trace-id'], ['x-team', SECRET]],
      /headers entry 0 must be a \[name, value\] pair of two strings, got an array of 1$/,
    ],
    ['a pair of three strings', () => [['x-trace-id', SECRET, SECRET]], /headers entry 0 must be .*, got an array of 3$/],
    ['a bare string in the array', () => [['x-team', 'blue'], SECRET], /headers entry 1 must be .*, got string$/],
    ['null in the array', () => [null], /headers entry 0 must be .*, got null$/],
    ['a pair with a number value', () => [['x-count', 7]], /headers entry 0 must be .*, got \[string, number\]$/],
    ['a pair with a number name', () => [[7, SECRET]], /headers entry 0 must be .*, got \[number, string\]$/],
    [
      'a Map with a number value',
      () =>
        new Map<string, unknown>([
          ['x-team', SECRET],
          ['x-count', 7],
        ]),
      /headers entry 1 must be .*, got \[string, number\]$/,
    ],
    [
      'a pair with a line break in its value',
      () => [['x-trace-id', `${SECRET}\r\nX-Evil: 1`]],
      /Header x-trace-id must be non-empty visible ASCII/,
    ],
    ['a Map with an invalid name', () => new Map([['X Trace', SECRET]]), /"X Trace" is not a valid header name/],
    [
      'a Headers that sets Authorization',
      () => new Headers({ Authorization: `Bearer ${SECRET}` }),
      /cannot set authorization: memwire sets it/,
    ],
    [
      'a Map that sets Authorization',
      () => new Map([['Authorization', `Bearer ${SECRET}`]]),
      /cannot set Authorization: memwire sets it/,
    ],
    ['pairs that set Host', () => [['Host', SECRET]], /cannot set Host: fetch and the connection manage it/],
    [
      'a Headers that sets Transfer-Encoding',
      () => new Headers({ 'Transfer-Encoding': 'chunked' }),
      /cannot set transfer-encoding: fetch/,
    ],
  ];

  it.each(MALFORMED)('refuses headers that are %s on the client, sending nothing', async (_form, make, message) => {
    const { requests, fetch } = recordingFetch(write);
    const error = await failure(() => write.call('https://memory.test', { fetch, headers: make() as never }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(new RegExp(`^${providerOf(write)}: `));
    expect(error.message).toMatch(message);
    expect(secretsShown(error, [SECRET])).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it.each(MALFORMED)('refuses headers that are %s on a call, sending nothing', async (_form, make, message) => {
    const { requests, fetch } = recordingFetch(write);
    const error = await failure(() => write.call('https://memory.test', { fetch }, { headers: make() as never }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(new RegExp(`^${write.name}: `));
    expect(error.message).toMatch(message);
    expect(secretsShown(error, [SECRET])).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['a string', 'https://memory.test', 'string'],
    ['an object', { fetch: () => Promise.resolve(new Response()) }, 'object'],
    ['null', null, 'null'],
    ['a number', 0, 'number'],
  ])('refuses a fetch that is %s when the client is made', (_what, fetch, type) => {
    const error = thrown(() => write.call('https://memory.test', { fetch: fetch as never }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(`${providerOf(write)}: fetch must be a function (request) => Promise<Response>, got ${type}`);
  });
});

describe('OpenSearch auth with more than one kind of credentials', () => {
  const PASSWORD = 'correct-horse-4b8e';
  const TOKEN = 'tok-2f7a9c';
  const create = (auth: object, fetch?: (request: Request) => Promise<Response>) =>
    new OpenSearchMemory({ baseUrl: 'https://search.test:9200', auth: auth as never, ...(fetch && { fetch }) });

  it.each([
    ['username/password, apiKey', { username: 'admin', password: PASSWORD, apiKey: KEY }],
    ['apiKey, token', { apiKey: KEY, token: TOKEN }],
    ['username/password, token', { username: 'admin', password: PASSWORD, token: TOKEN }],
    ['username/password, token', { password: PASSWORD, token: TOKEN }],
    ['username/password, apiKey, token', { username: 'admin', password: PASSWORD, apiKey: () => KEY, token: TOKEN }],
  ])('refuses auth with %s, naming the kinds and never their values', (kinds, auth) => {
    const error = thrown(() => create(auth));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      `OpenSearch: auth has more than one kind of credentials (${kinds}): pass exactly one of { username, password }, { apiKey } or { token }`,
    );
    expect(secretsShown(error, [PASSWORD, KEY, TOKEN])).toEqual([]);
  });

  it('takes a kind whose keys are undefined as not given, as every option takes undefined', async () => {
    const write = WRITES.find((candidate) => candidate.name.startsWith('OpenSearch'))!;
    const { requests, fetch } = recordingFetch(write);
    const openSearch = create({ username: undefined, password: undefined, apiKey: KEY, token: undefined }, fetch);
    await openSearch.memories.update('c_1', 'long-term', 'm_1', { memory: 'x' }, {}).catch(() => undefined);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get('authorization')).toBe(`ApiKey ${KEY}`);
  });
});
