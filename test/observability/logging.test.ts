import { afterEach, describe, expect, it, vi } from 'vitest';
import { raw } from '../../src/raw.js';
import { InvalidArgumentError, type LogLevel } from '../../src/index.js';
import { recordingLogger } from '../helpers/recording-logger.js';
import { API_KEY, rejectionOf, useMieltoFake } from '../helpers/mielto.js';

const { fake, clock, client } = useMieltoFake();

function seed() {
  fake.seed([{ memory_id: 'mem_1', user_id: 'user_1', memory: 'Likes tea' }]);
}

/** A client whose log lines are kept, with their levels. */
function lines(logLevel: LogLevel = 'debug') {
  const { lines: seen, logger } = recordingLogger();
  return { seen, mielto: client({ logger, logLevel }) };
}

const ATTEMPT = 'memwire: Mielto memories.update: PUT https://api.mielto.com/api/v1/memories/{memory_id} attempt';

describe('logging', () => {
  afterEach(() => {
    delete process.env.MEMWIRE_LOG;
  });

  it('debug: one line per attempt with its status, duration, the field names and sizes, never the values', async () => {
    seed();
    fake.failNext({ status: 503 });
    const { seen, mielto } = lines();
    await clock.run(mielto.memories.update('mem_1', { memory: 'Prefers oat milk', topics: ['drinks'] }));
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatch(
      new RegExp(`^debug ${escape(ATTEMPT)} 1: 503 in \\d+ ms, sent 49 bytes \\(memory, topics\\), received \\d+ bytes$`),
    );
    expect(seen[1]).toBe('info memwire: Mielto memories.update: retrying in 500 ms after attempt 1 (503)');
    expect(seen[2]).toMatch(
      new RegExp(`^debug ${escape(ATTEMPT)} 2: 200 in \\d+ ms, sent 49 bytes \\(memory, topics\\), received \\d+ bytes$`),
    );
    expect(seen.join('\n')).not.toMatch(/oat milk|drinks|mem_1/);
  });

  it.each([
    ['a JSON string', {}],
    ['a JSON number', { body: 42 as never }],
    ['JSON null', { body: null as never }],
    ['not JSON', { bodySerializer: () => 'memory=x' }],
  ])('debug: a raw body that is %s shows no field names', async (_, init) => {
    seed();
    const { seen, mielto } = lines();
    await clock.run(
      raw(mielto).PUT('/api/v1/memories/{memory_id}', {
        params: { path: { memory_id: 'mem_1' } },
        body: 'memory' as never,
        ...init,
      }),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/ attempt 1: \d+ in \d+ ms, sent \d+ bytes, received \d+ bytes$/);
  });

  it('debug: a failed attempt by its error, and an abort', async () => {
    seed();
    fake.delayNext({ ms: 5_000 });
    const { seen, mielto } = lines();
    const controller = new AbortController();
    const pending = mielto.memories.update('mem_1', { memory: 'x' }, { signal: controller.signal, timeout: 1_000 });
    await clock.run(pending.then(() => undefined));
    fake.delayNext({ ms: 5_000 });
    const aborted = mielto.memories.update('mem_1', { memory: 'x' }, { signal: controller.signal });
    await clock.whenPending(2);
    controller.abort();
    await rejectionOf(clock.run(aborted));
    expect(seen.map((line) => line.replace(/^(debug .*?) in \d+ ms.*/, '$1'))).toEqual([
      `debug ${ATTEMPT} 1: TimeoutError`,
      'info memwire: Mielto memories.update: retrying in 500 ms after attempt 1 (TimeoutError)',
      `debug ${ATTEMPT} 2: 200`,
      `debug ${ATTEMPT} 1: AbortError`,
    ]);
  });

  it('info shows the retries, not the attempts', async () => {
    seed();
    fake.failNext({ status: 429, retryAfter: 3 });
    const { seen, mielto } = lines('info');
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(seen).toEqual(['info memwire: Mielto memories.update: retrying in 3000 ms after attempt 1 (429)']);
  });

  it('warn: a write not retried because it may have been applied, and a Retry-After over the cap', async () => {
    seed();
    fake.dropNext({ applied: true });
    const { seen, mielto } = lines('warn');
    // A raw POST is not idempotent: a dropped connection may have been applied.
    const replaced = raw(mielto).POST('/api/v1/memories/{memory_id}/replace', {
      params: { path: { memory_id: 'mem_1' } },
      body: { memory: 'x' },
    });
    await rejectionOf(clock.run(replaced));
    fake.failNext({ status: 503, retryAfter: 120 });
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(seen).toEqual([
      'warn memwire: Mielto POST /api/v1/memories/{memory_id}/replace: not retried after attempt 1 (ConnectionError): the server may have applied the write',
      'warn memwire: Mielto memories.update: the server asked to wait 120000 ms (Retry-After), beyond the 60000 ms memwire waits: backing off instead',
    ]);
  });

  it('error: nothing, since every failure reaches the caller as a thrown error', async () => {
    seed();
    fake.failNext({ status: 500, times: 5 });
    const { seen, mielto } = lines('error');
    await rejectionOf(clock.run(mielto.memories.update('mem_1', { memory: 'x' })));
    expect(seen).toEqual([]);
  });

  it('is off by default, and MEMWIRE_LOG sets the level where logLevel is not given', async () => {
    seed();
    const seen: string[] = [];
    const logger = { debug: () => seen.push('debug'), info: () => seen.push('info'), warn: () => {}, error: () => {} };
    await clock.run(client({ logger }).memories.update('mem_1', { memory: 'x' }));
    expect(seen).toEqual([]);
    process.env.MEMWIRE_LOG = 'debug';
    await clock.run(client({ logger }).memories.update('mem_1', { memory: 'x' }));
    expect(seen).toEqual(['debug']);
    await clock.run(client({ logger, logLevel: 'off' }).memories.update('mem_1', { memory: 'x' }));
    expect(seen).toEqual(['debug']);
  });

  it('never shows a secret the server echoes, nor lets a failing logger fail the call', async () => {
    seed();
    fake.failNext({ status: 503, retryAfter: 1, headers: { 'x-echo': API_KEY } });
    const { seen, mielto } = lines();
    await clock.run(mielto.memories.update('mem_1', { memory: 'x' }));
    expect(seen).toHaveLength(3);
    expect(seen.join('\n')).not.toContain(API_KEY);
    const throwing = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    throwing.debug = () => {
      throw new Error('disk full');
    };
    fake.failNext({ status: 503, retryAfter: 1 });
    await clock.run(client({ logger: throwing, logLevel: 'debug' }).memories.update('mem_1', { memory: 'x' }));
    expect(fake.requests).toHaveLength(4);
  });

  it('warns once of a MEMWIRE_LOG it does not know, and logs nothing: the environment is not the code', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      process.env.MEMWIRE_LOG = 'loud';
      const first = client();
      client();
      expect(warn.mock.calls).toEqual([
        ['memwire: MEMWIRE_LOG must be one of off, error, warn, info, debug, got "loud": logging stays off'],
      ]);
      seed();
      await clock.run(first.memories.update('mem_1', { memory: 'x' }));
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      delete process.env.MEMWIRE_LOG;
      warn.mockRestore();
    }
  });

  it('debug: an attempt that sends nothing after a redirected one says so, and names the origin it was bound for, not the redirect target', async () => {
    const { lines: seen, logger } = recordingLogger();
    // The API redirects (307) to another origin, which answers 503 with a wait of 0: an idempotent
    // update is retried, and its second attempt fails at the key function, before anything is sent.
    const fetch = (request: Request) =>
      Promise.resolve(
        new URL(request.url).host === 'api.mielto.com'
          ? new Response(null, { status: 307, headers: { location: `https://eu.mielto.com${new URL(request.url).pathname}` } })
          : new Response('{}', { status: 503, headers: { 'retry-after': '0' } }),
      );
    let keys = 0;
    const apiKey = () => {
      if (++keys > 1) throw new Error('the vault is down');
      return API_KEY;
    };
    const mielto = client({ apiKey, fetch, logger, logLevel: 'debug' });
    const error = await rejectionOf(clock.run(mielto.memories.update('mem_1', { memory: 'Prefers oat milk' })));
    expect(error.message).toMatch(/apiKey function failed/);
    const attempts = seen.filter((line) => line.startsWith('debug '));
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toContain('PUT https://eu.mielto.com/api/v1/memories/{memory_id} attempt 1: 503');
    expect(attempts[1]).toMatch(
      / PUT https:\/\/api\.mielto\.com\/api\/v1\/memories\/\{memory_id\} attempt 2: MemwireError in \d+ ms, nothing sent$/,
    );
  });

  it('debug: a call the caller aborts logs whether its attempt was sent: nothing while it waits for a slot, its bytes once in flight', async () => {
    const { lines: seen, logger } = recordingLogger();
    // The first call is sent and never answered; the second waits for the one slot.
    const fetch = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
      );
    const mielto = client({ fetch, logger, logLevel: 'debug', maxConcurrency: 1, timeout: 60_000 });
    const first = new AbortController();
    const second = new AbortController();
    const sent = rejectionOf(mielto.memories.update('mem_1', { memory: 'Prefers oat milk' }, { signal: first.signal }));
    const waiting = rejectionOf(mielto.memories.update('mem_1', { memory: 'Prefers tea' }, { signal: second.signal }));
    await clock.advance(0);
    second.abort();
    expect((await waiting).name).toBe('AbortError');
    first.abort();
    expect((await sent).name).toBe('AbortError');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(new RegExp(`^debug ${escape(ATTEMPT)} 1: AbortError in \\d+ ms, nothing sent$`));
    expect(seen[1]).toMatch(new RegExp(`^debug ${escape(ATTEMPT)} 1: AbortError in \\d+ ms, sent 29 bytes \\(memory\\)$`));
  });

  it('refuses a level it does not know and a logger without the four methods', () => {
    expect(() => client({ logLevel: 'verbose' as never })).toThrow(InvalidArgumentError);
    expect(() => client({ logLevel: 'verbose' as never })).toThrow(
      'Mielto: logLevel must be one of off, error, warn, info, debug, got "verbose"',
    );
    expect(() => client({ logger: { log: () => {} } as never })).toThrow(
      'Mielto: logger must have debug, info, warn and error methods',
    );
    expect(() => client({ logger: { debug: () => {}, info: () => {}, warn: () => {} } as never })).toThrow(
      'Mielto: logger must have debug, info, warn and error methods',
    );
  });
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
