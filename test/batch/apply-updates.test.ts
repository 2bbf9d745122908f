// memwire/batch's applyUpdates against the four fakes, on a virtual clock.
import { getEventListeners } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyUpdates, checkUpdate, DEFAULT_CONCURRENCY, type Update, type UpdateOutcome } from '../../src/batch/index.js';
import { HookError, InvalidArgumentError, MemoryLayer, Mielto, OpenSearchMemory, Supermemory } from '../../src/index.js';
import { fourFakes } from '../helpers/four-fakes.js';
import { API_KEY } from '../helpers/use-fake.js';

const { clock, osBase, fakes, seedAll, options } = fourFakes();
const clients = {
  mielto: new Mielto({ apiKey: API_KEY, ...options }),
  memoryLayer: new MemoryLayer({ apiKey: API_KEY, ...options }),
  supermemory: new Supermemory({ apiKey: API_KEY, ...options }),
  openSearch: new OpenSearchMemory({ baseUrl: osBase, auth: { apiKey: API_KEY }, ...options }),
};
beforeEach(seedAll);

/** Every outcome, in the order they were yielded, with the virtual clock run as needed. */
function collect(iterable: AsyncIterable<UpdateOutcome>): Promise<UpdateOutcome[]> {
  const all = async () => {
    const outcomes: UpdateOutcome[] = [];
    for await (const outcome of iterable) outcomes.push(outcome);
    return outcomes;
  };
  return clock.run(all());
}

const mieltoUpdate = (memory: string, memory_id = 'mem_1') => ({
  operation: 'mielto_update_memory',
  input: { memory_id, memory },
});
const supermemoryUpdate = (newContent: string) => ({
  operation: 'supermemory_update_memory',
  input: { containerTag: 'user_1', id: 'mem_1', newContent },
});

/** Updates 0, 1, 2… forever, counting how many were read. */
function endless() {
  const read = { count: 0, returned: false };
  function* updates() {
    try {
      for (;;) yield mieltoUpdate(`note ${read.count++}`);
    } finally {
      read.returned = true;
    }
  }
  return { read, updates: updates() };
}

describe('applyUpdates', () => {
  it('gives every update of every provider exactly one outcome, and never stops at a failure', async () => {
    fakes.memoryLayer.failNext({ status: 404 });
    const updates = [
      mieltoUpdate('Likes coffee'),
      { operation: 'memorylayer_update_memory', input: { id: 'mem_1', content: 'Likes coffee' } },
      supermemoryUpdate('Likes coffee'),
      { operation: 'opensearch_update_long_term_memory', input: { memory_container_id: 'c1', id: 'l1', memory: 'Likes coffee' } },
      { operation: 'mielto_replace_memory', input: { memory_id: 'mem_1', memory: 'x', topics: 'not a list' } },
    ];
    const outcomes = await collect(applyUpdates(clients, updates));
    expect(outcomes.map((outcome) => outcome.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const byIndex = Object.fromEntries(outcomes.map((outcome) => [outcome.index, outcome]));
    expect(byIndex[0]).toMatchObject({ operation: 'mielto_update_memory', status: 'updated', result: { memory_id: 'mem_1' } });
    expect(byIndex[1]).toMatchObject({ status: 'failed', error: { name: 'NotFoundError', applied: 'no' } });
    expect(byIndex[2]).toMatchObject({ status: 'updated', result: { version: 2 } });
    expect(byIndex[3]).toMatchObject({ status: 'updated', result: { result: 'updated' } });
    expect(byIndex[4]).toMatchObject({ status: 'failed', error: { name: 'ValidationError' } });
    expect(fakes.mielto.get('mem_1')?.memory).toBe('Likes coffee');
  });

  it("reports a Supermemory write that may have landed as 'unknown', sent once, one version made", async () => {
    fakes.supermemory.failNext({ status: 500, applied: true });
    const [outcome] = await collect(applyUpdates(clients, [supermemoryUpdate('Likes coffee')]));
    expect(outcome).toMatchObject({ status: 'unknown', error: { name: 'ServerError', applied: 'unknown' } });
    expect(fakes.supermemory.requests).toHaveLength(1);
    expect(fakes.supermemory.versions('user_1')).toHaveLength(2);
  });

  it('calls an update again, up to three calls, when its call ends refused for the rate with a wait asked', async () => {
    // Three 429s end the first call (maxRetries 2); the second call is answered.
    fakes.supermemory.failNext({ status: 429, retryAfter: 1, times: 3 });
    const [outcome] = await collect(applyUpdates({ supermemory: clients.supermemory }, [supermemoryUpdate('Likes coffee')]));
    expect(outcome).toMatchObject({ status: 'updated', result: { version: 2 } });
    expect(fakes.supermemory.requests).toHaveLength(4);

    // Refused every time: three calls, then failed, never applied.
    fakes.supermemory.failNext({ status: 429, retryAfter: 1, times: Infinity });
    const [refused] = await collect(applyUpdates({ supermemory: clients.supermemory }, [supermemoryUpdate('Likes tea')]));
    expect(refused).toMatchObject({ status: 'failed', error: { name: 'RateLimitError', applied: 'no' } });
    expect(fakes.supermemory.requests).toHaveLength(4 + 9);
    fakes.supermemory.clearFaults();

    // A 429 that asked for no wait ends the update with its call.
    fakes.supermemory.failNext({ status: 429, times: 3 });
    const [bare] = await collect(applyUpdates({ supermemory: clients.supermemory }, [supermemoryUpdate('Likes milk')]));
    expect(bare).toMatchObject({ status: 'failed', error: { name: 'RateLimitError' } });
    expect(fakes.supermemory.versions('user_1')).toHaveLength(2);
  });

  it('never calls a non-idempotent update again after a 429 from where it was redirected: the hop before may have applied it', async () => {
    // Supermemory answers 307 to another host, which answers 429 asking for a wait.
    const sent: string[] = [];
    const fetch = (request: Request) => {
      sent.push(new URL(request.url).host);
      return Promise.resolve(
        sent.length % 2
          ? new Response(null, { status: 307, headers: { location: 'https://eu.supermemory.ai/v4/memories' } })
          : new Response('{}', { status: 429, headers: { 'retry-after': '1' } }),
      );
    };
    const supermemory = new Supermemory({ apiKey: API_KEY, ...options, fetch });
    const [outcome] = await collect(applyUpdates({ supermemory }, [supermemoryUpdate('Likes coffee')]));
    expect(outcome).toMatchObject({ status: 'unknown', error: { name: 'RateLimitError', applied: 'unknown' } });
    expect(sent).toEqual(['api.supermemory.ai', 'eu.supermemory.ai']);
  });

  it('calls an idempotent update again after a 429 even when an earlier attempt may have landed: sending it twice is harmless', async () => {
    // A 500 the fake applied, then two 429s: the first call ends refused for the rate, applied 'unknown'.
    fakes.mielto.failNext({ status: 500, applied: true });
    fakes.mielto.failNext({ status: 429, retryAfter: 1, times: 2 });
    const [outcome] = await collect(applyUpdates({ mielto: clients.mielto }, [mieltoUpdate('Likes coffee')]));
    expect(outcome).toMatchObject({ status: 'updated' });
    expect(fakes.mielto.requests).toHaveLength(4);
  });

  it('fails an update with no client, an unknown operation or a refused input, with the reason, sending nothing', async () => {
    const updates = [
      mieltoUpdate('Likes coffee'),
      { operation: 'mielto_updat_memory', input: { memory_id: 'mem_1', memory: 'x' } },
      { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memroy: 'x' } },
      { operation: 'mielto_update_memory' },
      'not an update',
      { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memory: 'x' }, extra: 1 },
      null,
      { input: { memory_id: 'mem_1', memory: 'x' } },
      { operation: 'mielto_update_memory', input: { memory_id: 'mem_1', memroy: 'x', tpics: [] } },
    ];
    const outcomes = await collect(applyUpdates({ supermemory: clients.supermemory }, updates as never[]));
    const messages = outcomes.sort((a, b) => a.index - b.index).map((outcome) => [outcome.status, outcome.error?.message]);
    expect(messages).toEqual([
      [
        'failed',
        'mielto_update_memory needs a client for Mielto, and none was given: pass { mielto } to applyUpdates. Nothing was sent.',
      ],
      ['failed', '`mielto_updat_memory` is not an operation of memwire; did you mean `mielto_update_memory`? Nothing was sent.'],
      ['failed', '`memroy` is not a field of mielto_update_memory; did you mean `memory`? Nothing was sent.'],
      ['failed', 'mielto_update_memory takes one object of fields, got undefined. Nothing was sent.'],
      ['failed', 'An update is an object { operation, input }, got string. Nothing was sent.'],
      ['failed', 'An update has only `operation` and `input`; `extra` is not one of them. Nothing was sent.'],
      ['failed', 'An update is an object { operation, input }, got null. Nothing was sent.'],
      ['failed', 'An update needs `operation`, the name of an operation (a string). Nothing was sent.'],
      [
        'failed',
        '`memroy` is not a field of mielto_update_memory; did you mean `memory`? `tpics` is not a field of mielto_update_memory; did you mean `topics`? Nothing was sent.',
      ],
    ]);
    for (const outcome of outcomes) expect(outcome.error).toBeInstanceOf(InvalidArgumentError);
    expect(outcomes.map((outcome) => outcome.error?.applied)).toEqual(Array(9).fill('no'));
    expect(outcomes.map((outcome) => outcome.operation)).toEqual([
      'mielto_update_memory',
      'mielto_updat_memory',
      'mielto_update_memory',
      'mielto_update_memory',
      '',
      'mielto_update_memory',
      '',
      '',
      'mielto_update_memory',
    ]);
    expect(fakes.mielto.requests).toHaveLength(0);
  });

  it('keeps at most `concurrency` updates in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const counting = new Mielto({
      apiKey: API_KEY,
      ...options,
      fetch: async (request: Request) => {
        most = Math.max(most, ++inFlight);
        try {
          return await options.fetch(request);
        } finally {
          inFlight--;
        }
      },
    });
    fakes.mielto.delayNext({ ms: 100, times: Infinity });
    const updates = Array.from({ length: 20 }, (_, i) => mieltoUpdate(`note ${i}`));
    expect(await collect(applyUpdates({ mielto: counting }, updates, { concurrency: 3 }))).toHaveLength(20);
    expect(most).toBe(3);
    most = 0;
    await collect(applyUpdates({ mielto: counting }, updates));
    expect(most).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBe(4);
  });

  it('reads updates only as slots free up, and closes the source when the loop is left', async () => {
    const { read, updates } = endless();
    const outcomes: UpdateOutcome[] = [];
    await clock.run(
      (async () => {
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates, { concurrency: 3 })) {
          outcomes.push(outcome);
          if (outcomes.length === 5) break;
        }
      })(),
    );
    // Five yielded, at most three more started (and awaited) before the loop was left.
    expect(read.count).toBeLessThanOrEqual(8);
    expect(read.returned).toBe(true);
    expect(fakes.mielto.requests.length).toBe(read.count);
  });

  it('takes an async iterable, reading it lazily', async () => {
    async function* updates() {
      for (let i = 0; i < 3; i++) yield await Promise.resolve(mieltoUpdate(`note ${i}`));
    }
    const outcomes = await collect(applyUpdates({ mielto: clients.mielto }, updates()));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated', 'updated', 'updated']);
  });

  it('stops starting updates when `signal` aborts, yielding those in flight as they end', async () => {
    const { read, updates } = endless();
    const controller = new AbortController();
    fakes.mielto.delayNext({ ms: 100, times: Infinity });
    const outcomes: UpdateOutcome[] = [];
    await clock.run(
      (async () => {
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates, {
          concurrency: 2,
          signal: controller.signal,
        })) {
          outcomes.push(outcome);
          controller.abort();
        }
      })(),
    );
    // The first ended and aborted; the other in flight ended too; nothing more was started.
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated', 'updated']);
    expect(read.count).toBe(2);
    expect(fakes.mielto.requests).toHaveLength(2);
  });

  it('starts nothing, and reads nothing, when `signal` is already aborted', async () => {
    const { read, updates } = endless();
    const outcomes = await collect(applyUpdates({ mielto: clients.mielto }, updates, { signal: AbortSignal.abort() }));
    expect(outcomes).toEqual([]);
    expect([read.count, fakes.mielto.requests.length]).toEqual([0, 0]);
  });

  it('ends on an abort that comes while it waits on the source with nothing in flight, leaving no listener on the signal', async () => {
    const controller = new AbortController();
    async function* updates() {
      await new Promise(() => {}); // a terminal nobody types into
      yield mieltoUpdate('never read');
    }
    clock.setTimeout(() => controller.abort(), 50);
    expect(await collect(applyUpdates({ mielto: clients.mielto }, updates(), { signal: controller.signal }))).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('never starts an update the source gives after an abort, or after the loop was left', async () => {
    for (const leave of ['abort', 'break'] as const) {
      const controller = new AbortController();
      async function* updates() {
        yield mieltoUpdate('one');
        await new Promise<void>((resolve) => clock.setTimeout(resolve, 100));
        yield mieltoUpdate('two'); // read while the loop is ending, or after it ended
      }
      await clock.run(
        (async () => {
          const signal = controller.signal;
          for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates(), { signal })) {
            expect(outcome.status).toBe('updated');
            if (leave === 'break') break;
            controller.abort();
          }
        })(),
      );
      await clock.advance(200);
      expect(fakes.mielto.requests.map((request) => (request.body as { memory: string }).memory)).toEqual(['one']);
      fakes.mielto.reset();
      seedAll();
    }
  });

  it('waits, when the loop is left early, for the updates still in flight, and takes an array as the source', async () => {
    fakes.mielto.delayNext({ ms: 100, times: Infinity });
    await clock.run(
      (async () => {
        const updates = [mieltoUpdate('one'), mieltoUpdate('two'), mieltoUpdate('three')];
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates, { concurrency: 2 })) {
          expect(outcome.status).toBe('updated');
          break;
        }
      })(),
    );
    expect(fakes.mielto.requests.map((request) => request.outcome)).toEqual([200, 200]);
  });

  it("calls an update whose client throws what memwire never throws 'unknown', without the error's text", async () => {
    const broken = { memories: { update: () => Promise.reject(new TypeError(`boom ${API_KEY}`)) } } as unknown as Mielto;
    const [outcome] = await collect(applyUpdates({ mielto: broken }, [mieltoUpdate('x')]));
    expect(outcome).toMatchObject({
      status: 'unknown',
      error: { message: 'The update failed unexpectedly (TypeError), and may have been applied.', applied: 'unknown' },
    });
    expect(JSON.stringify(outcome)).not.toContain(API_KEY);
  });

  it("fails an update whose fields throw when read (a database row's lazy getter), without its text, and goes on with the rest", async () => {
    const lazy = {
      operation: 'mielto_update_memory',
      input: {
        memory_id: 'mem_1',
        get memory(): string {
          throw new Error(`connection closed ${API_KEY}`);
        },
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('revoked');
        },
      },
    );
    const outcomes = await collect(applyUpdates(clients, [lazy, proxy as Update, mieltoUpdate('Likes coffee')]));
    const byIndex = Object.fromEntries(outcomes.map((outcome) => [outcome.index, outcome]));
    const unread = {
      status: 'failed',
      error: { message: 'The update could not be read: a field threw. Nothing was sent.', applied: 'no' },
    };
    expect(byIndex[0]).toMatchObject({ operation: 'mielto_update_memory', ...unread });
    expect(byIndex[1]).toMatchObject({ operation: '', ...unread });
    expect(byIndex[2]).toMatchObject({ status: 'updated' });
    expect(JSON.stringify(outcomes)).not.toContain(API_KEY);
    expect(fakes.mielto.requests).toHaveLength(1);
  });

  it('yields an outcome while the source is slow to give the next, and ends on abort without waiting for it', async () => {
    const controller = new AbortController();
    async function* updates() {
      yield mieltoUpdate('one');
      await new Promise(() => {}); // a terminal nobody types into
    }
    const outcomes: UpdateOutcome[] = [];
    await clock.run(
      (async () => {
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates(), { signal: controller.signal })) {
          outcomes.push(outcome);
          controller.abort();
        }
      })(),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated']);
  });

  it("aborts the updates in flight on `inFlightSignal`: a sent Supermemory write is 'unknown', never re-sent", async () => {
    const controller = new AbortController();
    fakes.supermemory.delayNext({ ms: 100 });
    const running = collect(
      applyUpdates({ supermemory: clients.supermemory }, [supermemoryUpdate('Likes coffee')], {
        signal: controller.signal,
        inFlightSignal: controller.signal,
      }),
    );
    // Halfway through the server's delay, on the virtual clock: the request is out.
    clock.setTimeout(() => controller.abort(), 50);
    const [outcome] = await running;
    expect(outcome).toMatchObject({ status: 'unknown', error: { name: 'AbortError', applied: 'unknown' } });
    expect(fakes.supermemory.requests).toHaveLength(1);
  });

  it('yields the updates in flight when the source fails, then throws its error', async () => {
    fakes.mielto.delayNext({ ms: 100, times: Infinity });
    function* updates() {
      yield mieltoUpdate('one');
      yield mieltoUpdate('two');
      throw new Error('the file could not be read');
    }
    const outcomes: UpdateOutcome[] = [];
    const run = clock.run(
      (async () => {
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, updates())) outcomes.push(outcome);
      })(),
    );
    const error = (await run.catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('the file could not be read');
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['updated', 'updated']);
  });

  it('reads no further from a source that threw, and waits for a source to close before the loop ends', async () => {
    let reads = 0;
    const throwsOnce: Iterator<unknown> & Iterable<unknown> = {
      next() {
        if (++reads === 2) throw new Error('a bad read');
        return { value: mieltoUpdate(`note ${reads}`), done: reads > 4 };
      },
      [Symbol.iterator]: () => throwsOnce,
    };
    const failed = clock.run(collect(applyUpdates({ mielto: clients.mielto }, throwsOnce as Iterable<never>)));
    expect(((await failed.catch((caught: unknown) => caught)) as Error).message).toBe('a bad read');
    expect(reads).toBe(2);

    let closed = false;
    const closesLater: AsyncIterator<unknown> & AsyncIterable<unknown> = {
      next: () => Promise.resolve({ value: mieltoUpdate('one'), done: false }),
      return: () => new Promise((resolve) => clock.setTimeout(() => resolve({ value: undefined, done: (closed = true) }), 10)),
      [Symbol.asyncIterator]: () => closesLater,
    };
    const closedWhenLeft = await clock.run(
      (async () => {
        for await (const outcome of applyUpdates({ mielto: clients.mielto }, closesLater as AsyncIterable<never>)) {
          expect(outcome.status).toBe('updated');
          break;
        }
        return closed;
      })(),
    );
    expect(closedWhenLeft).toBe(true);
  });

  it("counts a write answered 2xx whose afterResponse hook failed as 'updated', with the answer and the HookError", async () => {
    const hooked = new Mielto({
      apiKey: API_KEY,
      ...options,
      hooks: {
        afterResponse: () => {
          throw new Error('metrics are down');
        },
      },
    });
    const [outcome] = await collect(applyUpdates({ mielto: hooked }, [mieltoUpdate('Likes coffee')]));
    expect(outcome).toMatchObject({ status: 'updated', result: { memory_id: 'mem_1' } });
    expect(outcome?.error).toBeInstanceOf(HookError);
  });

  it('never shows the key in an outcome, even when the server echoes it', async () => {
    fakes.mielto.failNext({ status: 401, body: { detail: `bad key ${API_KEY}` } });
    const [outcome] = await collect(applyUpdates({ mielto: clients.mielto }, [mieltoUpdate('x')]));
    expect(outcome).toMatchObject({ status: 'failed', error: { name: 'AuthenticationError' } });
    expect(JSON.stringify(outcome)).not.toContain(API_KEY);
    expect(String(outcome?.error?.message)).not.toContain(API_KEY);
  });

  it('refuses a misspelled option, a concurrency below 1 and updates that are not iterable, at once', () => {
    expect(() => applyUpdates(clients, [], { concurency: 2 } as never)).toThrow('unknown applyUpdates option "concurency"');
    expect(() => applyUpdates(clients, [], { concurrency: 0 })).toThrow(
      'applyUpdates: concurrency must be a whole number of at least 1, got 0',
    );
    expect(() => applyUpdates(clients, [], { concurrency: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => applyUpdates(clients, [], { concurrency: 1 })).not.toThrow();
    expect(() => applyUpdates(clients, null as never)).toThrow('updates must be an iterable or an async iterable');
    expect(() => applyUpdates(clients, 42 as never)).toThrow('updates must be an iterable or an async iterable');
  });
});

describe('checkUpdate', () => {
  it('lists what keeps an update from being sent, locally', () => {
    expect(checkUpdate(mieltoUpdate('fine'))).toEqual([]);
    expect(
      checkUpdate({ operation: 'supermemory_update_memory', input: { containerTag: 'u', newContent: 'x', metdata: {} } }),
    ).toEqual(['`metdata` is not a field of supermemory_update_memory; did you mean `metadata`?']);
    // What the client refuses before sending, so that a dry run does not call such a line ready.
    expect(checkUpdate({ operation: 'memorylayer_update_memory', input: { id: 'mem_1' } })).toEqual([
      'memorylayer_update_memory needs one of `content`, `layerId`, `metadata` (or it changes nothing).',
    ]);
    expect(checkUpdate({ operation: 'supermemory_update_memory', input: { containerTag: 'u', newContent: 'x' } })).toEqual([
      'supermemory_update_memory needs one of `id`, `content` (to find the memory).',
    ]);
    expect(checkUpdate({ operation: 'nope', input: {} })[0]).toMatch(
      /^`nope` is not an operation of memwire; the operations are mielto_update_memory, /,
    );
  });
});
